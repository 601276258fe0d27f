"""Items pass: classify every line and assemble task spans, in document order.

The pass walks the lines once, keeping where it stands (attachment, section, subsection,
heading, the leaders named on them) and the task being assembled. Its output is plain data:

* :class:`TaskSpan`: a numbered item's text, line numbers and context, its label lines, and
  what was noticed while assembling it (``name_joined_across_lines``);
* :class:`TableRow`: one row of a pipe, space or one-cell-per-line table;
* :class:`ProseTask`: the paragraph under a numbered heading that states roles in prose;
* :class:`Notice`: a warning, at the place in the stream where the document raised it;

plus the sections, subsections, page metadata, preamble and the kind of every line.
Reading the assignment of a span is the next pass (:mod:`.tasks`).

Which numbered style is the task is decided beforehand (:mod:`.numbering`). Numbering that
restarts at 1 in each section or attachment is handled when ids are given (:mod:`.ids`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Union

from ..model import Section, Subsection
from .assignments import (
    LABEL_RE,
    MAX_BRACKET_SCAN,
    TERMINAL,
    ParsedAssignment,
    find_inline_labels,
    find_opening_roles,
    find_prose_roles,
    find_trailing_bracket,
    parse_assignment,
    read_heading,
    split_leaders,
)
from .cells import LIST_SEPARATORS, UNIT_COLUMNS, cell_kind, ragged_rows, split_glued
from .woven import unweave_rows
from .layout import Layout
from .lines import (
    HEAD_START,
    ITEM_START,
    LineMatch,
    cn_to_int,
    is_chrome,
    is_site_credit,
    is_footer,
    match_attachment,
    match_heading,
    match_item,
    match_metadata,
    normalise,
    nth,
)
from .numbering import NumberingScan
from .spans import retarget_task_column, skip_spanned_groups, spanned_columns
from .tables import (
    TableLayout,
    align_number,
    flat_rows,
    opens_header,
    is_number_cell,
    row_cells,
    match_flat_header,
    match_header,
    match_space_header,
    row_to_assignment,
    space_row_cells,
    split_cells,
    widen,
    with_number_column,
)

__all__ = ["Context", "TaskSpan", "TableRow", "ProseTask", "Notice", "Items", "find_items"]

_RUN_TOGETHER_SUB = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)")


@dataclass
class Context:
    """Where a task stands: section, subsection, unnumbered heading, attachment, the leaders
    (title, name, line) named on those headings, and the units (role, name, line) the nearest
    heading that names any says answer for its tasks (``(三)省编办牵头的工作``, ``凤台县政府``;
    ``data/grammar/headings.csv``)."""

    section: Optional[Section] = None
    subsection: Optional[Subsection] = None
    heading: str = ""
    attachment: str = ""
    leaders: list = field(default_factory=list)
    units: list = field(default_factory=list)


@dataclass
class TaskSpan:
    """A task assembled from lines: the text as written (``parts``) and normalised (``nparts``),
    its label lines (line, text), its line numbers, context and reasons.

    ``final`` marks the document's last span (it may be cut off); ``retitles`` is the section
    whose heading is this task (its title becomes the task text).

    Examples
    --------
    >>> from xialu_graph.parse.lines import match_item
    >>> span = TaskSpan(match_item("1、抓项目,"), 4)
    >>> span.add(4, "抓项目,", "抓项目,")
    >>> span.has_assignment()
    False
    >>> span.add(5, "建园区。（区发改局负责）", "建园区。(区发改局负责)")
    >>> span.joined(), span.lines, span.has_assignment()
    ('抓项目,建园区。（区发改局负责）', [4, 5], True)
    """

    match: LineMatch
    line_start: int
    context: Context = field(default_factory=Context)
    parts: list[str] = field(default_factory=list)
    nparts: list[str] = field(default_factory=list)
    label_parts: list[tuple[int, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    final: bool = False
    retitles: Optional[Section] = None

    def add(self, line: int, raw: str, norm: str) -> None:
        """Append a line of text, as written and normalised."""
        self.parts.append(raw)
        self.nparts.append(norm)
        self.lines.append(line)

    def joined(self) -> str:
        """The text as written, lines joined."""
        return "".join(self.parts)

    def has_assignment(self) -> bool:
        """Label lines, or a text that ends in an assignment bracket."""
        if self.label_parts:
            return True
        if not self.parts:
            return False
        last = self.nparts[-1].rstrip(" \t。.;,")
        if not last or last[-1] not in ")]】〕〉》}":
            return False
        joined = "".join(self.nparts)
        return find_trailing_bracket(joined[-MAX_BRACKET_SCAN:]) is not None


@dataclass
class TableRow:
    """A table row read as a task: its label text (``牵头单位:X;责任单位:Y``) is parsed later."""

    number: int
    text: str
    label_text: str
    deadline: str
    context: Context
    first_line: int
    last_line: int
    rebuilt: bool = False
    across: bool = False  # its columns alternated line by line (:mod:`.woven`) and were put back


@dataclass
class ProseTask:
    """A numbered heading's paragraph that states roles in prose (``由X牵头,Y配合``)."""

    number: int
    numbering: str
    text: str
    parsed: ParsedAssignment
    context: Context
    line: int


@dataclass
class Notice:
    """A warning raised by the items pass."""

    line: int
    code: str
    message: str


Entry = Union[TaskSpan, TableRow, ProseTask, Notice]


@dataclass
class Items:
    """What the items pass found: the entries in document order, the document's structure, the
    kind of every line (``kinds[i]`` for line ``i + 1``) and the conventions it detected."""

    entries: list = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    page_meta: dict = field(default_factory=dict)
    preamble: list[str] = field(default_factory=list)
    conventions: dict = field(default_factory=dict)


def find_items(layout: Layout, scan: NumberingScan, *, first_listed_leads: bool = False) -> Items:
    """Items pass: walk the lines once and return task spans, table rows and the structure.

    Parameters
    ----------
    layout : Layout
        The layout pass's lines (:func:`.layout.prepare`).
    scan : NumberingScan
        The numbering pass's result (:func:`.numbering.scan_numbering`).
    first_listed_leads : bool
        Whether the document's first-listed unit leads (a heading's bare list then assigns).

    Returns
    -------
    Items

    Examples
    --------
    >>> from xialu_graph.parse.layout import prepare
    >>> from xialu_graph.parse.numbering import scan_numbering
    >>> lay = prepare("一、稳增长\\n1、抓项目,\\n建园区。\\n牵头单位:区发改局\\n2、招商。(区商务局负责)\\n")
    >>> found = find_items(lay, scan_numbering(lay.norms))
    >>> [(e.match.label, e.parts, e.lines, e.label_parts) for e in found.entries]
    [('1、', ['抓项目,', '建园区。'], [2, 3, 4], [(4, '牵头单位:区发改局')]), ('2、', ['招商。(区商务局负责)'], [5], [])]
    >>> found.entries[0].context.section.title, found.kinds
    ('稳增长', ['section', 'task', 'continuation', 'label', 'task', 'blank'])
    """
    return _Reader(layout, scan, first_listed_leads).run()


class _Reader:
    """The state of the items pass; one method per kind of line."""

    def __init__(self, layout: Layout, scan: NumberingScan, first_listed_leads: bool):
        self.lines, self.norms = layout.lines, layout.norms
        self.scan = scan
        self.first_listed_leads = first_listed_leads
        self.out = Items(kinds=["blank"] * len(self.lines))
        self.kinds = self.out.kinds
        self.section: Optional[Section] = None
        self.subsection: Optional[Subsection] = None
        self.heading = ""
        self.attachment = ""
        self.records = 1  # database records read (a dump of a site's posts: INSERT INTO …)
        # numbered lines of any style that carry an assignment on or right under them
        self.assigned_items = {nl.index for nl in scan.numbered if nl.assigned}
        self.leaders: dict[str, list] = {}
        self.units: dict[str, list] = {}  # per heading level: (role, name, line) from headings.csv
        self.body = False
        self.cur: Optional[TaskSpan] = None
        self.n_tasks = 0  # entries that become tasks
        self.table: Optional[TableLayout] = None
        self.space_table: Optional[TableLayout] = None
        self.aligned: set = set()  # lines of pipe rows aligned past their spanning group cells
        # a section heading with no numbered item under it yet: (its match, title, line); a label
        # line that follows it (二、开展…工作 / 任务要求。… / 牵头单位:X;责任单位:Y) makes it the task
        self.bare_section: Optional[tuple] = None

    # ---- state
    def snapshot(self) -> Context:
        leaders = [p for level in ("section", "subsection", "heading") for p in self.leaders.get(level, [])]
        units = next((self.units[level] for level in ("heading", "subsection", "section") if self.units.get(level)), [])
        return Context(self.section, self.subsection, self.heading, self.attachment, leaders, units)

    def set_leaders(self, level: str, people, line: int, title: str = "") -> None:
        """The people named on a heading of ``level``; with its ``title``, also whoever the heading
        says answers for the tasks under it (:func:`.assignments.read_heading`)."""
        units, named = read_heading(title) if title else ([], [])
        self.leaders[level] = [(t, n, line) for t, n in list(people) + named]
        self.units[level] = [(r, n, line) for r, n in units]
        lower = {"section": ("subsection", "heading"), "subsection": ("heading",)}.get(level, ())
        for k in lower:
            self.leaders.pop(k, None)
            self.units.pop(k, None)

    def set_heading(self, raw: str, line: int) -> None:
        title, leaders = split_leaders(raw)
        self.heading = title
        self.set_leaders("heading", leaders, line, title)

    def emit(self, entry: Entry) -> None:
        self.out.entries.append(entry)
        if not isinstance(entry, Notice):
            self.n_tasks += 1

    def warn(self, line: int, code: str, message: str) -> None:
        self.out.entries.append(Notice(line, code, message))

    def close(self, final: bool = False) -> None:
        if self.cur is not None:
            self.cur.final = final
            self.emit(self.cur)
            self.cur = None

    def open(self, match: LineMatch, line: int, raw: str, norm: str) -> TaskSpan:
        span = TaskSpan(match, line, context=self.snapshot())
        span.add(line, raw, norm)
        return span

    # ---- the walk
    def run(self) -> Items:
        lines, norms, kinds = self.lines, self.norms, self.kinds
        idx = 0
        while idx < len(lines):
            nxt = self.line(idx, lines[idx], norms[idx])
            if nxt is None:
                break
            idx = nxt
        self.close(final=True)
        last = next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i] != "blank"), None)
        if last is not None and kinds[last] in ("heading", "section", "subsection"):
            self.warn(last + 1, "ends_with_heading",
                      f"the document ends with a heading and no task after it (cut off?): {lines[last].strip()[:30]!r}")
        return self.out

    def line(self, idx: int, raw: str, n: str) -> Optional[int]:
        """Read line ``idx``; return the index of the next line to read (None: stop)."""
        kinds, ln = self.kinds, idx + 1
        if not n:
            kinds[idx] = "blank"
            return idx + 1
        md = match_metadata(n) if not self.body else None
        if md:
            for k, v in md.items():
                self.out.page_meta.setdefault(k, v)
            kinds[idx] = "metadata"
            return idx + 1
        # a label line under an open item is the item's (主办单位:区发改局), though a site's footer
        # starts the same way (主办单位:XX区人民政府办公室)
        if is_chrome(raw.strip(), n) and not ((self.cur is not None or self.bare_section is not None)
                                            and LABEL_RE.match(n) and not is_site_credit(n)):
            kinds[idx] = "chrome"
            return idx + 1
        nxt = self.table_line(idx, raw, n)
        if nxt is not None:
            return nxt
        if self.body and (self.n_tasks or self.cur is not None) and n.startswith("INSERT INTO "):
            # a database dump: the next record is another page, maybe another document of the
            # genre (a site's posts one after another); its tasks are read as a part of their own,
            # like an attachment (ids 记录乙-2, 记录丙-1 …: the record's own numbers, no other digit)
            self.close()
            self.records += 1
            self.attachment, self.section, self.subsection, self.heading, self.leaders = (
                f"记录{nth(self.records)}", None, None, "", {})
            self.units = {}
            kinds[idx] = "chrome"
            return idx + 1
        if self.body and is_footer(n) and (self.cur is None or self.cur.has_assignment()):
            self.close()
            kinds[idx] = "footer"
            return idx + 1
        att = match_attachment(n)
        if att and (self.body or any(x and x[0] in ITEM_START for x in self.norms[idx + 1: idx + 40])):
            self.close()
            self.attachment, self.section, self.subsection, self.heading, self.leaders = att, None, None, "", {}
            self.units = {}
            self.body = True
            kinds[idx] = "attachment"
            return idx + 1
        head = self.scan.heads.get(idx)
        item = self.scan.items.get(idx)
        task_style = self.scan.task_style
        if head is not None and head.style == "cn_paren" and task_style == "cn_paren":
            item, head = head, None
        if not self.body:
            if head is not None and head.style == "section" or item is not None and item.style == task_style:
                self.body = True
                if head is None:
                    self.heading_above(idx)
            else:
                kinds[idx] = "preamble"
                self.out.preamble.append(raw)
                return idx + 1
        if self.cur is not None and LABEL_RE.match(n):
            self.cur.label_parts.append((ln, raw.strip()))
            self.cur.lines.append(ln)
            kinds[idx] = "label"
        elif self.cur is None and self.bare_section is not None and head is None and item is None and LABEL_RE.match(n):
            # 二、开展“绿色饭店”创建工作 / 任务要求。… / 牵头单位:县旅游局;…: the heading is the task
            shead, stitle, sln = self.bare_section
            self.bare_section = None
            self.cur = self.open(LineMatch("section", shead.label, shead.number, stitle, 0), sln, stitle, normalise(stitle))
            self.cur.retitles = self.section
            self.cur.label_parts.append((ln, raw.strip()))
            self.cur.lines.append(ln)
            kinds[idx] = "label"
        elif head is not None and head.style == "section":
            self.section_line(idx, raw, head)
        elif head is not None and head.style == "cn_paren" and self.scan.subsection_style:
            self.close()
            title, leaders = split_leaders(raw.strip()[head.start:].strip())
            sec = self.section
            self.subsection = Subsection(sec.number if sec else "", head.label, title, ln, self.attachment)
            self.out.subsections.append(self.subsection)
            self.heading = ""
            self.set_leaders("subsection", leaders, ln, title)
            kinds[idx] = "subsection"
        elif item is not None and self.sub_item_under_open(item, n):
            # (一)全力推进产业项目建设。 over 1.…(X主办) 2.…: the open item heads numbered sub-items
            if self.cur.match.style == task_style:
                o, self.cur = self.cur, None
                self.heading = o.joined()
                for k in o.lines:
                    kinds[k - 1] = "heading"
            else:
                self.close()
            self.cur = self.open(item, ln, raw.strip()[item.start:].strip(), n[item.start:].strip())
            kinds[idx] = "task"
            self.bare_section = None
        elif item is not None and (item.style == task_style or idx in self.assigned_items):
            # an item of another style that carries its own assignment is a task too: a
            # compilation of excerpts numbers them (八) in one place and 2. in the next
            self.close()
            self.cur = self.open(item, ln, raw.strip()[item.start:].strip(), n[item.start:].strip())
            kinds[idx] = "task"
            self.bare_section = None
        else:
            self.unnumbered_line(idx, raw, n)
        return idx + 1

    def sub_item_under_open(self, item: LineMatch, n: str) -> bool:
        cur, task_style = self.cur, self.scan.task_style
        return (
            item.style != task_style and cur is not None
            and (cur.match.style == item.style or cur.match.style == task_style and len(cur.parts) == 1 and not cur.has_assignment())
            and find_trailing_bracket(n[-MAX_BRACKET_SCAN:]) is not None
        )

    def section_line(self, idx: int, raw: str, head: LineMatch) -> None:
        ln = idx + 1
        self.close()
        title, leaders = split_leaders(raw.strip()[head.start:].strip())
        sub = None
        m = _RUN_TOGETHER_SUB.search(normalise(title))
        if m and self.scan.subsection_style and m.start() > 0:
            sub = (m.group(1), title[m.end():].strip())
            title = title[: m.start()].strip()
        section = Section(head.label, title, ln, self.attachment)
        self.out.sections.append(section)
        self.section, self.subsection, self.heading = section, None, ""
        self.set_leaders("section", leaders, ln, title)
        self.kinds[idx] = "section"
        self.bare_section = (head, title, ln) if not sub else None
        if not sub and _section_assignment(normalise(title), self.first_listed_leads):
            # 一、加快调整能源结构(省发改委总牵头): the numbered heading is itself a task
            o = self.open(LineMatch("section", head.label, head.number, title, 0), ln, title, normalise(title))
            o.retitles = section
            self.emit(o)
        if sub:
            sub_title, sub_leaders = split_leaders(sub[1])
            self.subsection = Subsection(section.number, sub[0], sub_title, ln, self.attachment)
            self.out.subsections.append(self.subsection)
            self.set_leaders("subsection", sub_leaders, ln, sub_title)

    def unnumbered_line(self, idx: int, raw: str, n: str) -> None:
        kinds, cur, ln = self.kinds, self.cur, idx + 1
        if cur is not None and cur.label_parts and _continues_label(cur.label_parts[-1][1], n):
            # a line break inside a unit name of a label line (PDF): 责任单位:园区党工 / 委、区财政局
            ln0, text0 = cur.label_parts[-1]
            cur.label_parts[-1] = (ln0, text0 + raw.strip())
            cur.reasons.append("name_joined_across_lines")
            cur.lines.append(ln)
            kinds[idx] = "label"
            return
        if cur is not None and not cur.has_assignment():
            if is_heading_between(cur, n, self.norms, idx, self.scan.items.get(idx) is not None) \
                    or self.unit_heading_over_restart(idx, raw):
                self.close()
                self.set_heading(raw.strip(), ln)
                kinds[idx] = "heading"
                return
            cur.add(ln, raw.strip(), n)
            kinds[idx] = "continuation"
            return
        if cur is not None and not _next_is_numbered(self.norms, idx):
            self.close()
            kinds[idx] = "other"
            self.warn(ln, "unattached_text", f"line not part of any task: {raw.strip()[:30]!r}")
            return
        self.close()
        prev = next((k for k in range(idx - 1, -1, -1) if self.norms[k]), None)
        if prev is not None and kinds[prev] in ("section", "subsection") and self.units.get(kinds[prev]) \
                and not self.items_follow(idx):
            # (一)省监察厅牵头的工作 over one paragraph and no numbered items: the heading is the task
            if kinds[prev] == "section":
                sec = self.section
                match = LineMatch("section", sec.number, cn_to_int(sec.number), raw.strip(), 0)
            else:
                sub = self.subsection
                match = LineMatch("cn_paren", sub.number, cn_to_int(sub.number), raw.strip(), 0)
            self.cur = self.open(match, ln, raw.strip(), n)
            kinds[idx] = "task"
            return
        if prev is not None and kinds[prev] == "section" and self.section is not None:
            # the paragraph under a numbered heading states its assignment: the heading is a task
            sec = self.section
            if _section_assignment(n, self.first_listed_leads):
                self.emit(self.open(LineMatch("section", sec.number, cn_to_int(sec.number), raw.strip(), 0), ln, raw.strip(), n))
                kinds[idx] = "task"
                return
            prose = find_prose_roles(n) or find_opening_roles(n)
            if prose is not None:
                self.emit(ProseTask(cn_to_int(sec.number), sec.number, raw.strip(), prose, self.snapshot(), ln))
                self.out.conventions["prose_roles"] = True
                kinds[idx] = "task"
                return
        self.set_heading(raw.strip(), ln)
        kinds[idx] = "heading"

    def heading_above(self, idx: int) -> None:
        """The body starts at ``idx``: a preamble line right above it that names who answers for
        the tasks (凤台县政府 over 1. 2. …) is their heading."""
        prev = next((k for k in range(idx - 1, -1, -1) if self.norms[k]), None)
        if prev is None or self.kinds[prev] != "preamble" or not read_heading(self.lines[prev])[0]:
            return
        if self.out.preamble and self.out.preamble[-1] == self.lines[prev]:
            self.out.preamble.pop()
        self.set_heading(self.lines[prev].strip(), prev + 1)
        self.kinds[prev] = "heading"

    def unit_heading_over_restart(self, idx: int, raw: str) -> bool:
        """An unnumbered line naming a unit, and the numbering restarting at 1 under it: the heading
        of the next group of tasks (大通区政府 after 凤台县政府's targets), not the open task's text."""
        nxt = next((k for k in range(idx + 1, min(len(self.norms), idx + 20)) if self.norms[k]), None)
        item = self.scan.items.get(nxt) if nxt is not None else None
        return (item is not None and item.style == self.scan.task_style and item.number == 1
                and bool(read_heading(raw)[0]))

    def items_follow(self, idx: int) -> bool:
        """Whether task items come after line ``idx`` before the next heading."""
        for k in range(idx + 1, min(len(self.norms), idx + 200)):
            if not self.norms[k]:
                continue
            item, head = self.scan.items.get(k), self.scan.heads.get(k)
            if item is not None and item.style == self.scan.task_style:
                return True
            if head is not None or item is not None:
                return False
        return False

    # ---- tables
    def table_line(self, idx: int, raw: str, n: str) -> Optional[int]:
        """Read a table header or row at ``idx``; the next index, or None when the line is no table's."""
        kinds, ln = self.kinds, idx + 1
        if self.table is not None and not n.strip("| "):
            kinds[idx] = "blank"  # a row of empty cells (the 备注 cell of the row above on a line of its own)
            return idx + 1
        if self.table is not None and "|" in n:
            more = self.broken_cell(idx, n)
            if more is not None:
                # … | 市国土资源局 / 市农牧林业局 | 2010年9月20日前 |: a cell broken over two lines
                n, raw = n + " " + self.norms[more], raw.strip() + " " + self.lines[more].strip()
                kinds[more] = "continuation"
                self.out.conventions["layout_broken_cells"] = self.out.conventions.get("layout_broken_cells", 0) + 1
            ncells, rcells = split_cells(n, raw.strip())
            wide = widen(self.table, ncells)
            if wide is not None:
                self.table = wide
                self.out.conventions["layout_header_widened"] = True
            aligned = align_number(self.table, ncells)
            if aligned is not ncells:
                # group cells spanning rows: the row is read with its leading cells left blank
                self.aligned.add(idx)
                self.out.conventions["layout_row_spans_aligned"] = len(self.aligned)
                ncells, rcells = aligned, align_number(self.table, rcells)
            spanned = spanned_columns(self.table, ncells)
            if spanned:
                # 2 | 细化分工 | 责任处室 under a 工作任务 cell printed on an earlier row
                ncells = skip_spanned_groups(self.table, ncells, spanned)
                rcells = skip_spanned_groups(self.table, rcells, spanned)
                self.out.conventions["layout_spanned_groups"] = self.out.conventions.get("layout_spanned_groups", 0) + 1
            if len(ncells) >= 2:
                kinds[idx] = "task"
                self.table_row(self.table, ncells, rcells, ln, ln if more is None else more + 1)
                return idx + 1 if more is None else more + 1
        # a table stays open across headings written between its rows (一、稳增长 in its own row)
        if "|" in n:
            layout = match_header(n)
            if layout is not None:
                moved = retarget_task_column(layout, self.next_pipe_rows(idx))
                if moved is not None:
                    layout = moved
                    self.out.conventions["layout_task_column_moved"] = True
                self.start_table(idx)
                self.table = layout
                return idx + 1
        if self.space_table is not None:
            more = self.space_unit_lines(idx)
            if more:
                n, raw = self.joined_space_row(idx, more)
            cells = space_row_cells(self.space_table, n)
            if cells is not None:
                kinds[idx] = "task"
                for k in more:
                    kinds[k] = "continuation"
                rcells = space_row_cells(self.space_table, raw.strip()) or cells
                self.table_row(self.space_table, cells, rcells if len(rcells) == len(cells) else cells, ln,
                               (more[-1] + 1) if more else ln)
                return (more[-1] + 1) if more else idx + 1
            if is_footer(n) or match_item(n) or match_heading(n) and not self.space_row_follows(idx):
                self.space_table = None  # a heading between rows (一、主要预期目标) keeps the table open
        if n.startswith(("序号", "编号")) and " " in n:
            layout = match_space_header(n)
            if layout is not None:
                self.start_table(idx)
                self.space_table = layout
                return idx + 1
        if opens_header(self.norms, idx):
            flat = match_flat_header(self.norms, idx)
            if flat is not None:
                return self.flat_table(idx, *flat)
        return None

    def broken_cell(self, idx: int, n: str) -> Optional[int]:
        """The line that continues pipe row ``idx`` when its last cell breaks over a line: the row
        ends without its border pipe, is short of the header, and the next line's cells (not a row
        of its own: no number first) make up the rest of it. None otherwise."""
        if n.rstrip().endswith("|"):
            return None
        k = next((j for j in range(idx + 1, min(len(self.norms), idx + 3)) if self.norms[j].strip("| ")), None)
        if k is None or "|" not in self.norms[k]:
            return None
        have, rest = row_cells(n), row_cells(self.norms[k])
        if not rest or is_number_cell(rest[0]) or match_item(rest[0]):
            return None
        return k if len(have) < len(self.table.columns) and len(have) + len(rest) - 1 <= len(self.table.columns) else None

    def space_unit_lines(self, idx: int) -> list[int]:
        """The lines after a space-separated row ``idx`` that only hold units (a unit cell printed
        over several lines: ``2 一般公共预算收入增长5%左右。 区财政局`` / ``区税务局`` /
        ``区政府有关部门,…``), when the row line itself is short of its unit columns."""
        lay = self.space_table
        toks = self.norms[idx].split()
        if len(toks) < 3 or not is_number_cell(toks[0]) or not any(r in UNIT_COLUMNS for r in lay.columns):
            return []
        if toks[-1][-1] in LIST_SEPARATORS:
            # the row's last unit cell cut after a separator (区卫健委, / 各乡镇人民政府…): it goes on
            out = []
            k = idx
            while self.norms[k].rstrip()[-1:] in LIST_SEPARATORS:
                k = next((j for j in range(k + 1, min(len(self.norms), k + 3)) if self.norms[j].strip()), None)
                if k is None:
                    break
                c = self.norms[k].strip()
                if " " in c or cell_kind(c) != "unit" or is_number_cell(c):
                    break
                out.append(k)
            return out
        last_text = max(i for i, r in enumerate(lay.columns) if r in ("task", "category", ""))
        tail = len(lay.columns) - last_text - 1
        present = sum(1 for t in toks[2:] if cell_kind(t) == "unit")
        if tail < 2 or present >= tail:
            return []
        out = []
        for k in range(idx + 1, min(len(self.norms), idx + 8)):
            c = self.norms[k].strip()
            if not c:
                continue
            if " " in c or cell_kind(c) != "unit" or is_number_cell(c.split()[0]):
                break
            out.append(k)
        return out if len(out) >= tail - present else []

    def joined_space_row(self, idx: int, more: list[int]) -> tuple[str, str]:
        """The row line with its unit lines: the last ``missing`` lines are the missing unit cells,
        the lines before them go on the row's last unit cell (joined with 、)."""
        lay = self.space_table
        last_text = max(i for i, r in enumerate(lay.columns) if r in ("task", "category", ""))
        tail = len(lay.columns) - last_text - 1
        toks = self.norms[idx].split()
        present = sum(1 for t in toks[2:] if cell_kind(t) == "unit")
        missing = max(0, tail - present)
        extra, own = more[:len(more) - missing], more[len(more) - missing:]
        out = []
        for lines in (self.norms, self.lines):
            row, prev = lines[idx].strip(), idx
            for k in extra:  # a cell cut after its separator goes on as it is; else a unit per line
                row += ("" if self.norms[prev].rstrip()[-1:] in LIST_SEPARATORS else "、") + lines[k].strip()
                prev = k
            row += "".join(" " + lines[k].strip() for k in own)
            out.append(row)
        return out[0], out[1]

    def space_row_follows(self, idx: int) -> bool:
        """Whether the next non-blank line after ``idx`` is a row of the open space-separated table."""
        for k in range(idx + 1, min(len(self.norms), idx + 4)):
            if self.norms[k].strip():
                return space_row_cells(self.space_table, self.norms[k]) is not None
        return False

    def next_pipe_rows(self, idx: int, limit: int = 8) -> list[list[str]]:
        """The cells of the pipe rows after line ``idx`` (up to ``limit``; blank lines and
        ``|``-only lines skipped, the first other line ends them)."""
        rows: list[list[str]] = []
        for k in range(idx + 1, min(len(self.norms), idx + 4 * limit)):
            n = self.norms[k]
            if not n or not n.strip("| "):
                continue
            if "|" not in n or len(rows) >= limit:
                break
            rows.append(split_cells(n, n)[0])
        return rows

    def start_table(self, idx: int) -> None:
        self.close()
        self.body = True
        self.kinds[idx] = "table_header"
        self.out.conventions["table"] = True

    def flat_table(self, idx: int, layout: TableLayout, j: int) -> int:
        """A table written one cell per line, header from ``idx`` to ``j``: read its rows
        (grouped by :func:`.tables.flat_rows`)."""
        norms, kinds = self.norms, self.kinds
        self.close()
        self.body = True
        self.out.conventions["table"] = True
        for k in range(idx, j):
            kinds[k] = "table_header" if norms[k] else "blank"
        layout = with_number_column(layout)
        rows, end = flat_rows(norms, j, layout)
        if layout.names[layout.columns.index("number")]:
            ragged, ragged_end = ragged_rows(norms, j, layout)
            woven = unweave_rows(norms, ragged, layout) if ragged else None  # None unless the table was read across
            if woven is not None:  # its rows are cut by number, whatever a fixed count of cells per row gives
                return self.ragged_table(layout, woven.rows, ragged_end, glued=woven.glued, across=woven.rebuilt)
            if len(ragged) >= len(rows) and ragged:
                return self.ragged_table(layout, ragged, ragged_end)
        for row in rows:
            at = [r for r in row if r is not None]
            ncells = [norms[r].strip("| ") if r is not None else "" for r in row]
            rcells = [self.lines[r].strip().strip("|｜ ") if r is not None else "" for r in row]
            first = row[layout.columns.index("number")]
            kinds[first] = "task"
            for r in at:
                if r != first:
                    kinds[r] = "continuation"
            self.table_row(layout, ncells, rcells, min(at) + 1, max(at) + 1, rebuilt=True)
        if rows:
            self.out.conventions["layout_cells_rebuilt"] = self.out.conventions.get("layout_cells_rebuilt", 0) + len(rows)
        return end

    def ragged_table(self, layout: TableLayout, rows: list, end: int, *, glued: set = frozenset(), across=()) -> int:
        """The rows of a ragged one-cell-per-line table, each column's lines found by what they
        read as (:func:`.cells.ragged_rows`); a unit column's lines are its units, but a line in
        ``glued`` goes on with the name cut on the line before it (a table read across,
        :mod:`.woven`; ``across``: the first lines of its rows so rebuilt, each warned about)."""
        norms, kinds = self.norms, self.kinds
        k = layout.columns.index("number")
        across = set(across)
        for row in rows:
            at = [r for col in row for r in col]
            ncells, rcells = [], []
            for role, col in zip(layout.columns, row):
                joiner = "、" if role in UNIT_COLUMNS else ""
                ncells.append(joiner.join(p for part in _glue(col, glued, norms, lambda s: s.strip("| ")) for p in split_glued(part)))
                rcells.append(joiner.join(p for part in _glue(col, glued, self.lines, lambda s: s.strip().strip("|｜ "))
                                          for p in split_glued(part)))
            first = row[k][0]
            kinds[first] = "task"
            for r in at:
                if r != first:
                    kinds[r] = "continuation"
            if first + 1 in across:
                self.warn(first + 1, "interleaved_columns",
                          "the task and unit columns alternate line by line (a PDF table read across): "
                          "the row is rebuilt, check its text and units in the review file")
            self.table_row(layout, ncells, rcells, min(at) + 1, max(at) + 1, rebuilt=True, across=first + 1 in across)
        self.out.conventions["layout_cells_rebuilt"] = self.out.conventions.get("layout_cells_rebuilt", 0) + len(rows)
        self.out.conventions["layout_ragged_rows"] = self.out.conventions.get("layout_ragged_rows", 0) + len(rows)
        if across:
            self.out.conventions["layout_interleaved_rows"] = self.out.conventions.get("layout_interleaved_rows", 0) + len(across)
        return end

    def table_row(self, layout: TableLayout, ncells: list[str], rcells: list[str], first_line: int, last_line: int,
                  rebuilt: bool = False, across: bool = False) -> None:
        info = row_to_assignment(layout, rcells)
        ninfo = row_to_assignment(layout, ncells)
        first = ncells[0].replace(" ", "") if ncells else ""
        if not info["labels"] and first and first[0] in "一二三四五六七八九十" and is_number_cell(first):
            # 一 | 稳增长 | | : a group row numbered in Chinese is a section of the table
            title = next((c for c in rcells[1:] if c), "")
            section = Section(first.strip("()、."), title, first_line, self.attachment)
            self.out.sections.append(section)
            self.section, self.subsection, self.heading = section, None, ""
            self.kinds[first_line - 1] = "section"
            return
        if ninfo["category"]:
            cat, leaders = split_leaders(info["category"])
            self.heading = cat
            if leaders:
                self.set_leaders("heading", leaders, first_line, cat)
        number = ninfo["number"] if ninfo["number"] is not None else layout.counter + 1
        layout.counter = number
        self.emit(TableRow(number, info["text"], ";".join(info["labels"]), info["deadline"], self.snapshot(),
                           first_line, last_line, rebuilt, across))


def _glue(col: list[int], glued, lines, clean) -> list[str]:
    """The pieces of one cell's lines: a line in ``glued`` is appended to the piece before it."""
    out: list[str] = []
    for r in col:
        text = clean(lines[r])
        if out and r in glued:
            out[-1] += text
        else:
            out.append(text)
    return out


def _section_assignment(norm: str, first_listed_leads: bool = False) -> bool:
    """A numbered heading or its paragraph ends in a bracket that assigns units (a bare list only
    where the document states that the first listed unit leads)."""
    span = find_trailing_bracket(norm[-MAX_BRACKET_SCAN:])
    if span is None:
        # 一、地区生产总值增长8%左右。主办单位:市发改委、统计局。: labels written inline after the sentence
        return find_inline_labels(norm) is not None
    off = max(0, len(norm) - MAX_BRACKET_SCAN)
    op, cl, _ = span
    pa = parse_assignment(norm[off + op + 1:off + cl], normalised=True)
    return bool(pa.units) and (first_listed_leads and len(pa.units) > 1 or not pa.style.startswith("bare_list"))


def _continues_label(label_line: str, norm: str) -> bool:
    """The line goes on with the label line above, broken inside a name: the label line ends in
    the middle of a name (no punctuation) and the line is a short list piece (has 、 , ; or ends
    with 。), not a label, number or heading of its own; or broken after a separator of its list
    (any short line that is no label, number or heading goes on with it)."""
    last = normalise(label_line).rstrip()
    if not last or len(norm) > 80 or LABEL_RE.match(norm) or norm[0] in ITEM_START or norm[0] in HEAD_START:
        return False
    if last[-1] in LIST_SEPARATORS and LABEL_RE.match(last):
        return True  # the list cut after a separator (…省能源局、 / 省消防救援总队): the rest of the list
    if last[-1] in TERMINAL + ".,、:)]】":
        return False
    return ("、" in norm or "," in norm or ";" in norm or norm.endswith("。")) and "。" not in norm[:-1]


def _next_is_numbered(norms: list[str], idx: int) -> bool:
    for j in range(idx + 1, min(len(norms), idx + 50)):
        if norms[j]:
            m = match_item(norms[j]) or match_heading(norms[j])
            return m is not None
    return False


def is_heading_between(cur: TaskSpan, n: str, norms: list[str], idx: int, numbered: bool = False) -> bool:
    """An unnumbered short line after a task that ends a sentence and before the next item
    (a ``numbered`` line under the task is one of its sub-items: (1)… (2)…)."""
    if not cur.parts or numbered:
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
