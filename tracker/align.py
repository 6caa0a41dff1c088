"""Which item of one letter is the same topic as which item of another.

Every unit (agenda item or covering section) of the old letter is scored against every
unit of the new one, and a global one-to-one assignment (the Hungarian method, per
connected group of candidates) picks the pairs with the largest total score. Units
left without a partner above the threshold are added or removed.

The score is a weighted mean of four signals:

- body: word-level similarity of the two bodies (Indel distance over word tokens), the
  main signal: titles are reworded, renumbered and repeated ("Aanleiding");
- title: character similarity of the titles;
- references: overlap of the document references both cite (COM numbers, Kamerstuk
  numbers, BNC-fiches), counted only when both cite some;
- kind: the same procedure line, counted only when both have one.

A short body says little (two items that only say "Nederland zal de informatie
aanhoren." are not the same topic), so the body's weight grows with its length and the
title carries what a short body cannot. A shared generic title alone never reaches the
threshold for units with a body ("Aanleiding" heads many covering sections); a shared
specific title (three content words or more) does: it names the dossier.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from tracker.records import dataclass
from tracker.units import Unit

THRESHOLD = 0.5  # a pair scores at least this; see tests/test_diff.py for the margins
DUPLICATE_SIMILARITY = 0.7  # near copy: word similarity of the bodies, as the corpus defines
DUPLICATE_MIN_WORDS = 12  # content words; two one-line bodies are boilerplate, not copies
_REORDER_FLOOR = 0.3  # bodies less alike than this in order are not one body reordered
_FULL_BODY_WORDS = 40  # from this many words on, the body carries its full weight
_SPECIFIC_TITLE_WORDS = 3  # "Aanleiding" says less than "Verordening visserijquota 2026"
_UNRELATED = 0.3  # what evidence that says nothing counts as: a little below the threshold
_BODY, _TITLE, _REFERENCES, _KIND = 0.65, 0.25, 0.10, 0.05  # weights of the signals
_TITLE_LED = 0.55  # the share of a specific title in the score it leads


@dataclass(frozen=True)
class Pair:
    """An old unit and a new unit found to be the same topic, with the evidence."""

    old: Unit
    new: Unit
    score: float
    body: float


@dataclass(frozen=True)
class Alignment:
    """The outcome of aligning two letters' units."""

    pairs: tuple[Pair, ...]
    added: tuple[Unit, ...]
    removed: tuple[Unit, ...]


class Bodies:
    """Bodies as strings of word codes, so they compare in rapidfuzz's C code.

    Codes and similarities are kept by body text: a unit that is the same in both
    letters (most of them, between consecutive letters) is encoded and compared once.
    Each body text gets a number when first met, and its codes then: similarities are
    kept by pairs of numbers, which hash at once (a body's text is a tuple of sentences).
    """

    def __init__(self) -> None:
        self._table: dict[str, str] = {}
        self._numbers: dict[tuple[str, ...], int] = {}
        self._codes: list[tuple[str, str]] = []
        self._similar: dict[tuple[int, int], float] = {}

    def number(self, unit: Unit) -> int:
        """The number of the unit's body text; its codes are made when it is first met."""
        found = self._numbers.get(unit.body_key)
        if found is None:
            found = self._numbers[unit.body_key] = len(self._codes)
            self._codes.append(self._encode(unit))
        return found

    def _encode(self, unit: Unit) -> tuple[str, str]:
        table = self._table
        # Codes in order of first use, from 0: deterministic, and the words met first
        # (the most common) get codes below 256, which rapidfuzz looks up fastest.
        fresh = [word for word in unit.distinct_content_words if word not in table]
        added = map(chr, range(len(table), len(table) + len(fresh)))
        table.update(zip(fresh, added, strict=True))
        # The unit's own codes (words numbered by first use in it) mapped to the table's.
        mapping = list(map(table.__getitem__, unit.distinct_content_words))
        sentences = [codes.translate(mapping) for codes in unit.local_codes]
        return "".join(sentences), "".join(sorted(sentences))

    def codes(self, unit: Unit) -> tuple[str, str]:
        """The unit's content words as codes: in reading order, and by sorted sentence."""
        return self._codes[self.number(unit)]

    def size(self, unit: Unit) -> int:
        """How many content words the body has."""
        return len(self.codes(unit)[0])

    def similarity(self, a: Unit, b: Unit) -> float:
        """Word similarity of two bodies, 0–1; sentences moved within a body do not lower it."""
        return self._similarity(self.number(a), self.number(b))

    def similarities(self, old: Sequence[Unit], new: Sequence[Unit]) -> list[list[float]]:
        """`similarity` of every unit of `old` (rows) with every unit of `new`. Bodies are
        met in the order the pairs one by one would meet them (the codes of words are
        numbered by first use, and a body's sorted codes follow from them)."""
        if not old or not new:
            return [[] for _ in old]
        first = self.number(old[0])
        columns = [self.number(unit) for unit in new]
        rows = [first, *(self.number(unit) for unit in old[1:])]
        similarity = self._similarity
        return [[similarity(row, column) for column in columns] for row in rows]

    def _similarity(self, a: int, b: int) -> float:
        key = (a, b)
        found = self._similar.get(key)
        if found is None:
            found = self._similar[key] = self._compare(self._codes[a], self._codes[b])
        return found

    @staticmethod
    def _compare(first: tuple[str, str], second: tuple[str, str]) -> float:
        ordered = Indel.normalized_similarity(first[0], second[0])
        if ordered < _REORDER_FLOOR:
            return ordered
        return max(ordered, Indel.normalized_similarity(first[1], second[1]))


def align_units(
    old: Sequence[Unit], new: Sequence[Unit], bodies: Bodies | None = None
) -> Alignment:
    """Pair the units of two letters one to one; the rest are added or removed."""
    bodies = bodies or Bodies()
    chosen = _identical(old, new)
    rest_old = [i for i in range(len(old)) if i not in chosen]
    rest_new = [j for j in range(len(new)) if j not in chosen.values()]
    olds, news = [old[i] for i in rest_old], [new[j] for j in rest_new]
    similar = bodies.similarities(olds, news)
    scores = [
        [_score(a, b, body) for b, body in zip(news, row, strict=True)]
        for a, row in zip(olds, similar, strict=True)
    ]
    for a, b in _assign(scores):
        chosen[rest_old[a]] = rest_new[b]
    pairs = []
    for i, j in sorted(chosen.items(), key=lambda kv: kv[1]):
        if old[i].signature == new[j].signature:
            pairs.append(Pair(old[i], new[j], 1.0, 1.0))
            continue
        body = bodies.similarity(old[i], new[j])
        pairs.append(Pair(old[i], new[j], round(_score(old[i], new[j], body), 4), body))
    paired_new = set(chosen.values())
    return Alignment(
        tuple(pairs),
        tuple(u for j, u in enumerate(new) if j not in paired_new),
        tuple(u for i, u in enumerate(old) if i not in chosen),
    )


def _identical(old: Sequence[Unit], new: Sequence[Unit]) -> dict[int, int]:
    """Pairs of units with the same title and body, where each is the only such one."""

    old_by: dict[object, list[int]] = {}
    for i, unit in enumerate(old):
        old_by.setdefault(unit.signature, []).append(i)
    new_by: dict[object, list[int]] = {}
    for j, unit in enumerate(new):
        new_by.setdefault(unit.signature, []).append(j)
    return {
        olds[0]: new_by[sig][0]
        for sig, olds in old_by.items()
        if len(olds) == 1 and len(new_by.get(sig, ())) == 1
    }


def _score(a: Unit, b: Unit, body: float) -> float:
    """The weighted evidence that `a` and `b` are the same topic, 0–1."""
    # Scored for every pair of candidates: weights and weighted signals in plain lists, in
    # the order body, title, references, kind (the sums add them in that order).
    body_trust = min(1.0, min(a.word_count, b.word_count) / _FULL_BODY_WORDS)
    title_trust = min(1.0, min(a.title_words, b.title_words) / _SPECIFIC_TITLE_WORDS)
    differ = names_differ(a, b)
    title = 0.0 if differ else title_similarity(a, b)
    weights = [_BODY * body_trust, _TITLE + _BODY * (1.0 - body_trust)]
    weighted = [
        weights[0] * _trusted(body, body_trust),
        weights[1] * (0.0 if differ else _trusted(title, title_trust)),
    ]
    if a.references and b.references:
        weights.append(_REFERENCES)
        weighted.append(
            _REFERENCES * (len(a.references & b.references) / len(a.references | b.references))
        )
    if a.kind and b.kind:
        weights.append(_KIND)
        weighted.append(_KIND * (1.0 if a.kind_key == b.kind_key else 0.0))
    mean = sum(weighted) / sum(weights)
    if differ or min(a.topic_words, b.topic_words) < _SPECIFIC_TITLE_WORDS:
        return mean
    # A specific title kept word for word names the dossier even when its text is new
    # ("Herfstpakket Europees Semester 2026" from a debate to Council conclusions).
    return max(mean, _TITLE_LED * title + (1.0 - _TITLE_LED) * body)


def _trusted(value: float, trust: float) -> float:
    """Evidence that says little is pulled towards what an unrelated pair scores."""
    return trust * value + (1.0 - trust) * _UNRELATED


def names_differ(a: Unit, b: Unit) -> bool:
    """Whether the titles name different things: each has a capitalised word (a country, a
    presidency, a programme) the other lacks — "Werkprogramma van het Deense
    voorzitterschap" is not "… van het Cypriotische voorzitterschap"; "Sudan" and
    "Humanitaire crisis in Sudan" name one thing."""
    first, second = a.title_names, b.title_names
    return not first <= second and not second <= first


def title_similarity(a: Unit, b: Unit) -> float:
    """How alike two titles are, 0–1, ignoring case."""
    return fuzz.ratio(a.title_lower, b.title_lower) / 100


def _assign(scores: list[list[float]]) -> list[tuple[int, int]]:
    """The one-to-one pairs above the threshold with the largest total score."""
    edges = {(i, j): s for i, row in enumerate(scores) for j, s in enumerate(row) if s >= THRESHOLD}
    result = []
    for rows, cols in _components(edges):
        matrix = [[edges.get((i, j), 0.0) for j in cols] for i in rows]
        for a, b in hungarian_max(matrix):
            if matrix[a][b] >= THRESHOLD:
                result.append((rows[a], cols[b]))
    return result


def _components(edges: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of the bipartite candidate graph, as (rows, columns)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in edges:
        parent[find(("r", i))] = find(("c", j))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        rows, cols = groups.setdefault(find(node), ([], []))
        (rows if node[0] == "r" else cols).append(node[1])
    return list(groups.values())


def hungarian_max(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one assignment of rows to columns (rectangular allowed)."""
    if not matrix or not matrix[0]:
        return []
    transposed = len(matrix) > len(matrix[0])
    if transposed:
        matrix = [list(col) for col in zip(*matrix, strict=True)]
    n, m = len(matrix), len(matrix[0])
    cost = [[-value for value in row] for row in matrix]
    # Jonker-Volgenant style shortest augmenting paths with potentials (1-based).
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        match[0], col0 = row, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while match[col0]:
            used[col0] = True
            r, delta, col1 = match[col0], inf, 0
            for col in range(1, m + 1):
                if not used[col]:
                    current = cost[r - 1][col - 1] - u[r] - v[col]
                    if current < minv[col]:
                        minv[col], way[col] = current, col0
                    if minv[col] < delta:
                        delta, col1 = minv[col], col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    pairs = [(match[col] - 1, col - 1) for col in range(1, m + 1) if match[col]]
    return sorted((b, a) if transposed else (a, b) for a, b in pairs)


def find_duplicates(
    units: Sequence[Unit], bodies: Bodies | None = None
) -> list[tuple[Unit, Unit, float]]:
    """Pairs of units of one letter whose bodies are near copies of each other."""
    bodies = bodies or Bodies()
    sizes = {id(u): bodies.size(u) for u in units}
    long = [u for u in units if sizes[id(u)] >= DUPLICATE_MIN_WORDS]
    found = []
    for n, first in enumerate(long):
        for second in long[n + 1 :]:
            shorter, longer = sorted((sizes[id(first)], sizes[id(second)]))
            if 2 * shorter < DUPLICATE_SIMILARITY * (shorter + longer):
                continue  # bodies this different in length cannot be that alike
            similarity = bodies.similarity(first, second)
            if similarity >= DUPLICATE_SIMILARITY:
                found.append((first, second, similarity))
    return found
