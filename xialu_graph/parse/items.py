"""Assemble a Document from lines: sections, subsections, headings, tasks, continuations.

The numbering style of the tasks is decided from the document: the numbered style whose
lines most often carry an assignment is the task style (``1、`` in one document, ``(一)``
in another). Chinese-numbered ``(一)`` lines are subsections unless they are the tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import InputError
from ..model import Document, ParseReport, RawAssignment, Section, Subsection, Task, Person
from .assignments import LABEL_RE, find_trailing_bracket, parse_assignment
from .lines import (
    LineMatch,
    is_chrome,
    match_attachment,
    match_heading,
    match_item,
    match_metadata,
    normalise,
)
from .meta import build_metadata

__all__ = ["parse_text"]

TERMINAL = "。!?;！？；"
MAX_BRACKET_SCAN = 5000
_FIRST_LISTED = re.compile(r"(列|排)(在)?(第一|首)(位|个)(者|的)?(单位)?(为|是)牵头")
_ITEM_START = set("0123456789(") | set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_HEAD_START = set("一二三四五六七八九十(")
_RUN_TOGETHER_SUB = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)")


@dataclass
class _Open:
    """A task being assembled."""

    match: LineMatch
    line_start: int
    parts: list[str] = field(default_factory=list)
    nparts: list[str] = field(default_factory=list)
    label_parts: list[tuple[int, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    section: Optional[Section] = None
    subsection: Optional[Subsection] = None
    heading: str = ""
    attachment: str = ""

    def joined(self) -> str:
        return "".join(self.parts)

    def has_assignment(self) -> bool:
        if self.label_parts:
            return True
        if not self.parts:
            return False
        last = self.nparts[-1].rstrip(" \t。.;,")
        if not last or last[-1] not in ")]】〕〉》}":
            return False
        joined = "".join(self.nparts)
        return find_trailing_bracket(joined[-MAX_BRACKET_SCAN:]) is not None


def _detect_task_style(items: list[tuple[int, LineMatch, bool]]) -> str:
    """The numbered style that most often carries an assignment."""
    assigned: dict[str, int] = {}
    seen: dict[str, int] = {}
    for _, m, has in items:
        seen[m.style] = seen.get(m.style, 0) + 1
        if has:
            assigned[m.style] = assigned.get(m.style, 0) + 1
    if assigned:
        return max(assigned, key=lambda s: (assigned[s], seen[s], s == "arabic"))
    for style in ("arabic", "arabic_paren", "circled", "cn_paren"):
        if style in seen:
            return style
    return "arabic"


def parse_text(text: str, *, source: str = "<string>", strict: bool = False, first_listed_leads: Optional[bool] = None) -> Document:
    """Parse the text of a responsibility breakdown into a Document (units not yet resolved).

    Parameters
    ----------
    text : str
        Decoded text, one paragraph per line.
    source : str
        Name used in warnings and errors.
    strict : bool
        Raise InputError on the first warning instead of recording it.
    first_listed_leads : bool, optional
        Force or forbid the 列第一位者为牵头单位 rule; by default detected from the text.

    Returns
    -------
    Document
        Tasks carry ``raw_assignments``; :func:`xialu_graph.units.resolve_document` fills
        ``assignments``.

    Raises
    ------
    InputError
        No task found, or (strict) any warning.
    """
    lines = text.split("\n")
    report = ParseReport()
    kinds = ["blank"] * len(lines)
    norms = [s.strip() for s in normalise(text).split("\n")]

    if first_listed_leads is None:
        first_listed_leads = bool(_FIRST_LISTED.search(normalise(text[:200000])))
    report.conventions["lead_rule"] = "first_listed_leads" if first_listed_leads else "labels"

    # ---- pre-scan: which numbered style carries the assignments
    numbered: list[tuple[int, LineMatch, bool]] = []
    items_at: dict[int, Optional[LineMatch]] = {}
    heads_at: dict[int, Optional[LineMatch]] = {}
    for i, n in enumerate(norms):
        if not n:
            continue
        it = items_at[i] = match_item(n) if n[0] in _ITEM_START else None
        hd = heads_at[i] = match_heading(n) if n[0] in _HEAD_START else None
        m = it or hd
        if m is None or m.style == "section":
            continue
        has = find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None
        if not has:
            # label lines or a continuation carrying the bracket right below
            j = i + 1
            while j < len(norms) and not norms[j]:
                j += 1
            if j < len(norms):
                nxt = norms[j]
                if LABEL_RE.match(nxt) or (not match_item(nxt) and not match_heading(nxt) and find_trailing_bracket(nxt[-MAX_BRACKET_SCAN:])):
                    has = True
        numbered.append((i, m, has))
    task_style = _detect_task_style(numbered)
    report.conventions["numbering"] = task_style
    subsection_style = None if task_style == "cn_paren" else "cn_paren"

    page_meta: dict = {}
    preamble: list[str] = []
    sections: list[Section] = []
    subsections: list[Subsection] = []
    tasks: list[Task] = []
    section: Optional[Section] = None
    subsection: Optional[Subsection] = None
    heading = ""
    attachment = ""
    body = False
    cur: Optional[_Open] = None
    label_styles: set[str] = set()
    seq_prev: dict[str, int] = {}
    used_ids: set[str] = set()
    restart_sections = False

    def warn(line: int, code: str, msg: str) -> None:
        if strict:
            raise InputError(msg, source=source, line=line)
        report.warn(line, code, msg)

    def close(final: bool = False) -> None:
        nonlocal cur
        if cur is None:
            return
        o, cur = cur, None
        task = _finish(o, final)
        if task is not None:
            tasks.append(task)

    def _finish(o: _Open, final: bool) -> Optional[Task]:
        nonlocal restart_sections
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
            parsed = parse_assignment(njoined[op + 1:cl].strip(), first_listed_leads=first_listed_leads, normalised=True)
            label_styles.add(parsed.style)
            if not closed:
                warn(o.line_start, "unclosed_bracket", f"task {o.match.label}: assignment bracket not closed; read to the end of the item")
        label_text = "；".join(t for _, t in o.label_parts)
        if o.label_parts:
            lp = parse_assignment(label_text, first_listed_leads=first_listed_leads)
            label_styles.add("label_lines")
            if parsed is None:
                parsed, raw_assign = lp, label_text
            else:
                parsed.units.extend(lp.units)
                parsed.people.extend(lp.people)
                parsed.notes.extend(lp.notes)
                raw_assign = raw_assign + "；" + label_text
        if parsed is None and final and (not text_out or text_out[-1] not in TERMINAL + ")]）】"):
            report.truncated = f"{o.match.label}{text_out}"
            for ln in o.lines:
                kinds[ln - 1] = "truncated"
            warn(o.line_start, "truncated_item", f"last item {o.match.label} is cut off mid-text and was not read as a task: {text_out[:30]!r}")
            return None
        # numbering
        seq = o.attachment or ""
        n = o.match.number
        prev = seq_prev.get(seq, 0)
        if prev and n == 1 and o.section is not None and o.section.line > 0 and tasks and tasks[-1].section_no != (o.section.number if o.section else ""):
            restart_sections = True
        elif prev and n != prev + 1:
            if n <= prev:
                warn(o.line_start, "numbering_duplicate", f"task number {n} follows {prev}")
            else:
                warn(o.line_start, "numbering_gap", f"task numbers jump from {prev} to {n}")
        seq_prev[seq] = n
        tid = str(n)
        if restart_sections and o.section is not None:
            tid = f"{o.section.number}-{n}"
        if seq:
            tid = f"{seq}-{tid}"
        base, k = tid, 2
        while tid in used_ids:
            tid = f"{base}#{k}"
            k += 1
        used_ids.add(tid)
        task = Task(
            task_id=tid,
            number=n,
            numbering=o.match.label,
            text=text_out,
            section_no=o.section.number if o.section else "",
            section=o.section.title if o.section else "",
            subsection_no=o.subsection.number if o.subsection else "",
            subsection=o.subsection.title if o.subsection else "",
            heading=o.heading,
            attachment=o.attachment,
            assignment_raw=raw_assign,
            line_start=o.line_start,
            line_end=o.lines[-1] if o.lines else o.line_start,
        )
        if parsed is None or (not parsed.units and not parsed.people):
            warn(o.line_start, "no_units", f"task {tid} names no unit")
        else:
            line_of_assign = o.lines[-1] if o.lines else o.line_start
            if o.label_parts and span is None:
                line_of_assign = o.label_parts[0][0]
            task.raw_assignments = [RawAssignment(r, name, line_of_assign) for r, name in parsed.units]
            task.people = [Person(tid, name, title, line_of_assign) for title, name in parsed.people]
            for note in parsed.notes:
                report.conventions.setdefault("notes", []).append({"task_id": tid, "note": note})
            if parsed.units and not any(r == "lead" for r, _ in parsed.units) and parsed.style.startswith("labels"):
                pass
        return task

    for idx, raw in enumerate(lines):
        ln = idx + 1
        n = norms[idx]
        if not n:
            kinds[idx] = "blank"
            continue
        md = match_metadata(n) if not body else None
        if md:
            for k, v in md.items():
                page_meta.setdefault(k, v)
            kinds[idx] = "metadata"
            continue
        if is_chrome(raw.strip(), n):
            kinds[idx] = "chrome"
            continue
        att = match_attachment(n)
        if att and (body or any(match_item(x) for x in norms[idx + 1: idx + 40] if x)):
            close()
            attachment = att
            section = subsection = None
            heading = ""
            body = True
            kinds[idx] = "attachment"
            continue
        head = heads_at.get(idx)
        item = items_at.get(idx)
        if head is not None and head.style == "cn_paren" and task_style == "cn_paren":
            item, head = head, None
        if not body:
            if head is not None and head.style == "section" or item is not None and item.style == task_style:
                body = True
            else:
                kinds[idx] = "preamble"
                preamble.append(raw)
                continue
        # label line under a task
        if cur is not None and LABEL_RE.match(n):
            cur.label_parts.append((ln, raw.strip()))
            cur.lines.append(ln)
            kinds[idx] = "label"
            continue
        if head is not None and head.style == "section":
            close()
            title = raw.strip()[head.start:].strip()
            sub = None
            m = _RUN_TOGETHER_SUB.search(normalise(title))
            if m and subsection_style and m.start() > 0:
                sub = (m.group(1), title[m.end():].strip())
                title = title[: m.start()].strip()
            section = Section(head.label, title, ln, attachment)
            sections.append(section)
            subsection = None
            heading = ""
            kinds[idx] = "section"
            if sub:
                subsection = Subsection(section.number, sub[0], sub[1], ln, attachment)
                subsections.append(subsection)
            continue
        if head is not None and head.style == "cn_paren" and subsection_style:
            close()
            subsection = Subsection(section.number if section else "", head.label, raw.strip()[head.start:].strip(), ln, attachment)
            subsections.append(subsection)
            heading = ""
            kinds[idx] = "subsection"
            continue
        if item is not None and item.style == task_style:
            close()
            cur = _Open(item, ln, section=section, subsection=subsection, heading=heading, attachment=attachment)
            cur.parts.append(raw.strip()[item.start:].strip())
            cur.nparts.append(n[item.start:].strip())
            cur.lines.append(ln)
            kinds[idx] = "task"
            continue
        # an unnumbered line
        if cur is not None and not cur.has_assignment():
            if _is_heading_between(cur, n, norms, idx):
                close()
                heading = raw.strip()
                kinds[idx] = "heading"
                continue
            cur.parts.append(raw.strip())
            cur.nparts.append(n)
            cur.lines.append(ln)
            kinds[idx] = "continuation"
            continue
        if cur is not None and cur.has_assignment() and not _next_is_numbered(norms, idx, task_style):
            # text after a finished task that no heading or item follows: keep it, say so
            close()
            kinds[idx] = "other"
            warn(ln, "unattached_text", f"line not part of any task: {raw.strip()[:30]!r}")
            continue
        close()
        heading = raw.strip()
        kinds[idx] = "heading"
    close(final=True)

    if not tasks:
        raise InputError("no tasks found (no numbered items with responsible units)", source=source)
    report.conventions["labels"] = sorted(s for s in label_styles if s)
    report.conventions["numbering_restarts_per_section"] = restart_sections
    report.line_kinds = [(i + 1, k) for i, k in enumerate(kinds)]
    md = build_metadata(page_meta, preamble, source)
    return Document(metadata=md, sections=sections, subsections=subsections, tasks=tasks, report=report, lines=lines)


def _next_is_numbered(norms: list[str], idx: int, task_style: str) -> bool:
    for j in range(idx + 1, min(len(norms), idx + 50)):
        if norms[j]:
            m = match_item(norms[j]) or match_heading(norms[j])
            return m is not None
    return False


def _is_heading_between(cur: _Open, n: str, norms: list[str], idx: int) -> bool:
    """An unnumbered short line after a task that ends a sentence and before the next item."""
    if not cur.parts:
        return False
    last = cur.nparts[-1].rstrip()
    if not last or last[-1] not in TERMINAL or len(n) > 40:
        return False
    if find_trailing_bracket(n) is not None or LABEL_RE.match(n):
        return False
    for j in range(idx + 1, min(len(norms), idx + 20)):
        if norms[j]:
            return match_item(norms[j]) is not None or match_heading(norms[j]) is not None
    return False
