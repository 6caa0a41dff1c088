"""Hardened parsing of fetched XML and HTML, and the text clean-up both extractors share.

Letters come from the network: a document may carry a DTD with external or nested
entities (XXE, billion laughs). Official publication XML never needs a DTD, so any
document that has one is refused before entities could matter; the parsers are also
set up never to resolve entities, load DTDs or touch the network.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from tracker import patterns, textnorm
from tracker.errors import InputError
from tracker.extract.bounds import check_elements

from .base import NOTE_OPEN

DOCTYPE_REFUSED = "XML with a DOCTYPE is refused (entities are never resolved)"

# "<!DOCTYPE" / "<!ENTITY" in the encodings a document may be declared in.
_DTD_NEEDLES = tuple(
    word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY") for codec in ("ascii", "utf-16-le")
)
_CHARSET_RE = patterns.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_SPACE_BEFORE_NOTE_RE = patterns.compile(r"\s+(?=" + NOTE_OPEN + ")")


def clean_text(text: str) -> str:
    """Reading text (`textnorm.clean_text`) with no space before a note marker."""
    cleaned = textnorm.clean_text(text)
    return _SPACE_BEFORE_NOTE_RE.sub("", cleaned) if NOTE_OPEN in cleaned else cleaned


def _xml_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or uses the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        recover=False,
    )


def _mentions_dtd(data: bytes) -> bool:
    """True when the bytes contain a DOCTYPE or ENTITY declaration (cheap, before parsing)."""
    upper = data.upper()
    return any(needle in upper for needle in _DTD_NEEDLES)


def _syntax_problem(exc: etree.XMLSyntaxError) -> str:
    """The lxml message of a syntax error, always naming a line."""
    message = (exc.msg or str(exc)).strip()
    if "line" not in message:
        message = f"{message}, line {exc.lineno}"
    return f"not well-formed XML: {message}"


def parse_xml(data: bytes, source: str) -> etree._Element:
    """The root element of `data`; InputError for a DOCTYPE, malformed or empty XML."""
    if not data.strip():
        raise InputError(source, "not well-formed XML: the file is empty")
    if _mentions_dtd(data):
        raise InputError(source, DOCTYPE_REFUSED)
    try:
        root = etree.fromstring(data, parser=_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(source, _syntax_problem(exc)) from exc
    except (ValueError, LookupError) as exc:
        raise InputError(source, f"not well-formed XML: {exc}") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(source, DOCTYPE_REFUSED)
    check_elements(_count(root), source)
    return root


def _count(root: etree._Element) -> int:
    """How many elements (and comments) the tree holds."""
    return sum(1 for _ in root.iter())


def _html_encoding(data: bytes) -> str:
    """The encoding an HTML page declares, else UTF-8 when it decodes, else windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        return "windows-1252" if name in ("iso-8859-1", "latin-1", "us-ascii") else name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def _html_parser(encoding: str) -> lxml.html.HTMLParser:
    """An HTML parser without network access, comments or processing instructions."""
    return lxml.html.HTMLParser(
        encoding=encoding,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )


def parse_html(data: bytes, source: str) -> lxml.html.HtmlElement:
    """The <html> element of an HTML page; InputError when there is nothing to parse."""
    if not data.strip():
        raise InputError(source, "not an HTML page: the file is empty")
    try:
        parser = _html_parser(_html_encoding(data))
    except LookupError as exc:
        raise InputError(source, f"not an HTML page: unknown encoding ({exc})") from exc
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(source, f"not an HTML page: {exc}") from exc
    check_elements(_count(root), source)
    return root
