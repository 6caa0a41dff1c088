"""The few pdfium calls the PDF reader makes, bound to the library pypdfium2 installs.

pypdfium2 ships pdfium and binds all of its ~500 functions (and its helpers) when it is
imported: ~40 ms of every process that reads a PDF, against ~3 ms to load the library
and declare the 18 functions the reader calls. `tracker diff a.pdf b.pdf` imports it in
both of its processes, on the way to the diff.

The library is the file pypdfium2's `pypdfium2_raw` package holds, loaded as that package
loads it, and initialised as pypdfium2 initialises it (pdfium ignores a second
initialisation, so pypdfium2 in the same process is no trouble). Where the file is not
there (a pypdfium2 built against a system pdfium), `pypdfium2_raw`'s own handle is used.
Errors say what pypdfium2's say.
"""

from __future__ import annotations

import codecs
import ctypes
import importlib.util
import sys
from pathlib import Path
from typing import Any

# pdfium's error codes (fpdfview.h) and their names as pypdfium2 gives them
ERR_PASSWORD, ERR_SECURITY = 4, 5
ERROR_NAMES = {
    0: "Success",
    1: "Unknown error",
    2: "File access error",
    3: "Data format error",
    4: "Incorrect password error",
    5: "Unsupported security scheme error",
    6: "Page not found or content error",
}

Handle = int  # FPDF_DOCUMENT, FPDF_PAGE, FPDF_TEXTPAGE: an address, never 0


class PdfiumError(RuntimeError):
    """A pdfium call that failed; `err_code` for documents that would not load."""

    def __init__(self, message: str, err_code: int | None = None) -> None:
        super().__init__(message)
        self.err_code = err_code


class LibraryConfig(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG (fpdfview.h); version 2 reads the first four fields."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.POINTER(ctypes.POINTER(ctypes.c_char))),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
        ("m_pPlatform", ctypes.c_void_p),
        ("m_RendererType", ctypes.c_int),
        ("m_FontLibraryType", ctypes.c_int),
        ("m_BrotliEnabled", ctypes.c_int),
        ("m_IsolatePerDocument", ctypes.c_int),
    ]


def _library() -> ctypes.CDLL:
    """pdfium as pypdfium2 installed it."""
    if sys.platform.startswith("win32"):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    spec = importlib.util.find_spec("pypdfium2_raw")  # finds it without importing it
    for folder in (spec and spec.submodule_search_locations) or ():
        if (Path(folder) / name).is_file():
            return ctypes.CDLL(str(Path(folder) / name))
    from pypdfium2_raw import bindings  # loaded its own way: take its handle

    return bindings._libs["pdfium"]  # type: ignore[no-any-return]


def _declare(name: str, restype: Any, *argtypes: Any) -> Any:
    function = getattr(LIB, name)
    function.restype, function.argtypes = restype, argtypes
    return function


LIB = _library()
_P, _I, _D = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_PD = ctypes.POINTER(ctypes.c_double)
InitLibraryWithConfig = _declare("FPDF_InitLibraryWithConfig", None, ctypes.POINTER(LibraryConfig))
LoadMemDocument64 = _declare("FPDF_LoadMemDocument64", _P, _P, ctypes.c_size_t, ctypes.c_char_p)
GetLastError = _declare("FPDF_GetLastError", ctypes.c_ulong)
GetPageCount = _declare("FPDF_GetPageCount", _I, _P)
CloseDocument = _declare("FPDF_CloseDocument", None, _P)
LoadPage = _declare("FPDF_LoadPage", _P, _P, _I)
ClosePage = _declare("FPDF_ClosePage", None, _P)
GetPageHeightF = _declare("FPDF_GetPageHeightF", ctypes.c_float, _P)
TextLoadPage = _declare("FPDFText_LoadPage", _P, _P)
TextClosePage = _declare("FPDFText_ClosePage", None, _P)
CountChars = _declare("FPDFText_CountChars", _I, _P)
GetUnicode = _declare("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
GetText = _declare("FPDFText_GetText", _I, _P, _I, _I, ctypes.POINTER(ctypes.c_ushort))
GetTextIndexFromCharIndex = _declare("FPDFText_GetTextIndexFromCharIndex", _I, _P, _I)
# Called per character through unchecked prototypes (tracker.extract.pdf.unchecked); the
# declarations say what they take.
GetCharOrigin = _declare("FPDFText_GetCharOrigin", _I, _P, _I, _PD, _PD)
GetCharBox = _declare("FPDFText_GetCharBox", _I, _P, _I, _PD, _PD, _PD, _PD)
GetFontSize = _declare("FPDFText_GetFontSize", _D, _P, _I)
GetFontInfo = _declare(
    "FPDFText_GetFontInfo", ctypes.c_ulong, _P, _I, _P, ctypes.c_ulong, ctypes.POINTER(_I)
)
GetFontWeight = _declare("FPDFText_GetFontWeight", _I, _P, _I)

InitLibraryWithConfig(ctypes.byref(LibraryConfig(version=2)))  # as pypdfium2 does


def open_document(data: bytes) -> Handle:
    """The document in `data` (which must outlive it), or PdfiumError with pdfium's code."""
    document = LoadMemDocument64(data, len(data), None)
    if GetPageCount(document) < 1:
        code = GetLastError()
        if document:
            CloseDocument(document)
        name = ERROR_NAMES.get(code, f"Unhandled constant {code}")
        raise PdfiumError(f"Failed to load document (PDFium: {name}).", err_code=code)
    return document  # type: ignore[no-any-return]


def load_page(document: Handle, index: int) -> Handle:
    page = LoadPage(document, index)
    if not page:
        raise PdfiumError("Failed to load page.")
    return page  # type: ignore[no-any-return]


def load_textpage(page: Handle) -> Handle:
    textpage = TextLoadPage(page)
    if not textpage:
        raise PdfiumError("Failed to load text page.")
    return textpage  # type: ignore[no-any-return]


def text_range(textpage: Handle, count: int) -> str:
    """The text of characters 0 to `count`, as pypdfium2's `get_text_range` reads it:
    characters pdfium leaves out of its text at either end are left out of the range."""
    first, last, before, after = 0, count - 1, 0, 0
    while first <= last:
        start = GetTextIndexFromCharIndex(textpage, first)
        if start == -1:
            first, before = first + 1, before + 1
            continue
        end = GetTextIndexFromCharIndex(textpage, last)
        if end == -1:
            last, after = last - 1, after + 1
            continue
        break
    else:
        return ""
    size = end + 2 - start  # with the NUL at the end
    buffer = (ctypes.c_ushort * size)()
    written = GetText(textpage, before, count - before - after, buffer)
    return codecs.decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")
