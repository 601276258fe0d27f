"""Group sentences: units named once for the items above them.

Some documents list a few numbered items and then name who answers for all of them in a sentence
of its own: ``以上工作由市工信局牵头,市发展改革委、市财政局配合。`` (or ``上述任务均由…负责``). Each
item of that group that names no unit of its own gets the sentence's units; the group runs back to
the previous such sentence, within the section of the item just above the sentence.

Plain data in and out: the built tasks and the document's lines → the tasks changed in place.
"""

from __future__ import annotations

import re

from ..model import RawAssignment, Task
from .assignments import find_prose_assignment
from .lines import normalise

__all__ = ["GROUP_SENTENCE", "apply_group_sentences"]

# 以上工作由… / 上述各项任务均由… / 以上3项由… : a sentence of its own that names who answers
GROUP_SENTENCE = re.compile(
    r"^(?:以上|上述)(?:各项|所有|全部|这些|[\d一二三四五六七八九十]{1,3}项)?"
    r"(?:重点)?(?:工作|任务|事项|措施|内容|政策|指标)?(?:均|统一|分别|都)?由"
)


def apply_group_sentences(tasks: list[Task], lines: list[str]) -> list[Task]:
    """Give the units of each group sentence to the tasks of its group that name none.

    Parameters
    ----------
    tasks : list of Task
        The built tasks, in document order (``line_start``/``line_end`` 1-based).
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
    if not tasks or not any(GROUP_SENTENCE.match(s.lstrip()) for s in lines if "由" in s):
        return []
    changed: list[Task] = []
    boundary = 0
    for i, line in enumerate(lines):
        lineno = i + 1
        norm = normalise(line).strip()
        if "由" not in norm or not GROUP_SENTENCE.match(norm):
            continue
        parsed = find_prose_assignment(norm, line.strip() if len(line.strip()) == len(norm) else None)
        if parsed is None:
            continue
        above = [t for t in tasks if boundary < t.line_start < lineno]
        boundary = lineno
        if not above:
            continue
        last = above[-1]
        for t in above:
            if t.raw_assignments or (t.section_no, t.section, t.attachment) != (last.section_no, last.section, last.attachment):
                continue
            t.raw_assignments = [RawAssignment(r, name, lineno, prefix=prefix)
                                 for (r, _), name, prefix in zip(parsed.units, parsed.raw_names, parsed.prefixes)]
            t.reasons.append("unit_from_group_sentence")
            changed.append(t)
    return changed
