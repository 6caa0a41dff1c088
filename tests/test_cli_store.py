"""The store's commands as people run them: ingest, letters, show, history (text for people,
JSON for scripts), diff by id, rebuild, db upgrade, and their errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV, SEED, write_config
from console import Ran, tracker

OCTOBER = str(SEED / "jbz-2025-10-13.xml")
DECEMBER = str(DEV / "11-next-meeting-eerste-kamer" / "new.pdf")
LETTER_KEYS = [
    "id",
    "version",
    "name",
    "date",
    "formation",
    "formation_key",
    "meeting",
    "place",
    "addressee",
    "title",
    "item_count",
    "formats",
    "snapshot",
    "content_sha256",
    "withdrawn",
]
MOMENT_KEYS = ["meeting", "letter", "ref", "title", "kind", "stance", "change", "withdrawn"]

Run = Callable[..., Ran]


def _runner(folder: Path) -> Run:
    config = str(write_config(folder))

    def run(*args: str) -> Ran:
        return tracker("--config", config, *args, cwd=folder)

    return run


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """`tracker` with a config of its own in an empty folder."""
    return _runner(tmp_path)


@dataclass(frozen=True)
class Stored:
    """`tracker` over a store, the store's folder and its letters as `letters -f json` says."""

    run: Run
    folder: Path
    letters: list[dict[str, Any]]

    @property
    def december(self) -> str:
        """The December letter's id: the store names a letter without an official id itself."""
        return str(self.letters[1]["id"])


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    """The store holding the October letter (XML) and the December one (a PDF that states
    no official id)."""
    folder = tmp_path_factory.mktemp("store")
    run = _runner(folder)
    ran = run("ingest", OCTOBER, DECEMBER)
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == (
        "2 files: 2 added, 0 new versions, 0 other renditions, 0 unchanged, 0 failed, 9 changes\n"
    )
    return Stored(run, folder, json.loads(run("letters", "-f", "json").out))


def test_the_same_bytes_again_are_a_no_op(stored: Stored) -> None:
    run = stored.run
    assert run("ingest", OCTOBER) == Ran(
        0,
        "1 files: 0 added, 0 new versions, 0 other renditions, 1 unchanged, 0 failed, 0 changes\n",
        "",
    )


def test_letters_are_listed_by_name(stored: Stored) -> None:
    run = stored.run
    december = stored.december
    assert len(december) == len("sha256-52dd688ef3b7")
    assert run("letters") == Ran(
        0,
        "letter                                   id                     date               items  formats\n"
        "JBZ-Raad 13 oktober 2025 (Eerste Kamer)  kst-32317-AT@1         29 september 2025  24     xml\n"
        f"JBZ-Raad 8 december 2025 (Eerste Kamer)  {december}@1  24 november 2025   19     pdf\n",
        "",
    )


def test_letters_as_json_are_an_array_of_objects(stored: Stored) -> None:
    run, folder = stored.run, stored.folder
    ran = run("letters", "--format", "json")
    assert ran.code == 0 and ran.out.startswith('[{"id": "kst-32317-AT", ')
    assert ran.out.count("\n") == 2 and "\n {" in ran.out  # one object a line
    letters = json.loads(ran.out)
    assert [list(letter) for letter in letters] == [LETTER_KEYS, LETTER_KEYS]
    october = {k: v for k, v in letters[0].items() if k not in ("snapshot", "content_sha256")}
    assert october == {
        "id": "kst-32317-AT",
        "version": 1,
        "name": "JBZ-Raad 13 oktober 2025 (Eerste Kamer)",
        "date": "2025-09-29",
        "formation": "Justitie en Binnenlandse Zaken",
        "formation_key": "jbz",
        "meeting": "2025-10-13",
        "place": "Luxemburg",
        "addressee": "Eerste Kamer",
        "title": "Brief van de Minister van Justitie en Veiligheid en de Minister van Asiel en Migratie",
        "item_count": 24,
        "formats": ["xml"],
        "withdrawn": None,
    }
    assert Path(letters[0]["snapshot"]).is_relative_to(folder / "snapshots")
    assert len(letters[0]["content_sha256"]) == 64
    assert (letters[1]["meeting"], letters[1]["formats"]) == ("2025-12-08", ["pdf"])


def test_letters_of_a_formation_by_any_of_its_names(stored: Stored) -> None:
    run = stored.run
    every = run("letters").out
    for formation in ("JBZ", "Justitie en Binnenlandse Zaken", "JBZ-Raad"):
        assert run("letters", "--formation", formation) == Ran(0, every, "")
    other = run("letters", "--formation", "Raad Buitenlandse Zaken")
    assert other == Ran(0, "letter  id  date  items  formats\n", "")
    assert run("letters", "--formation", "RBZ", "-f", "json") == Ran(0, "[]\n", "")


def test_show_names_the_letter_and_lists_its_items(stored: Stored) -> None:
    run, folder = stored.run, stored.folder
    ran = run("show", "kst-32317-AT")
    lines = ran.out.splitlines()
    assert ran.code == 0
    content = stored.letters[0]["content_sha256"]
    assert lines[:5] == [
        "JBZ-Raad 13 oktober 2025 (Eerste Kamer)  kst-32317-AT@1",
        "  Brief van de Minister van Justitie en Veiligheid en de Minister van Asiel en Migratie",
        "  Justitie en Binnenlandse Zaken, meeting 13 oktober 2025 in Luxemburg",
        "  date 29 september 2025  to Eerste Kamer  formats xml",
        f"  snapshot {folder}/snapshots/jbz/2025-10-13_kst-32317-at.xml  content {content[:16]}",
    ]
    assert len(lines) == 5 + 24
    assert (
        "  II.4     Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen [Gedeeltelijke algemene oriëntatie]"
        in lines
    )
    shown = json.loads(run("show", "kst-32317-AT", "--format", "json").out)
    assert list(shown) == [*LETTER_KEYS, "items"]
    assert [item["ref"] for item in shown["items"]] == [line.split()[0] for line in lines[5:]]
    assert shown["items"][-1] == {
        "ref": "II.10.b",
        "title": "Jaarlijkse solidariteitspool",
        "kind": "Informatie van het Voorzitterschap en de Commissie",
    }
    ran = run("show", "kst-32317-AT", "--xml")
    assert ran.out.startswith("<?xml") and 'id="kst-32317-AT"' in ran.out


def test_history_in_dutch(stored: Stored) -> None:
    run = stored.run
    found = json.loads(run("history", "seksueel misbruik", "--format", "json").out)
    assert len(found) == 1
    key = found[0]["thread"]
    assert run("history", "seksueel misbruik") == Ran(
        0,
        "Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen"
        f"  [JBZ-Raad; thread {key}]\n"
        "  13 oktober 2025    II.4     Gedeeltelijke algemene oriëntatie    tegen\n"
        "  8 december 2025    II.3     Algemene oriëntatie                  voor"
        "               7 wijzigingen; standpunt tegen → voor\n",
        "",
    )


def test_history_as_json(stored: Stored) -> None:
    run = stored.run
    december = stored.december
    ran = run("history", "solidariteitspool", "-f", "json")
    assert ran.code == 0 and ran.out.startswith('[{"thread": ')
    (thread,) = json.loads(ran.out)
    assert list(thread) == ["thread", "title", "formation", "formation_key", "moments"]
    assert (thread["title"], thread["formation"], thread["formation_key"]) == (
        "Jaarlijkse solidariteitspool",
        "Justitie en Binnenlandse Zaken",
        "jbz",
    )
    first, second = thread["moments"]
    assert list(first) == list(second) == MOMENT_KEYS
    assert {k: v for k, v in first.items() if k != "stance"} == {
        "meeting": "2025-10-13",
        "letter": "kst-32317-AT@1",
        "ref": "II.10.b",
        "title": "Jaarlijkse solidariteitspool",
        "kind": "Informatie van het Voorzitterschap en de Commissie",
        "change": None,
        "withdrawn": False,
    }
    assert (second["meeting"], second["letter"], second["stance"]) == (
        "2025-12-08",
        f"{december}@1",
        "support",
    )
    assert second["change"]["position_change"] == {"old": "conditional", "new": "support"}


def test_stances_in_the_json_are_the_contracts(stored: Stored) -> None:
    run = stored.run
    threads = json.loads(run("history", "", "-f", "json").out)
    stances = {moment["stance"] for thread in threads for moment in thread["moments"]}
    assert stances <= {"support", "oppose", "conditional", "neutral", "none"}
    assert {"support", "oppose", "none"} <= stances


def test_piped_text_has_no_trailing_spaces(stored: Stored) -> None:
    for args in (("letters",), ("show", "kst-32317-AT"), ("history", "")):
        ran = stored.run(*args)
        assert ran.code == 0 and ran.out.endswith("\n")
        assert [line for line in ran.out.splitlines() if line != line.rstrip()] == []


def test_no_view_for_people_names_a_letter_by_its_hash(stored: Stored) -> None:
    """The hash id stands only beside the name, where it is how to refer to the letter."""
    run = stored.run
    december = stored.december
    for args in (("letters",), ("show", december), ("history", "")):
        for line in run(*args).out.splitlines():
            if not line.startswith("  snapshot "):  # a file name
                assert december not in line or "JBZ-Raad 8 december 2025 (Eerste Kamer)" in line


def test_diff_between_stored_letters(stored: Stored) -> None:
    run = stored.run
    december = stored.december
    content = stored.letters[1]["content_sha256"]
    ran = run("diff", "kst-32317-AT@1", content[:12], "-f", "json")
    assert ran.code == 1  # they differ
    result = json.loads(ran.out)
    assert result["summary"]["position_changes"] == 5
    assert (result["old"]["meeting"], result["new"]["meeting"]) == ("2025-10-13", "2025-12-08")
    ran = run("diff", "kst-32317-AT@1", december, "-f", "unified")
    assert ran.out.splitlines()[:3] == [
        "--- JBZ-Raad 13 oktober 2025 (Eerste Kamer), brief van 29 september 2025 (kst-32317-AT@1)",
        f"+++ JBZ-Raad 8 december 2025 (Eerste Kamer), brief van 24 november 2025 ({december}@1)",
        "Summary: 9 changed, 10 added, 15 removed, 6 moved, 3 position changes, 0 unchanged",
    ]
    assert run("diff", "kst-32317-AT", "kst-32317-AT@1").code == 0


def test_unknown_ids_and_queries_are_one_line_errors(stored: Stored) -> None:
    run = stored.run
    assert run("show", "kst-0-0") == Ran(
        1, "", "Error: kst-0-0: no such letter in the store (see `tracker letters`)\n"
    )
    assert run("history", "geen-onderwerp", "-f", "json") == Ran(
        1, "", "Error: geen-onderwerp: no thread's title contains this\n"
    )


def test_a_failed_file_sets_the_exit_status(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    missing = tmp_path / "weg.pdf"
    ran = run("ingest", str(empty), str(missing), OCTOBER)
    assert ran.code == 1
    assert ran.err == f"Error: {empty}: empty file\nError: {missing}: no such file\n"
    assert "1 added" in ran.out and "2 failed" in ran.out


def test_rebuild_and_upgrade(run: Run) -> None:
    run("ingest", OCTOBER, DECEMBER)
    ran = run("rebuild")
    assert ran.code == 0 and ran.out.startswith("2 files: 2 added")
    ran = run("db", "upgrade")
    assert ran.code == 0 and ran.out.endswith(": up to date\n")


def test_a_bad_database_url_is_one_line(tmp_path: Path) -> None:
    ran = tracker("letters", cwd=tmp_path, env={"TRACKER_DATABASE_URL": "nonsense://"})
    assert ran.code == 1 and ran.err.startswith("Error: nonsense://") and "Traceback" not in ran.err


READ_ONLY = [
    ("letters",),
    ("letters", "--format", "json"),
    ("show", "kst-32317-AT"),
    ("history", "misbruik"),
    ("positions", "kst-32317-AT"),
    ("diff", "kst-32317-AT", "kst-32317-AU"),
    ("publish", "--out", "www"),
    ("rebuild",),
]


@pytest.mark.parametrize("args", READ_ONLY, ids=[" ".join(a) for a in READ_ONLY])
def test_a_read_only_command_without_a_store_says_so_and_makes_none(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    config = write_config(tmp_path)
    ran = tracker("--config", str(config), *args, cwd=tmp_path)
    missing = f"no store at {tmp_path / 't.db'}: run `tracker ingest` or `tracker serve` first"
    by_id = args[0] in ("positions", "diff")
    expected = (
        f"Error: {args[1]}: no such file, and {missing}\n" if by_id else f"Error: {missing}\n"
    )
    assert (ran.code, ran.out, ran.err) == (2 if args[0] == "diff" else 1, "", expected)
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # nothing made
