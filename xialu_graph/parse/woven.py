"""Tables read across: the lines of the task column and of the unit columns alternate.

A PDF table whose cells wrap over several lines is often extracted line by line across the page
(text in reading order by height, not cell by cell): each printed line gives, in column order,
the piece of every cell that still has text at that height. A row of ``序号 | 工作任务 |
牵头单位 | 责任单位`` then reads::

    1
    加快推进重大项目建设,全年完成固定资      ← task, printed line 1
    区发改局                                 ← lead, printed line 1
    区财政局、区自然资源                      ← support, printed line 1
    产投资200亿元以上。                       ← task, printed line 2
    和规划局                                 ← support, printed line 2

and a unit name may be cut between two printed lines (``区自然资源`` / ``和规划局``). Read cell by
cell (:mod:`.cells`), the task's second line lands in a unit column. :func:`unweave_rows` finds
such rows, says so (the rows it rebuilt), and puts each line back in its column: a line that
reads as text goes to the task column, the unit pieces of a printed line to the unit columns in
order, and a piece that goes on with a name cut at the end of its column's last piece is glued
to it (``glued``: join without a separator).

It reads only the common layout: after the number, one text column and then unit columns
(``工作任务 | 牵头单位 | 责任单位``, ``工作任务 | 责任单位``); a table with other columns (deadline,
person, notes) is left to :mod:`.cells`. A table counts as read across when at least two of its
rows (or its only row) show a text line after a unit line while the text before that unit line
stops mid-sentence; that keeps an ordinary table whose task text holds a name-like line
(``区域协调发展``) as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .cells import ALIAS, NAME_SEP, ORG_END, UNIT_COLUMNS, cell_kind
from .tables import TableLayout

__all__ = ["WovenRows", "name_remnant", "unit_line", "unit_piece", "unweave_row", "unweave_rows"]

_NOT_NAME = re.compile(r"[。;:!?%\"“”\d]")  # sentence punctuation or a figure: no part of a unit cell
_NAME_START = ("区", "市", "县", "省", "州", "盟", "旗", "各", "镇", "乡", "街道")
_SENTENCE_END = ("。", ";", "!", "?")
_SPANNING = ("办事处", "管委会", "委员会", "联合会", "服务中心", "管理局", "管理处", "管理站", "派出所", "分局", "支队",
             "大队", "中队", "分院", "分中心")  # org endings a cut may fall in (各街道办 / 事处)
_COLLECTIVE_END = re.compile("[局办委会处队所站院室股科厅镇乡区县市州旗道门位司府业校村居组团社]$")
_MAX_PIECE = 20  # a unit piece is one printed line of a unit column: never longer than this


def unit_piece(line: str) -> bool:
    """Whether a normalised line reads as (part of) a unit cell: unit names that end as
    organisations do or start as names do (:func:`.cells.cell_kind`; ``建设园区`` is a sentence's
    end), or a short line without sentence punctuation or figures: units and then a name cut at
    the column's edge (``区财政局、区自然资源``, ``区财政局、下``), or one name that starts as names
    do (``区政务服务和``).

    Examples
    --------
    >>> [unit_piece(x) for x in ["区发改局", "区财政局、区自然资源", "区政务服务和", "和规划局", "、街道办事处,魏武国控集团。"]]
    [True, True, True, True, True]
    >>> [unit_piece(x) for x in ["产投资200亿元以上。", "加快推进重大项目建设,全年完成固定资", "全年完成固定资产投资", "建设园区"]]
    [False, False, False, False]
    """
    c = line.strip()
    if not c:
        return False
    # (a unit cell may close with a full stop: 谯城经开区管委会,魏武国控集团。)
    parts = [ALIAS.sub("", p.rstrip("*")) for p in NAME_SEP.split(c.removesuffix("。")) if p]
    if cell_kind(c) == "unit" and all(_org(p) for p in parts):
        # names as organisations end (局, 中心) or start (区…, 各…): a piece of a sentence cut at the
        # column's edge may end in 园区, 城市 (建设园区) and read as a place
        return True
    if len(c) > _MAX_PIECE or _NOT_NAME.search(c):
        return False
    # units, then a last name cut at the column's edge (区财政局、下 / 陆公安分局), or one that starts as
    # a name does (区政务服务和 / 大数据管理局)
    return bool(parts) and all(_org(p) for p in parts[:-1]) and (len(parts) > 1 or parts[-1].startswith(_NAME_START))


def _org(name: str) -> bool:
    """A whole unit name, as organisations end (局, 中心) or as names start (区…, 各…)."""
    if name.startswith("各"):  # a collective ends as units or places do (各街道办事处, 各乡镇), not 各推进
        return bool(_COLLECTIVE_END.search(name))
    # a name that ends as no organisation does is short (区人社, 市国资): 区推进推进城市 is no name
    return cell_kind(name) == "unit" and bool(ORG_END.search(name) or name.startswith(_NAME_START) and len(name) <= 5)


def unit_line(line: str, cells: list[str], *, width: int, first_line: bool = False) -> bool:
    """Whether a line of a row read across belongs to a unit column, given the unit columns'
    cells so far (``cells``) and the task column's width (``width``, the length of its first line):
    unit names (:func:`unit_piece`), the rest of a name cut on a cell's last line
    (:func:`name_remnant`), or a line shorter than the task column's lines, without a comma, on
    the first printed line (``first_line``: the unit columns start there, 下陆公安分) or after a
    cell left open (区政务服务 / 和大数据管). A line with sentence punctuation or a figure is text.

    Examples
    --------
    >>> unit_line("和大数据管", ["区政务服务"], width=12), unit_line("进,推进。", ["区政务服务"], width=12)
    (True, False)
    >>> unit_line("下陆公安分", [], width=12, first_line=True), unit_line("推进推进推进推进推进推进", [], width=12)
    (True, False)
    """
    p = line.strip()
    if not p or _NOT_NAME.search(p):
        return False
    if unit_piece(p) or name_remnant(p, cells):
        return True
    return len(p) < width - 1 and "," not in p and (first_line or any(_open(c) for c in cells if c))


def _complete(piece: str) -> bool:
    """The piece's last name is whole: it ends as a unit name does (a leading 各 aside, which makes
    any short piece read as a collective: 各区县政 is cut).

    Examples
    --------
    >>> [_complete(x) for x in ["区发改局", "区财政局、区科", "各区县政", "市委", "区自然资源"]]
    [True, False, False, True, False]
    """
    parts = [p for p in NAME_SEP.split(piece) if p]
    last = parts[-1] if parts else ""
    core = last[1:] if last.startswith("各") and len(last) > 2 else last
    # two characters make a whole name only as 区委, 市府 do (区科 is the start of 区科信局)
    return cell_kind(core) == "unit" and (len(core) >= 3 or core.endswith(("委", "府")))


def _open(piece: str) -> bool:
    """The piece stops inside a list or a name: the column's next piece goes on with it."""
    return piece[-1:] in ("、", ",", ";") or not _complete(piece)


def name_remnant(piece: str, lasts: list[str]) -> bool:
    """A line that goes on with a name cut at the end of a unit column's last piece (one of
    ``lasts``): its first name completes the cut one (``各区县政`` / ``府``, ``区发改局、区`` /
    ``财政局、下陆``), the names after it are units but for the last, which may be cut too.

    Examples
    --------
    >>> name_remnant("府", ["市法制办、各区县政"]), name_remnant("财政局、下陆", ["区发改局、区"])
    (True, True)
    >>> name_remnant("府", ["市法制办、各区县政府"]), name_remnant("能。", ["区发改"]), name_remnant("局面,推进", ["区发改"])
    (False, False, False)
    """
    if len(piece) > _MAX_PIECE or _NOT_NAME.search(piece):
        return False
    parts = [p for p in NAME_SEP.split(piece) if p]
    if not parts or not all(_org(p) for p in parts[1:-1]):
        return False
    return any(_continues(last, parts[0]) for last in lasts)


def _continues(last: str, first: str) -> bool:
    """``first`` (a line's first name) goes on with the name ``last`` (a column's cell so far) ends
    in: the two read as a unit's name, and that name is cut (区自然资源 / 和规划局), or ``first`` is
    too short to be a name of its own (区人社 / 局; 区委, 市府 are names) and, where the name before
    ends as an organisation does, the two make an ending that spans the cut (各街道办 / 事处:
    办事处; 区发改局 / 事处 is no name)."""
    if not last or last[-1:] in ("、", ",", ";") or not first or first.startswith(_NAME_START) and _org(first):
        return False  # (a whole name that starts as names do, 区发改局, goes on with none)
    end = [p for p in NAME_SEP.split(last) if p][-1]
    name = end + first
    if not _org(name):
        return False
    if not _complete(last):
        return True
    if len(first) > 2 or first.endswith(("委", "府")):
        return False
    return not ORG_END.search(end) or any(name.endswith(w) and len(w) > len(first) for w in _SPANNING)


def _woven(pieces: list[str], units: list[bool]) -> bool:
    """A row read across: a text line after a unit line, the text before that unit stopping mid-sentence."""
    first = next((i for i, u in enumerate(units) if u), None)
    if first is None or first == 0 or not any(not u for u in units[first + 1:]):
        return False
    return not pieces[first - 1].rstrip().endswith(_SENTENCE_END)


def unweave_row(pieces: list[str], n_unit_columns: int) -> tuple[list[int], list[list[int]], set[int]]:
    """Put the lines of one row read across back in their columns.

    Parameters
    ----------
    pieces : list of str
        The row's lines after its number, normalised, in document order.
    n_unit_columns : int
        Unit columns after the task column.

    Returns
    -------
    tuple
        ``(task, units, glued)``: indices into ``pieces`` of the task column, of each unit column,
        and the pieces that go on with a name cut at the end of the piece before them in their
        column (joined without a separator).

    Examples
    --------
    >>> unweave_row(["抓项目,全年完成固定资", "区发改局", "区财政局、区自然资源", "产投资200亿元。", "和规划局"], 2)
    ([0, 3], [[1], [2, 4]], {4})
    """
    task: list[int] = []
    cols: list[list[int]] = [[] for _ in range(n_unit_columns)]
    glued: set[int] = set()
    col = 0  # the next unit column on this printed line
    first_line = True
    # the task column's printed lines are as long as its first (the column's width) but for its
    # last; a unit column is narrower: a shorter line that goes on with a name cut on its column's
    # last line is that name's next part (区政 / 务服务和大数 / 据管理局)
    width = len(pieces[0]) if pieces else 0
    text = [""] * n_unit_columns  # each unit column's cell so far (cut names glued)
    for i, p in enumerate(pieces):
        unit = unit_line(p, [t for t in text if t], width=width, first_line=first_line and bool(task))
        if not unit:
            task.append(i)
            if any(cols):
                first_line = False
            col = 0
            continue
        first = next((x for x in NAME_SEP.split(p) if x), "")
        if first_line or n_unit_columns == 1:
            k = min(col, n_unit_columns - 1) if first_line else 0
        else:
            # a later printed line: the piece goes on with a column whose cell ends in a cut name
            # (区政务服务 / 和大数据管 / 理局), else with one cut after a separator, the first such from
            # this line's position on, then from the first column (the printed line may have
            # changed unseen: no text line between); none: the last column (the longest list)
            order = list(range(col, n_unit_columns)) + list(range(col))
            ends = [k for k in order if text[k] and text[k][-1:] not in ("、", ",", ";")]
            # a whole name that starts as names do (区发改局) goes on with no cut name
            cut = [] if first.startswith(_NAME_START) and _org(first) else [k for k in ends if not _complete(text[k])]
            # 区人社 / 局: a cell whose last name ends as no organisation does first (区发改局 / 局 is no name)
            # then the cell whose last line is longest (a cut falls at a full line; 区项目办 / 事处 or
            # 各街道办 / 事处: the longer line was cut)
            goes_on = sorted((k for k in ends if _continues(text[k], first)),
                             key=lambda k: (bool(ORG_END.search(NAME_SEP.split(text[k])[-1])), -len(pieces[cols[k][-1]])))
            after_sep = [k for k in order if text[k][-1:] in ("、", ",", ";")]
            k = (cut or goes_on or after_sep or [n_unit_columns - 1])[0]
        prev = text[k]
        if prev and prev[-1:] not in ("、", ",", ";") and (not _complete(prev) or _continues(prev, first)):
            glued.add(i)  # 区自然资源 / 和规划局: one name cut between two printed lines
            text[k] += p
        else:
            text[k] += ("、" if prev and prev[-1:] not in ("、", ",", ";") else "") + p
        cols[k].append(i)
        col = k + 1
    return task, cols, glued


@dataclass
class WovenRows:
    """Rows of a table read across, rebuilt: ``rows`` as :func:`.cells.ragged_rows` gives them
    (for each row the line indices of every column), ``glued`` the lines that go on with a name cut
    on the line before them in their column, ``rebuilt`` the row numbers (their first line) read across."""

    rows: list
    glued: set = field(default_factory=set)
    rebuilt: list = field(default_factory=list)


def unweave_rows(norms: list[str], rows: list, layout: TableLayout) -> Optional[WovenRows]:
    """Rebuild the rows of a one-cell-per-line table when it was read across (see the module).

    Parameters
    ----------
    norms : list of str
        Normalised lines of the document.
    rows : list
        The table's rows from :func:`.cells.ragged_rows` (line indices per column of ``layout``).
    layout : TableLayout
        The table's columns: ``number``, one ``task`` column, then unit columns only.

    Returns
    -------
    WovenRows or None
        None when the table is not read across (or has columns this pass does not read).

    Examples
    --------
    >>> lay = TableLayout(["number", "task", "lead", "support"], ["序号", "工作任务", "牵头单位", "责任单位"])
    >>> norms = ["1", "抓项目,全年完成固定资", "区发改局", "区财政局、区自然资源", "产投资200亿元。", "和规划局",
    ...          "2", "抓招商,引进亿元", "区商务局", "区招商服务", "以上项目10个。", "中心"]
    >>> rows = [[[0], [1], [2], [3, 4, 5]], [[6], [7], [8], [9, 10, 11]]]
    >>> got = unweave_rows(norms, rows, lay)
    >>> got.rows, sorted(got.glued), got.rebuilt
    ([[[0], [1, 4], [2], [3, 5]], [[6], [7, 10], [8], [9, 11]]], [5, 11], [1, 7])
    """
    cols = layout.columns
    if len(cols) < 3 or cols[0] != "number" or cols[1] != "task" or not all(c in UNIT_COLUMNS for c in cols[2:]):
        return None
    n_units = len(cols) - 2
    lines = [sorted(i for col in row[1:] for i in col) for row in rows]
    texts = [[norms[i].strip("| ") for i in ln] for ln in lines]
    woven = [_woven(t, [unit_piece(x) for x in t]) for t in texts]
    if sum(woven) < min(2, len(rows)):
        return None
    out = WovenRows(rows=[])
    for row, ln, t, w in zip(rows, lines, texts, woven):
        if not w:
            out.rows.append(row)
            continue
        task, units, glued = unweave_row(t, n_units)
        out.rows.append([row[0], [ln[i] for i in task]] + [[ln[i] for i in u] for u in units])
        out.glued.update(ln[i] for i in glued)
        out.rebuilt.append(row[0][0] + 1)
    return out
