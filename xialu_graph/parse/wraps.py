"""Layout helper for text hard-wrapped at a fixed width, as text copied out of a PDF is.

Such a copy cuts every paragraph into lines of the same number of characters, so a numbered
item, its text and its assignment bracket stand on several lines. :func:`join_hard_wraps`
finds the width and joins each full line with the line after it, unless that line opens a
numbered item or a heading.

Plain data in and out: text → (text, count of lines joined). Linear in the text length.
"""

from __future__ import annotations

import re
from collections import Counter

from .grammar import load_grammar
from .lines import HEAD_START, ITEM_START, match_attachment, match_heading, match_item, normalise
from .tables import is_header_cell
from .woven import unit_line, unit_piece

__all__ = ["join_hard_wraps", "join_separator_lines", "wrap_width", "MIN_WIDTH", "MIN_WRAPPED", "WRAP_SHARE", "MAX_CANDIDATES"]

MIN_WIDTH = 15
"""A wrap width is at least this many characters."""

MIN_WRAPPED = 5
"""A document is hard-wrapped when at least this many lines have the wrap width …"""

WRAP_SHARE = 0.4
"""… and they are at least this share of the lines as long or longer."""

_LABEL_LINE = load_grammar().label_regex()

MAX_CANDIDATES = 3
"""The most common line lengths tried as the width, most common first."""


def wrap_width(lines: list[str]) -> int:
    """The width a text is hard-wrapped at, or 0 when it is not: the most common length ``w`` (at
    least :data:`MIN_WIDTH`; of the :data:`MAX_CANDIDATES` most common, the first that passes) of its distinct lines (trailing spaces dropped; a line written
    several times counted once; table rows, holding a tab or a ``|``, left out) when at least
    :data:`MIN_WRAPPED` lines have it and they are at least :data:`WRAP_SHARE` of the lines of
    length ``w`` or more. Paragraph lines vary in length, so a
    text that is not wrapped has no such length.

    Examples
    --------
    >>> wrap_width([f"推进项目建设加快产业发展完善{k}" for k in range(5)] + ["短"])
    15
    >>> wrap_width(["推进项目建设" * k for k in range(3, 9)])
    0
    >>> wrap_width(["主要协作单位:各乡镇人民政府、县政府有关部门"] * 5)  # one label line written five times
    0
    >>> wrap_width([f"({k})区招商服务中心牵头的工作。" for k in "一二三四五六"])  # items, each a sentence
    0
    """
    distinct = set(map(str.rstrip, lines))  # a line repeated (a label line, a record header) is counted once
    probe = "\n".join(distinct)  # looked at once, at C speed
    if "\t" in probe or "|" in probe:
        distinct = {s for s in distinct if "\t" not in s and "|" not in s}
    # counted at C speed (map, Counter), then the short lengths dropped: the parse's fast path
    # asks this of every document
    counts = Counter(map(len, distinct))
    for n in [n for n in counts if n < MIN_WIDTH]:
        del counts[n]
    if sum(counts.values()) < MIN_WRAPPED:
        return 0
    longer = Counter()
    running = 0
    for n in sorted(counts, reverse=True):
        running += counts[n]
        longer[n] = running
    # the most common lengths first: a site's page lines (…_第3页, 第3页 / 共8页) may outnumber
    # the wrapped lines of a short text, and are not a wrap
    for best in sorted(counts, key=lambda n: (-counts[n], n))[:MAX_CANDIDATES]:
        if counts[best] < MIN_WRAPPED:
            break
        if counts[best] < WRAP_SHARE * longer[best]:
            continue
        # a label line (牵头单位:…) starts a line of its own in any text: label lines of one length
        # under short items are no wrap, and do not count as wrapped lines
        full = [i for i, x in enumerate(lines) if len(x.rstrip()) == best and not _LABEL_LINE.match(normalise(x[:12]).lstrip())]
        if len({lines[i].rstrip() for i in full}) < max(MIN_WRAPPED, WRAP_SHARE * longer[best]):
            continue
        # a wrap falls anywhere: most full lines go on on the next line and do not end a sentence
        goes_on = sum(1 for i in full if i + 1 < len(lines) and not _opens_item(lines[i + 1]))
        ends = sum(1 for i in full if lines[i].rstrip()[-1] in "。!?！？")
        if 2 * goes_on > len(full) and 2 * ends < len(full):
            return best
    return 0


def _header_word(line: str) -> bool:
    """A column word on a line of its own (``序号``, ``牵 头 单 位``): a table's header starts, no
    wrapped text goes on."""
    c = line.strip()
    return bool(c) and len(c.replace(" ", "")) <= 8 and is_header_cell(normalise(c))


def _header_row(line: str) -> bool:
    """A line holding column words between spaces (``序号 类别 主要任务 … 参与单位``): a header row a
    wrap may cut before its last word."""
    return sum(1 for w in normalise(line).split() if is_header_cell(w)) >= 2


def _cell_table_start(lines: list[str]) -> float:
    """The index of the first line of a header written one cell per line (three column words on
    lines of their own in a row, blank lines aside), or infinity."""
    run: list[int] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _header_word(line):
            run.append(i)
            if len(run) >= 3:
                return run[0]
        else:
            run = []
    return float("inf")


def _opens_item(line: str) -> bool:
    n = normalise(line).strip()
    return (not n or n[0] in ITEM_START or n[0] in HEAD_START or match_item(n) is not None
            or match_heading(n) is not None or match_attachment(n) is not None)


def join_hard_wraps(text: str) -> tuple[str, int]:
    """Join the lines of a hard-wrapped text: a line at least :func:`wrap_width` long (no tab,
    no ``|``; a space at its end counted) is continued by the next line unless that one is blank or opens a numbered item
    or a heading or an attachment (``2.`` ``（三）`` ``四、`` ``附件2``), or merely could (it starts with a digit, a Chinese
    numeral, ``(`` or ``第``: a reader cannot tell such a line from a new item, so it is kept).
    A text holding a table of one cell per line between ``|`` lines is left to the table reader.
    The cut is joined as it is (spaces at it may separate two cells). A text that is not
    hard-wrapped is returned as it is.

    Returns the text and the number of lines joined.

    Examples
    --------
    >>> body = "\\n".join(["1.推进项目建设加快产业发展完善机"] + [f"制推进项目建设加快产业发展完善{k}" for k in range(5)]
    ...                   + ["制。(牵头单位:区发改局)", "2.抓项目。"])
    >>> t, n = join_hard_wraps(body)
    >>> n, t.split("\\n")[1]
    (6, '2.抓项目。')
    >>> join_hard_wraps("1.抓项目。\\n2.稳就业。")
    ('1.抓项目。\\n2.稳就业。', 0)
    """
    lines = text.split("\n")
    # a table with one cell per line between "|" lines: its cells' own line breaks are read by
    # the table reader (:mod:`.cells`), which knows where a cell ends
    width = 0 if "|" in text and any(x.strip() == "|" for x in lines) else wrap_width(lines)
    if not width:
        return text, 0
    out: list[str] = []
    joined = 0
    cont = False  # the line before is full: this one may continue it
    cells_from = _cell_table_start(lines)
    # in a table of one cell per line: the lines of this row read as unit cells' pieces, and the
    # number of its other lines (one: the row is on its first printed line)
    units_above: list[str] = []
    texts = 0
    for i, line in enumerate(lines):
        if i > cells_from:
            n = normalise(line).strip()
            if n.isdigit():
                units_above, texts = [], 0
            elif texts and unit_line(n, units_above, width=width, first_line=texts == 1):
                units_above.append(n)
                # a full task line followed by a unit cell's piece (or the end of a name cut on an
                # earlier one: 各区县政 / 府) is a table read across (:mod:`.woven`): the piece is the
                # next column, not the rest of the line
                cont = False
            elif n:
                texts += 1
            if cont and out and normalise(out[-1]).rstrip().endswith("。"):
                cont = False  # a task cell ends at its full stop
        if cont and not _opens_item(line) and not (_header_word(line) and not _header_row(out[-1])):
            out[-1] += line  # spaces at the cut are kept: they may separate two cells
            joined += 1
        else:
            out.append(line)
        last = out[-1]
        # a cut may fall right after a space, kept: the line's length counts it
        cont = len(line) >= width and "\t" not in last and "|" not in last
    return "\n".join(out), joined


# A list separator, a full stop or a closing bracket cannot open a line of its own: an item, a
# heading, a label or a table cell never starts with one, so such a line is the rest of the line
# before, cut by a wrap (…省发改委(省能源局) / 。列第一位者为牵头部门,下同)).
_SEPARATORS = ("、", "，", ",", "；", ";", "。", ")", "）", "]", "】")
_SEPARATOR_LINE = re.compile("\n[" + re.escape("".join(_SEPARATORS)) + "]")


def join_separator_lines(text: str) -> tuple[str, int]:
    """Join a line that starts with a list separator (``、街道办事处,谯城经开区管委会``), a full stop
    or a closing bracket to the line before it, when that line is not blank: a wrap cut a list of units just before a
    separator (a PDF copy, or a table cell wrapped in a web page). A line that *ends* with a
    separator is not joined here: the item reader already continues an item's text, and joining
    would hide that the item spans two lines of the file. Works whether or not the text is hard-wrapped at a fixed width
    (:func:`join_hard_wraps` only joins full lines), and in tables of one cell per line too,
    whose cells never start with a separator.

    A joined line is left blank, so the lines keep their numbers (a task's line is its line in
    the file).

    Returns the text and the number of lines joined.

    Examples
    --------
    >>> t, n = join_separator_lines("区发改委\\n\\n区工信局、各乡镇人民政府\\n、街道办事处,经开区管委会。\\n4")
    >>> n, t.split("\\n")[2:4]
    (1, ['区工信局、各乡镇人民政府、街道办事处,经开区管委会。', ''])
    >>> join_separator_lines("1.抓项目。\\n\\n、孤立的顿号行")
    ('1.抓项目。\\n\\n、孤立的顿号行', 0)
    >>> join_separator_lines("1.抓项目,\\n稳就业。")
    ('1.抓项目,\\n稳就业。', 0)
    """
    if not _SEPARATOR_LINE.search(text):  # one scan (five `in` scans for two-character needles cost 8x more)
        return text, 0
    out: list[str] = []
    joined = 0
    k = -1  # the line the next cut piece joins (the last line that was not joined to another)
    lines = text.split("\n")
    cells_from = _cell_table_start(lines)
    for i, line in enumerate(lines):
        head = line.lstrip(" \u3000\t")
        before = out[k].rstrip(" \u3000\t") if out else ""
        if i > cells_from and before and head.startswith(_SEPARATORS) and \
                unit_piece(normalise(before)) != unit_piece(normalise(head)):
            # a table read across (:mod:`.woven`): the task text goes on (,加快职能转变…) after a unit
            # cell's piece, or a unit cell (、区财政局) after the task's: not the rest of that line
            out.append(line)
            k = len(out) - 1
        elif before and "|" not in before and head.startswith(_SEPARATORS):
            out[k] = before + head
            out.append("")  # the line stays, blank: every later line keeps its number in the file
            joined += 1
        else:
            out.append(line)
            k = len(out) - 1
    return "\n".join(out), joined
