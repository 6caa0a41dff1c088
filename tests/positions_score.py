"""Score the position reader on a labelled sentence file: python tests/positions_score.py FILE [-v].

Prints detection precision/recall/F1, stance accuracy on the detected true positions, the
confusion matrix (gold rows, read columns) and, with -v, every disagreement with its rule.
Rows whose note says "ambiguous" are not scored, as in tests/data/positions/score.py.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker.positions import read_position

LABELS = ("support", "oppose", "conditional", "neutral", "none")


@dataclass(frozen=True)
class Figures:
    """Detection and stance figures of one scored file."""

    precision: float
    recall: float
    f1: float
    stance_accuracy: float
    confusion: Counter[tuple[str, str]]
    errors: tuple[str, ...]


def labelled_rows(path: Path) -> list[dict[str, str]]:
    """The labelled rows of a sentence file, ambiguous ones left out."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if not re.search(r"\bambiguous\b", r["note"], re.IGNORECASE)]


def score_rows(rows: list[dict[str, str]]) -> Figures:
    """Read every row's sentence and compare with its label."""
    confusion: Counter[tuple[str, str]] = Counter()
    errors = []
    for row in rows:
        reading = read_position(row["sentence"])
        got = reading.stance if reading.position and reading.stance else "none"
        confusion[row["label"], got] += 1
        if got != row["label"]:
            errors.append(f"{row['id']} {row['label']}->{got} [{reading.rule}] {row['sentence']}")
    tp = sum(n for (gold, got), n in confusion.items() if gold != "none" and got != "none")
    found = sum(n for (_, got), n in confusion.items() if got != "none")
    gold_positions = sum(n for (gold, _), n in confusion.items() if gold != "none")
    right = sum(n for (gold, got), n in confusion.items() if gold == got != "none")
    precision = tp / found if found else 1.0
    recall = tp / gold_positions if gold_positions else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(precision, recall, f1, right / tp if tp else 1.0, confusion, tuple(errors))


def report(figures: Figures, verbose: bool) -> str:
    """The figures as text: a summary line, the confusion matrix, the errors when asked."""
    lines = [
        f"detection P={figures.precision:.3f} R={figures.recall:.3f} F1={figures.f1:.3f}  "
        f"stance accuracy={figures.stance_accuracy:.3f}",
        "gold \\ read  " + " ".join(f"{label:>11}" for label in LABELS),
    ]
    for gold in LABELS:
        cells = " ".join(f"{figures.confusion[gold, got]:>11}" for got in LABELS)
        lines.append(f"{gold:12} {cells}")
    return "\n".join(lines + (list(figures.errors) if verbose else []))


if __name__ == "__main__":
    print(report(score_rows(labelled_rows(Path(sys.argv[1]))), "-v" in sys.argv[2:]))
