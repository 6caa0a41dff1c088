"""Compare PDF libraries for tracker's PDF extractor: speed and what layout they expose.

Run: .venv/bin/python benchmarks/pdf_libraries.py [file.pdf] [--runs N]

For each library it times two jobs on one letter (median of N runs, whole document,
in-process): plain text, and the layout data the extractor needs (every character with
its position and font size, and the font name). It then checks what the library says
about a line-end hyphen ("informatie-" / "uitwisseling") and a superscript note number
glued to a word ("onderhandelingen.1"). PyMuPDF is left out on purpose (AGPL).
"""

from __future__ import annotations

import argparse
import ctypes
import io
import statistics
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

DEFAULT_PDF = Path(__file__).parent.parent / "tests/data/seed/jbz-2025-10-13.pdf"


def pdfium_text(data: bytes) -> str:
    """Plain text of every page with pypdfium2."""
    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def pdfium_layout(data: bytes) -> list[tuple[str, float, float, float, str]]:
    """Every character with origin, font size and (sampled) font name, with pypdfium2."""
    doc = pdfium.PdfDocument(data)
    x, y, flags = ctypes.c_double(), ctypes.c_double(), ctypes.c_int()
    name = ctypes.create_string_buffer(128)
    chars = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            raw = textpage.raw
            for i, ch in enumerate(textpage.get_text_range()):
                pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
                size = pdfium_c.FPDFText_GetFontSize(raw, i)
                pdfium_c.FPDFText_GetFontInfo(raw, i, name, len(name), flags)
                chars.append((ch, x.value, y.value, size, name.value.decode()))
    finally:
        doc.close()
    return chars


def plumber_text(data: bytes) -> str:
    """Plain text of every page with pdfplumber."""
    with pdfplumber.open(_bytes_io(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def plumber_layout(data: bytes) -> list[tuple[str, float, float, float, str]]:
    """Every character with position, size and font name, with pdfplumber."""
    with pdfplumber.open(_bytes_io(data)) as pdf:
        return [
            (c["text"], c["x0"], c["y0"], c["size"], c["fontname"])
            for page in pdf.pages
            for c in page.chars
        ]


def pypdf_text(data: bytes) -> str:
    """Plain text of every page with pypdf."""
    reader = pypdf.PdfReader(_bytes_io(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pypdf_layout(data: bytes) -> list[tuple[str, float, float, float, str]]:
    """Text runs (not characters) with matrix position, size and font, with pypdf."""
    reader = pypdf.PdfReader(_bytes_io(data))
    runs: list[tuple[str, float, float, float, str]] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001 - pypdf's visitor signature
        font_name = str(font.get("/BaseFont", "")) if font else ""
        runs.append((text, tm[4], tm[5], size * tm[0], font_name))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return runs


def _bytes_io(data: bytes) -> io.BytesIO:
    """A fresh binary stream over `data`."""
    return io.BytesIO(data)


def median_ms(job: Callable[[bytes], object], data: bytes, runs: int) -> float:
    """Median wall time of `job(data)` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def hyphen_report(text: str) -> str:
    """How the line-end hyphen of "informatie-uitwisseling" comes out."""
    at = text.find("informatie\ufffeuitw")
    if at >= 0:
        return "U+FFFE marker, lines joined"
    at = text.find("informatie-\nuitw")
    return "'-' kept + newline" if at >= 0 else "?"


def superscript_report(layout: list[tuple[str, float, float, float, str]]) -> str:
    """Whether the glued note number after "onderhandelingen." stands out by size and rise."""
    tail = ""
    for entry, following in zip(layout, layout[1:], strict=False):
        tail = (tail + entry[0])[-40:]
        if tail.endswith("onderhandelingen.") and following[0].startswith("1"):
            rise = following[2] - entry[2]
            return f"size {following[3]:.1f} vs {entry[3]:.1f}, raised {rise:+.1f}"
    return "not found"


LIBRARIES = {
    "pypdfium2": ("pypdfium2", pdfium_text, pdfium_layout, "per char (origin, box)"),
    "pdfplumber": ("pdfplumber", plumber_text, plumber_layout, "per char (box)"),
    "pypdf": ("pypdf", pypdf_text, pypdf_layout, "per text run (matrix)"),
}


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = args.pdf.read_bytes()
    print(f"{args.pdf.name}: {len(pdfium.PdfDocument(data))} pages, median of {args.runs} runs")
    print(f"{'library':<22} {'text ms':>8} {'layout ms':>10}  positions               hyphen")
    for label, (dist, text_job, layout_job, positions) in LIBRARIES.items():
        text_ms = median_ms(text_job, data, args.runs)
        layout_ms = median_ms(layout_job, data, args.runs)
        name = f"{label} {version(dist)}"
        hyphen = hyphen_report(text_job(data))
        print(f"{name:<22} {text_ms:8.1f} {layout_ms:10.1f}  {positions:<23} {hyphen}")
        print(f"{'':<22} superscript note: {superscript_report(layout_job(data))}")
    try:
        from tracker.extract.pdf import extract_pdf
    except ImportError:
        return
    full_ms = median_ms(lambda d: extract_pdf(d, args.pdf.name), data, args.runs)
    print(f"tracker.extract.pdf.extract_pdf (pypdfium2, whole extractor): {full_ms:.1f} ms")


if __name__ == "__main__":
    main()
