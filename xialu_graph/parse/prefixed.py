"""Tables copied with each cell after the first on its own line behind a pipe (``新乡县`` /
``| 5.2`` / ``| 新乡县政府`` / ``|``): rewritten as pipe rows (``新乡县 | 5.2 | 新乡县政府 |``) by the
layout pass, so :mod:`.tables` reads them like any other.

Plain data in and out: text → (text, count of rows rewritten). Linear in the text length.
"""

from __future__ import annotations

import re

from .tables import is_header_cell

__all__ = ["join_prefixed_cells"]

_PREFIXED = re.compile(r"^\s*[|｜]\s*(\S.*)$")
_CLOSE = re.compile(r"^\s*[|｜]\s*$")
_ANY_PREFIXED = re.compile(r"(?:^|\n)[^\S\n]*[|｜]")  # a line opening with a bar, maybe indented
_FIRST_CELL = 40  # a row's first cell (its label) is at most this long


def _row_at(lines: list[str], i: int, first_cell: bool) -> tuple[list, int] | None:
    """The row starting at line ``i``: its cells (the first ``None`` when the row leaves it
    empty) and the line after its closing ``|``, or None."""
    cells: list = [None]
    j = i
    if first_cell and j < len(lines) and lines[j].strip() and not _PREFIXED.match(lines[j]) \
            and not _CLOSE.match(lines[j]) and len(lines[j].strip()) <= _FIRST_CELL:
        cells[0] = lines[j].strip()
        j += 1
    while j < len(lines) and _PREFIXED.match(lines[j]):
        cells.append(_PREFIXED.match(lines[j]).group(1).strip())
        j += 1
    if len(cells) < 2 or j >= len(lines) or not _CLOSE.match(lines[j]):
        return None
    return cells, j + 1


def join_prefixed_cells(text: str) -> tuple[str, int]:
    """Rewrite a table whose rows print their first cell on a line, every further cell on a line
    of its own after a ``|``, and a ``|``-only line at the row's end. A block of two or more such
    rows, those after the first with the same number of cells, is rewritten; its first row (the header) takes the line
    before its first ``|`` line as its first cell only when that line is a column word
    (``data/grammar/columns.csv``): otherwise that line is the table's caption and the header's
    first cell is empty (written ``||``, so the pipe-table reader keeps it).

    Returns the text and the number of rows rewritten.

    Examples
    --------
    >>> t, n = join_prefixed_cells("能耗指标\\n| 降低率\\n| 责任单位\\n|\\n新乡县\\n| 5.2\\n| 新乡县政府\\n|\\n获嘉县\\n| 5.1\\n| 获嘉县政府\\n|")
    >>> print(t)
    能耗指标
    || 降低率 | 责任单位 |
    新乡县 | 5.2 | 新乡县政府 |
    获嘉县 | 5.1 | 获嘉县政府 |
    >>> n
    3
    """
    if not _ANY_PREFIXED.search(text):
        return text, 0
    lines = text.split("\n")
    out: list[str] = []
    count = 0
    i = 0
    while i < len(lines):
        head = _PREFIXED.match(lines[i]) is not None
        block: list[list] = []
        j = i
        if head:  # a header whose first cell is empty or a column word on the line before
            got = _row_at(lines, i, False)
            if got and out and is_header_cell(out[-1].strip()):
                got[0][0] = out.pop().strip()
            while got and (len(block) < 2 or len(got[0]) == len(block[1])):  # the header may be narrower
                block.append(got[0])
                j = got[1]
                got = _row_at(lines, j, True)
        if len(block) >= 2:
            for cells in block:
                first = cells[0]
                rest = " | ".join(cells[1:])
                out.append(f"|| {rest} |" if first is None else f"{first} | {rest} |")
            count += len(block)
            i = j
            continue
        out.append(lines[i])
        i += 1
    if not count:
        return text, 0
    return "\n".join(out), count
