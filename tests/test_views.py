"""Views of a diff: every format whole against its golden file, escaping, order, word
highlights, diffs without the producer's extensions, and the HTML page in a real browser."""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, DATA, load_json, run_chromium
from lxml import etree, html
from rich.console import Console

from tracker.extract.base import note_marker
from tracker.views import format_html, format_json, format_text, format_unified, print_text
from tracker.views.reading import letters_differ

GOLDEN = Path(__file__).parent / "golden" / "views"
HOSTILE = '<script>alert("x")</script> & [bold]Co[/bold] \'s'

FORMATS: dict[str, Callable[[Any], str]] = {
    "unified": format_unified,
    "text": format_text,
    "text-80": lambda diff: format_text(diff, width=80),
    "html": format_html,
    "json": format_json,
}
GOLDEN_NAMES = {name: f"diff-example.{name}.txt" for name in FORMATS} | {
    "html": "diff-example.html"
}


@pytest.fixture
def diff() -> Any:
    return load_json(DATA / "diff-example.json")


def _changes(diff: Any) -> list[Any]:
    items = [*diff["items"], *diff["duplicates"]]
    return [change for item in items for change in item.get("changes") or ()]


@pytest.mark.parametrize("name", [name for name in FORMATS if name != "json"])
def test_format_matches_golden_whole(diff: Any, name: str, update_golden: bool) -> None:
    """Each format of the example diff, compared in full (--update-golden rewrites them)."""
    golden = GOLDEN / GOLDEN_NAMES[name]
    output = FORMATS[name](diff)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, "utf-8")
    assert output == golden.read_text("utf-8")


def test_example_is_coherent(diff: Any) -> None:
    """The fixture's summary counts agree with its items."""
    items = diff["items"]
    counts = {s: sum(i["status"] == s for i in items) for s in diff["summary"]}
    counts["moved"] = sum(i["moved"] for i in items)
    counts["position_changes"] = sum(bool(i["position_change"]) for i in items)
    assert counts == diff["summary"]


def test_json_is_the_example_as_written(diff: Any) -> None:
    """The example file is written the way format_json writes: the golden file of JSON."""
    assert format_json(diff) == (DATA / "diff-example.json").read_text("utf-8")
    assert json.loads(format_json(diff)) == diff


def test_text_wraps_to_width(diff: Any) -> None:
    assert max(len(line) for line in format_text(diff, width=80).splitlines()) <= 80


def _html_tree(diff: Any) -> Any:
    return html.document_fromstring(format_html(diff))


def test_html_is_one_self_contained_page(diff: Any) -> None:
    """Parses, says it is Dutch, names both letters, and loads nothing from elsewhere."""
    page = format_html(diff)
    tree = _html_tree(diff)
    assert page.startswith("<!DOCTYPE html>\n")
    assert tree.get("lang") == "nl"
    assert "JBZ-Raad 13 oktober 2025 (Eerste Kamer)" in tree.findtext(".//title")
    assert "JBZ-Raad 8 december 2025 (Eerste Kamer)" in tree.findtext(".//title")
    assert tree.xpath("//script|//link|//img|//iframe|//object") == []
    references = tree.xpath("//@src|//@href|//@action")
    assert all(ref.startswith("#") for ref in references), references
    css = tree.findtext(".//style")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert not re.search(r"https?:|//[a-z]", page.replace("<!DOCTYPE html>", ""))


def test_html_headings_go_down_one_level_at_a_time(diff: Any) -> None:
    levels = [int(h.tag[1]) for h in _html_tree(diff).xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_html_item_headings_are_ref_and_title(diff: Any) -> None:
    headings = [h.text_content().strip() for h in _html_tree(diff).xpath("//article[@id]/h3")]
    assert (
        "II.3 Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen"
        in headings
    )
    assert "B4 Migratieconferentie München 4 oktober 2025" in headings


def test_html_anchors_are_unique_and_resolve(diff: Any) -> None:
    tree = _html_tree(diff)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert "oud-B4" in ids  # the removed B4, beside the new letter's B4 (the old B5)
    assert all(href[1:] in ids for href in tree.xpath("//a/@href"))


def test_html_stances_are_dutch_with_english_values(diff: Any) -> None:
    stances = _html_tree(diff).xpath("//section[@id='standpunten']//span[@data-stance]")
    assert [(s.get("data-stance"), s.text) for s in stances] == [
        ("oppose", "tegen"),
        ("support", "voor"),
        ("none", "geen standpunt"),
        ("support", "voor"),
    ]


def _hostile(diff: Any) -> Any:
    """The example with markup-like text in a title, a sentence and its word runs."""
    hostile = copy.deepcopy(diff)
    item = next(i for i in hostile["items"] if i["new"] and i["new"]["ref"] == "B3")
    item["new"]["title"] = f"Verruimd kader {HOSTILE}"
    change = item["changes"][0]
    change["new"] += f" {HOSTILE}"
    change["words"].append(["insert", f" {HOSTILE}"])
    return hostile


def test_html_escapes_text(diff: Any) -> None:
    page = format_html(_hostile(diff))
    tree = html.document_fromstring(page)
    assert tree.xpath("//script") == []
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert HOSTILE in tree.get_element_by_id("nieuw-B3").text_content()


@pytest.mark.parametrize("name", ["unified", "text", "text-80"])
def test_plain_formats_keep_text_literally(diff: Any, name: str) -> None:
    """No markup of any kind is interpreted: rich's `[bold]` comes out as written."""
    output = FORMATS[name](_hostile(diff))
    assert f"Verruimd kader {HOSTILE}" in output.replace("\n", "")
    assert "\x1b" not in output


def _position(name: str, output: str) -> tuple[int, int]:
    """Where the first position change and the first other changed item (B3) stand."""
    if name == "html":
        tree = html.document_fromstring(output)
        order = [el.get("id") for el in tree.iter() if el.get("id") in ("standpunten", "nieuw-B3")]
        return order.index("standpunten"), order.index("nieuw-B3")
    return output.index("tegen → voor"), output.index("B3")


@pytest.mark.parametrize("name", ["unified", "text", "text-80", "html"])
def test_position_changes_come_first(diff: Any, name: str) -> None:
    first_position, first_item = _position(name, FORMATS[name](diff))
    assert first_position < first_item


def test_word_runs_of_the_example_reassemble(diff: Any) -> None:
    for change in (c for c in _changes(diff) if c.get("words")):
        assert "".join(t for op, t in change["words"] if op != "insert") == change["old"]
        assert "".join(t for op, t in change["words"] if op != "delete") == change["new"]


def _without(element: Any, tag: str) -> str:
    copied = copy.deepcopy(element)
    for child in copied.iter(tag):
        child.drop_tree()
    return str(copied.text_content())


def test_html_redlines_reassemble_to_old_and_new(diff: Any) -> None:
    """Each redline without its <ins> reads the old text, without its <del> the new."""
    replaced = [c for c in _changes(diff) if c["op"] == "replace"]
    redlines = _html_tree(diff).xpath("//div[contains(@class,'change')]/p[@class='redline']")
    pairs = {(_without(p, "ins"), _without(p, "del")) for p in redlines}
    assert {(c["old"], c["new"]) for c in replaced} <= pairs


def test_html_side_by_side_cells_are_old_and_new(diff: Any) -> None:
    rows = _html_tree(diff).xpath("//table[@class='side']/tbody/tr")
    cells = {tuple(td.text_content().strip() for td in row) for row in rows}
    body = [c for c in _changes(diff) if c["op"] == "replace" and c["field"] == "body"]
    assert cells == {(c["old"], c["new"]) for c in body}


def test_text_lines_reassemble_to_old_and_new(diff: Any) -> None:
    lines = format_text(diff).splitlines()
    for change in _changes(diff):
        if change["old"] is not None:
            assert f"    - {change['old']}" in lines
        if change["new"] is not None:
            assert f"    + {change['new']}" in lines


def test_print_text_highlights_words_on_a_terminal(diff: Any) -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=100)
    print_text(diff, console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[9;31mbovengenoemde\x1b[0m" in output  # struck and red
    assert "\x1b[4;32mverplichte\x1b[0m" in output  # underlined and green


def _unchanged(diff: Any) -> Any:
    """The example as if nothing changed, without the summary the producer adds."""
    same = copy.deepcopy(diff)
    for item in same["items"]:
        item.update(status="unchanged", changes=[], position_change=None, moved=False)
        item["old"] = item["new"] = item["new"] or item["old"]
    del same["summary"]
    same["duplicates"] = same["duplicates"][:1]
    return same


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unified", "No changes: the two letters say the same."),
        ("text", "No changes: the two letters say the same."),
        ("html", "Geen wijzigingen: de twee brieven zeggen hetzelfde."),
    ],
)
def test_no_changes_says_so(diff: Any, name: str, message: str) -> None:
    output = FORMATS[name](_unchanged(diff))
    assert message in output
    assert "Position changes" not in output and "Standpuntwijzigingen" not in output
    assert "22 items unchanged" in output or "Ongewijzigd (22)" in output


def _renumbered(diff: Any) -> Any:
    """The example as if nothing changed but the numbering of one item."""
    same = _unchanged(diff)
    same["items"][0]["moved"] = True
    same["items"][0]["old"] = {**same["items"][0]["new"], "ref": "B9"}
    return same


@pytest.mark.parametrize(
    ("make", "differ"),
    [(lambda d: d, True), (_unchanged, False), (_renumbered, False)],
    ids=["changed", "unchanged", "renumbered"],
)
def test_letters_differ_when_an_item_changed_came_or_went(
    diff: Any, make: Callable[[Any], Any], differ: bool
) -> None:
    assert letters_differ(make(diff)) is differ


TEXT_VIEWS: dict[str, Callable[..., str]] = {
    "unified": format_unified,
    "text": format_text,
    "text-80": lambda diff, **options: format_text(diff, width=80, **options),
}


@pytest.mark.parametrize("name", TEXT_VIEWS)
def test_only_duplicates_that_differ_unless_all_are_asked_for(diff: Any, name: str) -> None:
    view = TEXT_VIEWS[name]
    shown, every = view(diff), view(diff, all_duplicates=True)
    assert "new letter: I.4 and II.8 (similarity 0.96)" in shown
    assert "old letter: I.4 and II.8" not in shown
    assert "old letter: I.4 and II.8 (similarity 1.00, same text)" in every
    alike = copy.deepcopy(diff)
    alike["duplicates"] = alike["duplicates"][:1]  # only the pair with the same text
    assert "Near-duplicate" not in view(alike)
    assert "Near-duplicate" in view(alike, all_duplicates=True)


def _awkward(diff: Any) -> Any:
    """The example with what ends lines in spaces or breaks them: an empty title, a title
    with a note marker, a line separator and private-use characters, a sentence ending in
    spaces, and a new letter read from a file without an official id."""
    awkward = copy.deepcopy(diff)
    items = {(i["new"] or i["old"])["ref"]: i for i in awkward["items"]}
    items["B3"]["new"]["title"] = ""
    items["I.3"]["new"]["title"] = f"De toekomst{note_marker(3)} van\u2028Eurojust\ue000  "
    items["B3"]["changes"][0]["new"] += "   "
    items["B3"]["changes"][0]["words"].append(["insert", "   "])
    awkward["new"].update(id="sha256-52dd688ef3b7", source="december.pdf")
    return awkward


@pytest.mark.parametrize("every", [False, True], ids=["differing", "all-duplicates"])
@pytest.mark.parametrize("name", TEXT_VIEWS)
def test_no_line_ends_in_a_space(diff: Any, name: str, every: bool) -> None:
    for example in (diff, _awkward(diff), _unchanged(diff), *BARE_DIFFS.values()):
        lines = TEXT_VIEWS[name](example, all_duplicates=every).splitlines()
        assert [line for line in lines if line != line.rstrip()] == []


@pytest.mark.parametrize("name", TEXT_VIEWS)
def test_names_dates_and_stances_people_understand(diff: Any, name: str) -> None:
    """Letters by name (never a hash id), Dutch dates and stances, titles on one line."""
    output = TEXT_VIEWS[name](_awkward(diff))
    assert "sha256" not in output and "december.pdf" in output
    assert "JBZ-Raad 13 oktober 2025 (Eerste Kamer)" in output
    assert "24 november 2025" in output and "2025-11-24" not in output
    assert not re.search(r"\b(support|oppose|conditional|neutral|none)\b", output)
    assert "geen standpunt → voor" in output
    assert "De toekomst van Eurojust" in output.replace("\n      ", " ")
    assert not re.search("[\ue000-\uf8ff\u2028]", output)


def test_unified_names_both_letters_in_its_head(diff: Any) -> None:
    head = format_unified(_awkward(diff)).splitlines()[:2]
    assert head == [
        "--- JBZ-Raad 13 oktober 2025 (Eerste Kamer), brief van 29 september 2025"
        " (kst-32317-1000.xml)",
        "+++ JBZ-Raad 8 december 2025 (Eerste Kamer), brief van 24 november 2025 (december.pdf)",
    ]


SPEC_EXAMPLE: dict[str, Any] = {
    "schema": "tracker.diff/1",
    "old": {
        "id": "kst-32317-1000",
        "date": "2025-09-29",
        "council": "JBZ",
        "meeting": "2025-10-13",
    },
    "new": {
        "id": "kst-32317-1012",
        "date": "2025-11-24",
        "council": "JBZ",
        "meeting": "2025-12-08",
    },
    "items": [
        {
            "status": "changed",
            "old": {"ref": "II.4", "title": "Europese Verordening", "kind": "Beleidsdebat"},
            "new": {"ref": "II.3", "title": "Europese Verordening", "kind": "Beleidsdebat"},
            "moved": True,
            "retitled": False,
            "similarity": 0.87,
            "changes": [
                {
                    "op": "replace",
                    "old": "Nederland zal niet kunnen steunen.",
                    "new": "Nederland zal kunnen steunen.",
                    "position": True,
                    "stance": {"old": "oppose", "new": "support"},
                }
            ],
        },
        {"status": "added", "old": None, "new": {"ref": "I.2", "title": "Nieuw", "kind": None}},
        {"status": "removed", "old": {"ref": "B4", "title": "Weg", "kind": None}, "new": None},
    ],
    "duplicates": [{"side": "old", "refs": ["I.4", "II.8"], "similarity": 0.91}],
}

BARE_DIFFS = {
    "spec-example-without-extensions": SPEC_EXAMPLE,
    "empty-object": {},
    "no-items": {"schema": "tracker.diff/1", "old": {"id": "a"}, "new": {"id": "b"}, "items": []},
    "nulls": {"old": None, "new": None, "items": [{"status": None, "old": None, "new": None}]},
}


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("bare", BARE_DIFFS.values(), ids=BARE_DIFFS.keys())
def test_renders_without_the_producer_extensions(bare: Any, name: str) -> None:
    output = FORMATS[name](bare)
    assert output.endswith("\n")
    if name == "html":
        assert html.document_fromstring(output).get("lang") == "nl"


@pytest.mark.parametrize("name", ["unified", "text", "html"])
def test_spec_example_position_change_is_found_from_its_changes(name: str) -> None:
    """Without `position_change`, the item's stance move comes from its changes."""
    output = FORMATS[name](SPEC_EXAMPLE)
    assert re.search(r"tegen → voor|data-stance=\"oppose\"", output)
    assert "II.4 → II.3" in output


def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_chromium(tmp_path / "profile", page.as_uri(), *extra)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no browser: /usr/bin/chromium is not installed")
def test_html_renders_in_a_real_browser(diff: Any, tmp_path: Path) -> None:
    """Chromium loads the page offline; its DOM has the position change first, del and ins."""
    page = tmp_path / "diff.html"
    page.write_text(format_html(diff), "utf-8")
    dom = html.document_fromstring(_chromium(tmp_path, page, "--dump-dom").stdout)
    positions = dom.get_element_by_id("standpunten")
    assert "Europese Verordening" in positions.text_content()
    assert [s.get("data-stance") for s in positions.xpath(".//span[@data-stance]")][:2] == [
        "oppose",
        "support",
    ]
    item = dom.get_element_by_id("nieuw-II.3")
    assert [d.text for d in item.iter("del")][-1] == "niet"
    assert "daarom" in [i.text for i in item.iter("ins")]
    assert etree.tostring(dom).index(b'id="standpunten"') < etree.tostring(dom).index(
        b'id="nieuw-B3"'
    )


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no browser: /usr/bin/chromium is not installed")
def test_html_screenshot_in_a_real_browser(diff: Any, tmp_path: Path) -> None:
    page = tmp_path / "diff.html"
    page.write_text(format_html(diff), "utf-8")
    shot = tmp_path / "diff.png"
    _chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,2000")
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 50_000


# --- the counts are the lists: dev cases, names people read ----------------------------

COUNT_CASES = [
    "05-position-changes",
    "09-item-added-and-removed",
    "11-next-meeting-eerste-kamer",
    "12-next-meeting-tweede-kamer",
    "14-docx-agenda-next-meeting",
    "15-rbz-chain-january-to-february",
    "16-rbz-chain-february-to-march",
    "17-epsco-chain-june-to-december",
    "18-epsco-chain-december-to-march",
    "19-epsco-noise-docx-vs-pdftxt",
    "20-rbz-item-moved-out-of-group-and-retitled",
    "21-epsco-tweede-vs-eerste-kamer",
]
# What no title a reader sees may hold: control, private-use or line-break characters.
UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\ue000-\uf8ff\u2028\u2029]")


def shown_counts(tree: Any) -> dict[str, tuple[int, int]]:
    """Each summary count of a diff page and the number of entries its section lists."""
    found = {}
    for count in tree.xpath("//ul[@class='counts']/li"):
        key = count.get("class").removeprefix("count-")
        links = count.xpath("./a/@href")
        section = tree.xpath(f"//section[@id='{links[0][1:]}']") if links else []
        entries = section[0].xpath("./article | ./ol/li | ./ul/li") if section else []
        found[key] = (int(count.findtext(".//strong")), len(entries))
    return found


def shown_titles(tree: Any) -> list[str]:
    """The texts of a page's title, headings and list entries (not the line breaks that
    pretty-printing puts between elements)."""
    texts = tree.xpath(
        "//title//text() | //h1//text() | //h2//text() | //h3//text() | //li//text()"
    )
    return [str(t).strip("\n") for t in texts if str(t).strip()]


def _dev_diff(case: str) -> Any:
    from tracker.diff import diff_letters
    from tracker.snapshots import normalise_file

    truth = load_json(DATA / "dev" / case / "truth.json")
    old, new = (
        normalise_file(DATA / "dev" / case / truth[side], 10**9)[0] for side in ("old", "new")
    )
    return diff_letters(old, new)


def test_counts_are_the_lengths_of_the_lists_in_the_example(diff: Any) -> None:
    counts = shown_counts(_html_tree(diff))
    assert set(counts) == {"changed", "added", "removed", "moved", "position_changes", "unchanged"}
    assert all(number == entries for number, entries in counts.values()), counts
    assert counts["moved"] == (4, 4) and counts["position_changes"] == (2, 2)


@pytest.mark.parametrize("case", COUNT_CASES)
def test_counts_are_the_lengths_of_the_lists(case: str) -> None:
    """On the dev cases the page's counts are its lists' lengths, its titles clean, and no
    letter is named by a content hash."""
    answer = _dev_diff(case)
    tree = _html_tree(answer)
    counts = shown_counts(tree)
    assert all(number == entries for number, entries in counts.values()), counts
    assert counts["position_changes"][0] == sum(
        bool(i["position_change"]) and i["position_change"]["old"] != i["position_change"]["new"]
        for i in answer["items"]
    )
    assert not [t for t in shown_titles(tree) if UNSHOWN.search(t)]
    assert "sha256-" not in " ".join(tree.body.itertext())


LETTER_NAMES = {
    "two meetings": (
        {"council": "JBZ", "meeting": "2025-10-13", "addressee": "Eerste Kamer"},
        {"council": "JBZ", "meeting": "2025-12-08", "addressee": "Eerste Kamer"},
        ("JBZ-Raad 13 oktober 2025 (Eerste Kamer)", "JBZ-Raad 8 december 2025 (Eerste Kamer)"),
    ),
    "a corrected letter": (
        {"formation_key": "rbz", "meeting": "2026-02-23", "date": "2026-02-10"},
        {"formation_key": "rbz", "meeting": "2026-02-23", "date": "2026-02-12"},
        (
            "Raad Buitenlandse Zaken 23 februari 2026, brief van 10 februari 2026",
            "Raad Buitenlandse Zaken 23 februari 2026, brief van 12 februari 2026",
        ),
    ),
    "two renditions": (
        {"id": "sha256-0123", "council": "JBZ", "meeting": "2025-10-13"},
        {"id": "kst-32317-AT", "council": "JBZ", "meeting": "2025-10-13"},
        ("JBZ-Raad 13 oktober 2025, oude versie", "JBZ-Raad 13 oktober 2025, nieuwe versie"),
    ),
    "nothing known but a hash": (
        {"id": "sha256-0123"},
        {"id": "kst-1-2"},
        ("onbekende brief", "kst-1-2"),
    ),
}


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_letters_are_named_as_people_name_them(name: str) -> None:
    from tracker.views.html import letter_names

    old, new, expected = LETTER_NAMES[name]
    assert letter_names({"old": old, "new": new}) == expected
