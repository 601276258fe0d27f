"""Fast path: the common document read in one pass, with the general parser as fallback.

Most documents of the genre are a preamble, numbered headings and one task per line, each
line ending in its bracket: ``1、抓项目。[牵头单位:区发改局;责任单位:区财政局、各街办(新区)]``,
``（1）抓项目。（牵头单位：区发改局；责任单位：区财政局）``. :func:`read_fast` reads such a
document line by line without the layout, numbering and items passes, and returns what they
and the assignments pass would have returned, or None as soon as it meets anything else (a
continuation line, a label line, a table, a run-in enumerator, a heading that names units,
the lead-by-position rule …): :func:`.document.parse_document` then runs the general parser on the
whole document. A task line of another shape is read by the general span reader
(:func:`.tasks.read_span`); a bracket that is not a plain list of labelled names by
:func:`.assignments.parse_assignment`. The output is identical to the general parser's
(``tests/test_parse_fast.py`` proves it on the generated and the collected documents).

``ENABLED`` switches the fast path off for the whole process (``parse_document(..., fast=False)``
for one call).
"""

from __future__ import annotations

import re
import sys
from typing import Optional, Sequence

from ..model import Lines, ParseReport, Person, RawAssignment, Section, Subsection, Task
from .assignments import (
    LABEL_RE,
    LABEL_ROLE,
    MAX_BRACKET_SCAN,
    as_written,
    find_prose_roles,
    find_trailing_bracket,
    parse_assignment,
    plain_labels,
    read_heading,
    read_plain_list,
    split_leaders,
    states_first_listed_rule,
)
from .items import Context, Items, TaskSpan, is_heading_between
from .glued import join_viewer_chunks, unglue_tables
from .watermark import strip_watermarks
from .viewer_rows import unglue_unit_columns, unspace_rows
from .wraps import join_hard_wraps, join_separator_lines
from .layout import split_run_in, strip_markup
from .markdown import strip_markdown
from .lines import HEAD_START, ITEM_START, is_chrome, is_footer, is_site_credit, match_attachment, match_heading, match_item, match_metadata, normalise
from .tables import opens_header
from .tasks import BuiltTasks, read_span

__all__ = ["ENABLED", "read_fast", "FastStats", "STATS"]

ENABLED = True
"""Set to False to parse every document with the general parser."""

_B = r"()\[\]【】〔〕〈〉《》{}"
# a task line whose text has no bracket and whose bracket holds labels (units may carry one
# level of parentheses: 各街办(新区)); on the normalised, stripped line
_TASK_LINE = re.compile(
    rf"(?:(?P<n>\d{{1,4}})(?P<sep>[、.])(?![\d%\s])|\((?P<p>\d{{1,4}})\)(?![、.\s]))(?P<text>[^{_B}]*)"
    rf"(?:\[(?P<sq>[^{_B}]*(?:\([^{_B}]*\)[^{_B}]*)*)\]|\((?P<rd>[^{_B}]*(?:\([^{_B}]*\)[^{_B}]*)*)\))"
)
# where the layout pass might break a line (:func:`.layout.split_run_in`): one of its enumerators
# after the first character of a line (the lookahead first lets the engine skip other characters)
_ENUM_MID = re.compile(r"(?=[\d(一二三四五六七八九十])(?<=[^\n])(?:"
                       r"(?<![\d.])\d{1,3}[.、](?![\d%.])|\([一二三四五六七八九十]{1,3}\)|\(\d{1,3}\)"
                       r"|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、)")
_BRACKET = re.compile(f"[{_B}]")
_RUN_TOGETHER_SUB = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)")  # as in .items
_HINT_ENDS = ("单位", "部门", "领导", "责任人", "科室")  # a label that ends so makes the bracket an assignment
_VALUES: dict = {}  # (label value, role) → read_plain_list's answer
_MAX_VALUES = 100000


class FastStats:
    """Counts of what the fast path did in this process (for the benchmarks): documents read
    (``docs``), documents left to the general parser (``fallback_docs``), task lines read by
    the line pattern (``fast_tasks``) and by the general span reader (``general_tasks``)."""

    def __init__(self) -> None:
        self.docs = self.fallback_docs = self.fast_tasks = self.general_tasks = 0
        self.rejected_at = 0  # the line (1-based) where the last document left the fast path

    def reset(self) -> None:
        self.__init__()


STATS = FastStats()


def read_fast(text: str, *, first_listed_leads: Optional[bool] = None):
    """Read a document of the common shape; None when the general parser must read it.

    Parameters
    ----------
    text : str
        Decoded text, one paragraph per line.
    first_listed_leads : bool, optional
        As in :func:`.document.parse_document`; the fast path reads only documents where it is off.

    Returns
    -------
    tuple or None
        ``(items, built, lines, report)``: the items pass's structure and line kinds
        (:class:`.items.Items`, no entries), the assignments pass's tasks
        (:class:`.tasks.BuiltTasks`), the lines as written (:class:`~xialu_graph.model.Lines` of ``text``) and the report's conventions so far.

    Examples
    --------
    >>> items, built, lines, report = read_fast("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> [(t.text, [(r.role, r.unit_raw) for r in t.raw_assignments]) for t in built.tasks]
    [('抓项目。', [('lead', '区发改局'), ('support', '区财政局')])]
    >>> items.kinds, report.conventions
    (['section', 'task', 'blank'], {'lead_rule': 'labels', 'numbering': 'arabic'})
    >>> read_fast("1、抓项目。[牵头单位:区发改局]\\n附件1\\n") is None  # an attachment: the general parser reads it
    True
    """
    out = _read(text, first_listed_leads)
    STATS.docs += 1
    if out is None:
        STATS.fallback_docs += 1
    return out


def _read(text: str, first_listed_leads: Optional[bool]):
    if first_listed_leads or "|" in text:
        return None
    if strip_markup(text)[1] or strip_markdown(text)[1] or strip_watermarks(text)[1]:
        return None
    # the layout pass's other rewrites (viewer chunks joined, glued table rows): general parser
    if join_hard_wraps(text)[1] or join_viewer_chunks(text)[1] or unglue_tables(text)[1] or unglue_unit_columns(text)[1] or unspace_rows(text)[1]:
        return None
    # lines cut at a list separator (建园区, / 引企业。): joined as the layout pass joins them
    text, separator_joins = join_separator_lines(text)
    ntext = normalise(text)
    if first_listed_leads is None and states_first_listed_rule(ntext, normalised=True):
        return None
    if _ENUM_MID.search(ntext) and split_run_in(text)[1]:
        return None
    # the lines as written and normalised, each held as its text and offsets, not a list of strings
    lines = Lines.of_text(text)
    norms = _Stripped.of_mapped(ntext, lines)  # the same offsets (and mostly the same string: normalise changes little)
    del ntext
    r = _Fast(lines)
    kinds = r.kinds
    for idx, (raw, n) in enumerate(zip(lines, norms)):
        if not n:
            continue
        if not r.line(idx, raw, n, norms):
            STATS.rejected_at = idx + 1
            return None
    if r.task_style is None:
        return None  # no task: the general parser says why
    r.close(final=True)
    last = next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i] != "blank"), None)
    if last is not None and kinds[last] in ("heading", "section", "subsection"):
        r.built.warnings.append((last + 1, "ends_with_heading",
                                 f"the document ends with a heading and no task after it (cut off?): {lines[last].strip()[:30]!r}"))
    conventions = {"layout_separator_lines_joined": separator_joins} if separator_joins else {}
    report = ParseReport(conventions={**conventions, "lead_rule": "labels", "numbering": r.task_style})
    items = Items(sections=r.sections, subsections=r.subsections, kinds=kinds, page_meta=r.page_meta, preamble=r.preamble)
    return items, r.built, lines, report


class _Stripped(Lines):
    """Lines read stripped of surrounding white space (the normalised lines of the fast read)."""

    __slots__ = ()

    def __getitem__(self, i):
        starts = self._starts
        if i.__class__ is int and 0 <= i < len(starts) - 1:
            return self._text[starts[i]:starts[i + 1] - 1].strip()
        got = Lines.__getitem__(self, i)
        return got if isinstance(i, slice) else got.strip()

    def __iter__(self):
        return map(str.strip, Lines.__iter__(self))


class _Fast:
    """The state of one fast read."""

    def __init__(self, lines: Lines):
        self.lines = lines
        self.kinds = ["blank"] * len(lines)
        self.body = False
        self.section: Optional[Section] = None
        self.subsection: Optional[Subsection] = None
        self.sections: list = []
        self.subsections: list = []
        self.page_meta: dict = {}
        self.preamble: list = []
        self.task_style: Optional[str] = None
        self.built = BuiltTasks()
        self.span: Optional[TaskSpan] = None  # the open task read by the general reader
        self.pattern_open = False  # the last task was read by the line pattern and nothing closed it
        self.heading = ""  # the unnumbered heading the next tasks stand under
        self.heading_names = False  # it names units or people (the general parser reads their tasks)

    # ---- lines
    def line(self, idx: int, raw: str, n: str, norms: Sequence[str]) -> bool:
        """Classify line ``idx`` as the general items pass would; False: not a line of the fast path."""
        kinds = self.kinds
        c0 = n[0]
        if self.body and c0 in "0123456789(" and ">" not in n:
            m = _TASK_LINE.fullmatch(n)
            if m is not None:
                if self.heading_names:
                    return False
                style = "arabic" if m.group("n") is not None else "arabic_paren"
                if self.task_style is not None and style != self.task_style or len(n) <= 24 and opens_header(norms, idx):
                    return False
                self.close()
                self.task_style = style
                self.read_pattern(idx, m, n, raw)
                kinds[idx] = "task"
                return True
        if not self.body:
            md = match_metadata(n)
            if md:
                for k, v in md.items():
                    self.page_meta.setdefault(k, v)
                kinds[idx] = "metadata"
                return True
        if is_chrome(raw.strip(), n):
            if LABEL_RE.match(n) and not is_site_credit(n):
                return False  # a label line or a site's footer (主办单位:…): the general parser decides
            kinds[idx] = "chrome"
            return True
        if n.startswith(("序号", "编号")) or len(n) <= 24 and opens_header(norms, idx):
            return False
        if self.body and n.startswith("INSERT INTO "):
            return False
        if self.body and is_footer(n):
            if self.span is not None and not self.span.has_assignment():
                return False
            self.close()
            kinds[idx] = "footer"
            return True
        if match_attachment(n):
            return False
        head = match_heading(n) if c0 in HEAD_START else None
        item = match_item(n) if c0 in ITEM_START else None
        if head is not None and item is not None:
            return False
        if not self.body:
            if head is not None and head.style == "section":
                self.body = True
            elif item is not None and item.style in ("arabic", "arabic_paren"):
                self.body = True
                if not self.heading_above(idx, norms):
                    return False
            elif head is not None or item is not None:
                return False
            else:
                kinds[idx] = "preamble"
                self.preamble.append(raw)
                return True
        if self.span is not None and LABEL_RE.match(n):
            # a label line under a task (牵头单位:X): the task's span takes it
            self.span.label_parts.append((idx + 1, raw.strip()))
            self.span.lines.append(idx + 1)
            kinds[idx] = "label"
            return True
        if self.pattern_open and LABEL_RE.match(n):
            return False
        if item is not None:
            if self.heading_names or item.style not in ("arabic", "arabic_paren") or self.task_style is not None and item.style != self.task_style:
                return False
            self.task_style = item.style
            self.close()
            m = _TASK_LINE.fullmatch(n) if ">" not in n else None
            if m is not None:
                self.read_pattern(idx, m, n, raw)
            else:
                self.open_general(item, idx + 1, raw.strip()[item.start:].strip(), n[item.start:].strip())
            kinds[idx] = "task"
            return True
        if head is None:
            return self.continuation(idx, raw, n, norms)
        if ":" in n:
            return False
        title = raw.strip()[head.start:].strip()
        if _BRACKET.search(n, head.start):
            # a bracket in a heading that assigns nothing and names no subsection: 一、指标(工作目标)
            nt = normalise(title)
            if len(nt) > 1000 or _RUN_TOGETHER_SUB.search(nt) or find_trailing_bracket(nt) is not None \
                    or find_trailing_bracket(n) is not None:
                return False
        if read_heading(title) != ([], []):
            return False
        ln = idx + 1
        if head.style == "section":
            self.close()
            self.section = Section(head.label, title, ln, "")
            self.sections.append(self.section)
            self.subsection = None
            self.heading, self.heading_names = "", False
            kinds[idx] = "section"
            return True
        if head.style == "cn_paren" and not self.assigned_below(idx, norms):
            self.close()
            sec = self.section
            self.subsection = Subsection(sec.number if sec else "", head.label, title, ln, "")
            self.subsections.append(self.subsection)
            self.heading, self.heading_names = "", False
            kinds[idx] = "subsection"
            return True
        return False

    def continuation(self, idx: int, raw: str, n: str, norms: Sequence[str]) -> bool:
        """An unnumbered line: the next line of a task that has no assignment yet (the general
        items pass decides any other case)."""
        span = self.span
        if span is not None and span.label_parts:
            return False  # a label line broken inside a name, or text after it: the general parser
        if span is None or span.has_assignment():
            return self.unnumbered(idx, raw, n, norms)
        if is_heading_between(span, n, norms, idx):
            return self.heading_line(idx, raw)
        nxt = next((k for k in range(idx + 1, min(len(norms), idx + 20)) if norms[k]), None)
        if nxt is not None and norms[nxt][0] in ITEM_START:
            item = match_item(norms[nxt])
            if item is not None and item.style == self.task_style and item.number == 1 and read_heading(raw)[0]:
                return self.heading_line(idx, raw)  # the heading of the next group of tasks
        span.add(idx + 1, raw.strip(), n)
        self.kinds[idx] = "continuation"
        return True

    def unnumbered(self, idx: int, raw: str, n: str, norms: Sequence[str]) -> bool:
        """An unnumbered line after a whole task (or none): text between tasks (``unattached_text``)
        or a heading, as the general items pass reads it; False where that pass would make a
        task of it or the heading names units or people."""
        ln = idx + 1
        if self.span is not None or self.pattern_open:
            nxt = next((norms[j] for j in range(idx + 1, min(len(norms), idx + 50)) if norms[j]), None)
            if nxt is None or match_item(nxt) is None and match_heading(nxt) is None:
                self.close()
                self.kinds[idx] = "other"
                self.built.warnings.append((ln, "unattached_text", f"line not part of any task: {raw.strip()[:30]!r}"))
                return True
        self.close()
        prev = next((k for k in range(idx - 1, -1, -1) if norms[k]), None)
        if prev is not None and self.kinds[prev] == "section" and self.section is not None and (
                find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None or find_prose_roles(n) is not None):
            return False  # the paragraph under a heading may be its task
        return self.heading_line(idx, raw)

    def heading_line(self, idx: int, raw: str) -> bool:
        """An unnumbered heading: the tasks after it stand under it."""
        self.close()
        title, leaders = split_leaders(raw.strip())
        self.heading = title
        self.heading_names = bool(leaders) or read_heading(title) != ([], [])
        self.kinds[idx] = "heading"
        return True

    def assigned_below(self, idx: int, norms: Sequence[str]) -> bool:
        """Whether the numbering pass counts a (一) line as carrying an assignment through the
        line under it (then (一) might number the tasks: the general parser decides)."""
        j = idx + 1
        while j < len(norms) and not norms[j]:
            j += 1
        if j >= len(norms):
            return False
        nxt = norms[j]
        return bool(LABEL_RE.match(nxt)) or (
            nxt[0] not in ITEM_START and nxt[0] not in HEAD_START and find_trailing_bracket(nxt[-MAX_BRACKET_SCAN:]) is not None)

    def heading_above(self, idx: int, norms: Sequence[str]) -> bool:
        """The body starts with a task: a preamble line above it that names units would be its
        heading (the general parser handles that)."""
        prev = next((k for k in range(idx - 1, -1, -1) if norms[k]), None)
        return prev is None or self.kinds[prev] != "preamble" or not read_heading(self.lines[prev])[0]

    def context(self) -> Context:
        return Context(self.section, self.subsection, self.heading, "", [], [])

    def open_general(self, match, line: int, raw: str, norm: str) -> None:
        self.span = TaskSpan(match, line, context=self.context())
        self.span.add(line, raw, norm)

    def close(self, final: bool = False) -> None:
        self.pattern_open = False
        if self.span is not None:
            self.read_general(final)
            self.span = None

    # ---- tasks
    def read_general(self, final: bool) -> None:
        self.span.final = final
        task = read_span(self.span, self.built)
        STATS.general_tasks += 1
        if task is not None:
            self.built.tasks.append(task)
        self.pattern_open = True

    def read_pattern(self, idx: int, m: re.Match, n: str, raw: str) -> None:
        """A task line of the common shape (:data:`_TASK_LINE`): its task, as :func:`.tasks.read_span`
        would make it."""
        num, sep, pnum, _, sq, _ = m.groups()
        ln = idx + 1
        start = m.start(4)
        joined = raw.strip()[start:]
        op = (m.start(5) if sq is not None else m.start(6)) - 1 - start
        cl = len(n) - 1 - start
        njoined = n[start:]
        cnorm = njoined[op + 1:cl].strip()
        corig = joined[op + 1:cl].strip()
        units = None
        style = "labels"
        people = notes = ()
        labels = list(LABEL_RE.finditer(cnorm))
        hint = bool(labels) and labels[0].group(1).endswith(_HINT_ENDS)
        if hint and labels[0].start() == 0 and plain_labels(cnorm):
            units, prefixes = [], []
            last = len(labels) - 1
            for i, lm in enumerate(labels):
                key = (cnorm[lm.end():labels[i + 1].start() if i < last else len(cnorm)].strip(" ;,。"), LABEL_ROLE[lm.group(1)])
                got = _VALUES.get(key, 0)
                if got == 0:
                    got = read_plain_list(*key) if key[1] in ("lead", "support", "responsible") else None
                    if len(_VALUES) < _MAX_VALUES:
                        _VALUES[key] = got
                if got is None:
                    units = None
                    break
                units += got[0]
                prefixes += got[1]
        if units is not None:
            if any(r == "lead" for r, _ in units):
                units = [("support" if r == "responsible" else r, nm) for r, nm in units]
            raw_names = [nm for _, nm in units] if cnorm == corig else as_written(units, cnorm, corig)
        elif hint:
            pa = parse_assignment(cnorm, normalised=True, original=corig)
            units, raw_names, prefixes, people, notes, style = pa.units, pa.raw_names, pa.prefixes, pa.people, pa.notes, pa.style
        else:
            # a bracket the general reader must judge (a bare list, role words)
            self.open_general(match_item(n), ln, joined, njoined)
            return
        STATS.fast_tasks += 1
        number = int(num or pnum)
        sec, sub = self.section, self.subsection
        intern = sys.intern  # the same numbering ('22、') recurs in every section: one string for all
        task = Task(str(number), number, intern(num + sep if num is not None else f"({pnum})"), joined[:op].rstrip(),
                    sec.number if sec else "", sec.title if sec else "", sub.number if sub else "", sub.title if sub else "",
                    self.heading, "", joined[op + 1:cl].strip(), [], [], [], ln, ln)
        self.built.label_styles.add(style)
        task.raw_assignments = [RawAssignment(r, intern(nm), ln, "", p) for (r, _), nm, p in zip(units, raw_names, prefixes)]
        if people:
            task.people = [Person("", name, title, ln) for title, name in people]
        if notes:
            self.built.notes.extend((task, note) for note in notes)
        self.built.tasks.append(task)
        self.pattern_open = True
