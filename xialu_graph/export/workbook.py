"""Workbook formatting: Chinese headers, number formats, widths, bold frozen header, autofilter.

Used by :func:`xialu_graph.export.tables.write_workbook`; openpyxl is imported by the caller's
``pandas.ExcelWriter`` only.
"""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

from ..glossary import FORMATS, LANGUAGES, concept, current_language, header, term, use_language

__all__ = ["display_width", "sheet_frame", "format_sheet", "legend_frame", "read_workbook"]

_ID_COLUMNS = {"task_id", "task_id_a", "task_id_b", "best_task"}
_NUMBER = re.compile(r"^[1-9]\d{0,8}$|^0$")
_SAMPLE_ROWS = 2000
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def display_width(text) -> int:
    """Columns a text takes in a spreadsheet: wide and full-width (CJK) characters count double.

    Examples
    --------
    >>> display_width("abc"), display_width("区发改局"), display_width("A区")
    (3, 8, 3)
    """
    text = str(text)
    if text.isascii():  # no ASCII character is wide or full-width: one column each (most cells are numbers)
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _fmt(column, table: str) -> str:
    if not isinstance(column, str):
        return "text"
    try:
        return term(column, table=table).fmt
    except KeyError:
        return "text"


def _as_number(v):
    """A task number as an int when it is one ('22' → 22); '附件2-3', '' and the rest unchanged."""
    if isinstance(v, str) and _NUMBER.match(v):
        return int(v)
    return v


def sheet_frame(df: pd.DataFrame, *, table: str, index: bool) -> tuple[pd.DataFrame, list]:
    """The frame as written (headers in the current language, Chinese by default; task numbers as
    numbers) and the format of each column.

    The formats list has one entry per written column, the index first when it is written.

    Examples
    --------
    >>> out, fmts = sheet_frame(pd.DataFrame({"task_id": ["22", "附件2-3"], "load_share": [0.5, 0.5]}),
    ...                         table="x", index=False)
    >>> out.columns.tolist(), out["任务编号"].tolist(), fmts
    (['任务编号', '工作量占比'], [22, '附件2-3'], ['id', 'share'])
    """
    out = df.copy()
    fmts = [_fmt(c, table) for c in out.columns]
    for c in out.columns:
        if c in _ID_COLUMNS:
            out[c] = out[c].map(_as_number).astype(object)
    if index:
        name = out.index.name
        if name in _ID_COLUMNS:
            out.index = pd.Index([_as_number(v) for v in out.index], name=name, dtype=object)
        fmts = [_fmt(name, table)] + fmts
        out.index.name = header(name, table=table) if isinstance(name, str) else name
    out.columns = [header(c, table=table) if isinstance(c, str) else c for c in out.columns]
    return out, fmts


def _shown(v, fmt: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        if fmt == "share":
            return f"{v * 100:.1f}%"
        if fmt == "load":
            return f"{v:.1f}"
        if fmt in ("ratio", "text", "flag"):
            return f"{v:.3f}"
        return f"{v:.0f}"
    return str(v)


def format_sheet(ws, df: pd.DataFrame, fmts: list, *, index: bool) -> None:
    """Bold frozen header, autofilter, number formats and fitted widths on a written sheet."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    n_cols = len(fmts)
    n_rows = len(df)
    if n_cols == 0:
        return
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.freeze_panes = "B2" if index else "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{n_rows + 1}"
    headers = ([df.index.name] if index else []) + list(df.columns)
    columns = ([list(df.index)] if index else []) + [df.iloc[:, j].tolist() for j in range(df.shape[1])]
    for j, (head, fmt, values) in enumerate(zip(headers, fmts, columns), start=1):
        number_format = FORMATS.get(fmt, "General")
        if fmt not in ("text", "flag"):
            for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows + 1, min_col=j, max_col=j):
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = number_format
        shown = [display_width(_shown(v, fmt)) for v in values[:_SAMPLE_ROWS]]
        width = max([display_width(head if head is not None else "")] + shown)
        ws.column_dimensions[get_column_letter(j)].width = max(_MIN_WIDTH, min(_MAX_WIDTH, width + 2))


def legend_frame(frames: dict) -> pd.DataFrame:
    """The 说明 sheet: one row per column of every written sheet that has a glossary entry.

    Under ``use_language("en")`` (the ``Legend`` sheet) the columns are sheet, English header and
    column key: the descriptions are written in Chinese only.

    Examples
    --------
    >>> legend_frame({"load": (pd.DataFrame({"unit": ["a"], "weighted_load": [1.0]}), False)}).iloc[1].tolist()
    ['load', '加权工作量', 'weighted_load', 'Weighted load', '加权工作量：牵头、配合、责任任务按权重相加']
    """
    rows = []
    for name, (df, idx) in frames.items():
        cols = ([df.index.name] if idx else []) + list(df.columns)
        for c in cols:
            if not isinstance(c, str):
                continue
            try:
                t = term(c, table=name)
            except KeyError:
                continue
            rows.append({"sheet": str(name)[:31], "header_zh": t.zh, "column": c, "header_en": t.en,
                         "description": t.description})
    if current_language() == "en":  # the shown header, then the key; the descriptions are written in Chinese only
        return pd.DataFrame(rows, columns=["sheet", "header_en", "column"])
    return pd.DataFrame(rows, columns=["sheet", "header_zh", "column", "header_en", "description"])


def read_workbook(path, *, sheet_name=None) -> dict:
    """Read a workbook written by :func:`~xialu_graph.export.write_workbook` back with the English keys.

    The 说明 (or, written in English, Legend) sheet maps each sheet's headers to the column keys; it is not
    returned.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from xialu_graph.export import write_workbook
    >>> p = write_workbook({"load": pd.DataFrame({"unit": ["a"], "n_tasks": [3]})}, pathlib.Path(tempfile.mkdtemp()) / "a.xlsx")
    >>> read_workbook(p)["load"].columns.tolist()
    ['unit', 'n_tasks']
    """
    book = pd.read_excel(path, sheet_name=None)
    legend = None
    for lang in LANGUAGES:  # 说明 (Chinese workbook) or Legend (--lang en)
        with use_language(lang):
            legend = book.pop(concept("workbook.legend"), legend)
    out = {}
    for name, df in book.items():
        if sheet_name is not None and name != sheet_name:
            continue
        if legend is not None:
            rows = legend[legend.iloc[:, 0] == name]
            df = df.rename(columns=dict(zip(rows.iloc[:, 1], rows.iloc[:, 2])))
        out[name] = df
    return out
