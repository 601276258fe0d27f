"""Numbering pass: which enumerator level carries the assignments.

Every numbered line is matched once (``1、`` ``(1)`` ``①`` … by :func:`.lines.match_item`,
``一、`` ``(一)`` by :func:`.lines.match_heading`) and marked when it carries an assignment:
a trailing bracket, inline labels, or a label line / bracket line right under it. The task
style is the numbered style whose lines most often carry one (``1、`` in one document,
``(一)`` in another); Chinese-numbered ``(一)`` lines are subsections unless they are the tasks.

Plain data in and out: normalised lines → :class:`NumberingScan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .assignments import LABEL_RE, MAX_BRACKET_SCAN, find_inline_labels, find_trailing_bracket
from .lines import HEAD_START, ITEM_START, LineMatch, match_bare_item, match_heading, match_item

__all__ = ["NumberedLine", "NumberingScan", "scan_numbering", "detect_task_style"]


@dataclass
class NumberedLine:
    """A numbered line (not a section heading): its index, match, and whether it carries an assignment."""

    index: int
    match: LineMatch
    assigned: bool


@dataclass
class NumberingScan:
    """The numbered lines of a document and the style of its tasks.

    ``items`` and ``heads`` map the index of every non-blank line to its item / heading match
    (None when it has none); ``subsection_style`` is ``"cn_paren"`` unless ``(一)`` numbers the
    tasks themselves.
    """

    items: dict[int, Optional[LineMatch]] = field(default_factory=dict)
    heads: dict[int, Optional[LineMatch]] = field(default_factory=dict)
    numbered: list[NumberedLine] = field(default_factory=list)
    task_style: str = "arabic"

    @property
    def subsection_style(self) -> Optional[str]:
        return None if self.task_style == "cn_paren" else "cn_paren"


def detect_task_style(numbered: list[NumberedLine]) -> str:
    """The numbered style that most often carries an assignment (ties: the more frequent style,
    then arabic); without any assignment, the first style present in a fixed order.

    Examples
    --------
    >>> ms = [NumberedLine(0, match_heading("(一)稳增长"), False), NumberedLine(1, match_item("1.抓项目"), True)]
    >>> detect_task_style(ms)
    'arabic'
    >>> detect_task_style([])
    'arabic'
    """
    assigned: dict[str, int] = {}
    seen: dict[str, int] = {}
    for nl in numbered:
        style = nl.match.style
        seen[style] = seen.get(style, 0) + 1
        if nl.assigned:
            assigned[style] = assigned.get(style, 0) + 1
    if assigned:
        return max(assigned, key=lambda s: (assigned[s], seen[s], s == "arabic"))
    for style in ("arabic", "arabic_paren", "circled", "paren_digit", "arabic_close", "cn_paren"):
        if style in seen:
            return style
    return "arabic"


def scan_numbering(norms: list[str]) -> NumberingScan:
    """Match every numbered line once and decide the task style.

    Parameters
    ----------
    norms : list of str
        Normalised, stripped lines (:attr:`.layout.Layout.norms`).

    Returns
    -------
    NumberingScan

    Examples
    --------
    >>> scan = scan_numbering(["一、稳增长", "(一)抓项目", "1.建园区。(牵头单位:区发改局)", "", "2.招商。", "责任单位:区商务局"])
    >>> [(nl.index, nl.match.label, nl.assigned) for nl in scan.numbered]
    [(1, '一', False), (2, '1.', True), (4, '2.', True)]
    >>> scan.task_style, scan.subsection_style
    ('arabic', 'cn_paren')
    """
    scan = NumberingScan()
    items_at, heads_at, numbered = scan.items, scan.heads, scan.numbered
    for i, n in enumerate(norms):
        if not n:
            continue
        it = items_at[i] = match_item(n) if n[0] in ITEM_START else None
        hd = heads_at[i] = match_heading(n) if n[0] in HEAD_START else None
        m = it or hd
        if m is None or m.style == "section":
            continue
        has = find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None or find_inline_labels(n) is not None
        if not has:
            j = i + 1
            while j < len(norms) and not norms[j]:
                j += 1
            if j < len(norms):
                nxt = norms[j]
                if LABEL_RE.match(nxt) or (
                    nxt[0] not in ITEM_START and nxt[0] not in HEAD_START and find_trailing_bracket(nxt[-MAX_BRACKET_SCAN:])
                ):
                    has = True
        numbered.append(NumberedLine(i, m, has))
    if not any(nl.assigned for nl in numbered):
        bare = _bare_items(norms)
        if bare:
            for nl in bare:
                items_at[nl.index] = nl.match
            numbered = scan.numbered = sorted(numbered + bare, key=lambda nl: nl.index)
    scan.task_style = detect_task_style(numbered)
    return scan


def _assigned(norms: list[str], i: int) -> bool:
    """Line ``i`` ends in an assignment bracket or holds inline labels, or the next line is a
    label line."""
    n = norms[i]
    if find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None or find_inline_labels(n) is not None:
        return True
    j = i + 1
    while j < len(norms) and not norms[j]:
        j += 1
    return j < len(norms) and bool(LABEL_RE.match(norms[j]))


def _bare_items(norms: list[str]) -> list[NumberedLine]:
    """Items numbered without punctuation (``1大力发展…`` ``2加快…``), for a document whose numbered
    lines carry no assignment: the lines that :func:`.lines.match_bare_item` matches and that run
    1, 2, 3 … (restarting at 1 allowed), when at least two do and one carries an assignment.

    Examples
    --------
    >>> norms = ["一、调结构", "1大力发展高新技术产业。(省科技厅)", "力争产值超过9000亿元。", "2加快服务业发展。(省发改委)"]
    >>> [(nl.index, nl.match.number, nl.assigned) for nl in _bare_items(norms)]
    [(1, 1, True), (3, 2, True)]
    >>> _bare_items(["1大力发展高新技术产业。(省科技厅)", "3加快服务业发展。"])
    []
    """
    out: list[NumberedLine] = []
    expect = 1
    for i, n in enumerate(norms):
        if not n or n[0] not in ITEM_START:
            continue
        m = match_bare_item(n)
        if m is None:
            continue
        if m.number == expect or m.number == 1 and out:
            out.append(NumberedLine(i, m, _assigned(norms, i)))
            expect = m.number + 1
    if len(out) < 2 or not any(nl.assigned for nl in out):
        return []
    return out
