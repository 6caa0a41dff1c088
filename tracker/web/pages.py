"""The HTML pages: home, a letter, a thread's timeline, one change, a comparison.

Values in, bytes out. Letters are shown by the names people give them ("JBZ-Raad 8
december 2025 (Tweede Kamer)", `letter_labels`); their ids stay in the URLs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import groupby
from typing import Any

from lxml.etree import SubElement
from lxml.html.builder import E

from tracker.naming import council_name, dutch_date, letter_name
from tracker.records import dataclass
from tracker.store.queries import FeedItem, LetterInfo, Moment, Timeline
from tracker.units import COVER, generic_section
from tracker.views.html import diff_content, diff_title
from tracker.web.public import public_diff
from tracker.web.render import (
    KINDS_NL,
    change_block,
    change_href,
    date_element,
    document,
    item_article,
    letter_href,
    meta_table,
    official_url,
    path,
    shown_title,
    stance_badge,
    stance_move,
    text,
    thread_href,
)

ATOM = "application/atom+xml"
RSS = "application/rss+xml"
Labels = Mapping[str, str]  # a letter's id@version -> its name for people


@dataclass(frozen=True)
class FeedLink:
    """A feed as the pages link to it: a label and its Atom and RSS paths."""

    label: str
    atom: str
    rss: str


@dataclass(frozen=True)
class LetterItem:
    """A row of a letter page: an item or covering section and the thread it belongs to."""

    ref: str
    title: str
    kind: str | None
    part: str
    thread: str | None

    @property
    def sub_section(self) -> bool:
        """A covering-letter section whose title names no topic ("Aanleiding")."""
        return self.part == COVER and generic_section(self.title)


# --- letters by name, and which two to compare ----------------------------------------


def letter_labels(letters: Sequence[LetterInfo]) -> dict[str, str]:
    """Each letter's name for people; letters of one name are told apart by version (one
    official id), else by their dates, else by number."""
    named = {
        info.name: letter_name(info.formation, info.meeting, info.addressee, info.date)
        for info in letters
    }
    labels = dict(named)
    by_name = sorted(letters, key=lambda info: named[info.name])
    for name, group in groupby(by_name, key=lambda info: named[info.name]):
        clash = list(group)
        if len(clash) > 1:
            labels.update(_told_apart(name, clash))
    return labels


def labels_of(letters: Sequence[LetterInfo], names: Collection[str]) -> dict[str, str]:
    """`letter_labels(letters)` of the letters named `names` only. A name is told apart
    only from letters of its own name, which share its meeting (or, without one, its date):
    only those are named, not every letter in the store."""

    def day(info: LetterInfo) -> tuple[str | None, str | None]:
        return info.meeting, None if info.meeting else info.date

    days = {day(info) for info in letters if info.name in names}
    near = [info for info in letters if day(info) in days]
    return {name: label for name, label in letter_labels(near).items() if name in names}


def _told_apart(name: str, letters: list[LetterInfo]) -> dict[str, str]:
    ways = []
    if len({info.official_id for info in letters}) == 1:
        ways.append(lambda info: f"{name}, versie {info.version}")
    ways.append(lambda info: f"{name}, brief van {dutch_date(info.date or '?')}")
    for way in ways:
        labels = {info.name: way(info) for info in letters}
        if len(set(labels.values())) == len(letters):
            return labels
    return {info.name: f"{name} ({n})" for n, info in enumerate(letters, 1)}


def _when(info: LetterInfo) -> str:
    return info.meeting or info.date or ""


def _newest_first(letters: Sequence[LetterInfo]) -> list[LetterInfo]:
    return sorted(letters, key=lambda i: (_when(i), i.date or "", i.version), reverse=True)


def previous_meeting(info: LetterInfo, letters: Sequence[LetterInfo]) -> LetterInfo | None:
    """The letter of the formation's meeting before `info`'s: the newest letter of that
    meeting, to the same chamber where there is one."""
    return _previous_in(info, _newest_first(letters))


def _previous_in(info: LetterInfo, newest: Sequence[LetterInfo]) -> LetterInfo | None:
    """`previous_meeting` over letters already sorted newest first."""
    earlier = [
        other
        for other in newest
        if other.formation == info.formation and _when(other) < _when(info)
    ]
    if not earlier:
        return None
    meeting = [other for other in earlier if _when(other) == _when(earlier[0])]
    same_chamber = [other for other in meeting if other.addressee == info.addressee]
    return (same_chamber or meeting)[0]


def default_pair(letters: Sequence[LetterInfo]) -> tuple[LetterInfo, LetterInfo] | None:
    """What the compare form offers first: the latest letter and its formation's previous
    meeting's letter (or, where no formation has two meetings, the last two letters)."""
    newest = _newest_first(letters)
    for info in newest:
        previous = _previous_in(info, newest)
        if previous is not None:
            return previous, info
    return (letters[-2], letters[-1]) if len(letters) > 1 else None


def compare_href(old: str, new: str) -> str:
    """The comparison of two stored letters."""
    return path("compare") + f"?old={_q(old)}&new={_q(new)}"


def _q(name: str) -> str:
    return path(name)[1:]


def _label(labels: Labels, name: str) -> str:
    return labels.get(name) or "een opgeslagen brief"


def _letter_link(labels: Labels, name: str) -> Any:
    return E.a({"href": letter_href(name)}, text(_label(labels, name)))


# --- the home page ---------------------------------------------------------------------


def home_page(
    positions: Sequence[FeedItem],
    letters: Sequence[LetterInfo],
    choices: Sequence[LetterInfo],
    feeds: Sequence[FeedLink],
    labels: Labels,
) -> bytes:
    """The home page: latest position changes and letters, a compare form, the feeds."""
    intro = E.p(
        {"class": "lede"},
        "Vóór elke vergadering van de Raad van de EU stuurt het kabinet de Kamer een "
        "geannoteerde agenda. Deze site volgt de versies en laat zien waar het Nederlandse "
        "standpunt verschuift.",
    )
    return document(
        "Standpunten en wijzigingen",
        E.h1("Geannoteerde agenda's: standpunten en wijzigingen"),
        intro,
        _section("standpunten", "Laatste standpuntwijzigingen", _position_list(positions)),
        _section("brieven", "Laatste brieven", _letters_table(letters, labels)),
        _section("vergelijken", "Vergelijk twee brieven", compare_form(choices, labels)),
        _section("feeds", "Feeds", *_feed_list(feeds), _opml_line()),
        alternates=_alternates(feeds[:2]),
    )


def _section(anchor: str, heading: str, *content: Any) -> Any:
    return E.section({"id": anchor}, E.h2(heading), *content)


def _position_list(items: Sequence[FeedItem]) -> Any:
    if not items:
        return E.p("Nog geen standpuntwijzigingen.")
    return E.ol({"class": "entries"}, *(E.li(*_position_entry(item)) for item in items))


def _position_entry(item: FeedItem) -> Iterator[Any]:
    move = item.change.get("position_change") or {}
    yield E.a({"href": change_href(item.guid)}, _subject(item))
    yield ": "
    yield _position(move)
    yield E.br()
    meeting = f"{council_name(item.formation)}, vergadering {dutch_date(item.meeting or '?')}"
    yield E.span({"class": "small"}, text(meeting), " · ", _thread_link(item.thread_key))


def _subject(item: FeedItem) -> str:
    """What a change is about: its unit's title, else its thread's."""
    head = item.change.get("new") or item.change.get("old") or {}
    return shown_title(head.get("title") or item.thread_title) or "(zonder titel)"


def moves(item: FeedItem) -> bool:
    """Whether a change moves a stance (not only rewords it)."""
    move = item.change.get("position_change") or {}
    return bool(move) and move.get("old") != move.get("new")


def _position(move: Mapping[str, Any]) -> Any:
    """A stance move, or the stance kept when only its wording changed."""
    if move.get("old") == move.get("new"):
        return E.span(stance_badge(move.get("new")), " (anders verwoord)")
    return stance_move(move.get("old"), move.get("new"))


def _thread_link(key: str) -> Any:
    return E.a({"href": thread_href(key)}, "tijdlijn van dit onderwerp")


def _letters_table(letters: Sequence[LetterInfo], labels: Labels) -> Any:
    if not letters:
        return E.p("Nog geen brieven opgeslagen.")
    head = E.tr(*(E.th({"scope": "col"}, h) for h in ("Brief", "Gedateerd")))
    rows = [
        E.tr(E.td(_letter_link(labels, info.name)), E.td(date_element(info.date)))
        for info in letters
    ]
    return E.table({"class": "listing"}, E.thead(head), E.tbody(*rows))


# The compare form offers each Council's latest letters, not all: a list of thousands is
# no choice for a reader (and made the home page 700 KiB at 4,000 letters). Older letters
# are compared from their own pages or by `/compare?old=…&new=…`.
COMPARE_PER_FORMATION = 40


def compare_choices(letters: Sequence[LetterInfo], keep: Collection[str] = ()) -> list[LetterInfo]:
    """The letters the compare form lists: each formation's newest, and those in `keep`,
    in the order of `letters`."""
    newest = _newest_first(letters)
    counts: dict[str, int] = {}
    shown = set(keep)
    for info in newest:
        counts[info.formation] = counts.get(info.formation, 0) + 1
        if counts[info.formation] <= COMPARE_PER_FORMATION:
            shown.add(info.name)
    return [info for info in letters if info.name in shown]


def compare_form(
    letters: Sequence[LetterInfo], labels: Labels, chosen: tuple[str, str] | None = None
) -> Any:
    """Two lists of each Council's latest letters by name, grouped by Council; by default
    the latest letter and its formation's previous meeting's letter are chosen."""
    pair = default_pair(letters)
    if pair is None:
        return E.p("Er zijn nog geen twee brieven om te vergelijken.")
    old_name, new_name = chosen or (pair[0].name, pair[1].name)
    letters = compare_choices(letters, (old_name, new_name))
    old = _letter_select("old", "Oude brief", letters, labels, old_name)
    new = _letter_select("new", "Nieuwe brief", letters, labels, new_name)
    button = E.button({"type": "submit"}, "Vergelijk")
    return E.form({"class": "compare", "method": "get", "action": "/compare"}, *old, *new, button)


def _letter_select(
    name: str, label: str, letters: Sequence[LetterInfo], labels: Labels, chosen: str
) -> tuple[Any, Any]:
    select = E.select({"id": f"letter-{name}", "name": name})
    for formation, members in groupby(letters, key=lambda info: info.formation):
        group = SubElement(select, "optgroup", label=text(council_name(formation)))
        # SubElement, not the E builder: a store of 4,000 letters has 8,000 options.
        for info in members:
            option = SubElement(group, "option", value=text(info.name))
            if info.name == chosen:
                option.set("selected", "selected")
            option.text = text(_label(labels, info.name))
    return E.label({"for": f"letter-{name}"}, label), select


def _feed_list(feeds: Sequence[FeedLink]) -> Iterator[Any]:
    if feeds:
        yield E.ul({"class": "feeds"}, *(E.li(*_feed_links(feed)) for feed in feeds))


def _feed_links(feed: FeedLink, label: bool = True) -> Iterator[Any]:
    if label:
        yield shown_title(feed.label)
        yield ": "
    yield E.a({"href": feed.atom, "type": ATOM}, "Atom")
    yield " · "
    yield E.a({"href": feed.rss, "type": RSS}, "RSS")


def _opml_line() -> Any:
    link = E.a({"href": "/feeds.opml"}, "OPML")
    return E.p("Alle feeds in één keer voor een feedlezer: ", link, ".")


def _alternates(feeds: Sequence[FeedLink]) -> list[tuple[str, str, str]]:
    return [(ATOM, shown_title(feed.label), feed.atom) for feed in feeds]


# --- a letter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterContext:
    """What a letter page shows besides the letter: its other versions, the formation's
    previous meeting's letter, the changes it brought, and every letter's name."""

    versions: Sequence[LetterInfo]
    previous: LetterInfo | None
    brought: Sequence[FeedItem]
    labels: Labels


def letter_page(info: LetterInfo, items: Sequence[LetterItem], context: LetterContext) -> bytes:
    """A stored letter: what it says of itself, what changed since the formation's previous
    meeting, and its items linked to their threads."""
    source = official_url(info.official_id, None)
    official = None if info.official_id.startswith("sha256-") else text(info.official_id)
    rows = [
        ("Kenmerk", official),
        ("Versie", str(info.version)),
        ("Datum", date_element(info.date)),
        ("Aan", text(info.addressee)),
        ("Raad", text(council_name(info.formation))),
        ("Vergadering", date_element(info.meeting)),
        ("Plaats", text(info.place)),
        ("Titel", shown_title(info.title)),
        ("Formaten", text(", ".join(info.formats))),
        ("Status", text("ingetrokken") if info.withdrawn else None),  # withdrawn by its source
        ("Bron", E.a({"href": source}, text(source)) if source else None),
    ]
    xml = E.a({"href": path("letters", info.name + ".xml"), "type": "application/xml"}, "XML")
    name = _label(context.labels, info.name)
    changed = {item.thread_key for item in context.brought}
    shown = [item for item in items if not item.sub_section or item.thread in changed]
    return document(
        name,
        E.h1(text(name)),
        E.p(
            {"class": "lede"}, text(f"Geannoteerde agenda voor de {council_name(info.formation)}.")
        ),
        meta_table("Over deze brief", rows),
        E.p("De brief in canonieke vorm: ", xml, "."),
        _since_previous(info, context),
        *_versions(info, context),
        _section(
            "onderwerpen",
            f"Onderwerpen ({len(shown)})",
            _items_table(shown),
            *_sub_sections([item for item in items if item not in shown]),
        ),
    )


def _since_previous(info: LetterInfo, context: LetterContext) -> Any:
    """The link to what changed since the formation's previous meeting, and what this letter
    brought to each thread (where the store has it)."""
    previous = context.previous
    if previous is None:
        intro = E.p("Er is geen eerdere vergadering van deze Raad opgeslagen.")
    else:
        intro = E.p(
            "Vorige vergadering: ",
            _letter_link(context.labels, previous.name),
            ". ",
            E.a(
                {"href": compare_href(previous.name, info.name), "class": "since"},
                "Wat er veranderde sinds de vorige vergadering",
            ),
            ".",
        )
    return _section("sinds", "Sinds de vorige vergadering", intro, *_brought(context.brought))


def _brought(items: Sequence[FeedItem]) -> Iterator[Any]:
    """One entry per thread this letter changed, its stance move where it moved."""
    per_thread: dict[str, FeedItem] = {}
    for item in items:
        if item.thread_key not in per_thread or item.kind == "change":
            per_thread[item.thread_key] = item
    if not per_thread:
        return
    moved = sum(moves(item) for item in per_thread.values())
    yield E.p(
        f"Wat deze brief veranderde: {_number(len(per_thread), 'onderwerp', 'onderwerpen')}, "
        f"{_number(moved, 'standpuntwijziging', 'standpuntwijzigingen')}."
    )
    yield E.ul({"class": "entries brought"}, *map(_brought_entry, per_thread.values()))


def _number(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def _brought_entry(item: FeedItem) -> Any:
    line: list[Any] = [E.a({"href": change_href(item.guid)}, _subject(item))]
    if moves(item):
        move = item.change.get("position_change") or {}
        line += [": ", stance_move(move.get("old"), move.get("new"))]
    return E.li(*line, " · ", _thread_link(item.thread_key))


def _versions(info: LetterInfo, context: LetterContext) -> Iterator[Any]:
    others = [v for v in context.versions if v.name != info.name]
    if not others:
        return
    entries = []
    for other in others:
        old, new = sorted((other, info), key=lambda v: v.version)
        entries.append(
            E.li(
                _letter_link(context.labels, other.name),
                " · ",
                E.a({"href": compare_href(old.name, new.name)}, "vergelijk met deze versie"),
            )
        )
    yield _section("versies", "Andere versies", E.ul(*entries))


def _items_table(items: Sequence[LetterItem]) -> Any:
    head = E.tr(*(E.th({"scope": "col"}, h) for h in ("Nr.", "Onderwerp", "Procedure")))
    rows = []
    for item in items:
        title = shown_title(item.title) or "—"
        cell = E.a({"href": thread_href(item.thread)}, title) if item.thread else title
        ref = E.span({"class": "ref"}, text(item.ref))
        rows.append(E.tr(E.td(ref), E.td(cell), E.td(text(item.kind) or "—")))
    return E.table({"class": "listing"}, E.thead(head), E.tbody(*rows))


def _sub_sections(items: Sequence[LetterItem]) -> Iterator[Any]:
    """The covering letter's sub-sections that this letter did not change: named, not listed
    as topics."""
    if items:
        names = ", ".join(f"{text(i.ref)} {shown_title(i.title)}".strip() for i in items)
        yield E.p(
            {"class": "small"},
            f"Onderdelen van de aanbiedingsbrief zonder eigen onderwerp: {names}.",
        )


# --- a thread and a change ------------------------------------------------------------------


def thread_page(
    timeline: Timeline, changes: Mapping[str, str], feed: FeedLink | None, labels: Labels
) -> bytes:
    """A thread's timeline: per meeting the procedure, the stance and the change before it.

    `changes` maps a letter name to the GUID of the change that letter brought to the thread;
    `feed` is the thread's own feed, offered for agenda dossiers only.
    """
    title = shown_title(timeline.title) or "(zonder titel)"
    moments = [
        _moment(m, changes.get(m.letter), n == 0, (labels, title))
        for n, m in enumerate(timeline.moments)
    ]
    feed_line = E.p("Volg dit onderwerp: ", *_feed_links(feed, label=False)) if feed else ""
    return document(
        title,
        E.h1(title),
        E.p({"class": "lede"}, text(f"Onderwerp van de {council_name(timeline.formation)}.")),
        feed_line,
        E.ol({"class": "timeline", "reversed": "reversed"}, *reversed(moments)),
        alternates=_alternates([feed] if feed else []),
    )


def _moment(moment: Moment, guid: str | None, first: bool, context: tuple[Labels, str]) -> Any:
    labels, thread_title = context
    heading = E.h2("Vergadering ", date_element(moment.meeting))
    title = shown_title(moment.title)
    line = [
        _letter_link(labels, moment.letter),
        " · ",
        E.span({"class": "ref"}, text(moment.ref)),
        f" {title}" if title != thread_title else "",
        " · procedure: ",
        text(moment.kind) or "—",
        " · standpunt: ",
        stance_badge(moment.stance),
        " · ingetrokken" if moment.withdrawn else "",
    ]
    parts: list[Any] = [heading, E.p({"class": "status"}, *line)]
    change = moment.change
    if change:
        parts.extend(change_block(c) for c in change.get("changes") or ())
        if not change.get("changes"):
            parts.append(E.p("Alleen de nummering of de titel veranderde."))
    elif first:
        parts.append(E.p({"class": "small"}, "Eerste brief met dit onderwerp."))
    else:
        parts.append(E.p({"class": "small"}, "Ongewijzigd ten opzichte van de vorige brief."))
    if guid:
        parts.append(E.p(E.a({"href": change_href(guid)}, "Deze wijziging apart bekijken")))
    return E.li({"class": "moment"}, *parts)


def change_page(item: FeedItem, labels: Labels) -> bytes:
    """One change: its diff view, the two letters, the official source."""
    source = official_url(item.official_id, item.source_url)
    move = item.change.get("position_change") or {}
    rows = [
        ("Soort", text(KINDS_NL.get(item.kind, item.kind))),
        ("Raad", text(council_name(item.formation))),
        ("Vergadering", date_element(item.meeting)),
        ("Gepubliceerd", date_element(item.published)),
        ("Standpunt", _position(move) if move else None),
        ("Onderwerp", E.a({"href": thread_href(item.thread_key)}, shown_title(item.thread_title))),
        ("Oude brief", _letter_link(labels, item.old_letter)),
        ("Nieuwe brief", _letter_link(labels, item.letter)),
        ("Officiële bron", E.a({"href": source}, text(source)) if source else None),
        (
            "Draait terug",
            E.a({"href": change_href(item.undoes)}, "een eerdere wijziging")
            if item.undoes
            else None,
        ),
    ]
    title = _subject(item)
    return document(
        f"{title}: {KINDS_NL.get(item.kind, item.kind)}",
        E.h1(title),
        meta_table("Over deze wijziging", rows),
        item_article(item.change, heading="h2"),
        E.p(
            E.a(
                {"href": compare_href(item.old_letter, item.letter)},
                "Alle wijzigingen tussen deze twee brieven",
            ),
            " · ",
            E.a({"href": path("api", "changes", item.guid.rsplit(":", 1)[-1])}, "JSON"),
        ),
    )


# --- a comparison -----------------------------------------------------------------------


def compare_page(
    diff: Mapping[str, Any],
    pair: tuple[LetterInfo, LetterInfo],
    letters: Sequence[LetterInfo],
    labels: Labels,
) -> bytes:
    """The diff of two stored letters in the site's frame: counts that are the lengths of
    the lists below them (`tracker.views.html`), and the form to compare others."""
    names = (_label(labels, pair[0].name), _label(labels, pair[1].name))
    links = E.p(
        {"class": "small"},
        "De brieven: ",
        _letter_link(labels, pair[0].name),
        " en ",
        _letter_link(labels, pair[1].name),
        ".",
    )
    header, *sections = diff_content(public_diff(diff), names)
    chosen = (pair[0].name, pair[1].name)
    return document(
        diff_title(diff, names),
        header,
        links,
        *sections,
        _section(
            "vergelijken", "Andere brieven vergelijken", compare_form(letters, labels, chosen)
        ),
    )
