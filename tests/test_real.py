"""Real letters of seven series, and letters of formations the reader was not tuned on,
scored by the corpus's own scorer (`tests/data/real/score_real.py`), in process."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import DATA, load_json
from scoring import Score, score_case

from tracker.canonical import render_letter
from tracker.diff import diff_letters
from tracker.errors import TrackerError
from tracker.normalise import read_letter

REAL = DATA / "real"
UNSEEN = DATA / "unseen"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_real", REAL / "score_real.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.run_cmd = _normalise_in_process  # the scorer's command, without a process per file
    return module


def _normalise_in_process(
    cmd: str, letter: Path, timeout: float = 60
) -> tuple[bytes | None, str, str | None]:
    """What `tracker normalise FILE` prints: the XML on stdout, warnings on stderr."""
    try:
        read = read_letter(letter.read_bytes(), str(letter))
    except TrackerError as exc:
        return None, f"Error: {exc}", "exit 1"
    warnings = "".join(f"warning: {letter}: {w}\n" for w in read.warnings)
    return render_letter(read), warnings, None


def _summary(golds: list[Path], capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    scorer = _scorer()
    results = [scorer.score_file("in-process", gold) for gold in golds]
    scorer.report(results, verbose=True)
    out = capsys.readouterr().out
    print(out)
    line = out.strip().splitlines()[-1]
    assert line.startswith("SUMMARY"), out
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def _golds(folder: Path) -> list[Path]:
    return sorted((folder / "gold").glob("*.json"))


def test_real_letters_read_as_their_gold(capsys: pytest.CaptureFixture[str]) -> None:
    summary = _summary(_golds(REAL), capsys)
    assert summary["items_recall"] >= 0.95 and summary["items_precision"] >= 0.95, summary
    assert summary["meta_acc"] >= 0.95, summary
    assert summary["keep"] == 1.0 and summary["chrome"] == 0, summary
    assert summary["false_not_agenda"] == 0 and summary["errors"] == 0, summary


def test_letters_of_unseen_formations_read_as_their_gold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary = _summary(_golds(UNSEEN) + sorted((UNSEEN / "gold-bin").glob("*.json")), capsys)
    assert summary["items_recall"] >= 0.95 and summary["items_precision"] >= 0.95, summary
    assert summary["meta_acc"] >= 0.95 and summary["kind_acc"] >= 0.95, summary
    assert summary["keep"] == 1.0 and summary["chrome"] == 0, summary
    assert summary["false_not_agenda"] == 0 and summary["errors"] == 0, summary


PAIRS = sorted(p.name for p in (UNSEEN / "pairs").iterdir() if (p / "truth.json").is_file())


def test_pairs_of_unseen_formations_diff_as_their_truth() -> None:
    score = Score()
    for case in PAIRS:
        folder = UNSEEN / "pairs" / case
        truth = load_json(folder / "truth.json")
        old = read_letter((folder / truth["old"]).read_bytes(), truth["old"])
        new = read_letter((folder / truth["new"]).read_bytes(), truth["new"])
        score_case(score, case, diff_letters(old, new), truth)
    report = score.report()
    print(report)
    assert score.f1("alignment") >= 0.98, report
    assert score.f1("added") >= 0.95 and score.f1("removed") >= 0.95, report
    assert score.f1("changed") >= 0.95, report
    assert score.f1("position_change") >= 0.9 and score.stance_accuracy >= 0.9, report
    assert score.noise_changed == 0 and score.meta_wrong == [], report


UNSEEN2 = DATA / "unseen2"


def test_a_second_set_written_blind_reads_as_its_gold(capsys: pytest.CaptureFixture[str]) -> None:
    """The second held-out set, scored blind once (README: figures in the closing notes),
    kept here so that what it showed stays fixed."""
    golds = _golds(UNSEEN2) + sorted((UNSEEN2 / "gold-bin").glob("*.json"))
    summary = _summary(golds, capsys)
    assert summary["items_recall"] >= 0.95 and summary["items_precision"] >= 0.95, summary
    assert summary["kind_acc"] >= 0.95 and summary["meta_acc"] >= 0.9, summary
    assert summary["keep"] >= 0.98 and summary["false_not_agenda"] == 0, summary
