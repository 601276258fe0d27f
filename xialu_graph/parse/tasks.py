"""Assignments pass: read each item's assignment and make the Task.

For every entry of the items pass (:mod:`.items`), in document order:

* a task span: the trailing bracket (``[牵头单位:X;责任单位:Y]``), assignments given sentence by
  sentence inside the text (State Council style), labels written inline after the sentence
  (``…增长13.5%。主办单位:X``) and label lines under it, merged into one assignment; a bare
  list reads as responsible units, or lead-by-position where the document states the rule;
  the document's last span, cut off mid-text, is not a task;
* a table row: its label text;
* a prose paragraph: the roles already read.

Plain data in and out: entries → :class:`BuiltTasks` (tasks without final ids, warnings in
document order, what was noticed on the way).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from typing import Optional

from ..model import Person, RawAssignment, Task
from .assignments import (
    LABEL_RE,
    TERMINAL,
    ParsedAssignment,
    find_inline_labels,
    find_inner_assignments,
    find_prose_assignment,
    find_trailing_bracket,
    parse_assignment,
    read_heading,
)
from .items import Context, Notice, ProseTask, TableRow, TaskSpan
from .lines import normalise

__all__ = ["BuiltTasks", "build_tasks", "read_span", "labels_end"]

_BRACKET_IN = re.compile(r"[(\[【〔]")


@dataclass
class BuiltTasks:
    """The tasks, the warnings (line, code, message) in document order, the assignment styles
    met, the notes (task, note) kept aside, and the cut-off last item (its text and lines)."""

    tasks: list[Task] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)
    label_styles: set = field(default_factory=set)
    notes: list[tuple[Task, str]] = field(default_factory=list)
    truncated: str = ""
    truncated_lines: list[int] = field(default_factory=list)


def build_tasks(entries: list, *, first_listed_leads: bool = False, rule_line: int = 0) -> BuiltTasks:
    """Assignments pass: make a Task of every span, table row and prose paragraph.

    Parameters
    ----------
    entries : list
        :attr:`.items.Items.entries`, in document order (notices pass through as warnings).
    first_listed_leads : bool
        The document states that the first-listed unit leads.
    rule_line : int
        The line where the document states that rule (0: not stated); a task named with a
        single unit after it is led by that unit.

    Returns
    -------
    BuiltTasks

    Examples
    --------
    >>> from xialu_graph.parse.lines import match_item
    >>> span = TaskSpan(match_item("1、抓项目。"), 2)
    >>> span.add(2, "抓项目。", "抓项目。")
    >>> span.label_parts.append((3, "牵头单位:区发改局"))
    >>> built = build_tasks([span])
    >>> t = built.tasks[0]
    >>> t.text, [(r.role, r.unit_raw, r.line) for r in t.raw_assignments], sorted(built.label_styles)
    ('抓项目。', [('lead', '区发改局', 3)], ['label_lines', 'labels'])
    """
    out = BuiltTasks()
    for entry in entries:
        if isinstance(entry, TaskSpan):
            task = read_span(entry, out, first_listed_leads=first_listed_leads, rule_line=rule_line)
            if task is not None and entry.retitles is not None:
                entry.retitles.title = task.text  # a section heading that is itself a task
        elif isinstance(entry, TableRow):
            parsed = parse_assignment(entry.label_text, first_listed_leads=first_listed_leads) if entry.label_text else None
            if parsed is not None:
                parsed.style = "table"
            task = _make_task(out, first_listed_leads, entry.number, str(entry.number), entry.text, parsed, entry.label_text,
                              entry.context, entry.first_line, entry.last_line, entry.first_line, rule_line)
            if entry.deadline:
                out.notes.append((task, entry.deadline))
            if entry.rebuilt:
                task.reasons.append("cell_layout_rebuilt")
            if entry.across:
                task.reasons.append("interleaved_columns")
        elif isinstance(entry, ProseTask):
            task = _make_task(out, first_listed_leads, entry.number, entry.numbering, entry.text, entry.parsed, entry.text,
                              entry.context, entry.line, entry.line, entry.line, rule_line)
        else:
            assert isinstance(entry, Notice)
            out.warnings.append((entry.line, entry.code, entry.message))
            continue
        if task is not None:
            out.tasks.append(task)
    return out


def _merge(into: ParsedAssignment, other: ParsedAssignment) -> None:
    into.units.extend(other.units)
    into.raw_names.extend(other.raw_names)
    into.prefixes.extend(other.prefixes)
    into.people.extend(other.people)
    into.notes.extend(other.notes)


def read_span(o: TaskSpan, out: BuiltTasks, *, first_listed_leads: bool = False, rule_line: int = 0) -> Optional[Task]:
    """Read one task span's assignment into a Task (None: the last span, cut off mid-text).

    Warnings, notes and assignment styles go to ``out``.

    Examples
    --------
    >>> from xialu_graph.parse.lines import match_item
    >>> span = TaskSpan(match_item("3.稳就业。(区人社局牵头,区财政局配合)"), 7)
    >>> span.add(7, "稳就业。(区人社局牵头,区财政局配合)", "稳就业。(区人社局牵头,区财政局配合)")
    >>> t = read_span(span, BuiltTasks())
    >>> t.task_id, t.text, t.assignment_raw, [(r.role, r.unit_raw) for r in t.raw_assignments]
    ('3', '稳就业。', '区人社局牵头,区财政局配合', [('lead', '区人社局'), ('support', '区财政局')])
    """
    warn = out.warnings.append
    if len(o.parts) > 1 and not o.retitles:
        _heading_line(o)
    joined = o.joined().strip()
    njoined = "".join(o.nparts).strip()
    text_out, raw_assign = joined, ""
    parsed = None
    span = find_trailing_bracket(njoined)
    if span is not None:
        op, cl, closed = span
        raw_assign = joined[op + 1:cl].strip()
        before = joined[:op].rstrip()
        after = njoined[cl + 1:].strip() if closed else ""
        if before and before[-1] not in TERMINAL + ".,、" and after[:1] in ("。", "."):
            before += joined[cl + 1:].strip()[:1]
        text_out = before
        parsed = parse_assignment(
            njoined[op + 1:cl].strip(), first_listed_leads=first_listed_leads, normalised=True, original=joined[op + 1:cl].strip()
        )
        if not closed:
            o.reasons.append("unclosed_bracket")
            warn((o.line_start, "unclosed_bracket", f"task {o.match.label}: assignment bracket not closed; read to the end of the item"))
        if parsed.style == "bare_list" and not first_listed_leads:
            warn((o.lines[-1], "guess_bare_list",
                  f"task {o.match.label}: bracket lists units without labels or role words; read them as responsible units"))
    # assignments given sentence by sentence inside the text (State Council style)
    ntext = normalise(text_out) if span is None else njoined[: span[0]].rstrip()
    inner = find_inner_assignments(ntext, text_out, first_listed_leads=first_listed_leads) if _BRACKET_IN.search(ntext) else []
    if inner:
        pieces, last = [], 0
        merged = ParsedAssignment(style="inline")
        for op_, cl_, pa in inner:
            pieces.append(text_out[last:op_])
            last = cl_ + 1
            _merge(merged, pa)
        pieces.append(text_out[last:])
        text_out = "".join(pieces).strip()
        if parsed is not None:
            _merge(merged, parsed)
        if merged.has_lead():
            merged.units = [("support" if r == "responsible" else r, n) for r, n in merged.units]
        raw_assign = ";".join(joined[op_ + 1:cl_].strip() for op_, cl_, _ in inner) + (";" + raw_assign if raw_assign else "")
        parsed = merged
    if parsed is None and not o.label_parts:
        cut = find_inline_labels(njoined)
        if cut is not None:
            # labels written after the task's sentence on the same line: …增长13.5%。主办单位:X。
            end = labels_end(njoined, cut)
            o.label_parts.append((o.lines[-1] if o.lines else o.line_start, joined[cut:end].strip()))
            o.reasons.append("inline_labels")
            text_out = joined[:cut].strip()
    if parsed is None and not o.label_parts:
        # assigned in its own sentence: …的问题,由X会同Y等部门研究提出落实意见 (data/grammar/prose.csv)
        ntext = njoined if len(njoined) == len(joined) else normalise(joined)
        parsed = find_prose_assignment(ntext, joined if len(ntext) == len(joined) else None)
        if parsed is not None:
            raw_assign = ";".join(joined[a:b] for a, b in parsed.spans)
    if o.label_parts:
        label_text = ";".join(t for _, t in o.label_parts)
        lp = parse_assignment(label_text, first_listed_leads=first_listed_leads)
        out.label_styles.add("label_lines")
        if parsed is None:
            parsed, raw_assign = lp, label_text
        else:
            _merge(parsed, lp)
            raw_assign = raw_assign + ";" + label_text
    if parsed is None and o.final and (not text_out or text_out[-1] not in TERMINAL + ")]）】"):
        out.truncated = f"{o.match.label}{text_out}"
        out.truncated_lines = list(o.lines)
        warn((o.line_start, "truncated_item", f"last item {o.match.label} is cut off mid-text and was not read as a task: {text_out[:30]!r}"))
        return None
    line_assign = o.lines[-1] if o.lines else o.line_start
    if o.label_parts and span is None:
        line_assign = o.label_parts[0][0]
    numbering = f"({o.match.label})" if o.match.style == "cn_paren" else o.match.label
    task = _make_task(out, first_listed_leads, o.match.number, numbering, text_out, parsed, raw_assign, o.context, o.line_start,
                      o.lines[-1] if o.lines else o.line_start, line_assign, rule_line)
    task.reasons.extend(o.reasons)
    return task


def labels_end(norm: str, start: int) -> int:
    """Where the labels written inline from ``start`` end: at the first sentence end after which
    no label follows (a one-line document's closing text: ``责任单位:市工信局。本意见自印发之日起施行…``),
    else at the end of the text.

    Examples
    --------
    >>> s = "奖励。责任单位:市工信局。本意见自印发之日起施行,由市发展改革委负责解释。"
    >>> s[3:labels_end(s, 3)]
    '责任单位:市工信局。'
    >>> s = "奖励。牵头单位:市科技局。配合单位:市财政局。"
    >>> labels_end(s, 3) == len(s)
    True
    """
    i = start
    while True:
        j = norm.find("。", i)
        if j < 0:
            return len(norm)
        rest = norm[j + 1:].lstrip()
        if rest and not LABEL_RE.match(rest):
            return j + 1
        if not rest:
            return len(norm)
        i = j + 1


def _make_task(out: BuiltTasks, first_listed_leads: bool, number: int, numbering: str, text_out: str,
               parsed: Optional[ParsedAssignment], raw_assign: str, c: Context, line_start: int, line_end: int,
               line_assign: int, rule_line: int = 0) -> Task:
    sec, sub = c.section, c.subsection
    task = Task(
        task_id=str(number),
        number=number,
        numbering=numbering,
        text=text_out,
        section_no=sec.number if sec else "",
        section=sec.title if sec else "",
        subsection_no=sub.number if sub else "",
        subsection=sub.title if sub else "",
        heading=c.heading,
        attachment=c.attachment,
        assignment_raw=raw_assign,
        line_start=line_start,
        line_end=line_end,
    )
    if parsed is not None:
        if (rule_line and line_end >= rule_line and len(parsed.units) == 1 and parsed.units[0][0] == "responsible"
                and parsed.style in ("labels", "bare_list", "table")):
            # 责任单位:X after 第一责任单位为牵头单位,下同: the one unit listed is the first listed
            # (not X负责, where a role word, not a position, gives the role)
            parsed.units[0] = ("lead", parsed.units[0][1])
            task.reasons.append("lead_by_position")
        out.label_styles.add(parsed.style)
        if parsed.style == "bare_list":  # units listed without a label or role word
            task.reasons.append("lead_by_position" if first_listed_leads and parsed.has_lead() else "guessed_role")
        elif parsed.style == "prose":
            task.reasons.append("prose_roles")
        task.raw_assignments = [
            RawAssignment(r, sys.intern(raw_name), line_assign, prefix=prefix)  # one copy of each unit name, not one per task
            for (r, _), raw_name, prefix in zip(parsed.units, parsed.raw_names, parsed.prefixes)
        ]
        task.people = [Person("", name, title, line_assign) for title, name in parsed.people]
        out.notes.extend((task, note) for note in parsed.notes)
    if c.units:
        _units_from_heading(task, c.units)
    task.people = [Person("", name, title, line) for title, name, line in c.leaders] + task.people
    return task


def _heading_line(o: TaskSpan) -> None:
    """A numbered item whose first line is a group heading naming who answers for it
    (``(一)省监察厅牵头的工作`` over its paragraph, ``data/grammar/headings.csv``): the heading's
    units and people go to the item's context, its paragraph is the text."""
    units, people = read_heading(o.parts[0])
    if not people and not any(r == "lead" for r, _ in units):
        return  # a unit's name alone may be a wrapped line of the text: only X牵头的工作 or a person
    line = o.lines[0] if o.lines else o.line_start
    o.context = replace(o.context, units=[(r, n, line) for r, n in units] or o.context.units,
                        leaders=o.context.leaders + [(t, n, line) for t, n in people])
    o.parts, o.nparts = o.parts[1:], o.nparts[1:]
    o.reasons.append("heading_line")


def _units_from_heading(task: Task, units: list) -> None:
    """Give a task the units its heading names (``data/grammar/headings.csv``): a lead the heading
    names leads a task that names none (its responsible units then support); responsible units
    go to a task that names no unit at all."""
    own = task.raw_assignments
    leads = [(n, ln) for r, n, ln in units if r == "lead"]
    if leads and not any(a.role == "lead" for a in own):
        names = {n for n, _ in leads}
        task.raw_assignments = [RawAssignment("lead", n, ln) for n, ln in leads] + [
            RawAssignment("support" if a.role == "responsible" else a.role, a.unit_raw, a.line, a.label, a.prefix)
            for a in own if a.unit_raw not in names
        ]
    elif not own and not leads:
        task.raw_assignments = [RawAssignment(r, n, ln) for r, n, ln in units]
    else:
        return
    task.reasons.append("unit_from_heading")
