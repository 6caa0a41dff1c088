"""The diff as one self-contained HTML page (Dutch), for people to read and print."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import lxml.html
from lxml.html.builder import E

from tracker.naming import (
    clean_title,
    council_name,
    dutch_date,
    letter_name,
    public_source,
    stance_name,
)
from tracker.views.reading import (
    COUNT_KEYS,
    Change,
    Diff,
    Item,
    Run,
    change_moves,
    cue_text,
    duplicate_refs,
    item_head,
    item_status,
    item_title,
    position_items,
    side_runs,
    stance_move,
    status_words,
    title_of,
    unchanged_items,
    word_runs,
)

STATUS_NL = {
    "changed": "gewijzigd",
    "added": "nieuw",
    "removed": "vervallen",
    "unchanged": "ongewijzigd",
    "moved": "verplaatst",
    "retitled": "nieuwe titel",
}
COUNTS_NL = {
    "changed": "gewijzigd",
    "added": "nieuw",
    "removed": "vervallen",
    "moved": "verplaatst",
    "position_changes": "standpuntwijzigingen",
    "unchanged": "ongewijzigd",
}
# Each count's section: its anchor and heading.
SECTIONS = {
    "position_changes": ("standpunten", "Standpuntwijzigingen"),
    "changed": ("gewijzigd", "Gewijzigd"),
    "added": ("nieuw", "Nieuw op de agenda"),
    "removed": ("vervallen", "Vervallen"),
    "moved": ("verplaatst", "Verplaatst"),
    "unchanged": ("ongewijzigd", "Ongewijzigd"),
}
FIELDS_NL = {"title": "Titel", "kind": "Procedure"}
OPS_NL = {"replace": "Zin gewijzigd", "insert": "Zin toegevoegd", "delete": "Zin geschrapt"}
LETTER_ROWS = (
    ("id", "Kenmerk"),
    ("date", "Datum"),
    ("addressee", "Aan"),
    ("council", "Raad"),
    ("meeting", "Vergadering"),
    ("place", "Plaats"),
    ("title", "Titel"),
    ("source", "Bron"),
)

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; --accent: #154273;
  --del-bg: #fde3e3; --del-ink: #8a1010; --ins-bg: #dcf2e2; --ins-ink: #0b5227; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 58rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
  background: #fff; font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
h1, h2, h3, .status, .label, caption, th, .counts, footer {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .75rem; padding-bottom: .2rem;
  border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.075rem; line-height: 1.35; margin: 0 0 .35rem; }
.lede { margin: 0 0 1rem; color: var(--muted); }
.ref { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .9em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem;
  border-bottom: 1px solid var(--rule); }
.letters th[scope=row] { width: 9rem; color: var(--muted); font-weight: 600; }
.counts { list-style: none; padding: 0; margin: 1rem 0; display: flex; flex-wrap: wrap;
  gap: .5rem; }
.counts li { border: 1px solid var(--rule); border-radius: .3rem; padding: .15rem .6rem; }
.positions { border-left: 6px solid var(--accent); background: #eef3f9;
  padding: .25rem 1rem .5rem; margin-top: 1.5rem; }
.positions h2 { border: 0; margin-top: .75rem; }
.positions li { margin-bottom: .5rem; }
.cue { color: var(--muted); font-style: italic; }
.stance { font-family: system-ui, sans-serif; font-weight: 700; padding: 0 .3em;
  border-radius: .2rem; border: 1px solid currentColor; white-space: nowrap; }
.stance-support { color: #0b5227; } .stance-oppose { color: #8a1010; }
.stance-conditional { color: #6b4400; } .stance-neutral, .stance-none { color: #3d3d3d; }
.item { border-top: 1px solid var(--rule); padding: 1rem 0 .5rem; break-inside: avoid; }
.status { margin: 0 0 .5rem; font-size: .9rem; color: var(--muted); }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: .2rem;
  padding: 0 .35rem; margin-right: .1rem; font-weight: 600; }
.badge-changed { color: #6b4400; } .badge-added { color: #0b5227; }
.badge-removed { color: #8a1010; } .badge-moved, .badge-retitled { color: var(--accent); }
.change { margin: .6rem 0 .9rem; }
.change-position { border-left: 4px solid var(--accent); padding-left: .75rem; }
.label { margin: 0 0 .15rem; font-size: .85rem; font-weight: 600; color: var(--muted); }
.redline { margin: 0; }
del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through 2px; }
ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: underline 2px;
  text-underline-offset: 2px; }
del::before, del::after, ins::before, ins::after { position: absolute; width: 1px;
  height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap; }
del::before { content: " [geschrapt: "; } ins::before { content: " [toegevoegd: "; }
del::after, ins::after { content: "] "; }
details { margin-top: .35rem; font-size: .95rem; }
summary { cursor: pointer; color: var(--accent); font-family: system-ui, sans-serif;
  font-size: .85rem; }
.side { table-layout: fixed; margin-top: .35rem; }
.side th { font-size: .85rem; color: var(--muted); }
.unchanged { columns: 2 22rem; font-size: .95rem; padding-left: 1.2rem; }
.was { color: var(--muted); font-size: .9em; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
a { color: var(--accent); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
}
"""


def format_html(diff: Diff, names: tuple[str, str] | None = None) -> str:
    """One self-contained HTML page of the diff, for people to read and print.

    `names` are the two letters as the caller knows them; by default they are named from
    what the diff says of them (`letter_names`).
    """
    header, *sections = diff_content(diff, names)
    page = E.html(
        {"lang": "nl"},
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.title(diff_title(diff, names)),
            E.style(CSS),
        ),
        E.body(header, E.main(*sections), _html_footer(diff)),
    )
    html = lxml.html.tostring(
        page, doctype="<!DOCTYPE html>", encoding="unicode", pretty_print=True
    )
    return str(html)


def diff_title(diff: Diff, names: tuple[str, str] | None = None) -> str:
    """The page title: the two letters by name, `JBZ-Raad 13 oktober 2025 (…) → …`."""
    old, new = names or letter_names(diff)
    return f"Wijzigingen: {old} → {new}"


def diff_content(diff: Diff, names: tuple[str, str] | None = None) -> list[Any]:
    """The page's header (the two letters, the counts) and then its sections, each count
    linked to the section that lists exactly that many entries."""
    return [_html_header(diff, names or letter_names(diff)), *_html_sections(diff)]


def letter_names(diff: Diff) -> tuple[str, str]:
    """The two letters as people name them (`tracker.naming.letter_name`); two letters of
    one name are told apart by their dates, else as the older and the newer version."""
    old, new = diff.get("old") or {}, diff.get("new") or {}
    names = _letter_name(old), _letter_name(new)
    if names[0] != names[1]:
        return names
    if old.get("date") and new.get("date") and old["date"] != new["date"]:
        return names[0] + _dated(old), names[1] + _dated(new)
    return f"{names[0]}, oude versie", f"{names[1]}, nieuwe versie"


def _dated(letter: Mapping[str, Any]) -> str:
    return f", brief van {dutch_date(letter['date'])}"


def _letter_name(letter: Mapping[str, Any]) -> str:
    council = letter.get("formation_key") or letter.get("council") or letter.get("formation")
    meeting, addressee, date = (letter.get(key) for key in ("meeting", "addressee", "date"))
    if council or meeting or addressee or date:
        return letter_name(council, meeting, addressee, date)
    shown = str(letter.get("id") or "")
    return clean_title(shown if shown and not shown.startswith("sha256-") else "onbekende brief")


def _council(diff: Diff) -> str:
    old, new = diff.get("old") or {}, diff.get("new") or {}
    side = new if new.get("formation_key") or new.get("council") else old
    return council_name(side.get("formation_key") or side.get("council"))


def _html_header(diff: Diff, names: tuple[str, str]) -> Any:
    old, new = diff.get("old") or {}, diff.get("new") or {}
    lede = f"Wat er veranderde tussen {names[0]} en {names[1]}."
    return E.header(
        E.h1(f"Geannoteerde agenda {_council(diff)}: wijzigingen"),
        E.p({"class": "lede"}, lede),
        _html_letters(old, new),
        E.ul({"class": "counts", "aria-label": "Samenvatting"}, *_html_counts(diff)),
    )


def _html_letters(old: Mapping[str, Any], new: Mapping[str, Any]) -> Any:
    rows = [_letter_row(key, label, old, new) for key, label in LETTER_ROWS]
    head = E.tr(E.td(), *(E.th({"scope": "col"}, name) for name in ("Oude brief", "Nieuwe brief")))
    body = E.tbody(*(row for row in rows if row is not None))
    return E.table({"class": "letters"}, E.caption("De twee brieven"), E.thead(head), body)


def _letter_row(key: str, label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Any:
    if not (_shown_value(key, old) or _shown_value(key, new)):
        return None
    header = E.th({"scope": "row"}, label)
    if _shown_value(key, old) == _shown_value(key, new):
        return E.tr(header, E.td({"colspan": "2"}, _html_value(key, new)))
    return E.tr(header, E.td(_html_value(key, old)), E.td(_html_value(key, new)))


def _shown_value(key: str, letter: Mapping[str, Any]) -> str:
    """A letter's value as a reader sees it: no content hash for an id, the Council by name,
    a source by its address or file name."""
    value = str(letter.get(key) or "")
    if key == "id" and value.startswith("sha256-"):
        return ""
    if key == "council" and value:
        return council_name(letter.get("formation_key") or value)
    if key == "source":  # a web address, or a file's name: never a path on the server
        return clean_title(public_source(value) or "")
    return clean_title(value)


def _html_value(key: str, letter: Mapping[str, Any]) -> Any:
    value = _shown_value(key, letter)
    if not value:
        return "—"
    if key in ("date", "meeting"):
        return E.time({"datetime": value}, dutch_date(value))
    return value


def shown_lists(diff: Diff) -> dict[str, list[Item]]:
    """The entries the page lists under each count, in letter order: a count is the length
    of its list, never a figure the page does not show."""
    items = list(diff.get("items") or ())
    return {
        "changed": [item for item in items if item_status(item) == "changed"],
        "added": [item for item in items if item_status(item) == "added"],
        "removed": [item for item in items if item_status(item) == "removed"],
        "moved": [item for item in items if _moved(item)],
        "position_changes": position_items(diff),
        "unchanged": unchanged_items(diff),
    }


def _moved(item: Item) -> bool:
    return bool(item.get("moved") and item.get("old") and item.get("new"))


def _html_counts(diff: Diff) -> Iterator[Any]:
    lists = shown_lists(diff)
    for key in COUNT_KEYS:
        number = E.strong(str(len(lists[key])))
        attrs = {"class": f"count-{key}"}
        if lists[key]:
            yield E.li(attrs, E.a({"href": f"#{SECTIONS[key][0]}"}, number, " ", COUNTS_NL[key]))
        else:
            yield E.li(attrs, number, " ", COUNTS_NL[key])


def _html_sections(diff: Diff) -> Iterator[Any]:
    lists = shown_lists(diff)
    if not any(lists[key] for key in COUNT_KEYS if key != "unchanged"):
        yield E.p({"class": "no-changes"}, "Geen wijzigingen: de twee brieven zeggen hetzelfde.")
    if lists["position_changes"]:
        yield _html_positions(lists["position_changes"])
    for key in ("changed", "added", "removed"):
        if lists[key]:
            yield _listed(key, lists[key], *map(_html_item, lists[key]))
    if lists["moved"]:
        yield _listed("moved", lists["moved"], E.ul(*map(_html_moved, lists["moved"])))
    if lists["unchanged"]:
        yield _html_unchanged(lists["unchanged"])
    if diff.get("duplicates"):
        yield _html_duplicates(diff)


def _listed(key: str, items: Sequence[Item], *content: Any, css: str = "") -> Any:
    anchor, heading = SECTIONS[key]
    return _section(anchor, f"{heading} ({len(items)})", *content, css=css)


def _section(anchor: str, heading: str, *content: Any, css: str = "") -> Any:
    attrs = {"id": anchor, "aria-labelledby": f"h-{anchor}", "class": css or anchor}
    return E.section(attrs, E.h2({"id": f"h-{anchor}"}, heading), *content)


def _html_positions(items: Sequence[Item]) -> Any:
    entries = [E.li(*_html_position(item)) for item in items]
    return _listed("position_changes", items, E.ol(*entries), css="positions")


def _html_position(item: Item) -> Iterator[Any]:
    head = item_head(item)
    ref = E.span({"class": "ref"}, str(head.get("ref")))
    yield E.a({"href": f"#{_anchor(item)}"}, ref, " ", _title(item))
    yield ": "
    yield _html_move(*(stance_move(item) or ("none", "none")))
    cue = next((c.get("cue") for c in item.get("changes") or () if change_moves(c)), None)
    if cue_text(cue):
        yield " "
        yield E.span({"class": "cue"}, f"({cue_text(cue)})")


def _html_move(old: str, new: str) -> Any:
    return E.span({"class": "move"}, _html_stance(old), " → ", _html_stance(new))


def _html_stance(stance: str) -> Any:
    attrs = {"class": f"stance stance-{stance}", "data-stance": stance, "title": stance}
    return E.span(attrs, stance_name(stance))


def _title(item: Item) -> str:
    """The item's title as shown: no note markers, private-use or line-break characters."""
    return clean_title(item_title(item))


def _anchor(item: Item) -> str:
    side = "nieuw" if item.get("new") else "oud"
    return f"{side}-{item_head(item).get('ref') or '?'}"


def _html_item(item: Item) -> Any:
    status = item_status(item)
    heading = E.h3(E.span({"class": "ref"}, str(item_head(item).get("ref"))), " ", _title(item))
    attrs = {"class": f"item item-{status}", "id": _anchor(item)}
    changes = [_html_change(c, item.get("old"), item.get("new")) for c in item.get("changes") or ()]
    return E.article(attrs, heading, _html_status(item), *_html_added_removed(item), *changes)


def _html_status(item: Item) -> Any:
    parts: list[Any] = [_badge(word) for word in status_words(item)]
    if item.get("moved") and item.get("old") and item.get("new"):
        parts.append(f"{item['old'].get('ref')} → {item['new'].get('ref')}")
    if item_status(item) == "changed" and item.get("similarity") is not None:
        parts.append(f"· {round(float(item['similarity']) * 100)}% gelijk")
    spaced = [piece for part in parts for piece in (part, " ")][:-1]
    return E.p({"class": "status"}, *spaced)


def _badge(word: str) -> Any:
    return E.span({"class": f"badge badge-{word}"}, STATUS_NL.get(word, word))


def _html_added_removed(item: Item) -> Iterator[Any]:
    kind = item_head(item).get("kind")
    if item_status(item) == "added":
        yield E.p("Nieuw op de agenda" + (f" ({kind})." if kind else "."))
    elif item_status(item) == "removed":
        yield E.p("Staat niet meer in de nieuwe brief" + (f" (was: {kind})." if kind else "."))


def _html_change(change: Change, old: Any, new: Any) -> Any:
    css = "change change-position" if change_moves(change) else "change"
    parts = [E.p({"class": "label"}, *_html_label(change))]
    parts.append(E.p({"class": "redline"}, *_html_runs(word_runs(change))))
    if change.get("op") == "replace" and change.get("field", "body") == "body":
        parts.append(_html_side_by_side(change, old or {}, new or {}))
    return E.div({"class": css}, *parts)


def _html_label(change: Change) -> Iterator[Any]:
    field = str(change.get("field") or "body")
    yield FIELDS_NL.get(field) or OPS_NL.get(str(change.get("op")), "Tekst")
    stance = change.get("stance")
    if change_moves(change) and stance:
        yield " · standpunt "
        yield _html_move(stance.get("old") or "none", stance.get("new") or "none")
        if cue_text(change.get("cue")):
            yield " "
            yield E.span({"class": "cue"}, f"({cue_text(change.get('cue'))})")
    elif change.get("position"):
        kept = (stance or {}).get("new") or (stance or {}).get("old")
        yield " · standpunt "
        yield from (_html_stance(str(kept)), " ") if kept else ()
        yield "(anders verwoord)"


def _html_runs(runs: Iterable[Run]) -> Iterator[Any]:
    tags = {"delete": "del", "insert": "ins"}
    for op, text in runs:
        yield E(tags[op], text) if op in tags else text


def _html_side_by_side(change: Change, old: Mapping[str, Any], new: Mapping[str, Any]) -> Any:
    head = E.tr(
        *(E.th({"scope": "col"}, _side_name(n, h)) for n, h in (("Oud", old), ("Nieuw", new)))
    )
    cells = [E.td(*_html_runs(side_runs(change, side))) for side in ("old", "new")]
    table = E.table({"class": "side"}, E.thead(head), E.tbody(E.tr(*cells)))
    return E.details(E.summary("Oud en nieuw naast elkaar"), table)


def _side_name(name: str, head: Mapping[str, Any]) -> str:
    return f"{name} ({head['ref']})" if head.get("ref") else name


def _html_moved(item: Item) -> Any:
    """A renumbered item: old and new ref, its title, linked to its entry where it has one."""
    refs = [E.span({"class": "ref"}, str(item[side].get("ref"))) for side in ("old", "new")]
    line = [refs[0], " → ", refs[1], " ", _title(item)]
    if item_status(item) == "changed":
        return E.li(E.a({"href": f"#{_anchor(item)}"}, *line))
    return E.li(*line, E.span({"class": "was"}, " (verder ongewijzigd)"))


def _html_unchanged(items: Sequence[Item]) -> Any:
    entries = []
    for item in items:
        was = [E.span({"class": "was"}, f" (was {item['old'].get('ref')})")] if _moved(item) else []
        ref = E.span({"class": "ref"}, str(item_head(item).get("ref")))
        entries.append(E.li(ref, " ", _title(item), *was))
    return _listed("unchanged", items, E.ul({"class": "unchanged"}, *entries))


def _html_duplicates(diff: Diff) -> Any:
    intro = E.p("Onderwerpen die binnen één brief bijna woordelijk herhaald worden.")
    articles = [_html_duplicate(diff, dup) for dup in diff.get("duplicates") or ()]
    return _section("dubbel", "Herhaalde teksten binnen een brief", intro, *articles)


def _html_duplicate(diff: Diff, dup: Mapping[str, Any]) -> Any:
    side = str(dup.get("side") or "new")
    first, second = duplicate_refs(dup)
    letter = "Oude brief" if side == "old" else "Nieuwe brief"
    heading = E.h3(
        f"{letter}: ", E.span({"class": "ref"}, first), " en ", E.span({"class": "ref"}, second)
    )
    names = [f"{ref} {clean_title(title_of(diff, side, ref))}".strip() for ref in (first, second)]
    percent = round(float(dup.get("similarity") or 0) * 100)
    changes = [_html_change(c, {"ref": first}, {"ref": second}) for c in dup.get("changes") or ()]
    text = f"{names[0]} en {names[1]} zijn voor {percent}% gelijk"
    if dup.get("changes") == []:
        text = f"{names[0]} en {names[1]} hebben dezelfde tekst"
    summary = E.p(text + (". Het verschil:" if changes else "."))
    return E.article({"class": "item duplicate"}, heading, summary, *changes)


def _html_footer(diff: Diff) -> Any:
    return E.footer(E.p(f"Gemaakt met tracker uit een vergelijking ({diff.get('schema') or '?'})."))
