"""Extractors: every published form of a letter → blocks (see `base`).

The format is detected from the content, never from the file name.
"""

from __future__ import annotations

from pathlib import Path

from tracker import patterns
from tracker.errors import InputError
from tracker.extract.base import Extracted

PDF, TEXT, HTML, XML, DOCX, SNAPSHOT = "pdf", "text", "html", "xml", "docx", "snapshot"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_ROOT = patterns.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
# The control bytes that make a head look binary: below tab, and between CR and space.
_CONTROLS = bytes([*range(9), *range(14, 32)])


def detect_format(data: bytes, source: str) -> str:
    """pdf, docx, html, xml, snapshot or text, from the bytes themselves."""
    head = data[:4096]
    if not data.strip():
        raise InputError(source, "empty file")
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX
    if head.startswith(_OLE):
        raise InputError(
            source, "an old-style or password-protected Office file: save it as .docx or PDF"
        )
    if _looks_binary(head):
        raise InputError(source, "binary data, not a letter in a known format")
    return _markup_format(head) or TEXT


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a byte order mark
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return b"\x00" in head or controls > len(head) // 100


def _markup_format(head: bytes) -> str | None:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return None
    lowered = stripped[:1024].lower()
    if lowered.startswith(b"<!doctype html") or b"<html" in lowered:
        return HTML
    root = _XML_ROOT.search(stripped)
    if root and root.group(1) == b"letter" and b"tracker.agenda/1" in stripped[:2048]:
        return SNAPSHOT
    if root and root.group(1).lower() in (b"html", b"body", b"div", b"p"):
        return HTML
    return XML


def extract_file(path: Path, max_bytes: int) -> tuple[bytes, Extracted] | None:
    """The bytes of letter file `path` (read as `tracker.files` reads) and what its
    extractor reads from them, for `tracker.snapshots.normalise_bytes`; None for a
    canonical snapshot, which is read whole. Needs none of normalising's modules: a
    forked copy that only extracts starts sooner."""
    from tracker.files import read_file

    data = read_file(path, max_bytes)
    extracted = extract_bytes(data, str(path))
    return None if extracted is None else (data, extracted)


def extract_bytes(data: bytes, source: str) -> Extracted | None:
    """What the extractor of `data`'s format reads from it; None for a canonical snapshot,
    which is read whole (`tracker.canonical`)."""
    fmt = detect_format(data, source)
    return None if fmt == SNAPSHOT else extract(data, source, fmt)


def extract(data: bytes, source: str, fmt: str) -> Extracted:
    """Run the extractor of format `fmt` (not for snapshots, which are read whole)."""
    if fmt == PDF:
        from tracker.extract.chrome import strip_block_chrome
        from tracker.extract.pdf import extract_pdf

        return strip_block_chrome(extract_pdf(data, source))
    if fmt == DOCX:
        from tracker.extract.chrome import strip_block_chrome
        from tracker.extract.docx import extract_docx

        return strip_block_chrome(extract_docx(data, source))
    if fmt == HTML:
        from tracker.extract.html import extract_html

        return extract_html(data, source)
    if fmt == XML:
        from tracker.extract.officialxml import extract_official_xml

        return extract_official_xml(data, source)
    from tracker.extract.text import extract_text

    return extract_text(data, source)
