"""Layout helpers for text copied out of online document viewers (doc-sharing sites).

Such a viewer prints a table with its cells glued together, no separator at all
(``序号工作内容目标任务责任单位备注1将…。市委宣传部、市城管委2完善…``), and cuts a long text into
chunks, each opening a line with its chunk number (``1、`` ``2、``), even inside a word
(``市`` / ``2、住建局``). :func:`join_viewer_chunks` removes the chunk numbers and joins the chunks;
:func:`unglue_tables` rewrites a glued table as pipe rows (``1 | 将… | 市委宣传部、市城管委 |``),
which :mod:`.tables` reads like any other.

Plain data in and out: text → (text, count of changes). Linear in the text length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .grammar import load_columns, load_grammar, names_number_column
from .lines import normalise

__all__ = ["join_viewer_chunks", "unglue_tables", "CHUNK_LINE"]

CHUNK_LINE = 300
"""A chunk of a viewer's text is at least this long (the last one excepted)."""

_CHUNK = re.compile(r"^\s*(\d{1,3})、")
_TERMINAL = set("。!?;)]】》”\"！？；）|")


def join_viewer_chunks(text: str) -> tuple[str, int]:
    """Join the chunks of a viewer's text: lines opening with ``k、`` for k = 2, 3 … in turn, each
    after a line at least :data:`CHUNK_LINE` long that stops mid-sentence (no closing punctuation),
    continue that line (blank lines between two chunks are dropped); the chunk numbers (``1、``
    of the first chunk too) are removed. A list whose items end their sentences is left alone.

    Returns the text and the number of chunks joined.

    Examples
    --------
    >>> body = "表" * 300
    >>> t, n = join_viewer_chunks(f"标题\\n1、{body}市\\n2、住建局。")
    >>> t == "标题\\n" + body + "市住建局。", n
    (True, 1)
    >>> join_viewer_chunks(f"1、{body}。\\n2、住建局。")[1]
    0
    >>> join_viewer_chunks(f"1、{body}市\\n\\n2、住建局。")[0] == body + "市住建局。"
    True
    """
    if "、" not in text:
        return text, 0
    lines = text.split("\n")
    if max(map(len, lines)) < CHUNK_LINE:  # no line long enough to be continued by a chunk
        return text, 0
    joins: list[int] = []  # indices of the lines that continue the line before them
    blanks: set[int] = set()  # blank lines between two joined chunks
    first: Optional[int] = None
    expect = 1
    for i, line in enumerate(lines):
        m = _CHUNK.match(line)
        if not m:
            continue
        k = int(m.group(1))
        if k == 1:
            first, expect = i, 2
            joins, blanks = [], set()
            continue
        j = i - 1
        while j > 0 and not lines[j].strip():  # a viewer may put a blank line between chunks
            j -= 1
        prev = lines[j].rstrip() if j >= 0 else ""
        if first is not None and k == expect and len(prev) >= CHUNK_LINE and prev[-1] not in _TERMINAL:
            joins.append(i)
            blanks.update(range(j + 1, i))
            expect += 1
        elif joins:
            break
        else:
            first = None
    if not joins or first is None:
        return text, 0
    out: list[str] = []
    join_set = set(joins)
    for i, line in enumerate(lines):
        if i in blanks:
            continue
        if i == first or i in join_set:
            line = _CHUNK.sub("", line, count=1)
        if i in join_set:
            out[-1] = out[-1].rstrip() + line
        else:
            out.append(line)
    return "\n".join(out), len(joins)


@lru_cache(maxsize=2)
def _header_re(words: tuple) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alts}){{3,}}")


_UNIT_END = "局办委会府室站所队院部厅处心司社馆团行组科股联园班"
# a deadline cell glued after the unit cell (全年, 长期, 12月底前, 2023年6月底, 年底前 …)
_GLUED_DEADLINE = re.compile(
    r"(全年|年内|年底前|长期(坚持|推进)?|持续(推进|开展)?|常态化(推进)?"
    r"|(\d{4}年)?\d{1,2}月(\d{1,2}日)?(底|末)?(前|以前)?|\d{4}年(底|末)?(前|以前)?)$")


@lru_cache(maxsize=2)
def _cell_unit_re(suffixes: tuple) -> re.Pattern:
    tails = "|".join(re.escape(w) for w in suffixes)
    return re.compile(rf"[^。;,、]{{2,40}}?[{_UNIT_END}](\([^()]{{1,12}}\))?(等部门|等单位|等)?({tails})?$")


def _unit_cell(row: str, deadline: bool = False) -> Optional[tuple[str, str]]:
    """A glued row → (its text cells, its unit cell): the units stand after the row's last
    sentence end, each name ending like a unit, the last one perhaps followed by a suffix of
    ``suffixes.csv`` (``等按职责分工负责``). With ``deadline`` the row ends with a deadline cell
    (``全年``), which is dropped; a row without one is cut and read as no row."""
    k = row.rfind("。")
    if k < 0:
        return None
    text, units = row[:k + 1], row[k + 1:]
    if deadline:
        m = _GLUED_DEADLINE.search(units)
        if m is None or m.start() == 0:
            return None
        units = units[:m.start()]
    names = re.split(r"[、,]", units)
    cell_unit = _cell_unit_re(tuple(w for w, _ in load_grammar().suffixes))
    # every name short; the cell ends like a unit (a 、 may stand inside a collective: 各市(县)、区政府)
    if not units or any(not 1 <= len(n) <= 40 for n in names) or not cell_unit.fullmatch(names[-1]):
        return None
    return text, units


def _next_row(line: str, n: int, start: int, deadline: bool = False) -> Optional[re.Match]:
    """Where row ``n`` starts: its number right after a unit's last character (or a bracket),
    followed by a Han character. With ``deadline`` (the row ends with a deadline cell) the first
    such number whose row before it ends with units and a deadline."""
    if not deadline:
        rx = re.compile(rf"(?<=[{_UNIT_END})])(?<!\d){n}(?=[\u4e00-\u9fff])")
        return rx.search(line, start)
    rx = re.compile(rf"(?<!\d){n}(?=[\u4e00-\u9fff])")
    return next((m for m in rx.finditer(line, start)  # a deadline right before the number, then the row
                 if _GLUED_DEADLINE.search(line, max(start, m.start() - 16), m.start())
                 and _unit_cell(line[start:m.start()], True)), None)


def unglue_tables(text: str) -> tuple[str, int]:
    """Rewrite tables whose cells are glued together as pipe rows.

    A glued header is a run of three or more column words of ``data/grammar/columns.csv``
    starting with a number column of two characters or more (``序号``, ``编号``) and naming exactly one unit column (``序号工作内容目标任务
    责任单位备注``). The rows follow it on the same line, each opening with its number (1, 2 …,
    right after the previous row's last unit); a row's unit cell is what follows its last
    ``。`` when every name there ends like a unit, its text cells are what precede it. The table
    ends at the first row without such a unit cell (a copy cut mid-row).

    Returns the text and the number of rows rewritten.

    Examples
    --------
    >>> t, n = unglue_tables("分工表序号工作内容责任单位备注1抓项目。区发改局、区财政局2稳就业。区人社局3抓")
    >>> print(t)
    分工表
    序号 | 工作内容 | 责任单位 |
    1 | 抓项目。 | 区发改局、区财政局 |
    2 | 稳就业。 | 区人社局 |
    3抓
    >>> n
    2

    Full-width punctuation reads the same (the rows are cut from the normalised line, the text
    before the table stays as written):

    >>> t, n = unglue_tables("分工表：序号工作内容责任单位备注1抓项目，稳投资。区发改局、各区（市）县政府2稳就业。区人社局3抓")
    >>> n, t.split("\\n")[0], t.split("\\n")[2]
    (2, '分工表：', '1 | 抓项目,稳投资。 | 区发改局、各区(市)县政府 |')
    """
    cols = load_columns()
    numbers = [w for w, r in cols.items() if r == "number" and len(w) >= 2]  # 序号, 编号: a glued header opens with one
    if not names_number_column(text):
        return text, 0
    rx = _header_re(tuple(cols))
    out: list[str] = []
    rows_total = 0
    for line in text.split("\n"):
        # read on the normalised line (full-width punctuation, traditional characters; char for
        # char, so its offsets are the line's): the rows are cut from it, the text before and
        # after the table stays as written
        norm = normalise(line) if len(line) > 20 and any(w in line for w in numbers) else ""
        m = rx.search(norm) if norm else None
        done = _unglue_line(norm, m, cols, written=line) if m else None
        if done is None:
            out.append(line)
            continue
        out.extend(done[0])
        rows_total += done[1]
    if not rows_total:
        return text, 0
    return "\n".join(out), rows_total


def _unglue_line(line: str, m: re.Match, cols: dict, written: Optional[str] = None) -> Optional[tuple[list[str], int]]:
    written = line if written is None else written
    words = re.findall("|".join(re.escape(w) for w in sorted(cols, key=len, reverse=True)), m.group())
    roles = [cols[w] for w in words]
    units = [w for w, r in zip(words, roles) if r in ("lead", "responsible", "support")]
    task = next((w for w, r in zip(words, roles) if r == "task"), None)
    if roles[0] != "number" or len(units) != 1 or task is None:
        return None
    after = roles[words.index(units[0]) + 1:]
    deadline = after == ["deadline"]  # 主要责任单位完成期限: each row ends with its deadline
    rest = line[m.end():]
    if not rest.startswith("1"):
        return None
    rows: list[str] = []
    num_start, pos, n = 0, 1, 1  # where row n's number and its cells start
    while True:
        nxt = _next_row(rest, n + 1, pos, deadline)
        end = nxt.start() if nxt else len(rest)
        cell = _unit_cell(rest[pos:end], deadline)
        if cell is None:
            break
        rows.append(f"{n} | {cell[0]} | {cell[1]} |")
        if nxt is None:
            num_start = len(rest)
            break
        num_start, pos, n = nxt.start(), nxt.end(), n + 1
    if not rows:
        return None
    head = [written[:m.start()]] if line[:m.start()].strip() else []
    tail = [written[m.end() + num_start:]] if rest[num_start:].strip() else []
    return head + [f"{words[0]} | {task} | {units[0]} |"] + rows + tail, len(rows)
