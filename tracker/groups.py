"""Which un-numbered headings belong to a group, and what the introduction says of them.

A heading directly over another heading is a group ("Current affairs" > "Georgië"), and
so is a heading whose own text names the headings after it in one sentence. Where a
group ends is read from the markup's heading levels where a format has them, else from
the agenda's introduction, which names a group's topics in one sentence (or bullet) and
the other items in others: the first heading the introduction puts elsewhere ends it.
"""

from __future__ import annotations

from dataclasses import field

from tracker import patterns
from tracker.bodies import TERMINAL, B, bodies
from tracker.models import Block as Body
from tracker.models import ListBlock, Para
from tracker.records import dataclass
from tracker.sentences import split_sentences
from tracker.units import STOPWORDS

# How much of a title's content words a sentence of the introduction must name.
MENTION_SHARE = 0.5


@dataclass
class Head:
    """An un-numbered heading with its procedure and text, before groups are known."""

    title: str
    level: int
    kind: str | None = None
    blocks: list[B] = field(default_factory=list)
    children: list[Head] = field(default_factory=list)


def nest(heads: list[Head], segments: list[set[str]]) -> list[Head]:
    """Groups and their sub-items: by heading levels where they tell, else by the intro."""
    levelled = len({h.level for h in heads if h.level}) >= 2
    tops: list[Head] = []
    index = 0
    while index < len(heads):
        head = heads[index]
        tops.append(head)
        index += 1
        following = heads[index:]
        if levelled and head.level and following and following[0].level > head.level:
            members = _deeper(head, following)
        elif not head.blocks and following:
            members = _group_members(head, following, segments)
        elif following and not levelled:
            members = _announced_members(head, following)
        else:
            continue
        head.children = members
        index += len(members)
    return tops


def _deeper(group: Head, following: list[Head]) -> list[Head]:
    members: list[Head] = []
    for head in following:
        if head.level <= group.level:
            break
        members.append(head)
    return members


def _group_members(group: Head, following: list[Head], segments: list[set[str]]) -> list[Head]:
    """The headings of a group: its first, then each the introduction does not put elsewhere.

    Where the introduction names neither, a heading of another form than the group's
    first (a procedure line where the first has none, or none where it has one) ends it.
    """
    anchor = _mention(group.title, segments)
    if anchor is None:
        anchor = _mention(following[0].title, segments)
    members = [following[0]]
    for position, head in enumerate(following[1:], 1):
        if _opens_group(following, position):
            break
        said = _mention(head.title, segments)
        if said is not None and said != anchor:
            break
        if said is None and bool(head.kind) != bool(following[0].kind):
            break
        members.append(head)
    return members


def _announced_members(head: Head, following: list[Head]) -> list[Head]:
    """Sub-items a heading's own text announces: the headings after it that one sentence
    of its text names, two at least ("… spreken de regeringsleiders over Oekraïne, het
    Midden-Oosten en migratie", then "Oekraïne", "Midden-Oosten", "Migratie")."""
    sentences = sentence_words(bodies(head.blocks))
    anchor = _mention(following[0].title, sentences)
    if anchor is None:
        return []
    members = []
    for head_after in following:
        if head_after.kind or _mention(head_after.title, sentences) != anchor:
            break
        members.append(head_after)
    return members if len(members) >= 2 else []


def _opens_group(heads: list[Head], position: int) -> bool:
    return not heads[position].blocks and position + 1 < len(heads)


# --- what the introduction says of the topics --------------------------------------

_WORD = patterns.compile(r"[^\W_]+(?:-[^\W_]+)*")


def sentence_words(intro: list[Body]) -> list[set[str]]:
    """The content words of each sentence or list entry of the introduction."""
    out: list[set[str]] = []
    for block in intro:
        if isinstance(block, Para):
            out += [_content_words(s) for s in split_sentences(block.text)]
        elif isinstance(block, ListBlock):
            for entry in block.items:
                out.append(set().union(*(_content_words(p.text) for p in _paras(entry))))
    return out


def _paras(blocks: tuple[Body, ...]) -> list[Para]:
    return [b for b in blocks if isinstance(b, Para)]


def _content_words(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {w for w in words if w not in STOPWORDS and (len(w) > 2 or w.isdigit())}


def _mention(title: str, segments: list[set[str]]) -> int | None:
    """The sentence of the introduction that names a topic best, if one names it."""
    words = _content_words(title.rstrip(TERMINAL))
    if not words:
        return None
    best, best_share = None, MENTION_SHARE
    for index, segment in enumerate(segments):
        share = sum(_said(word, segment) for word in words) / len(words)
        if share > best_share or (best is None and share >= best_share):
            best, best_share = index, share
    return best


def _said(word: str, segment: set[str]) -> bool:
    """A word, or an inflection of it sharing its first six letters, is in the sentence."""
    if word in segment:
        return True
    return len(word) >= 7 and any(len(w) >= 7 and w[:6] == word[:6] for w in segment)
