"""What each route accepts, as data: its path and query parameters and their shapes.

A request is checked against its route's row before anything reads the store: a value
of the wrong shape, a parameter the route does not take, or one given twice is a 400
that names it; a value of the right shape that names nothing stored is a 404 later. The
checked, normalised parameters are also what the page cache keys an answer by, so a
junk parameter or another spelling of the same question never renders a page again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import field
from urllib.parse import parse_qsl

from tracker import patterns
from tracker.errors import TrackerError
from tracker.formations import formation_by_key, formation_key
from tracker.records import dataclass

MAX_QUERY = 2048  # bytes of a query string; longer is refused before it is parsed
MAX_FIELDS = 8  # query parameters, repeated ones counted
MAX_LIMIT = 500
SHOWN = 60  # characters of a refused value echoed in a message


class ParamError(TrackerError):
    """A request parameter the route does not take, or one of the wrong shape."""


def cut(value: str, limit: int = SHOWN) -> str:
    """`value` cut to `limit` characters, saying how long it was."""
    return value if len(value) <= limit else value[:limit] + f"… ({len(value):,} tekens)"


def shown(value: str, limit: int = SHOWN) -> str:
    """`value` quoted for a message, cut to `limit` characters: a refused value can be
    60,000 characters long, its echo in an answer or a log line never is."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + f"… ({len(value):,} tekens)"


def _known_formation(value: str) -> str:
    key = formation_key(value)
    try:
        return formation_by_key(key).key
    except KeyError:
        raise ParamError("geen Raad die we kennen; zie /api/letters voor de Raden") from None


def _limit(value: str) -> str:
    if int(value) > MAX_LIMIT:
        raise ParamError(f"geef een geheel getal van 1 tot {MAX_LIMIT}")
    return value


@dataclass(frozen=True)
class Shape:
    """How one parameter's value looks: a pattern, what a message says of it, examples
    that match and ones that do not, and how it is normalised once it matches."""

    pattern: str
    hint: str
    examples: tuple[str, ...]
    refused: tuple[str, ...]
    normalise: Callable[[str], str] | None = None
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", patterns.compile(self.pattern))

    def check(self, name: str, value: str) -> str:
        """The normalised value, or ParamError naming the parameter and the problem."""
        if not self.compiled.fullmatch(value):
            raise ParamError(f"{name}={shown(value)}: {self.hint}.")
        if self.normalise is None:
            return value
        try:
            return self.normalise(value)
        except ParamError as exc:
            raise ParamError(f"{name}={shown(value)}: {exc}.") from None


# A stored letter: `id`, `id@version` or a content hash prefix. Ids are ASCII (kst-32317-AT,
# sha256-0123456789ab); a version is a positive number of at most nine digits.
LETTER = Shape(
    r"[A-Za-z0-9][A-Za-z0-9._:-]{0,119}(?:@[1-9][0-9]{0,8})?",
    "geef KENMERK of KENMERK@VERSIE, zoals kst-32317-AT@2",
    ("kst-32317-AT", "kst-32317-AT@2", "sha256-0123456789ab", "0123456789abcdef"),
    ("kst-32317-AT@²", "kst-32317-AT@" + "9" * 30, "kst-32317-AT@0", "kst-32317-AT@-1", "a" * 200),
)
THREAD = Shape(
    r"[A-Za-z0-9_-]{1,64}",
    "een onderwerp heet als 0f3c9a1b2d4e5f6a7b8c9d0e",
    ("0f3c9a1b2d4e5f6a7b8c9d0e", "onbekend"),
    ("a" * 65, "../etc", "a b", "é"),
)
CHANGE = Shape(
    r"(?:tracker:(?:change|position):)?[0-9A-Fa-f]{4,64}",
    "een wijziging heet met hexadecimale cijfers, zoals 3f2a0b1c…",
    ("ffff", "3F2A0B1C", "tracker:change:0123456789abcdef0123456789abcdef"),
    ("onbekend", "fff", "f" * 65, "tracker:other:ffff"),
    normalise=str.lower,
)
FEED = Shape(
    r"[A-Za-z0-9_./-]{1,200}",
    "een feed heet als positions.atom of formation/jbz-raad.rss; zie /feeds.opml",
    ("positions.atom", "thread/0f3c9a1b2d4e5f6a7b8c9d0e.rss", "positions.json"),
    ("a" * 201, "positions atom", "positïons.atom"),
)
KIND = Shape(
    "change|position",
    "kies change of position",
    ("change", "position"),
    ("alles", "Change", ""),
)
FORMATION = Shape(
    r"[^\x00-\x1f\x7f-\x9f]{1,80}",
    "geef de naam of sleutel van een Raad, zoals jbz of JBZ-Raad",
    ("jbz", "JBZ-Raad", "Raad Justitie en Binnenlandse Zaken"),
    ("a" * 81, "jbz\x00"),
    normalise=_known_formation,
)
LIMIT = Shape(
    r"[1-9][0-9]{0,2}",
    f"geef een geheel getal van 1 tot {MAX_LIMIT}",
    ("1", "50", "500"),
    ("0", "050", "veel", "²", "1e3", "-1", "9" * 40),
    normalise=_limit,
)
PAGE = Shape(
    r"[1-9][0-9]{0,5}",
    "geef een paginanummer vanaf 1",
    ("1", "2", "40"),
    ("0", "02", "-1", "laatste", "1e3", "9" * 7),
)
SHAPES = {"LETTER": LETTER, "THREAD": THREAD, "CHANGE": CHANGE, "FEED": FEED}
SHAPES |= {"KIND": KIND, "FORMATION": FORMATION, "LIMIT": LIMIT, "PAGE": PAGE}

# Path parameters by their name in the route's path; every route's are checked.
PATH_PARAMS: Mapping[str, Shape] = {"name": LETTER, "key": THREAD, "hex": CHANGE, "path": FEED}


@dataclass(frozen=True)
class Query:
    """A query parameter a route takes: its shape and whether it must be given."""

    shape: Shape
    required: bool = False


COMPARE = {"old": Query(LETTER, required=True), "new": Query(LETTER, required=True)}
CHANGES = {
    "kind": Query(KIND),
    "formation": Query(FORMATION),
    "thread": Query(THREAD),
    "limit": Query(LIMIT),
}
# A list in pages: `?page=2&limit=100` (a `Link: <…>; rel="next"` header points on).
PAGES = {"page": Query(PAGE), "limit": Query(LIMIT)}
# The query parameters of each route; a route not listed takes none.
QUERY_PARAMS: Mapping[str, Mapping[str, Query]] = {
    "/compare": COMPARE,
    "/api/compare": COMPARE,
    "/api/changes": CHANGES,
    "/api/letters": PAGES,
    "/api/threads": PAGES,
}
MISSING = {
    "/compare": "Kies twee brieven: ?old=KENMERK@VERSIE&new=KENMERK@VERSIE.",
    "/api/compare": "Kies twee brieven: ?old=KENMERK@VERSIE&new=KENMERK@VERSIE.",
}


@dataclass(frozen=True)
class Params:
    """A request's checked, normalised parameters: what its answer depends on."""

    route: str
    path: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()

    def __getitem__(self, name: str) -> str:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def get(self, name: str) -> str | None:
        """A path or query parameter's value, None when it was not given."""
        for key, value in (*self.path, *self.query):
            if key == name:
                return value
        return None


def check_params(route: str, path_params: Mapping[str, str], query_string: bytes) -> Params:
    """The route's parameters checked against its row, or ParamError naming what is wrong."""
    path = tuple(
        (name, PATH_PARAMS[name].check(name, str(value))) for name, value in path_params.items()
    )
    return Params(route, path, _check_query(route, query_string))


def _check_query(route: str, query_string: bytes) -> tuple[tuple[str, str], ...]:
    allowed = QUERY_PARAMS.get(route, {})
    given = _parse_query(query_string)
    values: dict[str, str] = {}
    for name, value in given:
        if name not in allowed:
            raise ParamError(_unknown(route, name, allowed))
        if name in values:
            raise ParamError(f"{shown(name)} staat twee keer in het verzoek; geef het één keer.")
        values[name] = value
    checked = {
        name: allowed[name].shape.check(name, value) for name, value in values.items() if value
    }
    missing = [name for name, spec in allowed.items() if spec.required and name not in checked]
    if missing:
        raise ParamError(MISSING.get(route) or f"Geef {', '.join(missing)}.")
    return tuple(sorted(checked.items()))


def _parse_query(query_string: bytes) -> list[tuple[str, str]]:
    if len(query_string) > MAX_QUERY:
        raise ParamError(f"De zoekvraag is {len(query_string):,} bytes; hooguit {MAX_QUERY}.")
    try:
        return parse_qsl(
            query_string.decode("latin-1"),
            keep_blank_values=True,
            max_num_fields=MAX_FIELDS,
            separator="&",
        )
    except ValueError:
        raise ParamError(f"Hooguit {MAX_FIELDS} parameters per verzoek.") from None


def _unknown(route: str, name: str, allowed: Mapping[str, Query]) -> str:
    if not allowed:
        return f"Parameter {shown(name)} kent {route} niet; deze pagina neemt geen parameters."
    return f"Parameter {shown(name)} kent {route} niet; wel: {', '.join(allowed)}."
