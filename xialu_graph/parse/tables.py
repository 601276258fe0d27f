"""Tables of the genre: a header row (序号 | 工作任务 | 牵头单位 | 责任单位 | 责任人 …) then one
row per task, either pipe-delimited (as the HTML and DOCX readers write table rows) or
flattened with one cell per line.

A row becomes the same label text a bracket would hold (``牵头单位:…;责任单位:…;责任人:…``)
so that the assignment grammar is written once, in :mod:`.assignments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .grammar import load_columns, load_grammar
from .lines import cn_to_int

__all__ = ["TableLayout", "match_header", "match_flat_header", "match_space_header", "join_spaced_letters", "space_row_cells", "row_cells", "split_cells",
           "row_to_assignment", "is_number_cell", "number_of", "flat_rows", "with_number_column", "widen", "align_number", "is_header_cell",
           "UNIT_ROLES", "cell_role", "leading_number", "opens_header"]


def _column_roles() -> dict:
    """Header word → column role, from ``data/grammar/columns.csv`` (:func:`.grammar.load_columns`)."""
    return load_columns()


_NUMBER = re.compile(r"^\(?([0-9]{1,4}|[一二三四五六七八九十]{1,3})\)?[、.]?$")


@dataclass
class TableLayout:
    """Which column holds what; ``names`` are the header cells as written."""

    columns: list[str]
    names: list[str]
    flattened: bool = False
    category: str = ""
    counter: int = 0
    leaders: list = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.columns)


def cell_role(cell: str, loose: bool = False) -> str:
    """The role of a header cell: its column word's (a bracketed note after it ignored:
    ``落实科室(部门)``), else with ``loose`` that of the longest column word it contains
    (``具体工作任务和要求`` → task), else ``""``.

    Examples
    --------
    >>> cell_role("牵 头 单 位"), cell_role("落实科室(部门)"), cell_role("落实情况")
    ('lead', 'responsible', '')
    >>> cell_role("具体工作任务和要求"), cell_role("具体工作任务和要求", loose=True)
    ('', 'task')
    >>> cell_role("责任部门(加*号为牵头部门,其余为参与部门)"), cell_role("牵头责(zé)任单位")
    ('responsible', 'lead')
    """
    c = cell.replace(" ", "")
    if "(" in c:
        c = _HEADER_PINYIN.sub("", c)  # 牵头责(zé)任单位: a converter's pinyin inside the word
    roles = _column_roles()
    role = roles.get(c) or roles.get(_BRACKETED.sub("", c)) or roles.get(_HEADER_NOTE.sub("", c))
    if role is not None:
        return role
    if not loose or len(c) > 12:
        return ""
    best = max((w for w in roles if w in c), key=len, default="")
    return roles[best] if len(best) >= 2 else ""


_BRACKETED = re.compile(r"\([^()]{1,6}\)$")
_HEADER_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")
_HEADER_NOTE = re.compile(r"\([^()]{1,24}\)$")  # 责任部门(加*号为牵头部门,其余为参与部门)


def _roles(cells: list[str], loose: bool = False) -> Optional[list[str]]:
    roles = [cell_role(c, loose) for c in cells]
    if "task" in roles and ("lead" in roles or "responsible" in roles or "support" in roles):
        # 序号 | 重点工作 | 具体任务 | …: the last task column is the task, those before it group it
        task_cols = [i for i, r in enumerate(roles) if r == "task"]
        for i in task_cols[:-1]:
            if "category" not in roles:
                roles[i] = "category"
        return roles
    return None


def is_header_cell(cell: str) -> bool:
    """A line that could open a header written one cell per line: a known column word, letter-spaced
    or with its border pipes (``牵 头 单 位 |``).

    Examples
    --------
    >>> is_header_cell("工作任务 |"), is_header_cell("责 任 单 位"), is_header_cell("抓项目")
    (True, True, False)
    """
    return cell.replace(" ", "").strip("|") in _column_roles()


def opens_header(norms: list[str], idx: int) -> bool:
    """Line ``idx`` may open a header written one cell per line: a column word, or the first half
    of one broken over two lines (``具体`` / ``要求``; blank or ``|``-only lines between).

    Examples
    --------
    >>> opens_header(["具体", "|", "要求"], 0), opens_header(["具体", "措施"], 0), opens_header(["推进"], 0)
    (True, True, False)
    """
    if len(norms[idx]) > 24:
        return False
    if is_header_cell(norms[idx]):
        return True
    c = norms[idx].replace(" ", "").strip("|")
    if not c or len(c) > 6:
        return False
    for k in range(idx + 1, min(len(norms), idx + 4)):
        nxt = norms[k].replace(" ", "").strip("|")
        if nxt:
            return c + nxt in _column_roles()
    return False


def match_header(norm: str) -> Optional[TableLayout]:
    """A pipe-delimited header row → its layout, or None."""
    if "|" not in norm:
        return None
    cells = [c.replace(" ", "") for c in row_cells(norm)]  # 牵 头 单 位: letter-spaced
    while cells and not cells[-1]:
        cells.pop()
    roles = _roles(cells, loose=True)
    if roles is None:
        roles = _roles(_unnamed_task(cells), loose=True)
    if roles is None:
        return None
    return TableLayout(roles, cells)


def _unnamed_task(cells: list[str]) -> list[str]:
    """A header that names its unit column and another known column but not its task column
    (``专项整治行业名称 | 时间安排 | 责任单位``): its first unknown cell is taken to be the task
    column (read as ``任务``); so is an empty first (corner) cell when a unit column is named. The cells unchanged when that does not hold.

    Examples
    --------
    >>> _unnamed_task(["专项整治行业名称", "时间安排", "责任单位"])
    ['任务', '时间安排', '责任单位']
    >>> _unnamed_task(["1", "抓项目", "区发改局"])
    ['1', '抓项目', '区发改局']
    >>> _unnamed_task(["", "2008年降低率指标(%)", "责任单位"])
    ['任务', '2008年降低率指标(%)', '责任单位']
    """
    roles = [cell_role(c, True) for c in cells]
    known = [r for r in roles if r and r != "number"]
    if len(cells) >= 3 and cells[0] == "" and "task" not in roles and any(r in UNIT_ROLES for r in roles):
        return ["任务"] + cells[1:]  # an empty corner cell over the rows' labels (新乡县 | 5.2 | 新乡县政府)
    if "task" in roles or not any(r in UNIT_ROLES for r in roles) or len(known) < 2 or "" not in roles:
        return cells
    k = roles.index("")
    if not 2 <= len(cells[k]) <= 12 or is_number_cell(cells[k]):
        return cells
    return cells[:k] + ["任务"] + cells[k + 1:]


def match_flat_header(norms: list[str], start: int) -> Optional[tuple[TableLayout, int]]:
    """A header written one cell per line from ``start`` → (layout, index after it).

    Header words may be letter-spaced (``牵 头 部 门``), carry a trailing cell pipe
    (``责任单位 |``) or be broken over two lines (``责任`` / ``领导``: joined when the two make
    a known header word). Unknown short cells (``攻坚目标``) are kept as extra columns; the
    header ends at the first number cell or long line, or at an unknown cell followed by a
    number (the first row's group cell).

    Examples
    --------
    >>> lay, end = match_flat_header(["工作任务", "", "具体要求", "落实科室(部门)", "做好规划公开", "1.公开规划"], 0)
    >>> lay.columns, end
    (['category', 'task', 'responsible'], 4)
    >>> lay, end = match_flat_header(["序号", "任务名称", "责任部门", "(加*号为牵头部门,", "其余为参与部门)", "完成时间节点", "1"], 0)
    >>> lay.columns, end
    (['number', 'task', 'responsible', ''], 6)
    """
    cells: list[str] = []
    roles = _column_roles()
    j = start
    while j < len(norms) and len(cells) < 16:
        c = norms[j].replace(" ", "").rstrip("|")
        if not c:
            j += 1
            continue
        if cells and (is_number_cell(c) or _starts_numbered(c)) or len(c) > 12:
            break
        if cells and (cells[-1] not in roles or c not in roles) and cells[-1] + c in roles:
            cells[-1] += c
        elif cells and _BRACKETED.fullmatch(c) and cell_role(cells[-1]):
            cells[-1] += c  # 责任股室 / (单位): the header cell's note on a line of its own
        elif cells and c.startswith("(") and ")" not in c and cell_role(cells[-1]):
            # 责任部门 / (加*号为牵头部门, / 其余为参与部门): a note broken over lines
            note, k = c, j + 1
            while k < min(len(norms), j + 4) and ")" not in note:
                note += norms[k].replace(" ", "").rstrip("|")
                k += 1
            if not note.endswith(")"):
                break
            cells[-1] += note
            j = k
            continue
        elif cells and not cell_role(c) and _numbered_next(norms, j + 1) and not any(
                cell_role(x) == "number" for x in cells):
            break  # a group cell before the first row's number (the header names no number column)
        else:
            cells.append(c)
        j += 1
    known = [c for c in cells if cell_role(c)]
    if len(known) < 3:
        return None
    roles = _roles(cells)
    if roles is None:
        return None
    return TableLayout(roles, cells, flattened=True), j


def _numbered_next(norms: list[str], j: int) -> bool:
    """The next cell (within a few lines) is a number or starts with one."""
    for k in range(j, min(len(norms), j + 6)):
        c = norms[k].strip("| ")
        if c:
            return is_number_cell(c) or _starts_numbered(c)
    return False


def match_space_header(norm: str) -> Optional[TableLayout]:
    """A header row whose cells are separated by spaces (``序号 类别 主要任务 牵头单位 参与单位``)."""
    cells = join_spaced_letters(norm.split())
    if len(cells) < 3 or not all(c in _column_roles() for c in cells):
        return None
    roles = _roles(cells)
    if roles is None:
        return None
    return TableLayout(roles, cells)


def join_spaced_letters(tokens: list[str]) -> list[str]:
    """Join runs of one-character tokens (a letter-spaced header cell: ``工 作 任 务``).

    Examples
    --------
    >>> join_spaced_letters(["序号", "工", "作", "任", "务", "牵头负责部门"])
    ['序号', '工作任务', '牵头负责部门']
    """
    out: list[str] = []
    run = False
    for t in tokens:
        letter = len(t) == 1 and "\u4e00" <= t <= "\u9fff"
        if letter and run:
            out[-1] += t
        else:
            out.append(t)
        run = letter
    return out


def space_row_cells(layout: TableLayout, norm: str) -> Optional[list[str]]:
    """Cells of a row of a space-separated table: the number first, the unit columns read from
    the right (a unit cell holds no space), the text columns in between joined."""
    toks = norm.split()
    if len(toks) < 3 or not is_number_cell(toks[0]):
        return None
    roles = layout.columns
    last_text = max(i for i, r in enumerate(roles) if r in ("task", "category", ""))
    tail = len(roles) - last_text - 1
    if len(toks) < 2 + tail:
        return None
    right = toks[len(toks) - tail:] if tail else []
    middle = toks[1:len(toks) - tail] if tail else toks[1:]
    cells = [toks[0]] + [""] * (last_text - 1) + ["".join(middle)] + right
    return cells


def row_cells(norm: str) -> list[str]:
    """Cells of a pipe-delimited row, stripped; leading/trailing empty border cells dropped."""
    cells = [c.strip() for c in norm.split("|")]
    if cells and cells[0] == "" and norm.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and cells[-1] == "" and norm.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def split_cells(norm: str, raw: str) -> tuple[list[str], list[str]]:
    """Cells of a pipe row, normalised and as written (same offsets).

    Examples
    --------
    >>> split_cells("| 1 | 抓项目 | 区发改局 |", "｜ 1 ｜ 抓项目 ｜ 区发改局 ｜")
    (['1', '抓项目', '区发改局'], ['1', '抓项目', '区发改局'])
    """
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


def is_number_cell(cell: str) -> bool:
    return bool(_NUMBER.match(cell.replace(" ", "")))


def number_of(cell: str) -> Optional[int]:
    m = _NUMBER.match(cell.replace(" ", ""))
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else cn_to_int(g)


def row_to_assignment(layout: TableLayout, cells: list[str]) -> dict:
    """Map a row's cells to number, text, category and the label text of its assignment.

    A row one cell short of the header, in a table with a category column, is taken to have
    left the category blank (given only on the group's first row).
    """
    cols = layout.columns
    numbered = "number" in cols and cols.index("number") < len(cells) and is_number_cell(cells[cols.index("number")])
    if len(cells) == len(cols) - 1 and "category" in cols and not numbered:
        k = cols.index("category")
        cells = cells[:k] + [""] + cells[k:]
    if len(cells) < len(cols):
        cells = cells + [""] * (len(cols) - len(cells))
    out = {"number": None, "text": "", "category": "", "labels": [], "deadline": "", "extra": []}
    parts = []
    for role, name, cell in zip(cols, layout.names, cells):
        if role == "number":
            out["number"] = number_of(cell) if is_number_cell(cell) else leading_number(cell)
        elif role == "task":
            out["text"] = (out["text"] + cell) if out["text"] else cell
        elif role == "category":
            out["category"] = cell
        elif role == "deadline":
            out["deadline"] = cell
        elif role in ("lead", "responsible", "support", "person") and cell:
            parts.append(f"{_label(name, role)}:{cell}")
        elif cell:
            out["extra"].append(cell)
    if len(cells) > len(cols):
        out["extra"].extend(cells[len(cols):])
    out["labels"] = parts
    return out


UNIT_ROLES = ("lead", "responsible", "support", "person")


def with_number_column(layout: TableLayout) -> TableLayout:
    """The layout with a number column: a header that names none (工作任务 | 具体要求 | 责任科室)
    gets one before its first task column, where such tables print the row number.

    Examples
    --------
    >>> lay = with_number_column(TableLayout(["category", "task", "responsible"], ["工作任务", "具体要求", "责任科室"]))
    >>> lay.columns, lay.names
    (['category', 'number', 'task', 'responsible'], ['工作任务', '', '具体要求', '责任科室'])
    """
    if "number" in layout.columns:
        return layout
    k = layout.columns.index("task")
    return TableLayout(layout.columns[:k] + ["number"] + layout.columns[k:], layout.names[:k] + [""] + layout.names[k:],
                       flattened=layout.flattened, category=layout.category, counter=layout.counter)


def widen(layout: TableLayout, cells: list[str]) -> Optional[TableLayout]:
    """The layout of a table whose rows are wider than its header (the header lost its first
    cells: ``具体要求 | 责任科室`` over ``一、公开 | 1 | 紧扣民生 | 办公室``), or None when the row
    fits. The header's columns are taken to be the row's last ones; a number column is put
    before the task and the cells left of it are group (category) cells.

    Examples
    --------
    >>> lay = TableLayout(["task", "responsible"], ["具体要求", "责任科室"])
    >>> widen(lay, ["一、公开", "1", "紧扣民生", "办公室", ""]).columns
    ['category', 'number', 'task', 'responsible']
    >>> widen(lay, ["紧扣民生", "办公室"]) is None
    True
    >>> lay = TableLayout(["category", "task", "responsible"], ["工作任务", "具体要求", "责任单位"])
    >>> widen(lay, ["一、公开", "1", "紧扣民生", "办公室"]).columns
    ['category', 'number', 'task', 'responsible']
    """
    n = len(cells)
    while n > layout.width and not cells[n - 1]:
        n -= 1
    if n <= layout.width or "number" in layout.columns:
        return None
    wide = with_number_column(layout)
    extra = n - wide.width
    if extra < 0 or not is_number_cell(cells[extra + wide.columns.index("number")]):
        return None
    return TableLayout(["category"] * extra + wide.columns, [""] * extra + wide.names, category=layout.category,
                       counter=layout.counter)


def align_number(layout: TableLayout, cells: list[str]) -> list[str]:
    """Pad a row whose leading group cells are left out (they span rows and are printed only on
    the group's first row) so that its number falls in its column: the number column, or in a
    table without one the task column when the task cell starts with its number (``3.及时…``).
    The padding takes the place of the row's trailing empty cells.

    Examples
    --------
    >>> lay = TableLayout(["category", "number", "task", "responsible"], ["", "", "具体要求", "责任科室"])
    >>> align_number(lay, ["3", "科学解读", "办公室", ""])
    ['', '3', '科学解读', '办公室']
    >>> align_number(lay, ["一、公开", "1", "紧扣民生", "办公室"])
    ['一、公开', '1', '紧扣民生', '办公室']
    >>> lay = TableLayout(["category", "task", "responsible"], ["工作任务", "具体要求", "责任部门"])
    >>> align_number(lay, ["3.及时反馈意见。", "各科室", ""])
    ['', '3.及时反馈意见。', '各科室']
    >>> lay = TableLayout(["category", "", "task", "lead"], ["类别", "标准", "工作内容", "牵头单位"])
    >>> align_number(lay, ["生态", "1、绿化", "禁止开发", "市规划局"])
    ['生态', '1、绿化', '禁止开发', '市规划局']
    >>> align_number(lay, ["2、防护", "加强管护", "市建设局"])
    ['', '2、防护', '加强管护', '市建设局']
    """
    if "number" in layout.columns:
        k, test = layout.columns.index("number"), is_number_cell
    elif "task" in layout.columns:
        k, test = layout.columns.index("task"), _starts_numbered
    else:
        return cells
    if k >= len(cells) or test(cells[k]):
        return cells
    j = next((i for i in range(min(k, len(cells))) if test(cells[i])), None)
    if j is None:
        return cells
    # no more padding than the row has room for: a full row whose number sits in an unnamed
    # column before the task (生态环境 | 1、城市大环境… | 禁止开发… | 市规划局 …) stays as it is
    room = layout.width - len(cells) + len(cells) - len(_rstrip_empty(cells))
    if room <= 0:
        return cells
    out = [""] * min(k - j, room) + cells
    while len(out) > layout.width and not out[-1]:
        out.pop()
    return out


def _rstrip_empty(cells: list[str]) -> list[str]:
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    return out


_NUMBERED = re.compile(r"^\(?([0-9]{1,3}|[一二三四五六七八九十]{1,3})[)、.](?![0-9])")


_ARABIC_NUMBERED = re.compile(r"^\(?[0-9]{1,3}[)、.](?![0-9])")


def _starts_numbered(cell: str) -> bool:
    """A cell that starts with an arabic item number (``3.及时…``); ``一、…`` cells are groups."""
    return bool(_ARABIC_NUMBERED.match(cell.replace(" ", "")))


def flat_rows(norms: list[str], start: int, layout: TableLayout) -> tuple[list[list], int]:
    """Group the cells of a table written one cell per line into rows.

    ``norms[start:]`` are the lines after the header (their border pipes are ignored; a blank or
    ``|``-only line holds no cell); ``layout`` has a number column (:func:`with_number_column`).
    A row starts at a number cell and takes the cells of the columns after the number; cells
    after a full row and before the next number are the next row's leading cells (a group cell
    such as ``一、稳增长`` or a category printed once for several rows). A row may leave trailing
    cells out: a number continuing the sequence starts the next row once the unit columns are in.

    Where the header names no number column and the first row's task cell starts with its
    number (``1.主动公开…``), such cells start the rows; several of them in a row followed by
    one set of cells (items that shared one cell in the original) each get those cells.

    Returns the rows, each the line index of every column (``None`` for a cell left out), and
    the index of the line where the table ends.

    Examples
    --------
    >>> lay = with_number_column(TableLayout(["category", "task", "responsible"], ["工作任务", "具体要求", "责任科室"]))
    >>> cells = ["规范公开 |", "1 |", "清理文件 |", "|", "办公室 |", "2", "解读政策", "各科室", "说明:"]
    >>> flat_rows(cells, 0, lay)
    ([[0, 1, 2, 4], [None, 5, 6, 7]], 8)
    >>> flat_rows(["财政公开", "1.公开预算。", "2.公开决算。", "财务科", "3.公开规划。", "办公室"], 0, lay)
    ([[0, 1, 1, 3], [None, 2, 2, 3], [None, 4, 4, 5]], 6)
    """
    cols = layout.columns
    k = cols.index("number")
    implicit = not layout.names[k]
    pre, post = k, len(cols) - k - 1
    units = [i for i, r in enumerate(cols) if r in UNIT_ROLES and i > k]
    # a row is complete enough once its unit cells are in; group columns may span rows (left out)
    min_post = (units[-1] - k - sum(1 for r in cols[k + 1:units[-1]] if r == "category")) if units else post
    post_cols = cols[k + 1:]
    rows: list[list] = []
    row: Optional[list[int]] = None  # indices of the number and the cells after it
    before: list[int] = []  # the leading cells of the open row
    shared: list[tuple] = []  # numbered task cells waiting for the open row's cells
    pending: list[int] = []  # leading cells of the next row
    prev: Optional[int] = None
    mode = ""  # "bare": number cells; "text": task cells that start with their number
    end = len(norms)

    def emit() -> None:
        for r, b in shared:
            rows.append(_place(r + row[len(r):], b, pre, post_cols, norms))
        rows.append(_place(row, before, pre, post_cols, norms))
        shared.clear()

    for i in range(start, len(norms)):
        c = norms[i].strip("| ")
        if not c:
            continue
        kind, n = "", None
        if mode != "text" and is_number_cell(c):
            kind, n = "bare", number_of(c)
        elif mode != "bare" and implicit and len(c) > 2 and _starts_numbered(c):
            kind, n = "text", leading_number(c)
        if kind:
            filled = len(row) - 1 if row is not None else 0
            full = row is not None and filled >= post
            seq = prev is None or n == prev + 1
            starts = row is None or full or filled >= min_post and seq
            share = kind == "text" and row is not None and filled == 1 and seq and not pending
            if share or starts and (seq or full and not pending):
                if share:
                    shared.append((row, before))
                elif row is not None:
                    emit()
                mode = kind
                row, before, pending, prev = ([i] if kind == "bare" else [i, i]), pending, [], n
                continue
        if row is not None and len(row) - 1 < post and not pending:
            row.append(i)
        elif len(c) <= 80 and len(pending) < pre:
            pending.append(i)
        else:
            end = pending[0] if pending else i
            break
    else:
        if pending:
            end = pending[0]
    if row is not None:
        emit()
    return rows, end


def leading_number(cell: str) -> Optional[int]:
    """The number a cell starts with (``3.及时…`` → 3, ``(二)…`` → 2), or None.

    Examples
    --------
    >>> leading_number("3.及时反馈"), leading_number("(二)加强"), leading_number("2021年")
    (3, 2, None)
    """
    m = _NUMBERED.match(cell.replace(" ", ""))
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else cn_to_int(g)


def _place(row: list[int], before: list[int], pre: int, post_cols: list[str], norms: list[str]) -> list:
    """The row's line indices by column: leading cells right-aligned before the number; after
    it, a row short of cells leaves a group (category) column out (it spans rows) when more cells
    are missing than the columns after the units account for, or when the cell there reads as a
    task (a sentence ending in 。, or a long one)."""
    lead = [None] * (pre - len(before)) + list(before)
    cells = row[1:]
    last_unit = max((i for i, r in enumerate(post_cols) if r in UNIT_ROLES), default=len(post_cols) - 1)
    missing = len(post_cols) - len(cells)
    skip = max(0, missing - (len(post_cols) - 1 - last_unit))
    out = [row[0]]
    pos = 0
    for role in post_cols:
        if role == "category" and missing > 0 and pos < len(cells) and (skip or _reads_as_task(norms[cells[pos]])):
            out.append(None)
            skip = max(0, skip - 1)
            missing -= 1
        else:
            out.append(cells[pos] if pos < len(cells) else None)
            pos += 1
    return lead + out


def _reads_as_task(cell: str) -> bool:
    c = cell.strip("| ")
    return c.endswith("。") or len(c) > 30


_CANONICAL = {"lead": "牵头单位", "responsible": "责任单位", "support": "配合单位", "person": "责任人"}


def _label(name: str, role: str) -> str:
    """The header word as the row's label when the grammar knows it, else the grammar's word for
    the column's role (``落实科室(部门)`` → ``责任单位``)."""
    name = name.replace(" ", "")
    if name in load_grammar().label_words(role):
        return name
    return _CANONICAL[role]
