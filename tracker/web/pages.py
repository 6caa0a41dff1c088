"""The HTML pages: home, a letter, a thread's timeline, one change. Values in, bytes out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml.html.builder import E

from tracker.feeds import entry_title
from tracker.naming import council_name, dutch_date
from tracker.store.queries import FeedItem, LetterInfo, Moment, Timeline
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
    stance_badge,
    stance_move,
    text,
    thread_href,
)

ATOM = "application/atom+xml"
RSS = "application/rss+xml"


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


def home_page(
    positions: Sequence[FeedItem],
    letters: Sequence[LetterInfo],
    choices: Sequence[LetterInfo],
    feeds: Sequence[FeedLink],
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
        _section("brieven", "Laatste brieven", _letters_table(letters)),
        _section("vergelijken", "Vergelijk twee brieven", _compare_form(choices)),
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
    yield E.a({"href": change_href(item.guid)}, text(item.thread_title))
    yield ": "
    yield _position(move)
    yield E.br()
    meeting = f"{council_name(item.formation)}, vergadering {dutch_date(item.meeting or '?')}"
    yield E.span({"class": "small"}, text(meeting), " · ", _thread_link(item.thread_key))


def _position(move: Mapping[str, Any]) -> Any:
    """A stance move, or the stance kept when only its wording changed."""
    if move.get("old") == move.get("new"):
        return E.span(stance_badge(move.get("new")), " (anders verwoord)")
    return stance_move(move.get("old"), move.get("new"))


def _thread_link(key: str) -> Any:
    return E.a({"href": thread_href(key)}, "tijdlijn van dit onderwerp")


def _letters_table(letters: Sequence[LetterInfo]) -> Any:
    if not letters:
        return E.p("Nog geen brieven opgeslagen.")
    head = E.tr(*(E.th({"scope": "col"}, h) for h in ("Datum", "Raad", "Vergadering", "Brief")))
    rows = [
        E.tr(
            E.td(date_element(info.date)),
            E.td(text(council_name(info.formation))),
            E.td(date_element(info.meeting)),
            E.td(E.a({"href": letter_href(info.name)}, text(info.name))),
        )
        for info in letters
    ]
    return E.table({"class": "listing"}, E.thead(head), E.tbody(*rows))


def _compare_form(letters: Sequence[LetterInfo]) -> Any:
    if len(letters) < 2:
        return E.p("Er zijn nog geen twee brieven om te vergelijken.")
    old = _letter_select("old", "Oude brief", letters, letters[-2].name)
    new = _letter_select("new", "Nieuwe brief", letters, letters[-1].name)
    button = E.button({"type": "submit"}, "Vergelijk")
    return E.form({"class": "compare", "method": "get", "action": "/compare"}, *old, *new, button)


def _letter_select(
    name: str, label: str, letters: Sequence[LetterInfo], chosen: str
) -> tuple[Any, Any]:
    options = []
    for info in letters:
        attrs = {"value": text(info.name)} | (
            {"selected": "selected"} if info.name == chosen else {}
        )
        council = council_name(info.formation)
        caption = f"{info.name} — {council}, {dutch_date(info.meeting or info.date or '?')}"
        options.append(E.option(attrs, text(caption)))
    return E.label({"for": f"letter-{name}"}, label), E.select(
        {"id": f"letter-{name}", "name": name}, *options
    )


def _feed_list(feeds: Sequence[FeedLink]) -> Iterator[Any]:
    if feeds:
        yield E.ul({"class": "feeds"}, *(E.li(*_feed_links(feed)) for feed in feeds))


def _feed_links(feed: FeedLink, label: bool = True) -> Iterator[Any]:
    if label:
        yield text(feed.label)
        yield ": "
    yield E.a({"href": feed.atom, "type": ATOM}, "Atom")
    yield " · "
    yield E.a({"href": feed.rss, "type": RSS}, "RSS")


def _opml_line() -> Any:
    link = E.a({"href": "/feeds.opml"}, "OPML")
    return E.p("Alle feeds in één keer voor een feedlezer: ", link, ".")


def _alternates(feeds: Sequence[FeedLink]) -> list[tuple[str, str, str]]:
    return [(ATOM, feed.label, feed.atom) for feed in feeds]


def letter_page(
    info: LetterInfo, items: Sequence[LetterItem], versions: Sequence[LetterInfo]
) -> bytes:
    """A stored letter: what it says of itself, its items linked to their threads."""
    source = official_url(info.official_id, None)
    rows = [
        ("Kenmerk", text(info.official_id)),
        ("Versie", str(info.version)),
        ("Datum", date_element(info.date)),
        ("Aan", text(info.addressee)),
        ("Raad", text(council_name(info.formation))),
        ("Vergadering", date_element(info.meeting)),
        ("Plaats", text(info.place)),
        ("Titel", text(info.title)),
        ("Formaten", text(", ".join(info.formats))),
        ("Inhoud (sha256)", E.span({"class": "ref"}, text(info.content_sha256[:16]))),
        ("Bron", E.a({"href": source}, text(source)) if source else None),
    ]
    xml = E.a({"href": path("letters", info.name + ".xml"), "type": "application/xml"}, "XML")
    return document(
        f"Brief {info.name}",
        E.h1(
            text(f"Geannoteerde agenda {council_name(info.formation)}"),
            E.br(),
            E.small(text(info.name)),
        ),
        meta_table("Over deze brief", rows),
        E.p("De brief in canonieke vorm: ", xml, "."),
        *_versions(info, versions),
        _section("onderwerpen", f"Onderwerpen ({len(items)})", _items_table(items)),
    )


def _versions(info: LetterInfo, versions: Sequence[LetterInfo]) -> Iterator[Any]:
    others = [v for v in versions if v.name != info.name]
    if not others:
        return
    entries = []
    for other in others:
        old, new = sorted((other, info), key=lambda v: v.version)
        compare = path("compare") + f"?old={_q(old.name)}&new={_q(new.name)}"
        entries.append(
            E.li(
                E.a({"href": letter_href(other.name)}, text(other.name)),
                " · ",
                E.a({"href": compare}, "vergelijk met deze versie"),
            )
        )
    yield _section("versies", "Andere versies", E.ul(*entries))


def _q(name: str) -> str:
    return path(name)[1:]


def _items_table(items: Sequence[LetterItem]) -> Any:
    head = E.tr(*(E.th({"scope": "col"}, h) for h in ("Nr.", "Onderwerp", "Procedure")))
    rows = []
    for item in items:
        title = text(item.title) or "—"
        cell = E.a({"href": thread_href(item.thread)}, title) if item.thread else title
        ref = E.span({"class": "ref"}, text(item.ref))
        rows.append(E.tr(E.td(ref), E.td(cell), E.td(text(item.kind) or "—")))
    return E.table({"class": "listing"}, E.thead(head), E.tbody(*rows))


def thread_page(timeline: Timeline, changes: Mapping[str, str], feed: FeedLink | None) -> bytes:
    """A thread's timeline: per meeting the procedure, the stance and the change before it.

    `changes` maps a letter name to the GUID of the change that letter brought to the thread.
    """
    moments = [_moment(m, changes.get(m.letter), n == 0) for n, m in enumerate(timeline.moments)]
    feed_line = E.p("Volg dit onderwerp: ", *_feed_links(feed, label=False)) if feed else ""
    return document(
        timeline.title,
        E.h1(text(timeline.title)),
        E.p({"class": "lede"}, text(f"Onderwerp van de {council_name(timeline.formation)}.")),
        feed_line,
        E.ol({"class": "timeline", "reversed": "reversed"}, *reversed(moments)),
        alternates=_alternates([feed] if feed else []),
    )


def _moment(moment: Moment, guid: str | None, first: bool) -> Any:
    heading = E.h2("Vergadering ", date_element(moment.meeting))
    line = [
        E.a({"href": letter_href(moment.letter)}, text(moment.letter)),
        " · ",
        E.span({"class": "ref"}, text(moment.ref)),
        " · procedure: ",
        text(moment.kind) or "—",
        " · standpunt: ",
        stance_badge(moment.stance),
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


def change_page(item: FeedItem) -> bytes:
    """One change: its diff view, the two letters, the official source."""
    source = official_url(item.official_id, item.source_url)
    move = item.change.get("position_change") or {}
    rows = [
        ("Soort", text(KINDS_NL.get(item.kind, item.kind))),
        ("Raad", text(council_name(item.formation))),
        ("Vergadering", date_element(item.meeting)),
        ("Gepubliceerd", date_element(item.published)),
        ("Standpunt", _position(move) if move else None),
        ("Onderwerp", E.a({"href": thread_href(item.thread_key)}, text(item.thread_title))),
        ("Oude brief", E.a({"href": letter_href(item.old_letter)}, text(item.old_letter))),
        ("Nieuwe brief", E.a({"href": letter_href(item.letter)}, text(item.letter))),
        ("Officiële bron", E.a({"href": source}, text(source)) if source else None),
        (
            "Draait terug",
            E.a({"href": change_href(item.undoes)}, "een eerdere wijziging")
            if item.undoes
            else None,
        ),
    ]
    compare = path("compare") + f"?old={_q(item.old_letter)}&new={_q(item.letter)}"
    title = entry_title(item)
    return document(
        title,
        E.h1(text(title)),
        meta_table("Over deze wijziging", rows),
        item_article(item.change, heading="h2"),
        E.p(
            E.a({"href": compare}, "Alle wijzigingen tussen deze twee brieven"),
            " · ",
            E.a({"href": path("api", "changes", item.guid.rsplit(":", 1)[-1])}, "JSON"),
        ),
    )
