"""The agenda of a letter: its title, introduction, parts, items, groups and sub-items.

Two layouts, told apart by the agenda's first heading (`tracker.layouts` names the lines):

- numbered (the JBZ series): roman numerals open parts, `1.`/`1)` items and `a.`/`a)`
  sub-items; the short line under an item title is its procedure line;
- un-numbered (most formations): every heading that opens text is an item; a heading
  directly over another heading is a group whose sub-items follow it. Where the group
  ends is read from the markup's heading levels where a format has them, else from the
  agenda's introduction, which names the group's topics in one sentence (or bullet) and
  the other items in others. Items get positional refs `1`, `2`, `3.a`.

In both, generic headings inside an item ("Achtergrond", "Inzet Nederland") are
sub-headings, the procedure may be written "= Algemene oriëntatie" under the title or
"Beleidsdebat: …" before it, and text between the agenda title and the first item is the
agenda's introduction.
"""

from __future__ import annotations

import re
from dataclasses import field, replace

from tracker import layouts
from tracker.bodies import SUBHEADING_ROLE, B, bodies, heading_like
from tracker.extract.base import HEADING, KIND, LI, SIGNATURE, TITLE
from tracker.groups import Head, nest, sentence_words
from tracker.models import Block as Body
from tracker.models import Item, Part
from tracker.records import dataclass

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Agenda:
    """What `parse_agenda` finds."""

    title: str | None
    intro: tuple[Body, ...]
    parts: tuple[Part, ...]


def parse_agenda(blocks: list[B], titled: bool, context: list[Body]) -> Agenda:
    """The agenda in `blocks`; `titled` when the first block is its title line.

    `context` is text that may name the agenda's topics where the agenda's own
    introduction does not (the covering letter's opening paragraphs).
    """
    title_end = _title_end(blocks) if titled else 0
    title = " ".join(b.text for b in blocks[:title_end]) or None
    rest = blocks[title_end:]
    start = _first_heading(rest)
    intro = [_intro_block(b) for b in rest[:start]]
    body = rest[start:]
    segments = sentence_words(bodies(intro)) or sentence_words(context)
    if body and _numbered(body[0]):
        parts = _parts(body, segments)
    else:
        parts = _unnumbered_agenda(body, segments, "")
    return Agenda(title, tuple(bodies(intro)), parts)


# --- the agenda's title and where its items begin ----------------------------------


def _title_end(blocks: list[B]) -> int:
    """The title is one block: the extractors join the lines it wrapped onto."""
    return 1


def _first_heading(blocks: list[B]) -> int:
    """Where the items begin: the first heading that is not the introduction's own.

    A contents list (a run of short lines whose topics come back as headings later)
    belongs to the introduction.
    """
    for index, block in enumerate(blocks):
        if _is_head(blocks, index) or (heading_like(block) and _numbered(block)):
            run = _contents_run(blocks, index)
            return index + run if run else index
    return len(blocks)


def _contents_run(blocks: list[B], start: int) -> int:
    """The length of a contents list starting at `start`, or 0 where there is none.

    A contents list is a run of three or more short un-numbered lines with no text
    between them, whose first topic opens the numbered item after it or most of whose
    topics come back as headings later.
    """
    if _numbered(blocks[start]):
        return 0
    end = start
    while end < len(blocks) and _listed(blocks[end]):
        end += 1
    if end - start < 3 or end >= len(blocks):
        return 0
    run = [_title_key(b.plain) for b in blocks[start:end]]
    if _numbered(blocks[end]) and _title_key(blocks[end].plain) == run[0]:
        return end - start
    later = {_title_key(b.plain) for b in blocks[end:] if heading_like(b)}
    return end - start if 2 * sum(key in later for key in run) >= len(run) else 0


def _listed(block: B) -> bool:
    """A line a contents list can have: short, no sentence, no procedure, no number."""
    text = block.plain
    return (
        len(text) <= 120
        and block.role != LI
        and not text.endswith(".")
        and not _numbered(block)
        and not layouts.match(layouts.PROCEDURE, text)
    )


def _title_key(text: str) -> str:
    """A heading without its number and punctuation, lowercased, to compare with a list."""
    text = re.sub(r"^(?:[IVX]{1,4}|\d{1,4}|[a-z])[.)]\s+", "", text.strip())
    return re.sub(r"\W+", " ", text).strip().lower()


def _intro_block(block: B) -> B:
    if heading_like(block) and _generic(block.plain):
        return replace(block, role=SUBHEADING_ROLE)
    return block.as_paragraph() if block.role != LI else block


def _numbered(block: B) -> bool:
    """A part or numbered item heading."""
    if not heading_like(block) or block.role == KIND:
        return False
    return bool(layouts.match(layouts.PART, block.plain) or layouts.match(layouts.ITEM, block.text))


def _generic(text: str) -> bool:
    """A sub-heading or the heading of the introduction: layout, not a topic."""
    return bool(
        layouts.match(layouts.SUBHEADING, text) or layouts.match(layouts.INTRO_HEADING, text)
    )


# --- the numbered layout -----------------------------------------------------------


@dataclass
class _OpenItem:
    number: str
    title: str
    level: int
    kind: str | None = None
    blocks: list[B] = field(default_factory=list)
    subs: list[_OpenItem] = field(default_factory=list)


@dataclass
class _OpenPart:
    ref: str
    title: str
    items: list[_OpenItem] = field(default_factory=list)


def _parts(blocks: list[B], segments: list[set[str]]) -> tuple[Part, ...]:
    """Parts ("I. Justitie") each with numbered items, or un-numbered ones (`I.1`, `I.2`)."""
    out: list[Part] = []
    for start, end in _part_spans(blocks):
        part = layouts.match(layouts.PART, blocks[start].plain) if start < end else None
        inner = blocks[start + 1 : end] if part else blocks[start:end]
        if not inner or any(_numbered_item(b) for b in inner):
            out += _numbered_agenda(blocks[start:end])
            continue
        ref, title = (part["n"], part["t"]) if part else ("", "")
        items = _unnumbered_agenda(inner, segments, f"{ref}." if ref else "")
        out.append(Part(ref, title, items[0].items if items else ()))
    return tuple(out)


def _part_spans(blocks: list[B]) -> list[tuple[int, int]]:
    """(start, end) of each part: a part heading and the blocks up to the next one."""
    starts = [i for i, b in enumerate(blocks) if _part_heading(b)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, starts[1:] + [len(blocks)], strict=True))


def _part_heading(block: B) -> bool:
    return (
        heading_like(block)
        and block.role != KIND
        and block.level in (0, 1)
        and bool(layouts.match(layouts.PART, block.plain))
    )


def _numbered_item(block: B) -> bool:
    return (
        heading_like(block) and block.role != KIND and bool(layouts.match(layouts.ITEM, block.text))
    )


def _numbered_agenda(blocks: list[B]) -> list[Part]:
    parts: list[_OpenPart] = []
    index = 0
    while index < len(blocks):
        index = _numbered_step(blocks, index, parts)
    return [_close_part(p) for p in parts]


def _numbered_step(blocks: list[B], index: int, parts: list[_OpenPart]) -> int:
    """Consume one heading (with its procedure line) or body block; return the next index."""
    block = blocks[index]
    current = _current_item(parts)
    heading = heading_like(block)
    if heading and (part := layouts.match(layouts.PART, block.plain)) and block.level in (0, 1):
        parts.append(_OpenPart(part["n"], part["t"]))
        return index + 1
    match = layouts.match(layouts.ITEM, block.text) if heading else None
    if match and block.level in (0, 1, 2):
        if not parts:
            parts.append(_OpenPart("", ""))
        item = _OpenItem(match["n"], match["t"], 2)
        parts[-1].items.append(item)
        return _item_head(blocks, index + 1, item)
    sub = layouts.match(layouts.SUB_ITEM, block.text) if heading else None
    if sub and current is not None and _sub_expected(current, sub["n"]):
        child = _OpenItem(sub["n"], sub["t"], 3)
        current.subs.append(child)
        return _item_head(blocks, index + 1, child)
    target = _current_leaf(parts)
    if target is not None and block.role != SIGNATURE:
        target.blocks.append(_body_block(block))
    return index + 1


def _current_item(parts: list[_OpenPart]) -> _OpenItem | None:
    return parts[-1].items[-1] if parts and parts[-1].items else None


def _current_leaf(parts: list[_OpenPart]) -> _OpenItem | None:
    item = _current_item(parts)
    return item.subs[-1] if item is not None and item.subs else item


def _sub_expected(item: _OpenItem, letter: str) -> bool:
    """Sub-items run a, b, c … under an item that has no body of its own yet."""
    expected = chr(ord(item.subs[-1].number) + 1) if item.subs else "a"
    return letter == expected and (bool(item.subs) or not item.blocks)


def _item_head(blocks: list[B], index: int, item: _OpenItem) -> int:
    """After an item title: folded a./b. sub-titles, then the procedure line."""
    run = _subtitle_run(blocks, index)
    if len(run) >= 2:
        item.title = " ".join([item.title] + [blocks[i].text for i in run])
        index = run[-1] + 1
    if index < len(blocks) and _is_kind(blocks[index]):
        item.kind = _kind_text(blocks[index])
        index += 1
    elif split := layouts.procedure_prefix(item.title):
        item.kind, item.title = split
    return index


def _subtitle_run(blocks: list[B], index: int) -> list[int]:
    """Consecutive `a.`, `b.` headings with no procedure line or text between them."""
    run: list[int] = []
    expected = "a"
    while index < len(blocks) and heading_like(blocks[index]) and blocks[index].role != KIND:
        match = layouts.match(layouts.SUB_ITEM, blocks[index].text)
        if not match or match["n"] != expected:
            break
        run.append(index)
        expected = chr(ord(expected) + 1)
        index += 1
    return run


def _is_kind(block: B) -> bool:
    """The procedure line: marked as such, or a short unnumbered line that is not a sentence."""
    text = block.plain
    if layouts.match(layouts.PROCEDURE_MARK, text):
        return True
    if layouts.match(layouts.SUBHEADING, text) and not layouts.match(layouts.PROCEDURE, text):
        return False
    if block.role == KIND:
        return True
    if not heading_like(block) or block.role == TITLE or len(text) > 80:
        return False
    return not (
        layouts.match(layouts.PART, text)
        or layouts.match(layouts.ITEM, text)
        or layouts.match(layouts.SUB_ITEM, text)
    )


def _kind_text(block: B) -> str:
    mark = layouts.match(layouts.PROCEDURE_MARK, block.text)
    return mark["kind"] if mark else block.text


def _body_block(block: B) -> B:
    """A block of an item's text: generic headings stay sub-headings, others are text."""
    if heading_like(block) and layouts.match(layouts.SUBHEADING, block.plain):
        return replace(block, role=SUBHEADING_ROLE)
    return block.as_paragraph() if block.role != LI else block


def _close_part(part: _OpenPart) -> Part:
    prefix = f"{part.ref}." if part.ref else ""
    return Part(part.ref, part.title, tuple(_close_item(i, prefix) for i in part.items))


def _close_item(item: _OpenItem, prefix: str) -> Item:
    ref = f"{prefix}{item.number}"
    subs = tuple(_close_item(s, f"{ref}.") for s in item.subs)
    return Item(ref, item.number, item.title, item.kind, tuple(bodies(item.blocks)), subs)


# --- the un-numbered layout --------------------------------------------------------


def _is_head(blocks: list[B], index: int) -> bool:
    """Whether the block at `index` heads an item: a heading that is not layout."""
    block = blocks[index]
    if block.role in (LI, SIGNATURE, SUBHEADING_ROLE):
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None:
        return False  # a heading with nothing under it ends a cut-off text, or is no item
    if layouts.match(layouts.PROCEDURE_MARK, following.plain):
        return not layouts.match(layouts.PROCEDURE_MARK, block.plain)
    if not heading_like(block) or block.role == KIND or _generic(block.plain):
        return False
    text = block.plain
    return not (layouts.match(layouts.PROCEDURE_MARK, text) or len(text) < 2)


def _unnumbered_agenda(blocks: list[B], segments: list[set[str]], prefix: str) -> tuple[Part, ...]:
    heads: list[Head] = []
    index = 0
    while index < len(blocks):
        if _is_head(blocks, index):
            head = Head(blocks[index].text, _level(blocks[index]))
            index = _head_tail(blocks, index + 1, head)
            heads.append(head)
        else:
            if heads and blocks[index].role != SIGNATURE:
                heads[-1].blocks.append(_body_block(blocks[index]))
            index += 1
    if not heads:
        return ()
    tops = nest(heads, segments)
    return (Part("", "", tuple(_item(head, f"{prefix}{n}") for n, head in enumerate(tops, 1))),)


def _level(block: B) -> int:
    return block.level if block.role == HEADING else 0


def _head_tail(blocks: list[B], index: int, head: Head) -> int:
    """The procedure of a heading: a prefix, "= …" under it, or a procedure line."""
    if split := layouts.procedure_prefix(head.title):
        head.kind, head.title = split
    if index >= len(blocks):
        return index
    following = blocks[index]
    mark = layouts.match(layouts.PROCEDURE_MARK, following.plain)
    if mark:
        head.kind = mark["kind"].rstrip(".")
        return index + 1
    if head.kind is None and _is_procedure_line(blocks, index):
        head.kind = following.text.rstrip(".: ")
        return index + 1
    return index


def _is_procedure_line(blocks: list[B], index: int) -> bool:
    """A procedure on its own line, unless the item's other sub-headings show it is one."""
    block = blocks[index]
    if not heading_like(block) or not layouts.match(layouts.PROCEDURE, block.plain):
        return False
    if not layouts.match(layouts.SUBHEADING, block.plain):
        return True
    for later in range(index + 1, len(blocks)):
        if _is_head(blocks, later):
            return True
        if heading_like(blocks[later]) and layouts.match(layouts.SUBHEADING, blocks[later].plain):
            return False  # "Stand van zaken" among "Achtergrond", "Inzet Nederland"
    return True


def _item(head: Head, ref: str) -> Item:
    subs = tuple(_item(child, f"{ref}.{_LETTERS[n % 26]}") for n, child in enumerate(head.children))
    return Item(ref, "", head.title, head.kind, tuple(bodies(head.blocks)), subs)
