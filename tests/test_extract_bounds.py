"""Limits measured before a library unpacks: zlib streams inflated a piece at a time."""

from __future__ import annotations

import zlib

import pytest

from tracker.errors import InputError
from tracker.extract.bounds import MAX_ITEMS, check_items, check_pdf_streams, inflated_size

MB = 1024 * 1024


def test_a_stream_is_measured_by_inflating_it_and_stops_past_the_limit() -> None:
    data = zlib.compress(b" " * (20 * MB))
    assert inflated_size(memoryview(data), 30 * MB) == 20 * MB
    assert 2 * MB < inflated_size(memoryview(data), 2 * MB) <= 3 * MB  # stopped early


def test_a_stream_compressed_twice_counts_what_it_inflates_to_at_the_end() -> None:
    data = zlib.compress(zlib.compress(b" " * (20 * MB)), 9)
    assert len(zlib.decompress(data)) < MB
    assert inflated_size(memoryview(data), 8 * MB) > 8 * MB


def test_what_is_not_zlib_data_measures_nothing() -> None:
    assert inflated_size(memoryview(b"\x78\x9cnot deflate at all"), MB) == 0


def test_a_pdf_stream_past_its_limit_is_refused_by_position() -> None:
    bomb = zlib.compress(b" " * (9 * MB), 9)
    head = b"%%PDF-1.7\n1 0 obj\n<< /Length %d >>\nstream\n" % len(bomb)
    pdf = head + bomb + b"\nendstream"
    with pytest.raises(InputError, match=rf"more than 8 MB \(at byte {len(head)}\)"):
        check_pdf_streams(pdf, "bom.pdf")
    image = pdf.replace(b"<< /Length", b"<< /Subtype /Image /Length")
    check_pdf_streams(image, "foto.pdf")  # an image may be larger


def test_items_past_the_bound_are_refused_not_folded() -> None:
    check_items(MAX_ITEMS, "brief.txt")
    with pytest.raises(InputError, match="401 agenda items, more than 400"):
        check_items(MAX_ITEMS + 1, "brief.txt")
