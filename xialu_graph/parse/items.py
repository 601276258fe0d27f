"""Assemble a Document from lines: sections, subsections, headings, tasks, continuations, tables.

The numbering style of the tasks is decided from the document: the numbered style whose
lines most often carry an assignment is the task style (``1、`` in one document, ``(一)``
in another). Chinese-numbered ``(一)`` lines are subsections unless they are the tasks.
Numbering that restarts at 1 in each section gives ids ``一-1``; numbering that restarts in
an attachment gives ids ``附件2-1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import InputError
from ..model import Document, ParseReport, Person, RawAssignment, Section, Subsection, Task
from .assignments import (
    LABEL_RE,
    ParsedAssignment,
    find_inner_assignments,
    find_prose_roles,
    find_trailing_bracket,
    parse_assignment,
)
from .lines import (
    LineMatch,
    cn_to_int,
    is_chrome,
    is_footer,
    match_attachment,
    match_heading,
    match_item,
    match_metadata,
    normalise,
)
from .grammar import load_grammar
from .layout import split_run_in, strip_markup
from .meta import build_metadata
from .tables import (
    TableLayout,
    is_number_cell,
    match_flat_header,
    match_header,
    match_space_header,
    number_of,
    row_cells,
    row_to_assignment,
    space_row_cells,
)

__all__ = ["parse_text"]

TERMINAL = "。!?;！？；"
MAX_BRACKET_SCAN = 5000
_FIRST_LISTED = load_grammar().rule_regex()
_ITEM_START = set("0123456789(") | set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳") | set("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇")
_HEAD_START = set("一二三四五六七八九十(第")
_BRACKET_IN = re.compile(r"[(\[【〔]")
_CN_NUMERALS = set("一二三四五六七八九十")
_BRACKET_CHARS = re.compile(r"[()\[\]【】〔〕〈〉《》{}]")
_RUN_TOGETHER_SUB = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)")


@dataclass
class _Open:
    """A task being assembled from lines."""

    match: LineMatch
    line_start: int
    parts: list[str] = field(default_factory=list)
    nparts: list[str] = field(default_factory=list)
    label_parts: list[tuple[int, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

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
    for style in ("arabic", "arabic_paren", "circled", "paren_digit", "arabic_close", "cn_paren"):
        if style in seen:
            return style
    return "arabic"


def _split_cells(norm: str, raw: str) -> tuple[list[str], list[str]]:
    """Cells of a pipe row, normalised and as written (same offsets)."""
    ncells = row_cells(norm)
    out_raw = []
    pos = 0
    for c in norm.split("|"):
        out_raw.append(raw[pos:pos + len(c)].strip())
        pos += len(c) + 1
    lead_border = norm.lstrip().startswith("|")
    trail_border = norm.rstrip().endswith("|")
    if lead_border:
        out_raw = out_raw[1:]
    if trail_border:
        out_raw = out_raw[:-1]
    return ncells, out_raw


def _split_leaders(title: str) -> tuple[str, list[tuple[str, str]]]:
    """'经济发展（牵头领导：赵六）' → ('经济发展', [('牵头领导', '赵六')])."""
    norm = normalise(title)
    span = find_trailing_bracket(norm)
    if span is None:
        return title, []
    op, cl, _ = span
    pa = parse_assignment(norm[op + 1:cl], normalised=True, original=title[op + 1:cl])
    if pa.people and not pa.units:
        return title[:op].rstrip(), pa.people
    return title, []


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

    Examples
    --------
    >>> doc = parse_text("一、稳增长\\n1、抓项目。[牵头单位:区发改局]\\n")
    >>> doc.tasks[0].raw_assignments[0].unit_raw
    '区发改局'
    """
    text, marked_up = strip_markup(text)
    text, run_in = split_run_in(text)
    lines = text.split("\n")
    report = ParseReport()
    if run_in:
        report.conventions["layout_run_in_breaks"] = run_in
    if marked_up:
        report.conventions["layout_markup_removed"] = True
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
        has = find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None or _inline_labels_at(n) is not None
        if not has:
            j = i + 1
            while j < len(norms) and not norms[j]:
                j += 1
            if j < len(norms):
                nxt = norms[j]
                if LABEL_RE.match(nxt) or (
                    nxt[0] not in _ITEM_START and nxt[0] not in _HEAD_START and find_trailing_bracket(nxt[-MAX_BRACKET_SCAN:])
                ):
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
    ctx: dict = {"section": None, "subsection": None, "heading": "", "attachment": "", "leaders": {}}
    body = False
    cur: Optional[_Open] = None
    label_styles: set[str] = set()
    table: Optional[TableLayout] = None
    space_table: Optional[TableLayout] = None
    skip_until = -1
    pending_notes: list[tuple[Task, str]] = []

    def warn(line: int, code: str, msg: str) -> None:
        if strict:
            raise InputError(msg, source=source, line=line)
        report.warn(line, code, msg)

    def snapshot() -> dict:
        return {
            "section": ctx["section"],
            "subsection": ctx["subsection"],
            "heading": ctx["heading"],
            "attachment": ctx["attachment"],
            "leaders": [p for level in ("section", "subsection", "heading") for p in ctx["leaders"].get(level, [])],
        }

    def set_leaders(level: str, people, line: int) -> None:
        ctx["leaders"][level] = [(t, n, line) for t, n in people]
        if level == "section":
            ctx["leaders"].pop("subsection", None)
            ctx["leaders"].pop("heading", None)
        elif level == "subsection":
            ctx["leaders"].pop("heading", None)

    def make_task(number: int, numbering: str, text_out: str, parsed: Optional[ParsedAssignment], raw_assign: str,
                  c: dict, line_start: int, line_end: int, line_assign: int) -> Task:
        sec, sub = c["section"], c["subsection"]
        task = Task(
            task_id=str(number),
            number=number,
            numbering=numbering,
            text=text_out,
            section_no=sec.number if sec else "",
            section=sec.title if sec else "",
            subsection_no=sub.number if sub else "",
            subsection=sub.title if sub else "",
            heading=c["heading"],
            attachment=c["attachment"],
            assignment_raw=raw_assign,
            line_start=line_start,
            line_end=line_end,
        )
        if parsed is not None:
            label_styles.add(parsed.style)
            if parsed.style == "bare_list":  # units listed without a label or role word
                task.reasons.append("lead_by_position" if first_listed_leads and parsed.has_lead() else "guessed_role")
            elif parsed.style == "prose":
                task.reasons.append("prose_roles")
            task.raw_assignments = [
                RawAssignment(r, raw_name, line_assign, prefix=prefix)
                for (r, _), raw_name, prefix in zip(parsed.units, parsed.raw_names, parsed.prefixes)
            ]
            task.people = [Person("", name, title, line_assign) for title, name in parsed.people]
            pending_notes.extend((task, note) for note in parsed.notes)
        task.people = [Person("", name, title, line) for title, name, line in c["leaders"]] + task.people
        return task

    def close(final: bool = False) -> None:
        nonlocal cur
        if cur is None:
            return
        o, cur = cur, None
        task = finish(o, final)
        if task is not None:
            tasks.append(task)

    def finish(o: _Open, final: bool) -> Optional[Task]:
        joined = o.joined().strip()
        njoined = "".join(o.nparts).strip()
        text_out, raw_assign = joined, ""
        parsed = None
        span = find_trailing_bracket(njoined)
        original_before = joined

        def text_of(op_: int, cl_: int) -> str:
            return original_before[op_ + 1:cl_].strip()

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
                warn(o.line_start, "unclosed_bracket", f"task {o.match.label}: assignment bracket not closed; read to the end of the item")
            if parsed.style == "bare_list" and not first_listed_leads:
                warn(o.lines[-1], "guess_bare_list", f"task {o.match.label}: bracket lists units without labels or role words; read them as responsible units")
        # assignments given sentence by sentence inside the text (State Council style)
        ntext = normalise(text_out) if span is None else njoined[: span[0]].rstrip()
        inner = find_inner_assignments(ntext, text_out) if _BRACKET_IN.search(ntext) else []
        if inner:
            pieces, last = [], 0
            merged = ParsedAssignment(style="inline")
            for op_, cl_, pa in inner:
                pieces.append(text_out[last:op_])
                last = cl_ + 1
                merged.units.extend(pa.units)
                merged.raw_names.extend(pa.raw_names)
                merged.prefixes.extend(pa.prefixes)
                merged.people.extend(pa.people)
                merged.notes.extend(pa.notes)
            pieces.append(text_out[last:])
            text_out = "".join(pieces).strip()
            if parsed is not None:
                merged.units.extend(parsed.units)
                merged.raw_names.extend(parsed.raw_names)
                merged.prefixes.extend(parsed.prefixes)
                merged.people.extend(parsed.people)
                merged.notes.extend(parsed.notes)
            if merged.has_lead():
                merged.units = [("support" if r == "responsible" else r, n) for r, n in merged.units]
            raw_assign = ";".join(text_of(op_, cl_) for op_, cl_, _ in inner) + (";" + raw_assign if raw_assign else "")
            parsed = merged
        if parsed is None and not o.label_parts:
            cut = _inline_labels_at(njoined)
            if cut is not None:
                # labels written after the task's sentence on the same line: …增长13.5%。主办单位:X。
                o.label_parts.append((o.lines[-1] if o.lines else o.line_start, joined[cut:].strip()))
                o.reasons.append("inline_labels")
                text_out = joined[:cut].strip()
        if o.label_parts:
            label_text = ";".join(t for _, t in o.label_parts)
            lp = parse_assignment(label_text, first_listed_leads=first_listed_leads)
            label_styles.add("label_lines")
            if parsed is None:
                parsed, raw_assign = lp, label_text
            else:
                parsed.units.extend(lp.units)
                parsed.raw_names.extend(lp.raw_names)
                parsed.prefixes.extend(lp.prefixes)
                parsed.people.extend(lp.people)
                parsed.notes.extend(lp.notes)
                raw_assign = raw_assign + ";" + label_text
        if parsed is None and final and (not text_out or text_out[-1] not in TERMINAL + ")]）】"):
            report.truncated = f"{o.match.label}{text_out}"
            for ln in o.lines:
                kinds[ln - 1] = "truncated"
            warn(o.line_start, "truncated_item", f"last item {o.match.label} is cut off mid-text and was not read as a task: {text_out[:30]!r}")
            return None
        line_assign = o.lines[-1] if o.lines else o.line_start
        if o.label_parts and span is None:
            line_assign = o.label_parts[0][0]
        numbering = f"({o.match.label})" if o.match.style == "cn_paren" else o.match.label
        task = make_task(o.match.number, numbering, text_out, parsed, raw_assign, o.context, o.line_start,
                         o.lines[-1] if o.lines else o.line_start, line_assign)
        task.reasons.extend(o.reasons)
        return task

    def table_row(layout: TableLayout, ncells: list[str], rcells: list[str], first_line: int, last_line: int) -> None:
        info = row_to_assignment(layout, rcells)
        ninfo = row_to_assignment(layout, ncells)
        first = ncells[0].replace(" ", "") if ncells else ""
        if not info["labels"] and first and first[0] in "一二三四五六七八九十" and is_number_cell(first):
            # 一 | 稳增长 | | : a group row numbered in Chinese is a section of the table
            title = next((c for c in rcells[1:] if c), "")
            section = Section(first.strip("()、."), title, first_line, ctx["attachment"])
            sections.append(section)
            ctx.update(section=section, subsection=None, heading="")
            kinds[first_line - 1] = "section"
            return
        if ninfo["category"]:
            cat, leaders = _split_leaders(info["category"])
            ctx["heading"] = cat
            if leaders:
                set_leaders("heading", leaders, first_line)
        number = ninfo["number"] if ninfo["number"] is not None else layout.counter + 1
        layout.counter = number
        label_text = ";".join(info["labels"])
        parsed = parse_assignment(label_text, first_listed_leads=first_listed_leads) if label_text else None
        if parsed is not None:
            parsed.style = "table"
        task = make_task(number, str(number), info["text"], parsed, label_text, snapshot(), first_line, last_line, first_line)
        if info["deadline"]:
            pending_notes.append((task, info["deadline"]))
        tasks.append(task)

    for idx, raw in enumerate(lines):
        if idx < skip_until:
            continue
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
        # ---- tables
        if table is not None and "|" in n:
            ncells, rcells = _split_cells(n, raw.strip())
            if len(ncells) >= 2:
                kinds[idx] = "task"
                table_row(table, ncells, rcells, ln, ln)
                continue
        # a table stays open across headings written between its rows (一、稳增长 in its own row)
        if "|" in n:
            layout = match_header(n)
            if layout is not None:
                close()
                table = layout
                body = True
                kinds[idx] = "table_header"
                report.conventions["table"] = True
                continue
        if space_table is not None:
            cells = space_row_cells(space_table, n)
            if cells is not None:
                kinds[idx] = "task"
                rcells = space_row_cells(space_table, raw.strip()) or cells
                table_row(space_table, cells, rcells if len(rcells) == len(cells) else cells, ln, ln)
                continue
            if is_footer(n) or match_heading(n) or match_item(n):
                space_table = None
        if n.startswith(("序号", "编号")) and " " in n:
            layout = match_space_header(n)
            if layout is not None:
                close()
                space_table = layout
                body = True
                kinds[idx] = "table_header"
                report.conventions["table"] = True
                continue
        if n.rstrip("| ") in ("序号", "编号"):
            flat = match_flat_header(norms, idx)
            if flat is not None:
                close()
                layout, j = flat
                body = True
                report.conventions["table"] = True
                for k in range(idx, j):
                    kinds[k] = "table_header" if norms[k] else "blank"
                k = j
                rows: list[list[int]] = []
                # a row may leave trailing cells out: it is complete once its unit columns are in
                min_cells = 1 + max(i for i, r in enumerate(layout.columns) if r in ("lead", "responsible", "support", "person"))
                while k < len(norms):
                    c = norms[k].rstrip("| ")
                    if not c:
                        k += 1
                        continue
                    if is_number_cell(c) and (
                        not rows or len(rows[-1]) >= layout.width - 1
                        or len(rows[-1]) >= min_cells and number_of(c) == number_of(norms[rows[-1][0]]) + 1
                    ):
                        rows.append([k])
                    elif rows and len(rows[-1]) < layout.width:
                        rows[-1].append(k)
                    else:
                        break
                    k += 1
                for row in rows:
                    ncells = [norms[r].rstrip("| ") for r in row]
                    rcells = [lines[r].strip().rstrip("|｜ ") for r in row]
                    kinds[row[0]] = "task"
                    for r in row[1:]:
                        kinds[r] = "continuation"
                    n_before = len(tasks)
                    table_row(layout, ncells, rcells, row[0] + 1, row[-1] + 1)
                    if len(tasks) > n_before:
                        tasks[-1].reasons.append("cell_layout_rebuilt")
                skip_until = k
                continue
        if body and tasks and n.startswith("INSERT INTO "):
            # a database dump: the next record is another page, not this document
            close()
            for k in range(idx, len(lines)):
                kinds[k] = "chrome" if norms[k] else "blank"
            break
        if body and is_footer(n) and (cur is None or cur.has_assignment()):
            close()
            kinds[idx] = "footer"
            continue
        att = match_attachment(n)
        if att and (body or any(x and x[0] in _ITEM_START for x in norms[idx + 1: idx + 40])):
            close()
            ctx.update(attachment=att, section=None, subsection=None, heading="", leaders={})
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
        if cur is not None and LABEL_RE.match(n):
            cur.label_parts.append((ln, raw.strip()))
            cur.lines.append(ln)
            kinds[idx] = "label"
            continue
        if head is not None and head.style == "section":
            close()
            title, leaders = _split_leaders(raw.strip()[head.start:].strip())
            sub = None
            m = _RUN_TOGETHER_SUB.search(normalise(title))
            if m and subsection_style and m.start() > 0:
                sub = (m.group(1), title[m.end():].strip())
                title = title[: m.start()].strip()
            section = Section(head.label, title, ln, ctx["attachment"])
            sections.append(section)
            ctx.update(section=section, subsection=None, heading="")
            set_leaders("section", leaders, ln)
            kinds[idx] = "section"
            if not sub and _section_assignment(normalise(title), first_listed_leads):
                # 一、加快调整能源结构(省发改委总牵头): the numbered heading is itself a task
                o = _Open(LineMatch("section", head.label, head.number, title, 0), ln, context=snapshot())
                o.parts.append(title)
                o.nparts.append(normalise(title))
                o.lines.append(ln)
                task = finish(o, False)
                if task is not None:
                    tasks.append(task)
                    section.title = task.text
            if sub:
                sub_title, sub_leaders = _split_leaders(sub[1])
                ctx["subsection"] = Subsection(section.number, sub[0], sub_title, ln, ctx["attachment"])
                subsections.append(ctx["subsection"])
                set_leaders("subsection", sub_leaders, ln)
            continue
        if head is not None and head.style == "cn_paren" and subsection_style:
            close()
            title, leaders = _split_leaders(raw.strip()[head.start:].strip())
            sec = ctx["section"]
            ctx["subsection"] = Subsection(sec.number if sec else "", head.label, title, ln, ctx["attachment"])
            subsections.append(ctx["subsection"])
            ctx["heading"] = ""
            set_leaders("subsection", leaders, ln)
            kinds[idx] = "subsection"
            continue
        if (
            item is not None and item.style != task_style and cur is not None
            and (cur.match.style == item.style or cur.match.style == task_style and len(cur.parts) == 1 and not cur.has_assignment())
            and find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None
        ):
            # (一)全力推进产业项目建设。 over 1.…(X主办) 2.…: the open item heads numbered sub-items
            if cur.match.style == task_style:
                o, cur = cur, None
                ctx["heading"] = o.joined()
                for k in o.lines:
                    kinds[k - 1] = "heading"
            else:
                close()
            cur = _Open(item, ln, context=snapshot())
            cur.parts.append(raw.strip()[item.start:].strip())
            cur.nparts.append(n[item.start:].strip())
            cur.lines.append(ln)
            kinds[idx] = "task"
            continue
        if item is not None and item.style == task_style:
            close()
            cur = _Open(item, ln, context=snapshot())
            cur.parts.append(raw.strip()[item.start:].strip())
            cur.nparts.append(n[item.start:].strip())
            cur.lines.append(ln)
            kinds[idx] = "task"
            continue
        # ---- an unnumbered line
        if cur is not None and cur.label_parts and _continues_label(cur.label_parts[-1][1], n):
            # a line break inside a unit name of a label line (PDF): 责任单位:园区党工 / 委、区财政局
            ln0, text0 = cur.label_parts[-1]
            cur.label_parts[-1] = (ln0, text0 + raw.strip())
            cur.reasons.append("name_joined_across_lines")
            cur.lines.append(ln)
            kinds[idx] = "label"
            continue
        if cur is not None and not cur.has_assignment():
            if _is_heading_between(cur, n, norms, idx):
                close()
                _set_heading(ctx, raw.strip(), ln, set_leaders)
                kinds[idx] = "heading"
                continue
            cur.parts.append(raw.strip())
            cur.nparts.append(n)
            cur.lines.append(ln)
            kinds[idx] = "continuation"
            continue
        if cur is not None and not _next_is_numbered(norms, idx):
            close()
            kinds[idx] = "other"
            warn(ln, "unattached_text", f"line not part of any task: {raw.strip()[:30]!r}")
            continue
        close()
        prev = next((k for k in range(idx - 1, -1, -1) if norms[k]), None)
        if prev is not None and kinds[prev] == "section" and ctx["section"] is not None:
            # the paragraph under a numbered heading states its assignment: the heading is a task
            sec = ctx["section"]
            ntext = n
            task = None
            if _section_assignment(ntext, first_listed_leads):
                o = _Open(LineMatch("section", sec.number, cn_to_int(sec.number), raw.strip(), 0), ln, context=snapshot())
                o.parts.append(raw.strip())
                o.nparts.append(n)
                o.lines.append(ln)
                task = finish(o, False)
            else:
                prose = find_prose_roles(n)
                if prose is not None:
                    task = make_task(cn_to_int(sec.number), sec.number, raw.strip(), prose, raw.strip(), snapshot(), ln, ln, ln)
                    report.conventions["prose_roles"] = True
            if task is not None:
                tasks.append(task)
                kinds[idx] = "task"
                continue
        _set_heading(ctx, raw.strip(), ln, set_leaders)
        kinds[idx] = "heading"
    close(final=True)
    last = next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i] != "blank"), None)
    if last is not None and kinds[last] in ("heading", "section", "subsection"):
        warn(last + 1, "ends_with_heading", f"the document ends with a heading and no task after it (cut off?): {lines[last].strip()[:30]!r}")

    if not tasks:
        cut = [w for w in report.warnings if w.code == "truncated_item"]
        if cut:
            raise InputError("no complete task: the only item is cut off mid-text", source=source, line=cut[0].line)
        raise InputError("no tasks found (no numbered items with responsible units)", source=source)
    restarts = _assign_ids(tasks, warn)
    for t in tasks:
        if not t.raw_assignments and not any(p.title for p in t.people if p.line >= t.line_start):
            warn(t.line_start, "no_units", f"task {t.task_id} names no unit")
        for p in t.people:
            p.task_id = t.task_id
    if pending_notes:
        report.conventions["notes"] = [{"task_id": t.task_id, "note": note} for t, note in pending_notes]
    report.conventions["labels"] = sorted(s for s in label_styles if s)
    report.conventions["numbering_restarts_per_section"] = restarts
    report.conventions.setdefault("table", False)
    report.line_kinds = [(i + 1, k) for i, k in enumerate(kinds)]
    md = build_metadata(page_meta, preamble, source)
    return Document(metadata=md, sections=sections, subsections=subsections, tasks=tasks, report=report, lines=lines)


def _section_assignment(norm: str, first_listed_leads: bool = False) -> bool:
    """A numbered heading or its paragraph ends in a bracket that assigns units (a bare list only
    where the document states that the first listed unit leads)."""
    span = find_trailing_bracket(norm[-MAX_BRACKET_SCAN:])
    if span is None:
        return False
    off = max(0, len(norm) - MAX_BRACKET_SCAN)
    op, cl, _ = span
    pa = parse_assignment(norm[off + op + 1:off + cl], normalised=True)
    return bool(pa.units) and (first_listed_leads and len(pa.units) > 1 or not pa.style.startswith("bare_list"))


def _continues_label(label_line: str, norm: str) -> bool:
    """The line goes on with the label line above, broken inside a name: the label line ends in
    the middle of a name (no punctuation) and the line is a short list piece (has 、 , ; or ends
    with 。), not a label, number or heading of its own."""
    last = normalise(label_line).rstrip()
    if not last or last[-1] in TERMINAL + ".,、:)]】" or len(norm) > 80:
        return False
    if LABEL_RE.match(norm) or norm[0] in _ITEM_START or norm[0] in _HEAD_START:
        return False
    return ("、" in norm or "," in norm or ";" in norm or norm.endswith("。")) and "。" not in norm[:-1]


def _inline_labels_at(norm: str) -> Optional[int]:
    """Where labels written inline after the task's sentence begin (``…债务。牵头单位:X;责任单位:Y``),
    or None: the first label of the text that follows a sentence end."""
    depth, pos = 0, 0
    for m in LABEL_RE.finditer(norm):
        i = m.start()
        for b in _BRACKET_CHARS.finditer(norm, pos, i):  # depth at i, scanning each character once
            depth += 1 if b.group() in "([【〔〈《{" else -1
        pos = i
        if depth <= 0 and i > 0 and norm[i - 1] in TERMINAL + ". ":
            return i
    return None


def _set_heading(ctx: dict, raw: str, line: int, set_leaders) -> None:
    title, leaders = _split_leaders(raw)
    ctx["heading"] = title
    set_leaders("heading", leaders, line)


def _assign_ids(tasks: list[Task], warn) -> bool:
    """Give tasks unique ids; warn on gaps and duplicates. Returns True when numbering restarts per section."""
    by_seq: dict[str, list[Task]] = {}
    for t in tasks:
        by_seq.setdefault(t.attachment, []).append(t)
    any_restart = False
    used: set[str] = set()
    next_k: dict[str, int] = {}
    for seq, ts in by_seq.items():
        restart = any(
            t.number == 1 and i > 0 and (ts[i - 1].section_no, ts[i - 1].section) != (t.section_no, t.section)
            for i, t in enumerate(ts)
        )
        any_restart |= restart
        prev = 0
        prev_section = None
        for t in ts:
            if t.numbering and all(c in _CN_NUMERALS for c in t.numbering):
                # a numbered heading that is itself a task keeps its numeral: 一
                tid = f"{seq}-{t.numbering}" if seq and len(by_seq) > 1 else t.numbering
                while tid in used:
                    tid += "#2"
                used.add(tid)
                t.task_id = tid
                continue
            sec = (t.section_no, t.section)
            if restart and sec != prev_section:
                prev = 0
            prev_section = sec
            if prev and t.number <= prev:
                warn(t.line_start, "numbering_duplicate", f"task number {t.number} follows {prev}")
            elif t.number != prev + 1 and (prev or t.number != 1):
                if prev or t is not ts[0]:
                    warn(t.line_start, "numbering_gap", f"task numbers jump from {prev} to {t.number}")
            prev = t.number
            tid = f"{t.section_no}-{t.number}" if restart and t.section_no else str(t.number)
            if seq and len(by_seq) > 1:  # one attachment alone needs no prefix
                tid = f"{seq}-{tid}"
            base = tid
            k = next_k.get(base, 2)
            while tid in used:
                tid = f"{base}#{k}"
                k += 1
            next_k[base] = k
            used.add(tid)
            t.task_id = tid
    return any_restart


def _next_is_numbered(norms: list[str], idx: int) -> bool:
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
