"""Layout helpers for two more table shapes of online document viewers (doc-sharing sites).

:mod:`.glued` reads a glued table with one unit column. Two shapes remain, both printed on one
line (after the viewer's chunks are joined):

* :func:`unglue_unit_columns`: cells glued with no separator under a header that names a lead
  and a support column (``序号项目名称主要内容区政府分管领导牵头单位配合单位``); the two unit
  cells of a row are one run of names (``何海平教育局经开区高新园(邹区镇)各街道``): the first
  unit is the lead, the others support; a person column before them takes the leading name (two or three characters);
* :func:`unspace_rows`: header and rows with their cells separated by spaces, rows followed by
  runs of figures (``序号 项目类别 项目名称 项目 地点 项目单位 … 1 产业平台建设 农家乐… 相关乡镇村
  县农办、相关乡镇村 2013.7-2017.12 … 3000 1500 …``); the unit cell is found by the header's
  column order, a group (category) column may be left out of a row.

Both rewrite the table as pipe rows (``1 | 农家乐… | 县农办、相关乡镇村 |``), which
:mod:`.tables` reads like any other. Column words come from ``data/grammar/columns.csv``.

Plain data in and out: text → (text, count of rows rewritten). Linear in the text length
(the name segmentation looks a bounded number of characters ahead).
"""

from __future__ import annotations

import heapq
import re
from functools import lru_cache
from typing import Optional

from .grammar import load_columns, names_number_column
from .lines import normalise

__all__ = ["unglue_unit_columns", "unspace_rows", "read_unit_run", "MAX_NAME", "MIN_ROWS", "MAX_RUN"]

MAX_NAME = 12
"""A unit name in a glued run is at most this many characters (a bracketed label not counted)."""

MIN_ROWS = 2
"""A table is rewritten only when at least this many of its rows are read."""

MAX_RUN = 400
"""A run of glued unit names is read over at most this many characters (one table cell)."""

_UNIT_ROLES = ("lead", "responsible", "support")
# a name ends with one of these: strong ends at any length, weak ends (places) only in a short name
_STRONG_END = ("局", "办", "委", "中心", "公司", "大队", "院", "所", "站", "部", "会", "联", "街道", "街办", "乡", "镇",
               "政府", "单位", "部门", "专班", "指挥部", "小组", "集团", "银行", "厅", "处", "队", "馆", "室", "股", "科")
_WEAK_END = ("区", "园", "村", "县", "市")
_WEAK_MAX = 4
_LAST_CHARS = frozenset(w[-1] for w in _STRONG_END + _WEAK_END)
_END_CHARS = "局办委室所站处厅科股队院会部"  # a name rarely opens with the character that ends one
_LEVEL = ("区", "市", "县", "省", "州", "镇", "乡", "各")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff()]")


def _name_end(s: str) -> bool:
    """Whether ``s`` (no bracket) reads as a whole unit name by its ending."""
    if len(s) < 3 or len(s) > MAX_NAME or not all("\u4e00" <= c <= "\u9fff" for c in s):
        return False
    if s.endswith(_STRONG_END):
        return True
    return s.endswith(_WEAK_END) and len(s) <= _WEAK_MAX


def _names_at(text: str, pos: int, limit: Optional[int] = None) -> list[int]:
    """The ends of the unit names that can start at ``pos`` (shortest first); a name may carry
    a bracketed label right after it (``高新园(邹区镇)``)."""
    ends = []
    for k in range(pos + 1, min(len(text) if limit is None else limit, pos + MAX_NAME) + 1):
        if not _HAN.match(text[k - 1]):
            break
        if k - pos >= 3 and text[k - 1] in _LAST_CHARS and _name_end(text[pos:k]):
            e = k
            if text.startswith("(", k):
                close = text.find(")", k, k + 10)
                if close < 0:
                    continue
                e = close + 1
            ends.append(e)
    return ends


def read_unit_run(text: str, pos: int, stop: Optional[re.Pattern] = None) -> tuple[list[str], int]:
    """Unit names glued one after the other from ``pos``: of the ways to cut the text into names
    the one that reaches furthest (not past a place where ``stop`` matches), then the one with
    most names opening with a level or collective character (区 市 县 … 各) less those opening
    with a character that ends names (办 局 委 …: ``区政府办下陆公安分局`` is 区政府办 + 下陆公安分局,
    not 区政府 + 办下陆公安分局), then the one with most names. Returns
    the names and where the run ends (``pos`` when none).

    Examples
    --------
    >>> read_unit_run("教育局经开区高新园(邹区镇)各街道市国有公司", 0)
    (['教育局', '经开区', '高新园(邹区镇)', '各街道', '市国有公司'], 22)
    >>> read_unit_run("晋陵公司轨道公司推进大庙弄核心区改造", 0)
    (['晋陵公司', '轨道公司'], 8)
    >>> read_unit_run("区政府办下陆公安分局", 0)[0]
    ['区政府办', '下陆公安分局']
    """
    limit = min(len(text), pos + MAX_RUN)
    best: dict[int, tuple] = {pos: (0, 0, -1)}  # position -> (level starts, names, previous position)
    todo = [pos]  # a heap: every cut moves forward, so positions are settled in increasing order
    while todo:
        p = heapq.heappop(todo)
        if p >= len(text) or p != pos and stop is not None and stop.match(text, p):
            continue
        level, count, _ = best[p]
        gain = 1 if text[p] in _LEVEL else -1 if text[p] in _END_CHARS else 0
        for e in _names_at(text, p, limit):
            cand = (level + gain, count + 1, p)
            if e not in best:
                heapq.heappush(todo, e)
                best[e] = cand
            elif cand[:2] > best[e][:2]:
                best[e] = cand
    end = max(best)
    names = []
    q = end
    while q != pos:
        prev = best[q][2]
        names.append(text[prev:q])
        q = prev
    return names[::-1], end


# ---------------------------------------------------------------- glued, two unit columns

@lru_cache(maxsize=2)
def _header_patterns(words: tuple) -> tuple[re.Pattern, re.Pattern]:
    cols = load_columns()
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    numbers = "|".join(re.escape(w) for w in words if cols.get(w) == "number" and len(w) >= 2)
    return re.compile(numbers), re.compile(f"([\u4e00-\u9fff]{{0,3}}?)({alt})")


def _glued_header(line: str, cols: dict) -> Optional[tuple[int, int, list[tuple[str, str]]]]:
    """A glued header in ``line``: (start, end, [(cell, role)]). It opens with a number column
    of two or more characters; each next cell is a column word, which may carry a prefix of up
    to three characters (``区政府分管领导``); it names a lead column followed by a support or
    responsible column, and at least one task column."""
    numbers, word = _header_patterns(tuple(cols))
    for m in numbers.finditer(line):
        pos, cells = m.end(), [(m.group(), "number")]
        while True:
            w = word.match(line, pos)
            if w is None:
                break
            cells.append((w.group(), cols[w.group(2)]))
            pos = w.end()
        roles = [r for _, r in cells]
        units = [r for r in roles if r in _UNIT_ROLES]
        if len(cells) >= 4 and "task" in roles and units[:1] == ["lead"] and len(units) == 2 \
                and roles.index("lead") + 1 == roles.index(units[1]) and line.startswith("1", pos):
            return m.start(), pos, cells
    return None


def unglue_unit_columns(text: str) -> tuple[str, int]:
    """Rewrite glued tables with a lead and a support column as pipe rows.

    The header (:func:`_glued_header`) is followed on the same line by rows 1, 2 …; in each row,
    after a sentence's ``。``, a person (when the header names a person column: two or three
    characters) and a run of unit names (:func:`read_unit_run`) stand; the first unit is the
    lead, the others support. A row may hold several such sentence–units groups (sub-rows):
    their units and persons are joined. The row ends at the next row number right after a
    run, or at the header printed again (a new page). A row without units (a copy cut before
    them) ends the table.

    Returns the text and the number of rows rewritten.

    Examples
    --------
    >>> t, n = unglue_unit_columns("序号项目名称主要内容分管领导牵头单位配合单位1稳就业新增就业1万人。"
    ...                            "何海平人社局高新园(邹区镇)各街道2抓项目开工10个。张菁区发改局区财政局3")
    >>> print(t)
    序号 | 主要内容 | 分管领导 | 牵头单位 | 配合单位 |
    1 | 稳就业新增就业1万人。 | 何海平 | 人社局 | 高新园(邹区镇)、各街道 |
    2 | 抓项目开工10个。 | 张菁 | 区发改局 | 区财政局 |
    3
    """
    if "。" not in text:
        return text, 0
    if not names_number_column(text):
        return text, 0
    cols = load_columns()
    out: list[str] = []
    total = 0
    for line in text.split("\n"):
        # read on the normalised line (full-width punctuation, traditional label words); the
        # rewritten rows are cut from it, the text before and after the table stays as written
        norm = normalise(line)
        h = _glued_header(norm, cols) if len(line) > 40 and "|" not in line else None  # pipe rows: read as they are
        done = _unglue_two_columns(norm, h, line) if h else None
        if done is None:
            out.append(line)
            continue
        out.extend(done[0])
        total += done[1]
    return ("\n".join(out), total) if total else (text, 0)


def _person_and_units(text: str, pos: int, with_person: bool, seen: set, stop: re.Pattern):
    """After a sentence end: (person, units, end) or None."""
    options = []
    for size in ((3, 2) if with_person else (0,)):
        who = text[pos:pos + size]
        if size and (len(who) < size or not all(_HAN.match(c) for c in who)):
            continue
        names, end = read_unit_run(text, pos + size, stop)
        if names:
            # a name is rarely cut before a level character (张菁 + 区发改局, not 张菁区 + 发改局)
            # then the reading that cuts the run into more names (张菁 + 民政局各街道, not 张菁民 + 政局各街道)
            rank = (who not in seen, who[-1:] in _LEVEL, not names[0].startswith(_LEVEL), -len(names),
                    (3, 2, 0).index(size))
            options.append((rank, who, names, end))
    if not options:
        return None
    _, who, names, end = min(options)
    return who, names, end


def _repeated_persons(rest: str) -> set:
    """The names of two to four characters written after a 。 more than once, each as long as it
    stays that frequent (何海平 in several rows, not 何海) and not ending in a level character
    (区 市 县 …, which opens the unit after the name): persons, which fixes their length."""
    counts: dict = {}
    for m in re.finditer("。", rest):
        for size in (2, 3, 4):
            w = rest[m.end():m.end() + size]
            if len(w) == size and all(_HAN.match(c) for c in w) and w[-1] not in _LEVEL:
                counts[w] = counts.get(w, 0) + 1
    longer: dict = {}  # name -> the highest count of a name one character longer
    for x, cx in counts.items():
        if len(x) > 2:
            longer[x[:-1]] = max(longer.get(x[:-1], 0), cx)
    return {w for w, c in counts.items() if c > 1 and longer.get(w, 0) != c}


def _unglue_two_columns(line: str, h, written: Optional[str] = None) -> Optional[tuple[list[str], int]]:
    written = line if written is None else written
    start, hend, cells = h
    header = line[start:hend]
    task = [c for c, r in cells if r == "task"][-1]
    person = next((c for c, r in cells if r == "person"), None)
    lead = next(c for c, r in cells if r == "lead")
    other = [c for c, r in cells if r in _UNIT_ROLES][1]
    rest = line[hend:]
    seen = _repeated_persons(rest)
    rows: list[str] = []
    n, pos, num_start = 1, 1, 0  # row n's number starts at num_start, its cells at pos
    # a row number (after the header printed again); compiled once per table
    number = re.compile(rf"(?:{re.escape(header)})?(\d{{1,6}})(?=[\u4e00-\u9fff])")

    def number_at(i: int, want: int) -> Optional[re.Match]:
        m = number.match(rest, i)
        return m if m and int(m.group(1)) == want else None

    while True:
        texts, persons, units, end = [], [], [], pos
        cur = pos
        while True:
            dot = rest.find("。", cur)
            if dot < 0 or rest.startswith(header, dot + 1):
                if dot >= 0 and units:
                    texts.append(rest[end:dot + 1])
                    end = dot + 1
                break
            got = _person_and_units(rest, dot + 1, person is not None, seen, number)
            if got is None:
                cur = dot + 1
                continue
            who, names, e = got
            texts.append(rest[end:dot + 1])
            if who:
                persons.append(who)
            units.append(names)
            end = cur = e
            if e == len(rest) or number_at(e, n + 1):
                break
        if not units:
            break
        leads = [u[0] for u in units]
        supports = [x for u in units for x in u[1:]]
        row = [str(n), "".join(texts)] + (["、".join(dict.fromkeys(persons))] if person else [])
        rows.append(" | ".join(row + ["、".join(dict.fromkeys(leads)), "、".join(dict.fromkeys(supports))]) + " |")
        m = number_at(end, n + 1)
        if m is None:
            num_start = end
            break
        n, pos, num_start = n + 1, m.end(), m.end() - len(str(n + 1))
    if len(rows) < MIN_ROWS:
        return None
    head = [written[:start]] if written[:start].strip() else []
    tail = [written[hend + num_start:]] if rest[num_start:].strip() else []
    hdr = " | ".join([cells[0][0], task] + ([person] if person else []) + [lead, other]) + " |"
    return head + [hdr] + rows + tail, len(rows)


# ---------------------------------------------------------------- cells separated by spaces

_TOKEN = re.compile(r"\S+")
_UNIT_SEP = re.compile(r"[、,;，；]")
_TAIL = re.compile(r"(等相关部门|等有关部门|等部门|等单位|等)$")


def _reads_as_units(cell: str) -> bool:
    """A cell of unit names: short names separated by 、 , ;, the first ending like a unit, no
    sentence end and no figure."""
    if "。" in cell or re.search(r"\d", cell) or len(cell) > 80:
        return False
    names = [_TAIL.sub("", n) for n in _UNIT_SEP.split(cell) if n]
    if not names or any(not 2 <= len(n) <= 20 for n in names):
        return False
    first = re.sub(r"\([^()]*\)$", "", names[0])
    return first.endswith(_STRONG_END) or first.startswith("各")


def _spaced_header(tokens: list[str], cols: dict) -> Optional[tuple[int, int, list[tuple[str, str]]]]:
    """A space-separated header among ``tokens``: (index of its first token, index after its
    last column word, [(cell, role)]). Two neighbouring tokens that make one column word
    together are one cell (``项目 地点``); a token that contains a column word takes its role
    (``项目类别``: category); other tokens end the header."""
    words = sorted(cols, key=len, reverse=True)

    def role_of(tok: str) -> Optional[str]:
        if tok in cols:
            return cols[tok]
        w = next((w for w in words if len(w) >= 2 and w in tok), None)
        return cols[w] if w and len(tok) <= len(w) + 3 else None

    for i, tok in enumerate(tokens):
        if tok not in cols or cols[tok] != "number" or len(tok) < 2:
            continue
        cells, j = [(tok, "number")], i + 1
        while j < len(tokens):
            pair = tokens[j] + tokens[j + 1] if j + 1 < len(tokens) else ""
            if pair in cols:
                cells.append((pair, cols[pair]))
                j += 2
                continue
            r = role_of(tokens[j])
            if r is None:
                break
            cells.append((tokens[j], r))
            j += 1
        roles = [r for _, r in cells]
        if "task" in roles and any(r in _UNIT_ROLES for r in roles) and len(cells) >= 3:
            return i, j, cells
    return None


def unspace_rows(text: str) -> tuple[str, int]:
    """Rewrite tables printed on one line with their cells separated by spaces as pipe rows.

    The header (a number column word, a task column and a unit column, each a token; a cell
    broken by a space is joined when the two halves make one column word) is followed, after
    any sub-header tokens, by rows: row ``n`` starts at the token ``n`` followed by a token that
    starts with a Han character, ``n`` = 1, 2 … in turn. The header's column order gives each
    row's unit cell; when that cell does not read as unit names, the row is tried with one, then
    two, of the category columns before the task column left out (a group cell spanning rows).
    A row whose unit cell cannot be found is not a task and is left out. The figures and text
    after the unit columns are not kept.

    Returns the text and the number of rows rewritten.

    Examples
    --------
    >>> line = ("项目规划表 序号 项目类别 项目名称 项目 地点 项目单位 建设起止年月 备注 * * 1 产业平台 农家乐建设 "
    ...         "某乡 县农办、相关乡镇村 2013.7-2017.12 3000 2 低丘开发 0 0 3 特色产业 基地建设 某村 "
    ...         "农业局、林业局等相关部门;各农业经营主体 2013.7 4 加工业建设 某村 林业局 2014")
    >>> t, n = unspace_rows(line)
    >>> print(t)
    项目规划表
    序号 | 项目名称 | 项目单位 |
    1 | 农家乐建设 | 县农办、相关乡镇村 |
    3 | 基地建设 | 农业局、林业局等相关部门;各农业经营主体 |
    4 | 加工业建设 | 林业局 |
    >>> n
    3
    """
    if "序" not in text and "编号" not in text:
        return text, 0
    cols = load_columns()
    out: list[str] = []
    total = 0
    for line in text.split("\n"):
        done = _unspace_line(line, cols) if line.count(" ") >= 8 and "|" not in line else None
        if done is None:
            out.append(line)
            continue
        out.extend(done[0])
        total += done[1]
    return ("\n".join(out), total) if total else (text, 0)


def _unspace_line(line: str, cols: dict) -> Optional[tuple[list[str], int]]:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    tokens = [line[a:b] for a, b in spans]
    h = _spaced_header(tokens, cols)
    if h is None:
        return None
    first, after, cells = h
    roles = [r for _, r in cells]
    unit_at = [k for k, r in enumerate(roles) if r in _UNIT_ROLES]
    if unit_at != list(range(unit_at[0], unit_at[0] + len(unit_at))):
        return None  # unit columns side by side
    task_at = max(k for k, r in enumerate(roles) if r == "task" and k < unit_at[0]) if any(
        r == "task" and k < unit_at[0] for k, r in enumerate(roles)) else None
    if task_at is None:
        return None
    droppable = sum(1 for r in roles[1:task_at] if r == "category")

    def row_start(j: int, n: int) -> bool:
        return tokens[j] == str(n) and j + 1 < len(tokens) and _HAN.match(tokens[j + 1][0]) is not None

    starts, n = [], 1
    for j in range(after, len(tokens)):
        if row_start(j, n):
            starts.append(j)
            n += 1
    if len(starts) < MIN_ROWS:
        return None
    rows: list[str] = []
    for a, b in zip(starts, starts[1:] + [len(tokens)]):
        row = tokens[a:b]
        for drop in range(droppable + 1):
            at = [k - drop for k in unit_at]
            if at[-1] < len(row) and all(_reads_as_units(row[k]) for k in at):
                rows.append(" | ".join([row[0], row[task_at - drop]] + [row[k] for k in at]) + " |")
                break
    if len(rows) < MIN_ROWS:
        return None
    head = line[:spans[first][0]].strip()
    hdr = " | ".join([cells[0][0], cells[task_at][0]] + [cells[k][0] for k in unit_at]) + " |"
    return ([head] if head else []) + [hdr] + rows, len(rows)
