"""Tables to files: the one CSV writer, the one XLSX writer and the one cell-safety rule.

Every write is atomic (:func:`xialu_graph.files.atomic_path`). Every text cell, column name and
index label goes through :func:`xialu_graph.files.clean_cell`: characters XML cannot hold are
removed and text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab,
carriage return) gets a leading apostrophe — in CSV and XLSX alike.

Workbook sheets (:func:`write_xlsx`)
------------------------------------
tasks, assignments, units
    the document tables (``TASK_COLUMNS``, ``ASSIGNMENT_COLUMNS``, ``UNIT_COLUMNS`` of
    :mod:`xialu_graph.model`) when ``doc`` is given; otherwise the same information read from
    the graph (tasks: task_id, section_no, section, subsection_no, subsection, text, n_lead,
    n_support, n_responsible; assignments: task_id, unit, role, weight, via, unit_kind;
    units: unit, kind, n_tasks)
load, balance, lorenz, centrality, clusters, cluster_summary, checks
    :mod:`xialu_graph.metrics` tables
unit_task
    matrix of edge weights, one row per unit, one column per task (0 = not assigned);
    transposed when there are more tasks than an Excel sheet has columns
unit_section
    number of tasks of each unit in each section, one row per unit, one column per section
info
    key / value rows: graph metadata, modularity, stability, betweenness sampling …
说明
    the column legend: sheet, Chinese header, column key, English header, description

Headers are Chinese (:mod:`xialu_graph.glossary`); the English column keys — the names in the CSV
files and the API — are in the 说明 sheet rather than in a second header row, so that every sheet has
exactly one header row: Excel's sort, filter, tables and pivot tables, and ``pandas.read_excel``,
treat the first row as the header and everything below as data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis import metric_tables
from ..files import atomic_path, clean_cell
from ..glossary import concept
from ..graph import node_kind, task_id, task_nodes, unit_name, unit_nodes
from ..metrics import cluster_summary, unit_section_matrix, unit_task_matrix
from .graphs import graph_scalar
from .workbook import format_sheet, legend_frame, sheet_frame

__all__ = ["neutralise_frame", "write_csv", "write_workbook", "write_xlsx", "parse_report_dict"]

_EXCEL_MAX_COLS = 16384


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` with text cells, column names and index labels neutralised.

    Examples
    --------
    >>> neutralise_frame(pd.DataFrame({"a": ["=SUM(A1)", "ok"], "b": [-1, 2]})).values.tolist()
    [["'=SUM(A1)", -1], ['ok', 2]]
    """
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            out[c] = col.map(clean_cell, na_action="ignore")
    out.columns = [clean_cell(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
        out.index = pd.Index([clean_cell(v) for v in out.index], name=out.index.name)
    return out


def write_csv(df: pd.DataFrame, path, *, index: bool = False, encoding: str = "utf-8") -> Path:
    """Write a DataFrame as CSV, atomically, formula cells neutralised.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path
    index : bool, default False
    encoding : str, default "utf-8"
        Use "utf-8-sig" for Excel on Windows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_csv(pd.DataFrame({"a": ["=1"]}), pathlib.Path(tempfile.mkdtemp()) / "x.csv")
    >>> p.read_text(encoding="utf-8")
    "a\\n'=1\\n"
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        neutralise_frame(df).to_csv(tmp, index=index, encoding=encoding, lineterminator="\n")
    return path


def write_workbook(frames: dict, path, *, index: bool = False, legend: bool = True) -> Path:
    """One workbook, one sheet per table (name → DataFrame), ready to paste, written atomically.

    Every sheet has one header row of Chinese column names (:func:`xialu_graph.glossary.header`,
    the sheet name deciding scoped meanings; English ones under ``use_language("en")``), bold and frozen, with an autofilter; column widths
    fitted to the content (a CJK character counts double); numbers formatted by the glossary
    (shares as ``0.0%``, loads ``0.0``, counts ``0``, coefficients ``0.000``); task numbers that are
    numbers stored as numbers. Text cells are made safe (:func:`neutralise_frame`).

    Parameters
    ----------
    frames : dict
        Sheet name → DataFrame, or → (DataFrame, index) to write the index as the first column.
    path : str or Path
    index : bool, default False
        Write the index of frames given without a flag.
    legend : bool, default True
        Add a last sheet ``说明`` listing, for every column of every sheet, the Chinese header, the
        English column key (as in the CSV files and the API), the English header and a description
        (in English: a sheet ``Legend`` with the English header and the column key).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_workbook({"load": pd.DataFrame({"unit": ["=x"], "load_share": [0.25]})},
    ...                    pathlib.Path(tempfile.mkdtemp()) / "a.xlsx")
    >>> pd.read_excel(p, sheet_name="load").loc[0, "单位"]
    "'=x"
    >>> pd.read_excel(p, sheet_name="load").columns.tolist(), pd.ExcelFile(p).sheet_names
    (['单位', '工作量占比'], ['load', '说明'])
    """
    path = Path(path)
    written = {}
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, df in frames.items():
                idx = index
                if isinstance(df, tuple):
                    df, idx = df
                sheet = str(name)[:31]
                df = df.copy()
                df.attrs = {}
                out, fmts = sheet_frame(neutralise_frame(df), table=str(name), index=idx)
                out.to_excel(xw, sheet_name=sheet, index=idx)
                format_sheet(xw.sheets[sheet], out, fmts, index=idx)
                written[str(name)] = (df, idx)
            if legend and written:
                leg = legend_frame(written)
                leg_name = concept("workbook.legend")  # 说明, or Legend under --lang en
                out, fmts = sheet_frame(neutralise_frame(leg), table="说明", index=False)
                out.to_excel(xw, sheet_name=leg_name, index=False)
                format_sheet(xw.sheets[leg_name], out, fmts, index=False)
    return path


def parse_report_dict(doc) -> dict:
    """The parse report of a document as plain data (for JSON).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> parse_report_dict(xg.read_document("1、抓项目。[牵头单位:区发改局]\\n"))["n_tasks"]
    1
    """
    md = doc.metadata
    return {
        "source": md.source,
        "metadata": {k: getattr(md, k) for k in ("title", "notice_title", "issuer", "date", "index_number", "doc_number", "year", "place")},
        "n_tasks": len(doc.tasks),
        "n_sections": len(doc.sections),
        "n_subsections": len(doc.subsections),
        "n_assignments": len(doc.assignments),
        "line_kinds": doc.report.kind_counts(),
        "conventions": doc.report.conventions,
        "truncated": doc.report.truncated,
        "duplicates_merged": doc.report.duplicates_merged,
        "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in doc.report.warnings],
    }


def _graph_tables(G):

    trows = []
    for t in task_nodes(G):
        d = G.nodes[t]
        roles = [e.get("role") for e in G[t].values()]
        trows.append(
            {
                "task_id": task_id(G, t),
                "section_no": d.get("section_no", ""),
                "section": d.get("section", ""),
                "subsection_no": d.get("subsection_no", ""),
                "subsection": d.get("subsection", ""),
                "text": d.get("text", ""),
                "n_lead": roles.count("lead"),
                "n_support": roles.count("support"),
                "n_responsible": roles.count("responsible"),
            }
        )
    arows = []
    for t in task_nodes(G):
        for u, e in G[t].items():
            arows.append(
                {
                    "task_id": task_id(G, t),
                    "unit": unit_name(G, u),
                    "role": e.get("role", ""),
                    "weight": float(e.get("weight", 1.0)),
                    "via": e.get("via", ""),
                    "unit_kind": node_kind(G, u),
                }
            )
    urows = [{"unit": unit_name(G, u), "kind": node_kind(G, u), "n_tasks": G.degree(u)} for u in unit_nodes(G)]
    return pd.DataFrame(trows), pd.DataFrame(arows), pd.DataFrame(urows)


def _info_frame(G, frames: dict) -> pd.DataFrame:
    rows = [(f"graph.{k}", graph_scalar(v)) for k, v in G.graph.items()]
    rows += [("graph.units", sum(1 for _, d in G.nodes(data=True) if d.get("bipartite") == 0))]
    rows += [("graph.tasks", sum(1 for _, d in G.nodes(data=True) if d.get("bipartite") == 1))]
    rows += [("graph.edges", G.number_of_edges())]
    for name, df in frames.items():
        for k, v in getattr(df, "attrs", {}).items():
            if isinstance(v, pd.DataFrame):
                continue
            rows.append((f"{name}.{k}", graph_scalar(v)))
    return pd.DataFrame(rows, columns=["key", "value"]).astype({"key": "str", "value": "str"})


def write_xlsx(
    G,
    path,
    *,
    doc=None,
    load=None,
    balance=None,
    centrality=None,
    clusters=None,
    checks=None,
    seed: int = 0,
) -> Path:
    """One workbook with the document tables, the metrics and the two matrices.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph.
    path : str or Path
    doc : Document, optional
        Source of the tasks / assignments / units sheets (else read from the graph).
    load, balance, centrality, clusters, checks : pandas.DataFrame, optional
        Metric tables; computed (with ``seed``) when omitted.

    Returns
    -------
    Path
        Sheets listed in the module docstring.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a", kind="department")
    >>> G.add_node("t:1", bipartite=1, task_id="1", section_no="一", text="=1+1")
    >>> G.add_edge("u:a", "t:1", role="lead", weight=1.0, via="")
    >>> p = write_xlsx(G, pathlib.Path(tempfile.mkdtemp()) / "g.xlsx")
    >>> pd.read_excel(p, sheet_name="tasks").loc[0, "任务内容"]
    "'=1+1"
    """
    path = Path(path)
    t = metric_tables(G, seed=seed, load=load, balance=balance, centrality=centrality, clusters=clusters,
                      checks=checks)
    load, balance, centrality, clusters, checks = (t[k] for k in ("load", "balance", "centrality", "clusters", "checks"))
    unit_checks = t["unit_checks"]
    if doc is not None:
        tasks, assigns, units = doc.tasks_frame(), doc.assignments_frame(), doc.units_frame()
    else:
        tasks, assigns, units = _graph_tables(G)
    ut = unit_task_matrix(G)
    transposed = ut.shape[1] + 1 > _EXCEL_MAX_COLS
    if transposed:
        ut = ut.T
        ut.index.name = "task_id"
    lorenz = balance.attrs.get("lorenz")
    sheets = {
        "tasks": (tasks, False),
        "assignments": (assigns, False),
        "units": (units, False),
        "load": (load, False),
        "balance": (balance, False),
        "lorenz": (lorenz if isinstance(lorenz, pd.DataFrame) else pd.DataFrame(), False),
        "centrality": (centrality, False),
        "clusters": (clusters, False),
        "cluster_summary": (cluster_summary(G, clusters), False),
        "checks": (checks, False),
        "unit_checks": (unit_checks, False),
        "unit_task": (ut, True),
        "unit_section": (unit_section_matrix(G), True),
    }
    info = _info_frame(G, {"load": load, "balance": balance, "centrality": centrality, "clusters": clusters})
    if transposed:
        info.loc[len(info)] = ["unit_task.transposed", "True"]
    sheets["info"] = (info, False)
    write_workbook(sheets, path)
    return path


