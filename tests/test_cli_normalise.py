"""`tracker normalise` on hostile and odd input: one clear line naming the file, exit 1."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from conftest import DATA, SEED
from pypdf import PdfReader, PdfWriter

from tracker.cli import main


def _blank_pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    for page in PdfReader(SEED / "jbz-2025-10-13.pdf").pages:
        writer.add_page(page)
    writer.encrypt("geheim")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><kamerstuk><stuk><algemeen><vrije-tekst><tekst><al>&x;</al>
</tekst></vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"""

BAD: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: b"", "empty file"),
    "binary-garbage": (lambda: os.urandom(64) + b"\x00" * 8 + os.urandom(2000), "binary data"),
    "pdf-without-text": (_blank_pdf, "no text layer"),
    "pdf-encrypted": (_encrypted_pdf, "password"),
    "pdf-truncated": (lambda: (SEED / "jbz-2025-10-13.pdf").read_bytes()[:3000], "PDF"),
    "xml-xxe": (lambda: XXE, "DOCTYPE"),
    "xml-billion-laughs": (lambda: LAUGHS, "DOCTYPE"),
    "xml-malformed": (lambda: b"<?xml version='1.0'?><kamerstuk><al>open", "not well-formed"),
    "wrong-encoding": (lambda: "Geannoteerde agenda – Raad, één".encode("cp1252"), "UTF-8"),
    "docx-truncated": (lambda: (SEED / "jbz-2025-10-13.docx").read_bytes()[:5000], "docx"),
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_one_line_and_exit_1(name: str, tmp_path: Path) -> None:
    make, expected = BAD[name]
    path = tmp_path / f"{name}.bin"
    path.write_bytes(make())
    code, output = _run("normalise", str(path))
    lines = output.strip().splitlines()
    assert code == 1, output
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), output
    assert expected.lower() in lines[0].lower(), output
    assert "Traceback" not in output


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[normalise]\nmax_megabytes = 0.01\n")
    code, output = _run("--config", str(config), "normalise", str(SEED / "jbz-2025-10-13.pdf"))
    assert code == 1
    assert "over the limit of 10,485 bytes" in output


def test_missing_file(tmp_path: Path) -> None:
    code, output = _run("normalise", str(tmp_path / "nope.pdf"))
    assert (code, output) == (1, f"Error: {tmp_path / 'nope.pdf'}: no such file\n")


def test_not_an_agenda_warns_and_succeeds(tmp_path: Path) -> None:
    motie = DATA / "research" / "kst-32317-957.xml"
    code, output = _run("normalise", str(motie), "-o", str(tmp_path) + "/")
    assert code == 0
    assert "warning:" in output and "not an annotated agenda" in output


def test_output_folder_gets_a_stable_name_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "snapshots"
    for _ in range(2):
        code, output = _run("normalise", str(SEED / "jbz-2025-10-13.xml"), "-o", f"{out}/")
        assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["kst-32317-AT.xml"]
    assert output.strip() == str(out / "kst-32317-AT.xml")


def test_no_file_normalises_the_shipped_example() -> None:
    code, output = _run("normalise")
    assert code == 0
    assert '<council formation="Justitie en Binnenlandse Zaken"' in output
