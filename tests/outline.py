"""The gold-outline shape of a normalised letter, to compare with the corpus outlines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tracker.extract.base import NOTE_RE
from tracker.models import Block, Item, Letter, ListBlock, Para, Section


def letter_outline(letter: Letter) -> dict[str, Any]:
    """meta, cover, agenda and notes as the outline JSON gives them (positions left out)."""
    meta = letter.meta
    return {
        "meta": {
            "title": meta.title,
            "date": meta.date,
            "addressee": meta.addressee,
            "council": {
                "formation": meta.council.formation,
                "start": meta.council.start,
                "end": meta.council.end,
                "place": meta.council.place,
            },
        },
        "cover": {
            "intro": [_block(b) for b in letter.intro],
            "sections": [_section(s) for s in letter.sections],
            "signature": [{"role": s.role, "name": s.name} for s in letter.signature],
        },
        "agenda": {
            "title": letter.agenda_title,
            "parts": [
                {"ref": p.ref, "title": p.title, "items": [_item(i) for i in p.items]}
                for p in letter.parts
            ],
        },
        "notes": [{"n": int(n), "text": t} for n, t in letter.notes],
    }


def gold_subset(gold: dict[str, Any]) -> dict[str, Any]:
    """The gold outline without the fields the normaliser does not produce."""
    meta = {k: gold["meta"][k] for k in ("title", "date", "addressee", "council")}
    cover = {
        "intro": gold["cover"]["intro"],
        "sections": [_strip(s) for s in gold["cover"]["sections"]],
        "signature": gold["cover"]["signature"],
    }
    agenda = {
        "title": gold["agenda"]["title"],
        "parts": [
            {"ref": p["ref"], "title": p["title"], "items": [_strip(i) for i in p["items"]]}
            for p in gold["agenda"]["parts"]
        ],
    }
    return {"meta": meta, "cover": cover, "agenda": agenda, "notes": gold["notes"]}


def _strip(node: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in node.items() if k not in ("uid", "positions", "number")}
    for key in ("sections", "items"):
        if key in out:
            out[key] = [_strip(child) for child in out[key]]
    return out


def _marked(text: str) -> str:
    return NOTE_RE.sub(lambda m: f"[^{m.group(1)}]", text)


def _notes(text: str) -> list[int]:
    return [int(n) for n in NOTE_RE.findall(text)]


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Para):
        return {
            "type": "p",
            "text": NOTE_RE.sub("", block.text),
            "notes": _notes(block.text),
            "marked": _marked(block.text),
        }
    assert isinstance(block, ListBlock)
    return {
        "type": "list",
        "style": block.style,
        "items": [{"blocks": [_block(b) for b in entry]} for entry in block.items],
    }


def _title(text: str) -> tuple[str, list[int]]:
    return re.sub(r"\s+", " ", NOTE_RE.sub("", text)).strip(), _notes(text)


def _section(section: Section) -> dict[str, Any]:
    title, notes = _title(section.title)
    return {
        "ref": section.ref,
        "title": title,
        "title_notes": notes,
        "blocks": [_block(b) for b in section.blocks],
        "sections": [_section(s) for s in section.sections],
    }


def _item(item: Item) -> dict[str, Any]:
    title, notes = _title(item.title)
    return {
        "ref": item.ref,
        "title": title,
        "title_notes": notes,
        "kind": item.kind,
        "blocks": [_block(b) for b in item.blocks],
        "items": [_item(i) for i in item.items],
    }


def outline_paragraphs(blocks: list[dict[str, Any]]) -> Iterator[str]:
    """The text of every paragraph in outline ``blocks``, list items included."""
    for block in blocks:
        if block["type"] == "p":
            yield block["text"]
        elif block["type"] == "list":
            for item in block["items"]:
                yield from outline_paragraphs(item["blocks"])


def outline_nodes(nodes: list[dict[str, Any]], key: str) -> Iterator[dict[str, Any]]:
    """Every outline node and, depth first, the nodes nested under ``key``."""
    for node in nodes:
        yield node
        yield from outline_nodes(node.get(key, []), key)
