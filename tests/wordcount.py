"""Words in, words out: what a reading of a letter keeps, for the "no silent text loss" tests.

`source_words` reads the raw input on its own, without the extractors: a text file's
words, the text of an HTML page's <body>, all text of official XML, every `w:t` of a
DOCX (footnotes and endnotes too), pypdfium2's plain text of every PDF page.
`xml_words` counts the words of a canonical letter XML (the whole <letter>, meta and
attributes included); `lost_words` is what the source has that neither the XML nor the
chrome the extractor reported holds.

Words are compared in one form, so that a correct reading loses about nothing:
casefolded, NFC, typographic quotes and dashes unified, hyphens inside a word dropped
("informatie-uitwisseling" = "informatieuitwisseling"), a word broken at a line end
joined ("onderhandelings-⏎mandaat"), list markers and bare punctuation ignored, a note
number glued to a word ("gemaakt12") split off, and numbers of one to three digits
ignored: in plain text a note number cannot be told from a day or an enumerator, so
none of them is counted.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import lxml.html
import pypdfium2 as pdfium
from lxml import etree

from tracker.textnorm import fingerprint

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
# Words that follow a truncated compound at a line end: "wet-⏎en regelgeving" keeps its gap.
_JOINERS = "en|of|tot|noch|dan"
_LINE_END_HYPHEN = re.compile(rf"(?<=\w)-[ \t]*\r?\n\s*(?!(?:{_JOINERS})\b)(?=\w)")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_NOTE_MARKERS = re.compile("[\ue000\ue001]")
# A note number glued to the word it follows: "gemaakt12", "Plas6", "Luxemburg.1".
_GLUED_NOTE = re.compile(r"(?<=[^\W\d_]{2})(\d{1,3})\b")
# A list marker at a line start: "o" (the level below "•") is a letter, not a word.
_BULLET = re.compile(r"^[ \t]*[o•▪◦\uf0b7](?:[ \t]+|[ \t]*$)", re.MULTILINE)


def text_words(text: str) -> Counter[str]:
    """The words of `text` in comparison form (see the module docstring)."""
    text = _LINE_END_HYPHEN.sub("", unicodedata.normalize("NFC", text))
    text = _BULLET.sub("", _GLUED_NOTE.sub(r" \1", _NOTE_MARKERS.sub(" ", text)))
    text = fingerprint(text).casefold()
    words = (word.replace("-", "") for word in _WORD.findall(text))
    return Counter(word for word in words if not (word.isdigit() and len(word) <= 3))


def _words_of(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(text_words(text))
    return counts


def _html_body_text(data: bytes) -> str:
    root = lxml.html.document_fromstring(data)
    body = root.find("body")
    if body is None:
        body = root
    return "\n".join(_visible(body))


def _visible(el: etree._Element) -> Iterable[str]:
    if not isinstance(el.tag, str) or el.tag.lower() in _INVISIBLE:
        return
    yield el.text or ""
    for child in el:
        yield from _visible(child)
        yield child.tail or ""


def _xml_text(data: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return "\n".join(etree.fromstring(data, parser).itertext())


def _docx_text(path: Path) -> str:
    """Every w:t of the body, footnotes and endnotes: runs of a paragraph joined as written."""
    paragraphs: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for part in _DOCX_PARTS:
            if part not in archive.namelist():
                continue
            root = etree.fromstring(archive.read(part))
            for paragraph in root.iter(f"{_W}p"):
                pieces = (
                    node.text or "" if node.tag == f"{_W}t" else " "
                    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br")
                )
                paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def _pdf_text(path: Path) -> str:
    """pypdfium2's plain text of every page; its line-end hyphen marks read as hyphens."""
    document = pdfium.PdfDocument(path)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    text = "\n".join(pages)
    return re.sub("[\ufffe\x02]", "-", text).replace("\xad", "")


def source_words(path: Path) -> Counter[str]:
    """The words of a letter file as its format holds them, read without the extractors."""
    data = path.read_bytes()
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-") or b"%PDF-" in head:
        return text_words(_pdf_text(path))
    if data.startswith(b"PK\x03\x04"):
        return text_words(_docx_text(path))
    if head.lower().startswith((b"<!doctype html", b"<html")) or b"<html" in head.lower():
        return text_words(_html_body_text(data))
    if head.startswith(b"<"):
        return text_words(_xml_text(data))
    return text_words(data.decode("utf-8-sig"))


def xml_words(canonical: bytes) -> Counter[str]:
    """The words of a canonical letter XML: every text node and attribute value."""
    root = etree.fromstring(canonical)
    texts = list(root.itertext())
    texts += [value for el in root.iter() for value in el.attrib.values()]
    return _words_of(texts)


def lost_words(source: Counter[str], xml: Counter[str], chrome: Counter[str]) -> Counter[str]:
    """Words of the source that are neither in the canonical XML nor in the recognised chrome."""
    return source - xml - chrome


def chrome_words(chrome: Iterable[str]) -> Counter[str]:
    """The words of the texts an extractor reported as chrome."""
    return _words_of(chrome)
