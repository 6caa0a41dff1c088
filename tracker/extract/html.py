"""HTML renditions of a letter: the kamerstuk page of officielebekendmakingen.nl, or plainer pages.

The publication site marks its structure with classes (`h1.stuktitel`, `h2.tussenkop`,
`h3.deel`, `h4.agendapunt-titel`, `p.procedure`, `div.noten`, …). A page without those
classes still yields blocks: h1–h6 as headings by rank, paragraphs, lists, footnote
references (`<sup>n</sup>` or `<a href="#…">n</a>`) and the footnote list they point to.

What the reader skips (site navigation, header and footer, the kamerstuk head, the page
around the letter's element) is reported as chrome; the kamerstuk head also as hints.
Paragraphs that are web-page chrome by the rules of `chrome` (a page that shows its
metadata as text) are taken out the same way as from plain text.
"""

from __future__ import annotations

import re
from dataclasses import field, replace

from lxml import etree

from tracker import patterns
from tracker.dutch import addressee_from_name
from tracker.records import dataclass

from .base import HEADING, KIND, LI, SIGNATURE, TITLE, Block, Extracted, P, note_marker
from .chrome import ChromeSplit, header_hints, split_chrome
from .safexml import clean_text, parse_html

_SKIP_TAGS = frozenset(
    {"script", "style", "nav", "header", "footer", "noscript", "template", "form", "aside"}
    | {"button", "svg", "iframe", "object", "head", "title", "select", "input", "label"}
)
# Classes of the kamerstuk head and of page furniture: metadata, not reading text.
_SKIP_CLASSES = frozenset(
    {"kamerstukkop", "vergaderjaar", "dossiernummer", "dossiertitel", "stuknummer"}
    | {"kamerstukdatum", "inhoudsopgave", "kopregel", "voetregel", "noten", "footnotes"}
)
_SKIP_IDS = frozenset({"inhoudsopgave", "kopregel", "voetregel", "toc"})
# Skipped parts that hold no reading text of any kind: never reported as chrome.
_INVISIBLE_TAGS = frozenset(
    {"script", "style", "head", "title", "template", "svg", "iframe", "object", "noscript"}
)
_NOTE_CLASSES = frozenset({"noten", "footnotes"})
_HEAD_CLASSES = ("kamerstukkop", "vergaderjaar", "dossiernummer", "dossiertitel", "stuknummer")
_BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "li", "table", "section", "article", "main", "blockquote"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "pre", "figure", "hr"}
    | {"tr", "td", "th", "thead", "tbody", "caption", "center", "address"}
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOTES_CONTAINER_RE = patterns.compile(
    r"(^|[\s_-])(noten|voetnoten|footnotes?|endnotes|notes)($|\s)", re.I
)
_NOTES_HEADING_RE = patterns.compile(r"(voet)?noten|foot ?notes|notes", re.I)
_NOTE_NUMBER_RE = patterns.compile(r"[\[(]?(\d{1,3})[\])]?")
_ITEM_NUMBER_RE = patterns.compile(r"\(?([IVXLC]+|\d{1,3}|[a-z])[.)]\s")
_LEADING_NUMBER_RE = patterns.compile(r"(\d{1,3})[.)]?\s+")
_BACKLINKS_RE = patterns.compile("[\u21a9\u2191\ufe0e]")


def _tag(el: etree._Element) -> str:
    """The lower-case tag of an element; "" for anything else."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _classes(el: etree._Element) -> set[str]:
    """The class names of an element."""
    return set((el.get("class") or "").split())


def _is_notes_container(el: etree._Element) -> bool:
    """True for the block holding the footnotes (div.noten, ol.footnotes, section#voetnoten)."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return _tag(el) in ("div", "section", "ol", "ul", "aside") and bool(
        _NOTES_CONTAINER_RE.search(names)
    )


def _note_number(el: etree._Element) -> str | None:
    """The number a note reference or note marker shows, e.g. "12" for `<sup>12</sup>`."""
    match = _NOTE_NUMBER_RE.fullmatch(clean_text(el.text_content()))
    return match.group(1) if match else None


def _note_block(el: etree._Element) -> etree._Element:
    """The paragraph-like element holding a note whose anchor is `el`."""
    node: etree._Element | None = el
    while node is not None and _tag(node) not in ("li", "p", "div", "dd", "aside", "section"):
        node = node.getparent()
    return node if node is not None else el


@dataclass
class _Notes:
    """Footnote references (element → number) and definitions (element → number)."""

    refs: dict[etree._Element, str] = field(default_factory=dict)
    defs: dict[etree._Element, str] = field(default_factory=dict)
    containers: list[etree._Element] = field(default_factory=list)

    def inside_notes(self, el: etree._Element) -> bool:
        """True when `el` lies in a footnote container or definition."""
        for ancestor in el.iterancestors():
            if ancestor in self.defs or any(ancestor is c for c in self.containers):
                return True
        return el in self.defs


def _numeric_links(body: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """(element, number, target id) of every in-page link showing a number."""
    found = []
    for link in body.iter("a"):
        href = link.get("href") or ""
        number = _note_number(link)
        if href.startswith("#") and len(href) > 1 and number:
            found.append((link, number, href[1:]))
    return found


def _container_items(container: etree._Element) -> list[etree._Element]:
    """The note-like children of a footnote container, looking into a list it wraps."""
    items: list[etree._Element] = []
    for child in container:
        if _tag(child) in ("ol", "ul"):
            items.extend(c for c in child if _tag(c) == "li")
        elif _tag(child) in ("li", "div", "p"):
            items.append(child)
    return items


def _container_defs(notes: _Notes) -> None:
    """Notes inside footnote containers that no reference points to, numbered as shown."""
    for container in notes.containers:
        items = [c for c in _container_items(container) if c not in notes.defs]
        for position, item in enumerate(items, start=1):
            text = clean_text(item.text_content())
            if not text:
                continue
            leading = _LEADING_NUMBER_RE.match(text)
            marker = next((m for m in item.iter("sup", "a") if _note_number(m)), None)
            number = _note_number(marker) if marker is not None else None
            notes.defs[item] = number or (leading.group(1) if leading else str(position))


def _find_notes(body: etree._Element) -> _Notes:
    """Locate footnote containers, definitions and the references pointing at them."""
    notes = _Notes(containers=[el for el in body.iter() if _is_notes_container(el)])
    ids = {el.get("id"): el for el in body.iter() if el.get("id")}
    ids |= {el.get("name"): el for el in body.iter("a") if el.get("name")}
    order = {el: position for position, el in enumerate(body.iter())}
    links = [link for link in _numeric_links(body) if not notes.inside_notes(link[0])]
    for link, number, target in links:
        # A reference points forward to its note; a back-link from the note points back.
        if target in ids and order[ids[target]] > order[link]:
            notes.defs.setdefault(_note_block(ids[target]), number)
    for link, number, _target in links:
        if not notes.inside_notes(link):
            notes.refs[_ref_element(link)] = number
    _container_defs(notes)
    _bare_sup_refs(body, notes)
    return notes


def _ref_element(link: etree._Element) -> etree._Element:
    """The element a reference marker replaces: the enclosing <sup> when there is one."""
    parent = link.getparent()
    if parent is not None and _tag(parent) == "sup" and _note_number(parent):
        return parent
    return link


def _bare_sup_refs(body: etree._Element, notes: _Notes) -> None:
    """Numeric <sup> without a link, outside the notes: a reference too."""
    for sup in body.iter("sup"):
        if sup in notes.refs or any(a in notes.refs for a in sup.iter("a")):
            continue
        number = _note_number(sup)
        if number and not notes.inside_notes(sup):
            notes.refs[sup] = number


@dataclass
class _ListCtx:
    """Inside a list item: paragraphs become LI blocks of this depth and style."""

    level: int
    style: str
    first: bool = True


def _list_style(el: etree._Element) -> str:
    """bullet, circle, dash or number for a <ul>/<ol>."""
    look = f"{el.get('class') or ''} {el.get('style') or ''}".lower()
    if _tag(el) == "ol" or "decimal" in look or "alpha" in look or "roman" in look:
        return "number"
    for needle, style in (("circle", "circle"), ("-o", "circle"), ("streep", "dash")):
        if needle in look:
            return style
    return "dash" if "dash" in look else "bullet"


def _heading_ranks(body: etree._Element) -> dict[int, int]:
    """Heading level for each rank (h1…h6) of unclassed headings: the densest ranking."""
    plain = [h for h in body.iter(*_HEADINGS) if not h.get("class")]
    ranks = sorted({int(_tag(h)[1]) for h in plain})
    if [_tag(h) for h in plain].count("h1") == 1:
        ranks = [rank for rank in ranks if rank != 1]  # the one h1 is the title
    return {rank: min(position + 1, 3) for position, rank in enumerate(ranks)}


def _only_emphasis(el: etree._Element, tags: tuple[str, ...] = ("em", "i")) -> bool:
    """True when all text of `el` is inside one <em>/<i> (or one of `tags`)."""
    parts = [child for child in el if _tag(child) and _tag(child) != "sup"]
    if len(parts) != 1 or (el.text or "").strip() or (parts[0].tail or "").strip():
        return False
    return _tag(parts[0]) in tags


@dataclass
class _Reader:
    """Collects blocks while walking the page body."""

    notes: _Notes
    ranks: dict[int, int]
    blocks: list[Block] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # texts skipped as page furniture

    # -- inline text -----------------------------------------------------------

    def text(self, el: etree._Element, skip: etree._Element | None = None) -> str:
        """The clean reading text of `el` (without `skip`), footnote references as markers."""
        return clean_text(self._inline(el, skip))

    def _inline(self, el: etree._Element, skip: etree._Element | None = None) -> str:
        """The raw text of `el` and its inline children."""
        parts = [el.text or ""]
        for child in el:
            parts.append(self._inline_child(child, skip))
            parts.append(child.tail or "")
        return "".join(parts)

    def _inline_child(self, child: etree._Element, skip: etree._Element | None = None) -> str:
        """The text one child contributes to running text."""
        tag = _tag(child)
        if child is skip or not tag or tag in _SKIP_TAGS or "stuknummer" in _classes(child):
            return ""
        if child in self.notes.refs:
            return note_marker(self.notes.refs[child])
        if tag == "br":
            return " "
        inner = self._inline(child, skip)
        return f" {inner} " if tag in _BLOCK_TAGS else inner

    # -- blocks ----------------------------------------------------------------

    def add(self, text: str, role: str = P, **kwargs: object) -> None:
        """Append a block unless it has no text."""
        if text or kwargs.get("name"):
            self.blocks.append(Block(text=text, role=role, **kwargs))  # type: ignore[arg-type]

    def paragraph(self, text: str, ctx: _ListCtx | None, role: str = P) -> None:
        """A paragraph: P (or `role`) outside lists, LI inside one."""
        if not text:
            return
        if ctx is None:
            self.add(text, role)
            return
        self.add(text, LI, level=ctx.level, style=ctx.style, cont=not ctx.first)
        ctx.first = False

    def skipped(self, el: etree._Element) -> bool:
        """True for page furniture, metadata paragraphs and the footnotes."""
        tag = _tag(el)
        if not tag or tag in _SKIP_TAGS or _classes(el) & _SKIP_CLASSES:
            return True
        if (el.get("id") or "").lower() in _SKIP_IDS:
            return True
        return el in self.notes.defs or any(el is c for c in self.notes.containers)

    def walk(self, el: etree._Element, ctx: _ListCtx | None = None) -> None:
        """Read the children of `el`; runs of inline content between blocks are paragraphs."""
        run = [el.text or ""]
        for child in el:
            if _tag(child) in _BLOCK_TAGS or self.skipped(child):
                self.paragraph(clean_text("".join(run)), ctx)
                run = []
                self.block(child, ctx)
            else:
                run.append(self._inline_child(child))
            run.append(child.tail or "")
        self.paragraph(clean_text("".join(run)), ctx)

    def block(self, el: etree._Element, ctx: _ListCtx | None) -> None:
        """Read one block-level element."""
        tag = _tag(el)
        if self.skipped(el):
            return
        if tag in _HEADINGS:
            self.heading(el, int(tag[1]), ctx)
        elif tag == "p":
            self.para(el, ctx)
        elif tag in ("ul", "ol"):
            self.html_list(el, ctx.level + 1 if ctx else 1)
        elif tag == "li":
            self.list_item(el, _ListCtx(ctx.level if ctx else 1, ctx.style if ctx else "bullet"))
        elif tag == "table":
            self.table(el, ctx)
        elif tag != "hr":
            self.walk(el, ctx)

    def heading(self, el: etree._Element, rank: int, ctx: _ListCtx | None) -> None:
        """A heading: by its class on the publication site, else by rank."""
        text, classes = self.text(el), _classes(el)
        if ctx is not None:
            self.paragraph(text, ctx)
        elif classes & {"stuktitel", "agenda-titel"}:
            self.add(text, TITLE)
        elif "tussenkop" in classes:
            self.add(text, HEADING, level=max(1, min(rank - 1, 3)))
        elif "deel" in classes:
            self.add(text, HEADING, level=1)
        elif "agendapunt-titel" in classes:
            self.add(text, HEADING, level=max(2, min(rank - 2, 3)))
        elif _NOTES_HEADING_RE.fullmatch(text):
            self.furniture.append(text)  # the notes' own heading: they are read apart
        elif rank == 1 and not any(b.role in (TITLE, HEADING) for b in self.blocks):
            self.add(text, TITLE)
        else:
            self.add(text, HEADING, level=self.ranks.get(rank, 0))

    def para(self, el: etree._Element, ctx: _ListCtx | None) -> None:
        """A <p>: procedure line, signer, or a paragraph."""
        classes = _classes(el)
        if "procedure" in classes or self._looks_like_kind(el, ctx):
            self.add(self.text(el), KIND)
        elif ctx is None and ("tussenkop" in classes or _only_emphasis(el, ("strong", "b"))):
            self.add(self.text(el), HEADING, style="bold")  # a heading set as a bold line
        elif "functie" in classes:
            self.add(self.text(el), SIGNATURE)
        elif "naam" in classes:
            self.signer_name(self.text(el))
        elif any(_tag(child) in _BLOCK_TAGS for child in el):
            self.walk(el, ctx)
        else:
            self.paragraph(self.text(el), ctx)

    def _looks_like_kind(self, el: etree._Element, ctx: _ListCtx | None) -> bool:
        """An all-italic paragraph right under a numbered agenda item heading."""
        if ctx is not None or not self.blocks or not _only_emphasis(el):
            return False
        before = self.blocks[-1]
        return before.role == HEADING and bool(_ITEM_NUMBER_RE.match(before.text))

    def signer_name(self, name: str) -> None:
        """Attach a signer's name to the role line before it, or start a signer."""
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.role == SIGNATURE and not last.name:
            self.blocks[-1] = Block(text=last.text, role=SIGNATURE, name=name)
        else:
            self.add("", SIGNATURE, name=name)

    def html_list(self, el: etree._Element, level: int) -> None:
        """A <ul>/<ol>: each <li> at this depth."""
        style = _list_style(el)
        for child in el:
            if _tag(child) == "li" and not self.skipped(child):
                self.list_item(child, _ListCtx(level, style))
            elif _tag(child) in ("ul", "ol"):
                self.html_list(child, level + 1)

    def list_item(self, el: etree._Element, ctx: _ListCtx) -> None:
        """One <li>: its paragraphs as LI blocks, nested lists one deeper."""
        self.walk(el, ctx)

    def table(self, el: etree._Element, ctx: _ListCtx | None) -> None:
        """A table: its caption and each row as a paragraph, cells joined by " | "."""
        for caption in el.iter("caption"):
            self.paragraph(self.text(caption), ctx)
        for row in el.iter("tr"):
            cells = [self.text(cell) for cell in row if _tag(cell) in ("td", "th")]
            self.paragraph(" | ".join(cell for cell in cells if cell), ctx)


def _content_root(root: etree._Element) -> etree._Element:
    """The element holding the letter: #broodtekst, <main>, <article> or <body>."""
    for path in ("//*[@id='broodtekst']", "//main", "//article", "//body"):
        found = root.xpath(path)
        if found:
            return found[0]
    return root


def _note_text(reader: _Reader, el: etree._Element, number: str) -> str:
    """A footnote's text without its leading number and back-links."""
    marker = next((m for m in el.iter("sup", "a") if _note_number(m) == number), None)
    if marker is not None:
        outer = marker.getparent() if _tag(marker.getparent()) == "sup" else marker
        text = reader.text(el, skip=outer)
    else:
        text = reader.text(el)
        leading = _LEADING_NUMBER_RE.match(text)
        if leading and leading.group(1) == number:
            text = text[leading.end() :]
    return clean_text(_BACKLINKS_RE.sub("", text))


_META_HINTS = {
    "DC.identifier": "id",
    "DC.title": "title",
    "DCTERMS.issued": "date",
    "OVERHEIDop.dossiernummer": "dossier",
}


def _hints(root: etree._Element) -> dict[str, str]:
    """id, title, date, addressee, dossier from the meta tags and the kamerstuk head."""
    hints: dict[str, str] = {}
    creator = ""
    for meta in root.iter("meta"):
        name, content = meta.get("name") or "", clean_text(meta.get("content") or "")
        if name in _META_HINTS and content:
            hints.setdefault(_META_HINTS[name], content)
        creator = creator or (content if name == "DC.creator" else "")
    head = " ".join(p.text_content() for p in root.xpath("//*[@class='kamerstukkop']"))
    addressee = addressee_from_name(creator) or addressee_from_name(head or "")
    dossier = "".join(root.xpath("string(//*[@class='dossiernummer'])").split())
    if dossier.isdigit():
        hints.setdefault("dossier", dossier)
    if addressee:
        hints["addressee"] = addressee
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", hints.get("date", "")[:10]):
        hints.pop("date", None)
    elif "date" in hints:
        hints["date"] = hints["date"][:10]
    return hints


def _visible_text(el: etree._Element) -> str:
    """The text of `el` a reader sees: no scripts, styles or comments."""
    parts: list[str] = []
    if _tag(el) not in _INVISIBLE_TAGS:
        parts.append(el.text or "")
        for child in el:
            parts.append(_visible_text(child) if _tag(child) else "")
            parts.append(child.tail or "")
    return clean_text(" ".join(parts))


def _is_chrome_element(el: etree._Element) -> bool:
    """Page furniture the reader skips: site navigation, header, footer, the kamerstuk head."""
    classes = _classes(el) - _NOTE_CLASSES
    tag = _tag(el)
    return bool(
        (tag in _SKIP_TAGS and tag not in _INVISIBLE_TAGS)
        or classes & _SKIP_CLASSES
        or (el.get("id") or "").lower() in _SKIP_IDS
    )


def _outside(body: etree._Element) -> list[str]:
    """The page's texts around the element holding the letter (site header, menus, footer)."""
    texts: list[str] = []
    node = body
    for ancestor in body.iterancestors():
        if _tag(ancestor) in ("html", "head"):
            break
        texts.append(ancestor.text or "")
        for child in ancestor:
            if child is not node and _tag(child):
                texts.append(_visible_text(child))
            texts.append(child.tail or "" if child is not node else "")
        node = ancestor
    return [text for text in (clean_text(t) for t in texts) if text]


def _chrome(body: etree._Element, notes: _Notes) -> list[str]:
    """What the reader leaves out as chrome, in page order: outside the letter, then inside."""
    found = _outside(body)
    for el in body.iter():
        if not _tag(el) or not _is_chrome_element(el) or notes.inside_notes(el):
            continue
        if any(_is_chrome_element(a) for a in el.iterancestors() if a is not body):
            continue
        text = _visible_text(el)
        if text:
            found.append(text)
    for container in notes.containers:  # the notes' own heading, read neither as note nor text
        headings = (h for h in container.iter(*_HEADINGS) if h not in notes.defs)
        found += [text for h in headings if (text := _visible_text(h))]
    return found


def _head_hints(body: etree._Element) -> dict[str, str]:
    """What the kamerstuk head (chamber, session year, dossier, ondernummer) states."""
    lines = [
        _visible_text(el) for el in body.iter() if _tag(el) and _classes(el) & set(_HEAD_CLASSES)
    ]
    return header_hints(lines)


def _split_page_chrome(blocks: list[Block]) -> tuple[list[Block], ChromeSplit]:
    """Blocks without the chrome a text-only page shows as paragraphs (`chrome.RULES`)."""
    split = split_chrome([b.text for b in blocks])
    kept = [
        replace(blocks[index], text=text) if text != blocks[index].text else blocks[index]
        for index, text in zip(split.kept, split.lines, strict=True)
    ]
    return kept, split


def extract_html(data: bytes, source: str) -> Extracted:
    """Blocks, notes, hints and the chrome left out of an HTML rendition of a letter."""
    root = parse_html(data, source)
    body = _content_root(root)
    notes = _find_notes(body)
    reader = _Reader(notes, _heading_ranks(body))
    reader.walk(body)
    ordered = [el for el in body.iter() if el in notes.defs]
    found = tuple((notes.defs[el], _note_text(reader, el, notes.defs[el])) for el in ordered)
    blocks, page = _split_page_chrome(reader.blocks)
    hints = _hints(root)
    for key, value in (_head_hints(body) | page.hints).items():
        hints.setdefault(key, value)
    chrome = tuple(_chrome(body, notes) + reader.furniture) + page.chrome
    return Extracted("html", tuple(blocks), found, hints, chrome)
