"""`tracker positions FILE|ID`: every item with its position sentences, stance and cue."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DEV, SEED, write_config
from console import tracker

from tracker.positions import read_position

GOLDEN = Path(__file__).parent / "golden" / "positions-jbz-2025-10-13.txt"
STANCES = {"support", "oppose", "conditional", "neutral"}


def test_text_names_the_letter_and_says_each_stance_in_dutch(update_golden: bool) -> None:
    ran = tracker("positions", "jbz-2025-10-13.xml", cwd=SEED)
    assert (ran.code, ran.err) == (0, "")
    if update_golden:
        GOLDEN.write_text(ran.out, "utf-8")
    assert ran.out == GOLDEN.read_text("utf-8")
    assert ran.out.startswith("JBZ-Raad 13 oktober 2025 (Eerste Kamer)  [kst-32317-AT]\n")
    assert not [line for line in ran.out.splitlines() if line != line.rstrip()]


def test_json_gives_every_item_with_the_readers_own_stances() -> None:
    ran = tracker(
        "positions", str(DEV / "17-epsco-chain-june-to-december" / "new.html"), "-f", "json"
    )
    assert ran.code == 0, ran.err
    letter = json.loads(ran.out)
    assert letter["formation_key"] == "epsco-wsb" and letter["meeting"] == "2025-12-01"
    assert [i["ref"] for i in letter["items"]][:3] == ["1", "2.a", "2.b"]
    for item in letter["items"]:
        assert item["stance"] in STANCES | {"none"}
        for found in item["positions"]:
            reading = read_position(found["sentence"])
            assert reading.position and (found["stance"], found["cue"]) == (
                reading.stance,
                reading.cue,
            )
    assert any(item["positions"] for item in letter["items"])


def test_a_stored_letter_by_its_id(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    assert tracker("--config", str(config), "ingest", str(SEED / "jbz-2025-10-13.xml")).code == 0
    by_id = tracker("--config", str(config), "positions", "kst-32317-AT")
    by_file = tracker("positions", str(SEED / "jbz-2025-10-13.xml"))
    assert by_id.code == 0 and by_id.out == by_file.out


def test_a_missing_letter_is_one_line_and_exit_1(tmp_path: Path) -> None:
    ran = tracker("positions", str(tmp_path / "weg.pdf"))
    assert ran.code == 1 and ran.err.strip().endswith("no such file")
