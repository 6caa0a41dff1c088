"""What the site says of where a letter came from: its web address, or only its file's name.

The store keeps the path a letter was read from (`/srv/tracker/inbox/jbz.pdf`); pages,
the API, feeds and XML downloads never show it. A letter fetched from an official source
keeps its web address; any other source is shown by its file name alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from tracker import patterns
from tracker.extract.safexml import parse_xml
from tracker.naming import public_source

# An absolute path in a message: `/srv/tracker/inbox/jbz.pdf`, `C:\\inbox\\jbz.pdf`; not
# the path of a web address (`https://host/a/b`: its slashes follow `:`, `/` or a name).
_PATH = patterns.compile(r"(?<![\w:/.\\-])(?:/|[A-Za-z]:\\)[^\s'\"]*")


def public_letter_xml(xml: str, name: str) -> bytes:
    """A stored letter's canonical XML with its `source` as `public_source` gives it."""
    root = parse_xml(xml.encode(), name)
    root.set("source", public_source(root.get("source")) or "")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def public_diff(diff: Mapping[str, Any]) -> dict[str, Any]:
    """A `tracker.diff/1` document with its two letters' sources made public."""
    letters = {}
    for side in ("old", "new"):
        letter = dict(diff.get(side) or {})
        if "source" in letter:
            letter["source"] = public_source(letter["source"])
        letters[side] = letter
    return {**diff, **letters}


def without_paths(message: str) -> str:
    """A message with every absolute path in it cut to its last part (an error line that
    names the inbox folder or a file in it, shown on /healthz)."""
    return _PATH.sub(lambda found: public_source(found.group()) or "", message)
