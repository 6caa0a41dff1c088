"""Blocks while a letter is structured, and the paragraphs and lists they become."""

from __future__ import annotations

from dataclasses import replace

from tracker.extract.base import HEADING, KIND, LI, TITLE, P, strip_notes
from tracker.models import Block as Body
from tracker.models import ListBlock, Para, Subheading
from tracker.records import dataclass

TERMINAL = ".;:!?"
_CLOSERS = "\"'”’)» "


@dataclass(frozen=True)
class B:
    """A block during structuring: cleaned text and the extractor's hints."""

    text: str
    role: str
    level: int
    style: str
    cont: bool
    gap: bool
    name: str

    @property
    def plain(self) -> str:
        """The text without note markers."""
        return strip_notes(self.text).strip()

    def as_paragraph(self) -> B:
        """The same text as running text, whatever role it had."""
        return replace(self, role=P) if self.role in (HEADING, KIND, TITLE) else self


def heading_like(block: B) -> bool:
    """A heading by markup, or a short line that is not a sentence."""
    if block.role in (HEADING, TITLE, KIND):
        return True
    if block.role != P:
        return False
    plain = block.plain.rstrip(_CLOSERS)
    return len(plain) <= 250 and not plain.endswith(tuple(TERMINAL))


def bodies(blocks: list[B]) -> list[Body]:
    """Paragraphs, sub-headings and (nested) lists from a run of blocks."""
    out: list[Body] = []
    run: list[B] = []
    for block in blocks:
        if block.role == LI:
            run.append(block)
            continue
        if run:
            out.append(_build_list(run))
            run = []
        if block.role == SUBHEADING_ROLE:
            out.append(Subheading(block.text))
        elif block.text:
            out.append(Para(block.text))
    if run:
        out.append(_build_list(run))
    return out


# A role only the structuring gives: a generic heading inside an item or the intro.
SUBHEADING_ROLE = "subheading"


@dataclass
class _OpenList:
    level: int
    style: str
    items: list[list[Body]]


def _build_list(blocks: list[B]) -> ListBlock:
    """Nest list paragraphs by level; a continued paragraph joins its item."""
    stack: list[_OpenList] = []
    for block in blocks:
        level = max(block.level, 1)
        while len(stack) > 1 and stack[-1].level > level:
            _close(stack)
        if not stack or (stack[-1].level < level and not block.cont):
            stack.append(_OpenList(level, block.style or "bullet", []))
        top = stack[-1]
        if block.cont and top.items:
            top.items[-1].append(Para(block.text))
        else:
            top.items.append([Para(block.text)])
    while len(stack) > 1:
        _close(stack)
    return _freeze(stack[0])


def _close(stack: list[_OpenList]) -> None:
    child = stack.pop()
    parent = stack[-1]
    if not parent.items:
        parent.items.append([])
    parent.items[-1].append(_freeze(child))


def _freeze(open_list: _OpenList) -> ListBlock:
    return ListBlock(open_list.style, tuple(tuple(item) for item in open_list.items))
