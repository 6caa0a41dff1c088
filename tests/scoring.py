"""Score a `tracker.diff/1` answer against a dev case's `truth.json`.

The metrics of the corpus README: alignment over `pairs`, `added` and `removed`,
`changed`, position changes and their stances, `duplicates`, changed items in noise-only
cases, and the letters' meta. Counts are summed over cases (micro-averaged).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

META_FIELDS = ("date", "council", "meeting", "place", "addressee")


@dataclass
class Score:
    """True positives, false positives and false negatives per metric, and stance tallies."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    stances_right: int = 0
    stances_total: int = 0
    noise_changed: int = 0
    meta_wrong: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, metric: str, got: set[Any], want: set[Any], case: str) -> None:
        tally = self.counts.setdefault(metric, Counter())
        tally["tp"] += len(got & want)
        tally["fp"] += len(got - want)
        tally["fn"] += len(want - got)
        for extra in sorted(map(str, got - want)):
            self.misses.append(f"{case}: {metric}: unexpected {extra}")
        for missing in sorted(map(str, want - got)):
            self.misses.append(f"{case}: {metric}: missing {missing}")

    def f1(self, metric: str) -> float:
        tally = self.counts.get(metric, Counter())
        denominator = 2 * tally["tp"] + tally["fp"] + tally["fn"]
        return 1.0 if denominator == 0 else 2 * tally["tp"] / denominator

    @property
    def stance_accuracy(self) -> float:
        return 1.0 if self.stances_total == 0 else self.stances_right / self.stances_total

    def report(self) -> str:
        lines = [
            f"{metric:17} F1 {self.f1(metric):.3f}  {dict(c)}" for metric, c in self.counts.items()
        ]
        lines.append(
            f"stance accuracy   {self.stance_accuracy:.3f} "
            f"({self.stances_right}/{self.stances_total})"
        )
        lines.append(f"noise changed     {self.noise_changed}")
        lines.append(f"meta wrong        {self.meta_wrong}")
        return "\n".join(lines + self.misses)


def score_case(score: Score, case: str, answer: dict[str, Any], truth: dict[str, Any]) -> None:
    """Add one case's answer to `score`."""
    items = answer["items"]
    both = [i for i in items if i["old"] and i["new"]]
    score.add(
        "alignment",
        {(i["old"]["ref"], i["new"]["ref"]) for i in both},
        {tuple(p) for p in truth["pairs"]},
        case,
    )
    score.add(
        "added",
        {i["new"]["ref"] for i in items if i["status"] == "added"},
        set(truth["added"]),
        case,
    )
    score.add(
        "removed",
        {i["old"]["ref"] for i in items if i["status"] == "removed"},
        set(truth["removed"]),
        case,
    )
    changed = {i["new"]["ref"] for i in items if i["status"] == "changed"}
    score.add("changed", changed, set(truth["changed"]), case)
    if truth["noise_only"]:
        score.noise_changed += len(changed)
    found = {i["new"]["ref"]: i["position_change"] for i in both if i["position_change"]}
    score.add("position_change", set(found), set(truth["position_changes"]), case)
    for ref, want in truth["position_changes"].items():
        if ref in found:
            score.stances_total += 1
            got = found[ref]
            if (got["old"], got["new"]) == (want["old"], want["new"]):
                score.stances_right += 1
            else:
                score.misses.append(f"{case}: stance of {ref}: {got} for {want}")
    for side in ("old", "new"):
        got_dups = {tuple(d["refs"]) for d in answer["duplicates"] if d["side"] == side}
        score.add("duplicates", got_dups, {tuple(d) for d in truth["duplicates"][side]}, case)
        _score_meta(score, case, side, answer[side], truth["meta"][side])


def _score_meta(
    score: Score, case: str, side: str, got: dict[str, Any], want: dict[str, Any]
) -> None:
    for name in META_FIELDS:
        if name in want and got.get(name) != want[name]:
            score.meta_wrong.append(f"{case}: {side}.{name} {got.get(name)!r} for {want[name]!r}")
