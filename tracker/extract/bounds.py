"""How much a file may unpack to and hold, measured before it costs time or memory.

A small file can hold a great deal: a ZIP member or a PDF stream of 1 MB can inflate to
1 GB. The libraries (python-docx, pdfium) unpack whatever they are given, and a ZIP's
directory may state any size it likes, so each compressed part is inflated here first,
a bounded piece at a time and without keeping what it inflates to, and the file is
refused once a part (or all of them together) is over its limit.
"""

from __future__ import annotations

import copy
import zipfile
import zlib
from collections.abc import Iterator

from tracker import patterns
from tracker.errors import InputError

MEGABYTE = 1024 * 1024
# A letter's DOCX: any one part (document.xml, an image) and all parts together.
MAX_ZIP_MEMBER = 32 * MEGABYTE
MAX_ZIP_TOTAL = 100 * MEGABYTE
# A letter's PDF: a content or object stream, an image, and all streams together.
MAX_PDF_STREAM = 8 * MEGABYTE
MAX_PDF_IMAGE = 128 * MEGABYTE
MAX_PDF_TOTAL = 512 * MEGABYTE

# What a letter may hold. A Council agenda has tens of items and a letter a few thousand
# lines; far past that the file is not a letter, and reading it on would take minutes.
MAX_TEXT_LINES = 50_000  # lines of a text letter
MAX_BLOCKS = 20_000  # paragraphs, headings and list entries of any letter
MAX_ELEMENTS = 100_000  # elements of an HTML page or an XML document (a letter: < 5,000)
MAX_ITEMS = 400  # agenda items and sub-items
# Covering-letter sections and agenda items together: `tracker diff` and ingest compare
# every one of a letter's with every one of the letter before (a real letter has < 60).
MAX_UNITS = 400

_PIECE = 64 * 1024  # compressed bytes fed at a time
_OUT = MEGABYTE  # most inflated bytes taken at a time


def _mb(size: int) -> str:
    return f"{size // MEGABYTE} MB"


def check_lines(text: str, source: str) -> None:
    """Refuse a text of more than MAX_TEXT_LINES lines, before it is read line by line."""
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        raise InputError(source, f"text has {lines:,} lines, more than {MAX_TEXT_LINES:,}")


def check_elements(count: int, source: str) -> None:
    """Refuse markup of more than MAX_ELEMENTS elements, before it is walked."""
    if count > MAX_ELEMENTS:
        raise InputError(source, f"markup has {count:,} elements, more than {MAX_ELEMENTS:,}")


def check_blocks(count: int, source: str) -> None:
    """Refuse an extracted letter of more than MAX_BLOCKS paragraphs."""
    if count > MAX_BLOCKS:
        raise InputError(source, f"letter has {count:,} paragraphs, more than {MAX_BLOCKS:,}")


def check_items(count: int, source: str) -> None:
    """Refuse an agenda of more than MAX_ITEMS items (none is folded into another)."""
    if count > MAX_ITEMS:
        raise InputError(source, f"agenda has {count:,} agenda items, more than {MAX_ITEMS:,}")


def check_units(count: int, source: str) -> None:
    """Refuse a letter of more than MAX_UNITS sections and items: comparing two letters
    costs the product of their counts."""
    if count > MAX_UNITS:
        raise InputError(
            source, f"letter has {count:,} sections and agenda items, more than {MAX_UNITS:,}"
        )


# --- ZIP (DOCX) ------------------------------------------------------------------------


def check_zip_members(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse a ZIP whose members unpack to more than the limits, counted by inflating
    them (not by what the directory states), or that names a member twice."""
    names = [info.filename for info in archive.infolist()]
    if len(names) != len(set(names)):
        twice = sorted({n for n in names if names.count(n) > 1})[0]
        raise InputError(source, f"not a readable DOCX: the ZIP package holds {twice} twice")
    total = 0
    for info in archive.infolist():
        size = _member_size(archive, info, source)
        if size != info.file_size:
            raise InputError(
                source,
                f"not a readable DOCX: {info.filename} unpacks to {size:,} bytes, "
                f"not the {info.file_size:,} its ZIP directory states",
            )
        total += size
        if total > MAX_ZIP_TOTAL:
            raise InputError(
                source, f"not a readable DOCX: it unpacks to more than {_mb(MAX_ZIP_TOTAL)}"
            )


def _member_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> int:
    """The real unpacked size of one member, read to at most MAX_ZIP_MEMBER + 1 bytes."""
    probe = copy.copy(info)
    probe.file_size = MAX_ZIP_MEMBER + 2  # read past the stated size, up to the limit
    probe.CRC = None  # type: ignore[assignment]  # checked when the DOCX is read
    size = 0
    with archive.open(probe) as stream:
        while piece := stream.read(_PIECE):
            size += len(piece)
            if size > MAX_ZIP_MEMBER:
                raise InputError(
                    source,
                    f"not a readable DOCX: {info.filename} unpacks to more than "
                    f"{_mb(MAX_ZIP_MEMBER)}",
                )
    return size


# --- PDF -------------------------------------------------------------------------------

_STREAM_RE = patterns.compile(rb"(?<!end)stream\r?\n")
_IMAGE_RE = patterns.compile(rb"/Subtype\s*/Image\b")


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF with a zlib (FlateDecode) stream that inflates past its limit, or
    whose streams together do; a stream compressed twice is measured unpacked twice."""
    total = 0
    for start, image in _streams(data):
        limit = MAX_PDF_IMAGE if image else MAX_PDF_STREAM
        size = inflated_size(memoryview(data)[start:], limit)
        if size > limit:
            what = "an image" if image else "a stream"
            raise InputError(
                source,
                f"PDF has {what} that unpacks to more than {_mb(limit)} "
                f"(at byte {start:,}): refused as a decompression bomb",
            )
        total += size
        if total > MAX_PDF_TOTAL:
            raise InputError(
                source, f"PDF streams unpack to more than {_mb(MAX_PDF_TOTAL)} together: refused"
            )


def _streams(data: bytes) -> Iterator[tuple[int, bool]]:
    """(start of the data, is an image) of every stream that begins as zlib data."""
    for match in _STREAM_RE.finditer(data):
        start = match.end()
        if _zlib_header(data[start : start + 2]):
            head = data[max(0, match.start() - 4096) : match.start()]
            dictionary = head[head.rfind(b"obj") + 1 :]
            yield start, bool(_IMAGE_RE.search(dictionary))


def _zlib_header(head: bytes) -> bool:
    """Whether two bytes open a zlib stream (deflate, a valid check value)."""
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def inflated_size(compressed: memoryview, limit: int) -> int:
    """How many bytes the zlib data at the start of `compressed` inflates to, counting
    the inner stream's bytes too when it inflates to zlib data again; stops past `limit`
    (or at the first error: pdfium reads a damaged stream no further either)."""
    outer = zlib.decompressobj()
    inner: zlib._Decompress | None = None
    size = 0
    for piece in _inflate(outer, compressed, limit):
        if inner is None and size == 0 and _zlib_header(piece[:2]):
            inner = zlib.decompressobj()
        size += len(piece)
        if inner is not None:
            size += sum(len(p) for p in _inflate(inner, memoryview(piece), limit - size + 1))
        if size > limit:
            break
    return size


def _inflate(inflater: zlib._Decompress, compressed: memoryview, limit: int) -> Iterator[bytes]:
    """The inflated data in pieces of at most _OUT bytes, until the end, an error or
    more than `limit` bytes."""
    given = 0
    for offset in range(0, len(compressed), _PIECE):
        pending = bytes(compressed[offset : offset + _PIECE])
        while pending and not inflater.eof:
            try:
                piece = inflater.decompress(pending, _OUT)
            except zlib.error:
                return
            pending = inflater.unconsumed_tail
            given += len(piece)
            yield piece
            if given > limit:
                return
        if inflater.eof:
            return
