"""Hostile inputs, generated at test time: what each is and what the service must do with it.

Every row makes its input in a folder (large ones are built there, never committed) and
says what must happen: `problem` is a piece of the one-line error every command gives
(normalise, diff and ingest exit with it, the inbox files it in failed/); `problem=None`
means a safe result: the file is read as a letter (`agenda` says whether it is one that
`ingest` stores) or, for the inbox, waits. `heavy` rows run in a real subprocess whose
time and peak memory are measured.
"""

from __future__ import annotations

import io
import os
import random
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"
MEGABYTE = 1024 * 1024
AGENDA_TITLE = (
    "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken"
    " van 13 oktober 2025"
)

Make = Callable[[Path], Path]


@dataclass(frozen=True)
class Hostile:
    """One hostile input and the outcome it must have."""

    name: str
    make: Make
    problem: str | None  # a piece of the one-line error; None: a safe result
    agenda: bool = False  # safe result: an annotated agenda `ingest` stores
    items: int | None = None  # safe result: this many agenda items
    heavy: bool = False  # run in a subprocess, time and peak memory measured
    inbox: str = ""  # the inbox's outcome when not the usual (failed/, or processed/)


# --- plain bytes ---------------------------------------------------------------------


def _bytes(name: str, data: bytes | Callable[[], bytes]) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def text_letter(items: int, lines_per_item: int = 1) -> str:
    """A plain-text annotated agenda of `items` numbered items."""
    out = [AGENDA_TITLE, ""]
    for n in range(1, items + 1):
        out += [
            f"{n}. Onderwerp {n}: de rechtsstaat in de justitiële sector",
            "Gedachtewisseling",
            "",
        ]
        out += [
            f"Het kabinet steunt voorstel {n}, regel {line}, van de Commissie."
            for line in range(lines_per_item)
        ]
        out.append("")
    return "\n".join(out) + "\n"


def numbered_lines(size: int) -> bytes:
    """An agenda title and then numbered lines up to `size` bytes (the slow-parse input)."""
    lines = [AGENDA_TITLE, ""]
    total, n = 0, 0
    while total < size:
        n += 1
        line = f"{n}. Regel nummer {n} van een lange genummerde lijst"
        lines.append(line)
        total += len(line) + 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def headings(count: int) -> bytes:
    """A letter of `count` numbered headings and no agenda: as many covering-letter
    sections, each of which `diff` compares with each of the other letter's."""
    lines = [f"{n}. Regel nummer {n} van een lange genummerde lijst" for n in range(1, count + 1)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _junk() -> bytes:
    return random.Random(16).randbytes(64 * 1024)


def _with_nuls() -> bytes:
    return text_letter(3).replace("rechtsstaat", "rechts\x00staat").encode("utf-8")


def _bad_utf8() -> bytes:
    return text_letter(3).encode("utf-8").replace(b"justiti\xc3\xable", b"justiti\xff\xfele")


# --- files that are not regular files --------------------------------------------------


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _link(name: str, target: str | Callable[[Path], Path]) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        os.symlink(target(folder) if callable(target) else target, path)
        return path

    return make


def _outside_letter(folder: Path) -> Path:
    """A letter outside `folder` (its parent's `elsewhere/`), for a link to point at."""
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    target = elsewhere / "brief.xml"
    target.write_bytes((SEED / "jbz-2025-10-13.xml").read_bytes())
    return target


def _inside_letter(folder: Path) -> Path:
    target = folder / "linked-target.txt"
    target.write_text(text_letter(4), "utf-8")
    return target


def _loop(folder: Path) -> Path:
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    return folder / "loop-a"


def _folder(folder: Path) -> Path:
    path = folder / "map.xml"
    path.mkdir()
    return path


def _sparse(folder: Path) -> Path:
    path = folder / "groot.txt"
    with path.open("wb") as stream:
        stream.truncate(60 * MEGABYTE)  # sparse: over the 50 MB limit, costs no disk
    return path


# --- PDF -------------------------------------------------------------------------------


def pdf(content: bytes, *, pages: int = 1, filters: bytes | None = None) -> bytes:
    """A PDF of `pages` pages sharing one content stream: `content` deflated, or as given
    when `filters` names how it is encoded already."""
    if filters is None:
        content, filters = zlib.compress(content), b"/FlateDecode"
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter "
        + filters
        + b" /Length %d >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * pages
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (" + AGENDA_TITLE.encode("latin-1") + b") Tj ET\n"


def deflate_bomb(prefix: bytes, fill: int, *, wrap: bool = True) -> bytes:
    """`prefix` and then `fill` bytes of spaces, deflated (zlib-wrapped unless not
    `wrap`): about 1,000 times smaller. Built from one repeated block, so it is fast."""
    chunk = b" " * MEGABYTE
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = first.compress(prefix) + first.flush(zlib.Z_FULL_FLUSH)
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    raw = head + body * (fill // MEGABYTE) + tail
    if not wrap:
        return raw
    check = zlib.adler32(prefix)
    for _ in range(fill // MEGABYTE):
        check = zlib.adler32(chunk, check)
    return b"\x78\xda" + raw + struct.pack(">I", check)


def _pdf_bomb() -> bytes:
    """0.9 MB that pdfium would inflate to 900 MB of content stream."""
    return pdf(deflate_bomb(TEXT_PAGE, 900 * MEGABYTE), filters=b"/FlateDecode")


def _pdf_double_bomb() -> bytes:
    """A stream deflated twice: 10 KB in the file, 1 MB inflated once, 1 GB twice."""
    inner = deflate_bomb(TEXT_PAGE, 1024 * MEGABYTE)
    return pdf(zlib.compress(inner, 9), filters=b"[/FlateDecode /FlateDecode]")


def _pdf_encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(SEED / "jbz-2025-10-13.pdf"))
    writer.encrypt(user_password="geheim", owner_password="geheimer", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _seed_cut(name: str, share: float) -> Callable[[], bytes]:
    def cut() -> bytes:
        data = (SEED / name).read_bytes()
        return data[: int(len(data) * share)]

    return cut


# --- DOCX ------------------------------------------------------------------------------


def _seed_docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SEED / "jbz-2025-10-13.docx") as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(parts: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        items = parts.items() if isinstance(parts, dict) else parts
        for name, data in items:
            archive.writestr(name, data)
    return out.getvalue()


def _docx_with(**replace: bytes) -> Callable[[], bytes]:
    def make() -> bytes:
        parts = _seed_docx_parts()
        parts.update({k.replace("__", "/").replace("_xml", ".xml"): v for k, v in replace.items()})
        return _zip(parts)

    return make


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bomb(real: int, stated: int) -> bytes:
    """A DOCX whose word/document.xml inflates to `real` bytes while its ZIP directory
    (and local header) state `stated`: a deflate bomb the directory may lie about."""
    head = b"<?xml version='1.0'?><w:document " + _W + b"><w:body><w:p><w:r><w:t>"
    raw = deflate_bomb(head, real, wrap=False)
    crc = zlib.crc32(head)
    chunk = b" " * MEGABYTE
    for _ in range(real // MEGABYTE):
        crc = zlib.crc32(chunk, crc)
    parts = _seed_docx_parts()
    parts["word/document.xml"] = b"<placeholder/>"
    out = bytearray(_zip(parts))
    with zipfile.ZipFile(io.BytesIO(bytes(out))) as archive:
        info = archive.getinfo("word/document.xml")
    local = info.header_offset
    name_len, extra_len = struct.unpack("<HH", out[local + 26 : local + 30])
    start = local + 30 + name_len + extra_len
    shift = len(raw) - info.compress_size
    out[start : start + info.compress_size] = raw
    struct.pack_into("<III", out, local + 14, crc, len(raw), stated)
    end = out.rindex(b"PK\x05\x06")
    (directory,) = struct.unpack("<I", out[end + 16 : end + 20])
    directory += shift
    struct.pack_into("<I", out, end + 16, directory)
    position = directory
    while out[position : position + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack("<HHH", out[position + 28 : position + 34])
        name = bytes(out[position + 46 : position + 46 + name_len])
        (offset,) = struct.unpack("<I", out[position + 42 : position + 46])
        if offset > local:
            struct.pack_into("<I", out, position + 42, offset + shift)
        if name == b"word/document.xml":
            struct.pack_into("<III", out, position + 16, crc, len(raw), stated)
        position += 46 + name_len + extra_len + comment_len
    return bytes(out)


def _docx_nested() -> bytes:
    depth = 100_000
    body = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
    return _docx_with(
        word__document_xml=b"<w:document " + _W + b"><w:body>" + body + b"</w:body></w:document>"
    )()


def _docx_entities() -> bytes:
    doctype = (
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %c "%s">' % (ord("b") + n, (b"&%c;" % (ord("a") + n)) * 10) for n in range(8)
        )
        + b"]>"
    )
    doc = (
        doctype
        + b"<w:document "
        + _W
        + b"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with(word__document_xml=b"<?xml version='1.0'?>" + doc)()


def _docx_zip_slip() -> bytes:
    parts = list(_seed_docx_parts().items()) + [
        ("../../../../tmp/tracker-zip-slip.txt", b"escaped")
    ]
    return _zip(parts)


def _docx_duplicate() -> bytes:
    parts = list(_seed_docx_parts().items()) + [("word/document.xml", b"<w:document " + _W + b"/>")]
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": the point
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


# --- XML and HTML ----------------------------------------------------------------------

_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%s;" % (b"" if n == 1 else b"%d" % (n - 1))) * 10)
        for n in range(1, 10)
    )
    + b"]><officiele-publicatie><al>&lol9;</al></officiele-publicatie>"
)
_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE kamerstuk [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<kamerstuk><al>&xxe;</al></kamerstuk>"
)


def _deep_xml() -> bytes:
    return b"<kamerstuk>" + b"<al>" * 50_000 + b"x" + b"</al>" * 50_000 + b"</kamerstuk>"


def _deep_html() -> bytes:
    return (
        b"<html><body><h1>"
        + AGENDA_TITLE.encode()
        + b"</h1>"
        + b"<div>" * 50_000
        + b"x"
        + b"</div>" * 50_000
        + b"</body></html>"
    )


def _many_paragraphs() -> bytes:
    return (
        b"<html><body><h1>"
        + AGENDA_TITLE.encode()
        + b"</h1>"
        + b"<p>Het kabinet steunt dit.</p>" * 200_000
        + b"</body></html>"
    )


def _forged_snapshot() -> bytes:
    return b'<?xml version="1.0"?><letter schema="tracker.agenda/1" id="kst-1"><agenda><part><item><script>x</script></item></part></agenda></letter>'


# --- the table -------------------------------------------------------------------------

NOT_REGULAR = "not a regular file"

CASES: tuple[Hostile, ...] = (
    Hostile("empty", _bytes("leeg.txt", b""), "empty file"),
    Hostile("blank", _bytes("spaties.txt", b" \n\t\r\n  \n"), "empty file"),
    Hostile("binary-junk", _bytes("ruis.bin", _junk), "binary data"),
    Hostile("nul-bytes", _bytes("nul.txt", _with_nuls), "binary data"),
    Hostile("invalid-utf8", _bytes("latin.txt", _bad_utf8), "not valid UTF-8"),
    Hostile(
        "utf16-le-bom",
        _bytes("utf16le.txt", lambda: text_letter(4).encode("utf-16")),
        None,
        agenda=True,
        items=4,
    ),
    Hostile(
        "utf16-be-bom",
        _bytes("utf16be.txt", lambda: b"\xfe\xff" + text_letter(4).encode("utf-16-be")),
        None,
        agenda=True,
        items=4,
    ),
    Hostile(
        "utf16-bom-odd-junk",
        _bytes("utf16junk.txt", lambda: b"\xff\xfe" + random.Random(3).randbytes(4097)),
        "not valid UTF-16",
    ),
    Hostile(
        "huge-line",
        _bytes("een-regel.txt", lambda: (AGENDA_TITLE + " " + "woord " * 900_000).encode()),
        None,
    ),
    Hostile(
        "numbered-lines-10mb",
        _bytes("genummerd.txt", lambda: numbered_lines(10 * MEGABYTE)),
        "lines, more than",
        heavy=True,
    ),
    Hostile(
        "agenda-120-items",
        _bytes("honderdtwintig.txt", lambda: text_letter(120).encode()),
        None,
        agenda=True,
        items=120,
    ),
    Hostile(
        "sections-3000",
        _bytes("koppen.txt", lambda: headings(3000)),
        "sections and agenda items, more than",
        heavy=True,
    ),
    Hostile(
        "agenda-1200-items",
        _bytes("twaalfhonderd.txt", lambda: text_letter(1200).encode()),
        "agenda items, more than",
    ),
    Hostile("over-size-limit", _sparse, "over the limit"),
    Hostile("fifo", _fifo, "named pipe (FIFO)", heavy=True),
    Hostile(
        "link-to-dev-zero",
        _link("nullen.txt", "/dev/zero"),
        "character device",
        heavy=True,
        inbox="a symbolic link, not followed",
    ),
    Hostile(
        "link-to-dev-null",
        _link("niets.txt", "/dev/null"),
        "character device",
        inbox="a symbolic link, not followed",
    ),
    Hostile(
        "link-to-proc",
        _link("proces.txt", "/proc/self/status"),
        "virtual file",
        inbox="a symbolic link, not followed",
    ),
    Hostile(
        "link-to-letter-outside",
        _link("buiten.xml", _outside_letter),
        None,
        agenda=True,
        inbox="a symbolic link, not followed",
    ),
    Hostile(
        "link-to-letter-inside",
        _link("binnen.txt", _inside_letter),
        None,
        agenda=True,
        inbox="a symbolic link, not followed",
    ),
    Hostile(
        "dangling-link",
        _link("weg.txt", "/nonexistent/brief.txt"),
        "does not exist",
        inbox="a symbolic link, not followed",
    ),
    Hostile("link-loop", _loop, "loop of links", inbox="a symbolic link, not followed"),
    Hostile("directory", _folder, "is a folder", inbox="ignored"),
    Hostile(
        "name-with-newline",
        _bytes("brief\nregel.txt", b"\x00\x01"),
        "brief\\nregel.txt: binary data",
    ),
    Hostile(
        "partial-name",
        _bytes("brief.pdf.part", lambda: text_letter(2).encode()),
        None,
        agenda=True,
        inbox="waits",
    ),
    Hostile(
        "temp-name",
        _bytes("brief.tmp", lambda: text_letter(2).encode()),
        None,
        agenda=True,
        inbox="waits",
    ),
    Hostile(
        "backup-name",
        _bytes("brief.txt~", lambda: text_letter(2).encode()),
        None,
        agenda=True,
        inbox="waits",
    ),
    Hostile(
        "dot-file",
        _bytes(".brief.txt", lambda: text_letter(2).encode()),
        None,
        agenda=True,
        inbox="waits",
    ),
    Hostile("pdf-truncated", _bytes("half.pdf", _seed_cut("jbz-2025-10-13.pdf", 0.5)), "PDF"),
    Hostile("pdf-encrypted", _bytes("geheim.pdf", _pdf_encrypted), "encrypted"),
    Hostile("pdf-bomb", _bytes("bom.pdf", _pdf_bomb), "decompression bomb", heavy=True),
    Hostile(
        "pdf-double-bomb", _bytes("dubbel.pdf", _pdf_double_bomb), "decompression bomb", heavy=True
    ),
    Hostile(
        "pdf-5000-pages",
        _bytes("paginas.pdf", lambda: pdf(TEXT_PAGE, pages=5000)),
        "pages, more than",
    ),
    Hostile("pdf-no-text", _bytes("leeg.pdf", lambda: pdf(b" ")), "no text layer"),
    Hostile(
        "pdf-header-junk",
        _bytes("kop.pdf", lambda: b"%PDF-1.7\n" + random.Random(5).randbytes(8000)),
        "PDF",
    ),
    Hostile(
        "docx-bomb-lying",
        _bytes("bom.docx", lambda: docx_bomb(300 * MEGABYTE, 1000)),
        "unpacks to more than",
        heavy=True,
    ),
    Hostile(
        "docx-bomb-stated",
        _bytes("groot.docx", lambda: docx_bomb(300 * MEGABYTE, 300 * MEGABYTE)),
        "unpacks to more than",
        heavy=True,
    ),
    Hostile("docx-zip-slip", _bytes("slip.docx", _docx_zip_slip), None, agenda=True),
    Hostile("docx-duplicate-member", _bytes("dubbel.docx", _docx_duplicate), "twice"),
    Hostile(
        "docx-no-body",
        _bytes("zonderbody.docx", _docx_with(word__document_xml=b"<w:document " + _W + b"/>")),
        "has no body",
    ),
    Hostile(
        "docx-no-document",
        _bytes("leeg.docx", lambda: _zip({"[Content_Types].xml": b"<Types/>"})),
        "no word/document.xml",
    ),
    Hostile(
        "docx-ole-encrypted",
        _bytes("versleuteld.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)),
        "password-protected",
    ),
    Hostile(
        "docx-truncated",
        _bytes("half.docx", _seed_cut("jbz-2025-10-13.docx", 0.5)),
        "not a ZIP package",
    ),
    Hostile("docx-entity-bomb", _bytes("entiteiten.docx", _docx_entities), "entity amplification"),
    Hostile("docx-deep-nesting", _bytes("diep.docx", _docx_nested), "DOCX"),
    Hostile("xml-billion-laughs", _bytes("lol.xml", _LAUGHS), "DOCTYPE is refused"),
    Hostile("xml-xxe", _bytes("xxe.xml", _XXE), "DOCTYPE is refused"),
    Hostile(
        "xml-utf16-doctype",
        _bytes(
            "utf16.xml",
            lambda: _XXE.replace(b'"1.0"?', b'"1.0" encoding="UTF-16"?').decode().encode("utf-16"),
        ),
        None,
    ),
    Hostile("xml-deep-nesting", _bytes("diep.xml", _deep_xml), "not well-formed"),
    Hostile(
        "xml-truncated", _bytes("half.xml", _seed_cut("jbz-2025-10-13.xml", 0.5)), "not well-formed"
    ),
    Hostile("html-deep-nesting", _bytes("diep.html", _deep_html), None),
    Hostile(
        "html-200000-paragraphs",
        _bytes("veel.html", _many_paragraphs),
        "elements, more than",
        heavy=True,
    ),
    Hostile("snapshot-forged", _bytes("vals.xml", _forged_snapshot), "does not match the schema"),
)
