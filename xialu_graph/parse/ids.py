"""Ids pass: give every task a unique id and check the numbering and the units.

Numbering that restarts at 1 in each section gives ids ``一-1``; in each subsection of a
section, ``一(三)-1``; under each unnumbered heading of a subsection, the heading's first words
(``凤台县政府-1``); numbering that restarts in an attachment gives ids ``附件2-1``; a numbered
heading that is itself a task keeps its numeral (``一``). A number written twice where nothing
restarts gives the second task ``2#乙`` (the third ``2#丙``: :func:`.lines.nth`). Gaps and duplicates in the numbering, and tasks that name no unit, are warned about.

Plain data in and out: tasks → (restarts per section, warnings), ids set on the tasks.
"""

from __future__ import annotations

import re

from ..model import Task
from .lines import nth

__all__ = ["assign_ids", "number_tasks"]

_CN_NUMERALS = set("一二三四五六七八九十")

_NOT_IN_PREFIX = re.compile(r"[\d\s\-#()（）、,，。:：;；.]")


def number_tasks(tasks: list[Task]) -> tuple[bool, list[tuple[int, str, str]]]:
    """Give tasks their ids (:func:`assign_ids`), warn on tasks that name no unit, and set the
    task id of every person named.

    Returns whether numbering restarts per section, and the warnings (line, code, message).

    Examples
    --------
    >>> from xialu_graph.model import RawAssignment
    >>> ts = [Task("1", 1, "1、", "a", line_start=2), Task("3", 3, "3、", "b", line_start=3)]
    >>> ts[0].raw_assignments = [RawAssignment("lead", "区发改局", 2)]
    >>> restarts, warnings = number_tasks(ts)
    >>> [t.task_id for t in ts], [code for _, code, _ in warnings]
    (['1', '3'], ['numbering_gap', 'no_units'])
    """
    restarts, warnings = assign_ids(tasks)
    for t in tasks:
        if not t.raw_assignments and not any(p.title for p in t.people if p.line >= t.line_start):
            warnings.append((t.line_start, "no_units", f"task {t.task_id} names no unit"))
        for p in t.people:
            p.task_id = t.task_id
    return restarts, warnings


def assign_ids(tasks: list[Task]) -> tuple[bool, list[tuple[int, str, str]]]:
    """Give tasks unique ids; warn on gaps and duplicates.

    Returns whether numbering restarts per section, and the warnings (line, code, message).

    Examples
    --------
    >>> ts = [Task("1", 1, "1、", "a", section_no="一", section="x"), Task("1", 1, "1、", "b", section_no="二", section="y"),
    ...       Task("2", 2, "2、", "c", section_no="二", section="y")]
    >>> assign_ids(ts)
    (True, [])
    >>> [t.task_id for t in ts]
    ['一-1', '二-1', '二-2']
    >>> ts = [Task("1", 1, "1.", "a", heading="凤台县政府"), Task("2", 2, "2.", "b", heading="凤台县政府"),
    ...       Task("1", 1, "1.", "c", heading="大通区政府")]
    >>> assign_ids(ts)[1], [t.task_id for t in ts]
    ([], ['凤台县政府-1', '凤台县政府-2', '大通区政府-1'])
    """
    warnings: list[tuple[int, str, str]] = []
    by_seq: dict[str, list[Task]] = {}
    for t in tasks:
        by_seq.setdefault(t.attachment, []).append(t)
    # one attachment holding every assigned task, the others only unassigned items (a list of the
    # attachments' titles, 附件:1.… 2.…) and no body task: that attachment needs no prefix
    holding = [s for s, ts in by_seq.items() if any(t.raw_assignments for t in ts)]
    alone = holding[0] if len(holding) == 1 and "" not in by_seq else None
    any_restart = False
    used: set[str] = set()
    next_k: dict[str, int] = {}
    for seq, ts in by_seq.items():
        restart = _restarts(ts, _section_key)
        # a restart inside a section: per subsection (一(三)-1), else per unnumbered heading (凤台县政府-1)
        by_sub = _restarts(ts, _subsection_key, _section_key)
        by_heading = not by_sub and _restarts(ts, _heading_key, _subsection_key)
        group = _heading_key if by_heading else _subsection_key if by_sub else _section_key
        any_restart |= restart
        prev = 0
        prev_section = None
        for t in ts:
            if t.numbering and all(c in _CN_NUMERALS for c in t.numbering):
                # a numbered heading that is itself a task keeps its numeral: 一
                tid = base = f"{seq}-{t.numbering}" if seq and len(by_seq) > 1 else t.numbering
                k = next_k.get(base, 2)
                while tid in used:
                    tid = f"{base}#{nth(k)}"
                    k += 1
                next_k[base] = k
                used.add(tid)
                t.task_id = tid
                continue
            sec = group(t)
            if (restart or by_sub or by_heading) and sec != prev_section:
                prev = 0
            prev_section = sec
            if prev and t.number <= prev:
                warnings.append((t.line_start, "numbering_duplicate", f"task number {t.number} follows {prev}"))
            elif t.number != prev + 1 and (prev or t.number != 1):
                if prev or t is not ts[0]:
                    warnings.append((t.line_start, "numbering_gap", f"task numbers jump from {prev} to {t.number}"))
            prev = t.number
            tid = f"{t.section_no}-{t.number}" if restart and t.section_no else str(t.number)
            if by_sub and t.subsection_no and not _is_subsection(t):
                tid = f"{t.section_no if restart else ''}({t.subsection_no})-{t.number}"
            elif by_heading and _NOT_IN_PREFIX.sub("", t.heading):
                tid = f"{_NOT_IN_PREFIX.sub('', t.heading)[:10]}-{tid}"
            if seq and len(by_seq) > 1 and seq != alone:  # one attachment alone needs no prefix
                tid = f"{seq}-{tid}"
            base = tid
            k = next_k.get(base, 2)
            while tid in used:
                tid = f"{base}#{nth(k)}"
                k += 1
            next_k[base] = k
            used.add(tid)
            t.task_id = tid
    return any_restart, warnings


def _section_key(t: Task) -> tuple:
    return (t.section_no, t.section)


def _is_subsection(t: Task) -> bool:
    """The task is its subsection's heading ((一)省监察厅牵头的工作 over one paragraph)."""
    return bool(t.subsection_no) and t.numbering == f"({t.subsection_no})"


def _subsection_key(t: Task) -> tuple:
    if _is_subsection(t):  # numbered among the subsections of its section
        return (t.section_no, t.section, "", "")
    return (t.section_no, t.section, t.subsection_no, t.subsection)


def _heading_key(t: Task) -> tuple:
    return _subsection_key(t) + (t.heading,)


def _restarts(ts: list[Task], key, within=None) -> bool:
    """Whether numbering goes back to 1 where ``key`` changes (and ``within`` does not)."""
    return any(
        t.number == 1 and i > 0 and key(ts[i - 1]) != key(t) and (within is None or within(ts[i - 1]) == within(t))
        for i, t in enumerate(ts)
    )
