"""Ragged tables written one cell per line: rows whose cells cannot be told apart by position.

A table copied from a web page or a PDF comes out one cell per line, and its rows are ragged:
a cell spanning several rows (指标, 完成时限, 责任领导) is printed on the first of them only, an
empty cell prints nothing, and a cell listing several units prints one line per unit
(``县海洋与渔业局`` / ``县农业农村局``). The column of a line can then not be read from its place
in the row. This pass reads it from what the line says instead:

* :func:`cell_kind` — a line reads as units, a person, a deadline, a short value or text;
* :func:`align_cells` — the cheapest monotone assignment of a row's lines to the header's
  columns (each line to one column, columns in order, any column may be empty, only unit
  columns but the assessor's take several lines at little cost), by dynamic programming over lines × columns;
* :func:`ragged_rows` — rows are cut at the row numbers that continue the sequence (1, 2, 3 …)
  and each row is aligned, the lines before a row's number going to the columns before the
  number column (a group cell printed before the number);
* :func:`split_glued` — two unit names printed in one cell with nothing between them
  (``文化宣传股文化馆``).

Plain data in and out (lists of strings and indices). Linear in the number of lines: each row is
aligned on its own, over at most :data:`MAX_ROW_CELLS` lines.
"""

from __future__ import annotations

import re
from typing import Optional

from .grammar import load_grammar
from .tables import TableLayout, is_header_cell, is_number_cell, number_of

__all__ = ["cell_kind", "align_cells", "ragged_rows", "split_glued", "MAX_ROW_CELLS", "MAX_UNIT_LINES", "UNIT_COLUMNS", "LIST_SEPARATORS", "ORG_END", "NAME_SEP", "ALIAS"]

MAX_ROW_CELLS = 40
"""A row longer than this many lines is no row: the table ends before it."""

MAX_UNIT_LINES = 12
"""A unit column takes at most this many lines of a row (one unit per line)."""

UNIT_COLUMNS = ("lead", "responsible", "support", "assessor")
"""Column roles whose cells are unit names (an assessor column names units that score the task)."""

_UNIT_END = re.compile(
    r"(局|办|委|中心|公司|大队|院|所|站|部|部门|会|联|街道|街办|乡|镇|政府|单位|专班|指挥部|小组|集团|银行|厅|处|队|团|馆|社|"
    r"室|股|科|园|区|县|市)$|^各.{1,12}$")
NAME_SEP = re.compile(r"[、,;/ ]+")
"""What separates the names in a unit cell (、 , ; / or a space, on a normalised line)."""
_ITEM_LINE = re.compile(r"^(\d{1,3})[.、](?!\d)\S{6}")  # a numbered item written as text: 5.深化投资审批…
LIST_SEPARATORS = ("、", ",", ";")
"""Separators of a list of units on a normalised line (，； read as , ;): a cell that ends with one
goes on on the next line (a tuple: ``line[-1:] in LIST_SEPARATORS`` is False for an empty line)."""
ORG_END = re.compile(r"(局|办|委|委会|委员会|协会|联合会|商会|工会|残联|妇联|工商联|科协|中心|公司|大队|院|所|站|部门|街道|街办|政府|单位|专班|指挥部|小组|集团|银行|厅|处|队|馆|室|股|科)$"
                      r"|^各.{1,12}$")
"""A name that ends as an organisation does (局, 委, 中心 …; or a collective 各…): a sentence may
end in 园区, 社区, 城市, 乡镇, a unit's name not."""
ALIAS = re.compile(r"\([^()]{1,12}\)$")
"""A name's alias in brackets at its end (东街办(工业新区), 市财政局(国资委)): dropped to read the name."""
_DEADLINE = re.compile(r"(\d{1,2}月|年底|月底|季度|长期|持续|常态|\d{4}年|前$|底$|年内|^全年$|^全年完成$|^按期|^按时|^及时|^每年|^每季|^每月|^逐年)")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_TEXT_END = re.compile(r"[。;!?]$")
_MEASURE = re.compile("[万亿亩吨元次个]")  # a unit of measure (万亩, 亿元), not a name
_ROLE_SUFFIXES = tuple(w for w, _ in load_grammar().suffixes)  # longest first


def cell_kind(cell: str) -> str:
    """What one line of a row reads as: ``unit`` (unit names: ``文化宣传股``, ``各股室、委属部门单位``),
    ``person`` (a name of two to four Han characters, possibly letter-spaced: ``周 斐``),
    ``deadline`` (``12月底前``), ``short`` (a value: ``%``, ``0.07``, ``万亩``) or ``text``.

    Examples
    --------
    >>> [cell_kind(c) for c in ["文化宣传股", "各股室、委属部门单位", "周 斐", "12月底前", "万亩", "抓好旅游环境综合整治工作。"]]
    ['unit', 'unit', 'person', 'deadline', 'short', 'text']
    >>> cell_kind("区政府有关部门,各乡镇人民政府、街道办事处。"), cell_kind("区投资促进中心。"), cell_kind("市财政局(国资委)")
    ('unit', 'unit', 'unit')
    >>> cell_kind("成功创建首批浙江省美丽城镇。")  # a sentence, though it ends like a unit name
    'text'
    >>> cell_kind("市科技局、团市委配合落实"), cell_kind("抓好推进落实")
    ('unit', 'text')
    """
    c = cell.strip()
    if not c:
        return "short"
    suffix = next((w for w in _ROLE_SUFFIXES if c.endswith(w) and len(c) > len(w) + 1), None)
    if suffix is not None and cell_kind(c[:-len(suffix)]) == "unit":
        return "unit"  # 市科技局、团市委配合落实: names closed by a role word (data/grammar/suffixes.csv)
    if _TEXT_END.search(c) or len(c) > 40:
        # a unit cell closed by a full stop (区工信局、区住建局,各乡镇人民政府。) is still units; names of
        # three characters or more that end as organisations do (推进园区,建设社区。 stays text)
        core = c[:-1] if c.endswith("。") else c
        names = [n for n in NAME_SEP.split(core) if n]
        if (len(names) >= 2 or len(core) <= 10) and len(core) <= 200 and "“" not in core and \
                all(ORG_END.search(ALIAS.sub("", n)) and 3 <= len(n) <= 16 for n in names):
            return "unit"
        return "text"
    if _DEADLINE.search(c) and len(c) <= 16:
        return "deadline"
    # 市财政局(国资委): the name before its alias; 区农业农村委*: a starred (leading) unit
    names = [ALIAS.sub("", n.rstrip("*")) for n in NAME_SEP.split(c) if n]
    if names and all(_UNIT_END.search(n) and len(n) >= 2 for n in names) and "“" not in c:
        return "unit"
    bare = c.replace(" ", "")
    if 2 <= len(bare) <= 4 and _HAN.match(bare) and len(names) <= 2 and not _MEASURE.search(bare):
        return "person" if len(bare) <= 3 or " " in c else "short"
    if len(bare) <= 6 and (not _HAN.match(bare) or _MEASURE.search(bare)):
        return "short"
    return "text"


# cost of a line of each kind in a column of each role; roles not listed cost _OTHER
_COST = {
    "unit": {"unit": 0.0, "person": 3.0, "deadline": 5.0, "short": 4.0, "text": 3.0},
    "person": {"unit": 2.0, "person": 0.0, "deadline": 3.0, "short": 2.0, "text": 2.0},
    "deadline": {"unit": 3.0, "person": 2.0, "deadline": 0.0, "short": 1.0, "text": 1.5},
    "task": {"unit": 1.0, "person": 1.0, "deadline": 1.5, "short": 1.0, "text": 0.0},
    "category": {"unit": 1.0, "person": 1.0, "deadline": 1.5, "short": 0.5, "text": 0.2},
}
_OTHER = {"unit": 1.0, "person": 0.3, "deadline": 0.3, "short": 0.3, "text": 0.3}
_EMPTY_TASK = 0.5  # a row names its task: leaving the task column empty costs this
_MORE_UNITS = 0.1  # each further line of a unit column (one unit per line)
_MORE_LEADS = 0.15  # a lead cell mostly names one unit: lines shared with a support column go to the support
_MORE_TEXT = 0.5  # each further line of any other column


def _cost_table(role: str) -> dict:
    if role in UNIT_COLUMNS:
        return _COST["unit"]
    return _COST.get(role, _OTHER)


def align_cells(roles: list[str], kinds: list[str]) -> list[list[int]]:
    """Assign the lines of one row (their :func:`cell_kind` in order) to columns (their roles in
    order): for each column the indices of its lines. Every line goes to one column, columns keep
    their order, any column may be empty; the assignment is the cheapest under a cost per line
    that says how well its kind fits the column (a unit line in a unit column costs nothing).

    Examples
    --------
    >>> align_cells(["task", "unit_free", "responsible", "assessor"], ["text", "short", "unit", "unit", "unit"])
    [[0], [1], [2, 3], [4]]
    >>> align_cells(["category", "task", "deadline", "person", "responsible", "note"], ["text", "text", "unit", "unit"])
    [[0], [1], [], [], [2, 3], []]
    """
    n, m = len(kinds), len(roles)
    inf = float("inf")
    # best[j][i]: cheapest cost of lines[:i] in columns[:j]; back[j][i]: lines taken by column j-1
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        role = roles[j - 1]
        table = _cost_table(role)
        many = role in UNIT_COLUMNS and role != "assessor"  # an assessor cell names one unit
        step = (_MORE_LEADS if role == "lead" else _MORE_UNITS) if many else _MORE_TEXT
        limit = min(n, MAX_UNIT_LINES if many else 3)
        for i in range(n + 1):
            base = best[j - 1][i] + (_EMPTY_TASK if role == "task" else 0.0)
            cost, take = base, 0
            run = 0.0
            for t in range(1, min(limit, i) + 1):
                run += table[kinds[i - t]] + (step if t > 1 else 0.0)
                c = best[j - 1][i - t] + run
                if c < cost:
                    cost, take = c, t
            best[j][i], back[j][i] = cost, take
    out: list[list[int]] = [[] for _ in range(m)]
    i = n
    for j in range(m, 0, -1):
        t = back[j][i]
        out[j - 1] = list(range(i - t, i))
        i -= t
    return out


# a section heading printed between table rows (``二、全力以赴扩投资``): an extract of a larger
# table keeps the headings of the rows it leaves out, so the next row's number may jump (3, 68)
_SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))[^。]{2,30}。?$")


def ragged_rows(norms: list[str], start: int, layout: TableLayout) -> tuple[list[list[list[int]]], int]:
    """Group and align the lines of a ragged one-cell-per-line table (header before ``start``).

    A row starts at a number cell continuing the sequence (the first row's number is any); the
    lines up to the next row's number are aligned (:func:`align_cells`) to the columns after the
    number column and, for the next row, those before it. The last row takes at most as many
    lines as it has columns plus its unit lines; the table ends before a line longer than a
    cell or a row of more than :data:`MAX_ROW_CELLS` lines.

    Returns the rows, each the list of line indices of every column of ``layout`` (empty for a
    cell left out), and the index of the line where the table ends.

    Examples
    --------
    >>> lay = TableLayout(["number", "task", "deadline", "person", "responsible"], ["序号", "工作任务", "完成时限", "责任领导", "责任股室"])
    >>> ragged_rows(["1", "抓项目。", "12月底前", "张三", "文化股", "文化馆", "2", "抓招商。", "旅游股"], 0, lay)
    ([[[0], [1], [2], [3], [4, 5]], [[6], [7], [], [], [8]]], 9)
    """
    cols = layout.columns
    k = cols.index("number")
    pre, post = cols[:k], cols[k + 1:]
    units_in = any(r in UNIT_COLUMNS for r in post)
    cells: list[int] = []  # non-blank lines from start
    numbers: list[int] = []  # positions in cells of the row numbers
    prev: Optional[int] = None
    end = len(norms)
    after_heading = False  # a section heading (二、…) just passed: the next row number may jump
    joined: set[int] = set()  # lines that continue the cell before them (no ``|`` line between)
    # lines that continue a cell cut after a list separator (区卫健委, / 魏武国控集团。: a wrap
    # inside a list of units, the same column whatever the table's bars say)
    wrapped: set[int] = set()
    sep = True
    open_list = False
    for i in range(start, len(norms)):
        c = norms[i].strip("| ")
        if not c:
            sep = sep or norms[i].strip() == "|"
            continue
        if not sep:
            joined.add(i)
        if open_list and not is_number_cell(c):
            wrapped.add(i)
        open_list = c[-1] in LIST_SEPARATORS
        sep = False
        if _SECTION_HEADING.match(c):
            after_heading = True  # a group heading between rows belongs to no column
            continue
        if len(c) > 200:
            end = i
            break
        if numbers and is_header_cell(c):
            end = i  # the header printed again (a new page): the table is read again from there
            break
        item = _ITEM_LINE.match(c) if numbers else None
        if item is not None and int(item.group(1)) == prev + 1:
            end = i  # the next number opening a text (5.深化…): the document goes on in items, not cells
            break
        if len(cells) - (numbers[-1] if numbers else 0) > MAX_ROW_CELLS:
            break  # no row number for too long: what follows is no row of this table
        if is_number_cell(c) and c[0] not in "一二三四五六七八九十(":
            n = number_of(c)
            jump = n > prev and (after_heading or len(cells) - numbers[-1] > len(post)) if numbers else False
            if prev is None or n == prev + 1 or jump:
                if numbers and len(cells) - numbers[-1] > MAX_ROW_CELLS:
                    end = cells[numbers[-1] + MAX_ROW_CELLS]
                    cells = cells[:numbers[-1] + MAX_ROW_CELLS]
                    break
                numbers.append(len(cells))
                prev = n
        after_heading = False
        cells.append(i)
    if not numbers or not units_in:
        return [], start
    # a table that prints a ``|`` line after every cell (each row number stands between two):
    # a cell wrapped over several lines is one cell, read as a whole
    piped = all(_between_bars(norms, cells[p]) for p in numbers)
    rows: list[list[list[int]]] = []
    joined = (joined if piped else set()) | wrapped
    lead_groups = _cell_groups(cells[:numbers[0]], joined)[-len(pre):] if pre else []
    lead_cols = _align_pre(pre, lead_groups, norms)
    for r, p in enumerate(numbers):
        last = r == len(numbers) - 1
        stop = numbers[r + 1] if not last else len(cells)
        seg = cells[p + 1:stop]
        if last:
            seg = seg[:len(post) + 8]
            end = (seg[-1] + 1) if seg else cells[p] + 1
            roles = post
        else:
            roles = post + pre
        groups = _cell_groups(seg, joined)
        kinds = [cell_kind("".join(norms[i].strip("| ") for i in g)) for g in groups]
        got = align_cells(roles, kinds)
        mine = [[i for t in g for i in groups[t]] for g in got[:len(post)]]
        rows.append(lead_cols + [[cells[p]]] + mine)
        lead_cols = [[i for t in g for i in groups[t]] for g in got[len(post):]] if not last else []
    return rows, end


def _between_bars(norms: list[str], i: int) -> bool:
    """Line ``i`` has a ``|``-only line before and after it (blank lines aside)."""
    def bar(step: int) -> bool:
        k = i + step
        while 0 <= k < len(norms) and not norms[k].strip():
            k += step
        return 0 <= k < len(norms) and norms[k].strip() == "|"
    return bar(-1) and bar(1)


def _cell_groups(seg: list[int], joined: set) -> list[list[int]]:
    """The lines of a row as cells: a line in ``joined`` continues the cell before it."""
    groups: list[list[int]] = []
    for i in seg:
        if groups and i in joined:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _align_pre(pre: list[str], groups: list[list[int]], norms: list[str]) -> list[list[int]]:
    if not pre:
        return []
    got = align_cells(pre, [cell_kind("".join(norms[i].strip("| ") for i in g)) for g in groups])
    return [[i for t in g for i in groups[t]] for g in got]


_GLUE_END = "股局馆"


def split_glued(cell: str) -> list[str]:
    """Unit names printed in one cell with nothing between them (``文化宣传股文化馆``): the cell is
    cut after a 股/局/馆 where what follows reads as a unit of three or more
    characters; a cell with a separator, or one that would leave a piece that is no unit, is
    kept whole.

    Examples
    --------
    >>> split_glued("文化宣传股文化馆"), split_glued("区委办公室"), split_glued("文化馆、图书馆")
    (['文化宣传股', '文化馆'], ['区委办公室'], ['文化馆、图书馆'])
    >>> split_glued("区司法局等有关部门")
    ['区司法局等有关部门']
    """
    c = cell.strip()
    if len(c) < 6 or NAME_SEP.search(c) or "(" in c:
        return [c]
    out, s = [], 0
    for i in range(2, len(c) - 2):
        if c[i] in _GLUE_END and i + 1 - s >= 3 and len(c) - i - 1 >= 3 and _UNIT_END.search(c[i + 1:]) \
                and _UNIT_END.search(c[s:i + 1]) and c[i + 1] != "等":  # 区司法局等有关部门: a list's tail
            out.append(c[s:i + 1])
            s = i + 1
    out.append(c[s:])
    return out if all(_UNIT_END.search(p) for p in out) else [c]
