"""Units marked ``*``: the lead only where the document says so.

Tables often mark one unit of a list with a star (``区财政局*、区发改局``); a document that explains
the mark says so in a header or a note (``加*号为牵头部门``: ``data/grammar/markers.csv``). The
assignment grammar reads a starred unit as the lead (:func:`.assignments.parse_assignment`).
Where the document says nothing of the mark, a lead read only from stars is a guess, as a lead
read from the first place of a list is without the rule that says so: :func:`apply_marker_rule`
gives such a task's units back the role their list has (responsible: no unit of the task is
named lead) and warns ``guess_unstated_marker`` on the task's line, so that the review file
lists it (reason ``guessed_role``) and ``--strict`` stops there.

Plain data in and out: the tasks (changed in place) and the text → warnings.
"""

from __future__ import annotations

import re

from ..model import RawAssignment, Task
from .grammar import load_grammar
from .lines import normalise

__all__ = ["apply_marker_rule", "states_marker_rule"]

_STARRED = re.compile(r"([^、,;:\s*()]+(?:\([^()]*\))?)\s*\*")
_G = load_grammar()
_MARKER_RE = _G.marker_regex()
# a lead the list's words name (a lead label or a lead role word): not a guess from the star
_LEAD_WORDS = re.compile("|".join(re.escape(w) for w, r in (*_G.labels, *_G.suffixes) if r == "lead") or r"(?!x)x")


def states_marker_rule(text: str) -> bool:
    """Whether the text (its first 200,000 characters) says that a unit marked ``*`` leads.

    Examples
    --------
    >>> states_marker_rule("责任部门(加*号为牵头部门,其余为参与部门)"), states_marker_rule("区财政局*、区发改局")
    (True, False)
    """
    return bool(_MARKER_RE.search(normalise(text[:200000])))


def apply_marker_rule(tasks: list[Task], text: str) -> list[tuple[int, str, str]]:
    """Give the units of a task whose only leads are starred their list's role (responsible)
    when ``text`` does not say what the star means; the warnings, one per such task.

    Examples
    --------
    >>> t = Task("5", 5, "5", "抓项目。", "", "", "", "", "", "", "责任单位:区财政局*、区发改局", [], [], [], 3, 3)
    >>> t.raw_assignments = [RawAssignment("lead", "区财政局", 3), RawAssignment("support", "区发改局", 3)]
    >>> [w[1] for w in apply_marker_rule([t], "5.抓项目。\\n责任单位:区财政局*、区发改局")], [(a.role, a.unit_raw) for a in t.raw_assignments]
    (['guess_unstated_marker'], [('responsible', '区财政局'), ('responsible', '区发改局')])
    >>> t.raw_assignments = [RawAssignment("lead", "区财政局", 3), RawAssignment("support", "区发改局", 3)]
    >>> apply_marker_rule([t], "(加*号为牵头部门)"), [a.role for a in t.raw_assignments]
    ([], ['lead', 'support'])
    """
    if "*" not in text or states_marker_rule(text):
        return []
    warnings = []
    for t in tasks:
        raw = normalise(t.assignment_raw or "")
        if "*" not in raw or _LEAD_WORDS.search(raw.replace("*", "")):
            continue
        starred = {m.group(1).strip() for m in _STARRED.finditer(raw)}
        leads = [a for a in t.raw_assignments if a.role == "lead"]
        if not leads or not all(normalise(a.unit_raw).strip() in starred for a in leads):
            continue
        t.raw_assignments = [RawAssignment("responsible", a.unit_raw, a.line, a.label, a.prefix) for a in t.raw_assignments]
        names = "、".join(a.unit_raw for a in leads)
        warnings.append((t.line_start, "guess_unstated_marker",
                         f"{names} marked * but the document does not say what * means: read as responsible "
                         "(a * often marks the lead; check, or correct it in the review file)"))
    return warnings
