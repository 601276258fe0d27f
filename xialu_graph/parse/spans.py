"""Spanning cells: pipe tables whose cells span rows or columns, as they come out of web pages.

A table copied from a web page prints a cell that spans several rows on the first of them
only; the later rows are then shorter than the header and their cells slide left. Two passes
read such tables, both on plain data (a :class:`.tables.TableLayout` and lists of cells):

* :func:`retarget_task_column` — the column the header calls the task (``工作要求``) holds only
  group labels (``一、优化…``, ``(一)深化…``) and the task text is in a later column the header
  does not name (``二级要点``: ``1.规范…``): that later column becomes the task, the columns before
  it group rows;
* :func:`skip_spanned_groups` — a numbered row shorter than the header whose group (category)
  cells span rows: the group columns are left blank, so the row's task cell is not read as
  its group and its unit cells fall in the unit columns. Which group columns are left out is
  decided by what the cells read as (:func:`.cells.cell_kind`): units in the unit columns, a
  deadline in the deadline column.
"""

from __future__ import annotations

import re
from typing import Optional

from .cells import ALIAS, cell_kind
from .tables import UNIT_ROLES, TableLayout, is_number_cell

__all__ = ["retarget_task_column", "skip_spanned_groups", "spanned_columns", "is_group_label"]

_GROUP = re.compile(r"^(\(?[一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.])")
_TASK_TEXT = re.compile(r"^\(?[0-9]{1,3}[)、.](?![0-9])")


def is_group_label(cell: str) -> bool:
    """A cell that numbers a group of rows in Chinese (``一、优化…``, ``(一)深化…``), or is empty.

    Examples
    --------
    >>> is_group_label("一、优化政务公开工作基础"), is_group_label("(一)深化集中公开。"), is_group_label("1.规范使用")
    (True, True, False)
    """
    c = cell.strip()
    return not c or bool(_GROUP.match(c))


def _reads_as_task(cell: str) -> bool:
    c = cell.strip()
    return bool(_TASK_TEXT.match(c)) or len(c) > 20


def retarget_task_column(layout: TableLayout, rows: list[list[str]]) -> Optional[TableLayout]:
    """The layout with its task column moved to the column that holds the task text, or None.

    ``rows`` are the cells of the first rows under the header (pipe rows). The move is made
    when every full-width row (as wide as the header) holds a group label in the task column
    (:func:`is_group_label`) and, in a later column the header does not name and that comes
    before the unit columns, a task text (starting with an arabic number, or long) in at least
    one row and no group label in any. The old task column and any unnamed column between
    become group (category) columns.

    Examples
    --------
    >>> lay = TableLayout(["task", "", "", "responsible"], ["工作要求", "一级要点", "二级要点", "责任科室"])
    >>> rows = [["一、优化基础", "(一)深化公开。", "1.规范使用行政法规。", "法规科牵头,办公室配合"],
    ...         ["2.摸清规范性文件底数。", "办公室牵头", ""]]
    >>> retarget_task_column(lay, rows).columns
    ['category', 'category', 'task', 'responsible']
    >>> rows = [["做好信息发布", "", "围绕疫情发布权威信息", "应急处"]]
    >>> retarget_task_column(lay, rows) is None
    True
    """
    cols = layout.columns
    if "task" not in cols:
        return None
    t = cols.index("task")
    units = [i for i, r in enumerate(cols) if r in UNIT_ROLES]
    first_unit = units[0] if units else len(cols)
    candidates = [i for i in range(t + 1, first_unit) if cols[i] == ""]
    full = [r for r in rows if _width(r) >= len(cols)]
    if not candidates or not full or not all(is_group_label(r[t]) for r in full):
        return None
    for c in reversed(candidates):
        texts = [r[c] for r in full]
        if any(_reads_as_task(x) for x in texts) and not any(x.strip() and is_group_label(x) for x in texts):
            new = list(cols)
            new[t] = "category"
            for i in range(t + 1, c):
                if new[i] == "":
                    new[i] = "category"
            new[c] = "task"
            return TableLayout(new, list(layout.names), flattened=layout.flattened, category=layout.category,
                               counter=layout.counter, leaders=list(layout.leaders))
    return None


def _width(cells: list[str]) -> int:
    """The number of cells, trailing empty ones not counted."""
    n = len(cells)
    while n and not cells[n - 1]:
        n -= 1
    return n


def _kind(cell: str) -> str:
    """:func:`.cells.cell_kind` of the cell, an alias in brackets after a name dropped (``规划信息处(爱卫办)``)."""
    bare = ALIAS.sub("", cell.strip())
    return cell_kind(bare or cell)


def _score(cols: list[str], cells: list[str]) -> int:
    """How well the cells fit the columns: units in unit columns, a deadline in the deadline column."""
    s = 0
    for role, cell in zip(cols, cells):
        if not cell:
            continue
        kind = _kind(cell)
        if role in ("lead", "responsible", "support") and kind == "unit":
            s += 1
        elif role == "deadline" and kind == "deadline":
            s += 1
        elif role in ("lead", "responsible", "support", "deadline") and kind == "text":
            s -= 1
        elif role in ("task", "lead", "responsible", "support") and kind == "deadline":
            s -= 1
    return s


def spanned_columns(layout: TableLayout, cells: list[str]) -> list[int]:
    """The group (category) columns a numbered row leaves out because their cells span rows.

    The row must start with its number in the number column and be shorter than the header
    (trailing empty cells not counted). The group columns after the number, nearest first, are
    taken out one at a time while the cells then fit the columns strictly better
    (:func:`.cells.cell_kind`: units under the unit columns, a deadline under the deadline
    column, no sentence there). Empty when the row fits as it stands.

    Examples
    --------
    >>> lay = TableLayout(["number", "category", "task", "responsible", "deadline", "note"],
    ...                   ["序号", "工作任务", "细化分工", "责任处室", "完成时限", "备注"])
    >>> spanned_columns(lay, ["2", "扎实做好疫苗接种信息公开", "疾控处", "长期推进"])
    [1]
    >>> spanned_columns(lay, ["5", "常规政务公开事项", "强化执法信息公开", "政法处", "长期推进"])
    []
    """
    cols = layout.columns
    if "number" not in cols or "category" not in cols:
        return []
    k = cols.index("number")
    n = _width(cells)
    if n >= len(cols) or k >= n or not is_number_cell(cells[k]):
        return []
    groups = [i for i in range(k + 1, len(cols)) if cols[i] == "category"]
    out: list[int] = []
    best = _score(cols, cells)
    for g in groups:
        if n + len(out) + 1 > len(cols):
            break
        trial = out + [g]
        s = _score(cols, _blanked(cells, trial))
        if s <= best:
            break
        out, best = trial, s
    return out


def _blanked(cells: list[str], columns: list[int]) -> list[str]:
    out = list(cells)
    for g in sorted(columns):
        out.insert(g, "")
    return out


def skip_spanned_groups(layout: TableLayout, cells: list[str], columns: Optional[list[int]] = None) -> list[str]:
    """The row with its spanned group cells left blank (:func:`spanned_columns`, or the given
    ``columns``), so that a group cell printed on an earlier row does not take the task's place.
    The same list when no column is left out.

    Examples
    --------
    >>> lay = TableLayout(["number", "category", "task", "responsible", "deadline"],
    ...                   ["序号", "工作任务", "细化分工", "责任处室", "完成时限"])
    >>> skip_spanned_groups(lay, ["2", "扎实做好疫苗接种信息公开", "疾控处", "长期推进"])
    ['2', '', '扎实做好疫苗接种信息公开', '疾控处', '长期推进']
    """
    cols = spanned_columns(layout, cells) if columns is None else columns
    if not cols:
        return cells
    return _blanked(cells, cols)[:max(len(layout.columns), len(cells))]
