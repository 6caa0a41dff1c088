"""Letters in and out: a letter file read (`files`) and normalised, snapshots written atomically."""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from tracker.canonical import render_letter
from tracker.errors import InputError
from tracker.extract.base import Extracted
from tracker.files import read_file
from tracker.identity import official_id
from tracker.models import Letter
from tracker.normalise import read_letter


def normalise_file(path: Path, max_bytes: int) -> tuple[Letter, bytes]:
    """Read and normalise one letter file: the letter and its canonical XML."""
    return normalise_bytes(read_file(path, max_bytes), str(path))


def normalise_bytes(
    data: bytes, source: str, letter_id: str | None = None, extracted: Extracted | None = None
) -> tuple[Letter, bytes]:
    """Normalise the bytes of one letter file: the letter and its canonical XML.

    `letter_id` is the official id its source states for it: the letter's id when the
    file itself states none in an official shape (the Tweede Kamer's agenda attachment).
    `extracted` is what the extractor read from `data`, when another process did that
    (`tracker.extract.extract_file`)."""
    try:
        letter = read_letter(data, source, extracted=extracted)
        if letter_id and official_id(letter.id) is None:
            letter = replace(letter, id=letter_id)
    except (ValueError, KeyError, IndexError, etree.LxmlError, zipfile.BadZipFile) as exc:
        # A library choking on a malformed file is still a bad file, not a crash.
        raise InputError(
            source, f"cannot be read as a letter ({type(exc).__name__}: {exc})"
        ) from exc
    return letter, render_letter(letter)


def snapshot_name(letter: Letter) -> str:
    """The stable file name of a letter's snapshot."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in letter.id)
    return f"{safe}.xml"


def write_snapshot(letter: Letter, xml: bytes, output: str) -> Path:
    """Write `xml` atomically (temp file + rename) into folder `output/` or as file `output`."""
    folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
    target = Path(output) / snapshot_name(letter) if folder else Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".xml", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(xml)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
