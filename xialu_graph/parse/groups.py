"""Group sentences: units named once for the items above them.

Some documents list a few numbered items and then name who answers for all of them in a sentence
of its own: ``以上工作由市工信局牵头,市发展改革委、市财政局配合。`` (or ``上述任务均由…负责``, in a
bracket of its own, or after the last item's sentence on its line). Each item of that group that
names no unit of its own gets the sentence's units; the item that swallowed the sentence as its
own assignment gets them too (read as a group sentence, not as its bracket). The group runs back
to the previous such sentence, within the section of the item just above the sentence.
``以上两项工作分别由X、Y负责`` gives the units one to one when they are as many as the items.

Plain data in and out: the built tasks and the document's lines → the tasks changed in place.
"""

from __future__ import annotations

import re

from ..model import RawAssignment, Task
from .assignments import find_prose_assignment
from .lines import normalise

__all__ = ["GROUP_SENTENCE", "apply_group_sentences"]

# 以上工作由… / 上述各项任务均由… / (以上3项由…) : at a line start or after a sentence end, normalised
GROUP_SENTENCE = re.compile(
    r"(?:^|(?<=[。;!?]))[(\[【〔]?(?:以上|上述)(?:各项|所有|全部|这些|[\d一二三四五六七八九十两]{1,3}项)?"
    r"(?:重点)?(?:工作|任务|事项|措施|内容|政策|指标)?(?P<each>均|统一|分别|都)?由"
)
_OPEN, _CLOSE = "([【〔", ")]】〕"
# a group sentence names roles (以上工作由各单位认真组织实施 names none: a closing instruction, not units)
_ROLE_WORD = re.compile(r"牵头|负责|配合|协助|协办|主办|参与|参加")
# words of an instruction, never of a unit's name (以上工作由各地各部门认真抓好落实)
_NOT_A_NAME = re.compile(r"认真|跟踪|督促|结合|抓好|组织|实施|解释|落实|研究")


def apply_group_sentences(tasks: list[Task], lines: list[str]) -> list[Task]:
    """Give the units of each group sentence to the tasks of its group that name none.

    Parameters
    ----------
    tasks : list of Task
        The built tasks, in document order (``line_start`` 1-based).
    lines : list of str
        The document's lines as written (the sentence is read from them).

    Returns
    -------
    list of Task
        The tasks that received units (each with the reason ``unit_from_group_sentence``).

    Examples
    --------
    >>> ts = [Task("1", 1, "1.", "推进集群建设。", line_start=2, line_end=2),
    ...       Task("2", 2, "2.", "实施技改行动。", line_start=3, line_end=3)]
    >>> lines = ["一、产业", "1.推进集群建设。", "2.实施技改行动。", "以上工作由市工信局牵头,市财政局配合。"]
    >>> [t.task_id for t in apply_group_sentences(ts, lines)]
    ['1', '2']
    >>> [(a.role, a.unit_raw, a.line) for a in ts[0].raw_assignments]
    [('lead', '市工信局', 4), ('support', '市财政局', 4)]
    """
    if not tasks or not any("由" in s and ("以上" in s or "上述" in s) for s in lines):
        return []
    changed: list[Task] = []
    boundary = 0
    for i, line in enumerate(lines):
        if "由" not in line:
            continue
        norm = normalise(line)
        for m in GROUP_SENTENCE.finditer(norm):
            lineno = i + 1
            got = _read_sentence(norm, line, m)
            if got is None:
                continue
            sentence, parsed = got
            above = [t for t in tasks if boundary < t.line_start <= lineno]
            boundary = lineno
            if not above:
                continue
            last = above[-1]
            group = [t for t in above if (t.section_no, t.section, t.attachment) == (last.section_no, last.section, last.attachment)]
            pairs = [(r, name, prefix) for (r, _), name, prefix in zip(parsed.units, parsed.raw_names, parsed.prefixes)]
            each = None
            if m.group("each") == "分别":
                if len(pairs) != len(group) or any(r != "responsible" for r, _, _ in pairs):
                    continue  # 分别 with as many units as items only: otherwise who answers for what is not said
                each = pairs
            for k, t in enumerate(group):
                if t.raw_assignments and not _read_from(t, sentence):
                    continue  # the item names its own units
                mine = [each[k]] if each else pairs
                t.raw_assignments = [RawAssignment(r, name, lineno, prefix=prefix) for r, name, prefix in mine]
                t.reasons.append("unit_from_group_sentence")
                changed.append(t)
    return changed


def _read_sentence(norm: str, line: str, m: re.Match):
    """The group sentence that ``m`` opens (normalised) and its units; None when it names none."""
    start = m.start()
    end = norm.find("。", m.end())
    end = len(norm) if end < 0 else end + 1
    a, b = start, end
    while a < b and norm[a] in _OPEN + " ":
        a += 1
    while b > a and norm[b - 1] in _CLOSE + "。 ":
        b -= 1
    core = norm[a:b]
    if not _ROLE_WORD.search(core):
        return None
    original = line[a:b] if len(line) == len(norm) else None
    parsed = find_prose_assignment(core, original)
    if parsed is None or any(_NOT_A_NAME.search(name) for _, name in parsed.units):
        return None
    return norm[start:end], parsed


def _read_from(t: Task, sentence: str) -> bool:
    """The task's assignment was read from the group sentence itself (it swallowed it)."""
    raw = normalise(t.assignment_raw).strip()
    return bool(raw) and raw in sentence
