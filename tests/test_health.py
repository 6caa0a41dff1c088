"""What the operator is told: every error shape's example, and the run's name shared."""

from __future__ import annotations

import re

import pytest

from tracker.health import ERROR_SHAPES, MAX_LINE, RUN, ErrorShape, short_error


@pytest.mark.parametrize("shape", ERROR_SHAPES, ids=[s.expected for s in ERROR_SHAPES])
def test_every_error_shape_says_its_example_in_one_short_line(shape: ErrorShape) -> None:
    assert short_error(shape.example) == shape.expected
    # the first shape that matches is the row's own: no row takes another's example
    first = next(s for s in ERROR_SHAPES if re.search(s.pattern, shape.example, re.DOTALL))
    assert first == shape


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ("tk_odata: dossier 'x' is not like '32317'", "tk_odata: dossier 'x' is not like '32317'"),
        ("first line\nsecond line", "first line"),
        ("", "failed"),
        ("x" * 1000, "x" * (MAX_LINE - 1) + "…"),
    ],
    ids=["kept", "first-line", "empty", "cut"],
)
def test_an_error_of_no_known_shape_is_kept_in_one_line(error: str, expected: str) -> None:
    assert short_error(error) == expected


def test_the_whole_fetch_is_remembered_under_the_same_name() -> None:
    from tracker.sources.fetch import RUN as FETCH_RUN

    assert RUN == FETCH_RUN
