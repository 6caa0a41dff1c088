"""What the store holds, for people and for scripts: the letter list, one letter, a topic's
history — as aligned text (Dutch names, dates and stances) and as JSON (the contract's values).

JSON follows sqlite-utils: a list is an array of objects, one object a line; one record is
one indented object. Keys are snake_case and stable; dates ISO; stances `support`, `oppose`,
`conditional`, `neutral` or `none`. No line of the text ends in a space.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tracker.formations import formation_by_key, formation_key
from tracker.naming import clean_title, council_name, dutch_date, letter_name, stance_name
from tracker.naming import stance_move as stance_words
from tracker.views.reading import without_trailing_spaces

if TYPE_CHECKING:
    from tracker.store.queries import LetterInfo, Moment, Timeline
    from tracker.units import Unit

LETTER_COLUMNS = ("letter", "id", "date", "items", "formats")


def json_array(records: Sequence[Mapping[str, Any]]) -> str:
    """Records as a JSON array, one object a line (sqlite-utils' output)."""
    lines = ",\n ".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"[{lines}]\n"


def json_object(record: Mapping[str, Any]) -> str:
    """One record as an indented JSON object."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def formation_of(text: str) -> tuple[str | None, str]:
    """The formation key and canonical name of a stored formation (a key or a name);
    no key, and the text as it is, for a formation the table does not know."""
    key = formation_key(text)
    try:
        return key, formation_by_key(key).name
    except KeyError:
        return None, text


WITHDRAWN = "ingetrokken"  # a letter its source withdrew: kept in the history, marked


def stored_letter_name(info: LetterInfo) -> str:
    """A stored letter as people name it: `JBZ-Raad 8 december 2025 (Tweede Kamer)`."""
    return letter_name(info.formation, info.meeting, info.addressee, info.date)


def letter_record(info: LetterInfo) -> dict[str, Any]:
    """A stored letter version as a JSON record."""
    key, formation = formation_of(info.formation)
    return {
        "id": info.official_id,
        "version": info.version,
        "name": stored_letter_name(info),
        "date": info.date,
        "formation": formation,
        "formation_key": key,
        "meeting": info.meeting,
        "place": info.place,
        "addressee": info.addressee,
        "title": clean_title(info.title) if info.title else None,
        "item_count": info.items,
        "formats": list(info.formats),
        "snapshot": info.snapshot,
        "content_sha256": info.content_sha256,
        "withdrawn": info.withdrawn.date().isoformat() if info.withdrawn else None,
    }


def format_letters(infos: Sequence[LetterInfo]) -> str:
    """The letters as a table: name, `id@version` to refer to it, date, items, formats."""
    rows = [
        (
            stored_letter_name(i),
            i.name,
            dutch_date(i.date) if i.date else "",
            str(i.items),
            ",".join(i.formats) + (f"  {WITHDRAWN}" if i.withdrawn else ""),
        )
        for i in infos
    ]
    return _table([LETTER_COLUMNS, *rows])


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[n]) for row in rows) for n in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)
    return without_trailing_spaces("\n".join(lines))


def show_record(info: LetterInfo, units: Sequence[Unit]) -> dict[str, Any]:
    """One stored letter with its items (ref, title, procedure line) as a JSON record."""
    items = [{"ref": u.ref, "title": clean_title(u.title), "kind": u.kind} for u in units]
    return letter_record(info) | {"items": items}


def format_letter(info: LetterInfo, units: Sequence[Unit]) -> str:
    """One stored letter: its name and id, what it says of itself, then its items."""
    return without_trailing_spaces("\n".join(_letter_lines(info, units)))


def _letter_lines(info: LetterInfo, units: Sequence[Unit]) -> Iterator[str]:
    yield f"{stored_letter_name(info)}  {info.name}" + (f"  {WITHDRAWN}" if info.withdrawn else "")
    if info.title and clean_title(info.title):
        yield f"  {clean_title(info.title)}"
    meeting = " ".join(
        filter(
            None,
            [
                f"meeting {dutch_date(info.meeting)}" if info.meeting else "",
                f"in {info.place}" if info.place else "",
            ],
        )
    )
    yield f"  {formation_of(info.formation)[1]}" + (f", {meeting}" if meeting else "")
    facts = [
        f"date {dutch_date(info.date)}" if info.date else "",
        f"to {info.addressee}" if info.addressee else "",
        f"formats {','.join(info.formats)}",
    ]
    yield "  " + "  ".join(fact for fact in facts if fact)
    yield f"  snapshot {info.snapshot}  content {info.content_sha256[:16]}"
    for unit in units:
        kind = f" [{unit.kind}]" if unit.kind else ""
        yield f"  {unit.ref:8} {clean_title(unit.title)}{kind}"


def history_records(timelines: Sequence[Timeline]) -> list[dict[str, Any]]:
    """The timelines as JSON records: one a thread, its moments in meeting order."""
    return [_timeline_record(timeline) for timeline in timelines]


def _timeline_record(timeline: Timeline) -> dict[str, Any]:
    key, formation = formation_of(timeline.formation)
    return {
        "thread": timeline.key,
        "title": clean_title(timeline.title),
        "formation": formation,
        "formation_key": key,
        "moments": [_moment_record(moment) for moment in timeline.moments],
    }


def _moment_record(moment: Moment) -> dict[str, Any]:
    return {
        "meeting": moment.meeting,
        "letter": moment.letter,
        "ref": moment.ref,
        "title": clean_title(moment.title),
        "kind": moment.kind,
        "stance": moment.stance or "none",
        "change": _clean_heads(moment.change),
        "withdrawn": moment.withdrawn,
    }


def _clean_heads(change: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A stored change (a `tracker.diff/1` item) with its two heads' titles fit to print."""
    if change is None:
        return None
    heads = {
        side: {**head, "title": clean_title(str(head.get("title") or ""))}
        for side in ("old", "new")
        if isinstance(head := change.get(side), Mapping)
    }
    return {**change, **heads}


def format_history(timelines: Sequence[Timeline]) -> str:
    """Each topic's timeline: per meeting its date, ref, procedure line, stance and changes."""
    return without_trailing_spaces("\n".join(_history_lines(timelines)))


def _history_lines(timelines: Sequence[Timeline]) -> Iterator[str]:
    for timeline in timelines:
        council = council_name(timeline.formation)
        yield f"{clean_title(timeline.title)}  [{council}; thread {timeline.key}]"
        for moment in timeline.moments:
            yield (
                f"  {dutch_date(moment.meeting) if moment.meeting else '?':17}  {moment.ref:8} "
                f"{clean_title(moment.kind or ''):36.36} {stance_name(moment.stance):17}  "
                f"{what_changed(moment.change)}" + (f"  {WITHDRAWN}" if moment.withdrawn else "")
            )


def what_changed(change: Mapping[str, Any] | None) -> str:
    """A change in a few words: `7 wijzigingen; standpunt tegen → voor`."""
    if change is None:
        return ""
    move = change.get("position_change")
    count = len(change.get("changes") or ())
    text = f"{count} wijziging{'en' if count != 1 else ''}"
    if move and move.get("old") != move.get("new"):
        return f"{text}; standpunt {stance_words(move.get('old'), move.get('new'))}"
    if move:
        return f"{text}; standpunt {stance_name(move.get('new'))}, anders verwoord"
    return text
