"""The message of a position event, in Dutch, as the feeds word it. Pure: values in, text out.

The title is the feed entry's ("<agendapunt> — Nederland: tegen → voor (JBZ-Raad 13 oktober
2025)"); the body says which letter is compared with which, gives the position sentences
before and after, and links to the change's page and the official publication.
"""

from __future__ import annotations

from typing import Any

from tracker.feeds import MAX_CHANGES, clean_text, entry_title, official_url, page_url, stance_move
from tracker.naming import clean_title, letter_name, stance_name
from tracker.records import dataclass
from tracker.store.queries import FeedItem


@dataclass(frozen=True)
class Message:
    """What a target receives: a one-line title and a plain-text body."""

    title: str
    body: str


def compose_message(item: FeedItem, base_url: str) -> Message:
    """The notification of one position event; `base_url` is the web site's public URL."""
    sentences = [c for c in item.change.get("changes") or () if c.get("position")]
    lines = [*_lead(item), ""]
    for change in sentences[:MAX_CHANGES]:
        lines += [*_sentence(change), ""]
    if len(sentences) > MAX_CHANGES:
        lines += [f"En nog {len(sentences) - MAX_CHANGES} zinnen: zie de wijziging.", ""]
    lines.append(f"Bekijk de wijziging: {page_url(base_url, item.guid)}")
    source = official_url(item)
    if source:
        lines.append(f"Officiële publicatie: {source}")
    return Message(entry_title(item), "\n".join(lines))


def _lead(item: FeedItem) -> list[str]:
    move = stance_move(item)
    head = item.change.get("new") or item.change.get("old") or {}
    topic = clean_title(str(head.get("title") or item.thread_title)) or "(zonder titel)"
    ref = f" ({head['ref']})" if head.get("ref") else ""
    new = letter_name(item.formation, item.meeting, item.addressee, item.date)
    old = letter_name(item.formation, item.old_meeting, item.old_addressee, item.old_date)
    lines = []
    if move:
        lines.append(f"Standpunt van Nederland: {stance_name(move[0])} → {stance_name(move[1])}.")
    if item.undoes:
        lines.append("Deze brief draait de wijziging in de vorige brief terug.")
    return [*lines, f"Agendapunt: {topic}{ref}", f"Brief: {new}, vergeleken met {old}."]


def _sentence(change: dict[str, Any]) -> list[str]:
    """One position sentence: its stance move and its text before and after."""
    stance = change.get("stance") or {}
    lines = [f"Zin ({stance_name(stance.get('old'))} → {stance_name(stance.get('new'))}):"]
    for side, word in (("old", "Was"), ("new", "Nu")):
        text = clean_text(str(change.get(side) or "")).strip()
        lines.append(f"{word}: {text}" if text else f"{word}: (geen zin)")
    return lines
