"""Write the graph and its tables: GEXF, GraphML, node-link JSON, XLSX workbook, CSV.

Every write is atomic — the file is written to a temporary file in the same directory and
moved into place with :func:`os.replace`, so a reader never sees half a file and a failed
write leaves the old file untouched. Text cells that a spreadsheet would read as a formula
(beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are neutralised in CSV
and XLSX output by prefixing a single quote.

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

Matrices (:func:`unit_task_matrix`, :func:`unit_section_matrix`) are DataFrames indexed by
unit name (index name ``unit``), rows in the graph's unit order.
"""

from __future__ import annotations

import json
import math
import os
import re
from contextlib import suppress
from pathlib import Path

from .atomic import atomic_path, clean_cell, safe_cell  # noqa: F401  (atomic_path re-exported)
from .metrics.matrices import unit_section_matrix, unit_task_matrix  # noqa: F401  (re-exported)

import networkx as nx
import pandas as pd

__all__ = [
    "atomic_path",
    "neutralise",
    "neutralise_frame",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_json",
    "write_xlsx",
    "unit_task_matrix",
    "unit_section_matrix",
    "export_all",
    "EXPORT_FORMATS",
]

EXPORT_FORMATS = ("gexf", "graphml", "json", "xlsx", "csv")
_EXCEL_MAX_COLS = 16384
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
)
GREY = "#9e9e9e"


# -- atomic writes and cell safety: one implementation, in xialu_graph.atomic ---------------
neutralise = safe_cell
_clean_cell = clean_cell


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
            out[c] = col.map(_clean_cell, na_action="ignore")
    out.columns = [_clean_cell(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
        out.index = pd.Index([_clean_cell(v) for v in out.index], name=out.index.name)
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


# -- graph files ---------------------------------------------------------------------------
def _scalar(v):
    """An attribute value GraphML/GEXF can hold: finite numbers, XML-safe strings."""
    if isinstance(v, str):
        return _XML_UNSAFE.sub("", v)
    if isinstance(v, bool) or isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        return v
    if hasattr(v, "item") and callable(v.item):  # numpy scalars
        with suppress(Exception):
            return _scalar(v.item())
    if isinstance(v, (dict, list, tuple, set)):
        return json.dumps(v if not isinstance(v, set) else sorted(v), ensure_ascii=False, default=str)
    return None if v is None else _XML_UNSAFE.sub("", str(v))


# control characters (and lone surrogates / U+FFFE, U+FFFF) are not allowed in XML 1.0
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _sanitised(G, *, keep_viz: bool = False) -> nx.Graph:
    H = nx.Graph()
    H.graph.update({k: s for k, v in G.graph.items() if (s := _scalar(v)) is not None})
    for n, d in G.nodes(data=True):
        attrs = {}
        for k, v in d.items():
            if keep_viz and k == "viz":
                attrs[k] = v
                continue
            s = _scalar(v)
            if s is not None:
                attrs[k] = s
        H.add_node(_scalar(n), **attrs)
    for a, b, d in G.edges(data=True):
        H.add_edge(_scalar(a), _scalar(b), **{k: s for k, v in d.items() if (s := _scalar(v)) is not None})
    return H


def write_graphml(G, path) -> Path:
    """GraphML (attributes that are not scalars are written as JSON strings; None dropped).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.Graph(weights={"lead": 1.0}); G.add_edge("u:a", "t:1", weight=1.0)
    >>> H = nx.read_graphml(write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml"))
    >>> H.number_of_edges()
    1
    """
    path = Path(path)
    H = _sanitised(G)
    with atomic_path(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8")
    return path


def write_json(G, path) -> Path:
    """node-link JSON (:func:`networkx.node_link_data`, links under ``"edges"``), UTF-8.

    Examples
    --------
    >>> import tempfile, pathlib, json, networkx as nx
    >>> G = nx.Graph(); G.add_edge("u:甲", "t:1", weight=1.0)
    >>> p = write_json(G, pathlib.Path(tempfile.mkdtemp()) / "g.json")
    >>> len(json.loads(p.read_text(encoding="utf-8"))["edges"])
    1
    """
    path = Path(path)
    data = nx.node_link_data(G, edges="edges")
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, default=_json_default)
            fh.write("\n")
    return path


def _json_default(v):
    if hasattr(v, "item"):
        return v.item()
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    return str(v)


def _hex_rgb(h: str) -> dict:
    h = h.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}


def _layout(G, seed: int) -> dict:
    from .metrics._common import unit_side

    if G.number_of_nodes() == 0:
        return {}
    if G.number_of_nodes() <= 2000:
        return {n: (float(x), float(y)) for n, (x, y) in nx.spring_layout(G, seed=seed, weight="weight").items()}
    # large graphs: units on a circle by degree, tasks at the mean of their units, jittered
    import numpy as np

    rng = np.random.default_rng(seed)
    units = sorted(unit_side(G), key=lambda u: -G.degree(u))
    pos = {}
    for i, u in enumerate(units):
        a = 2 * math.pi * i / max(1, len(units))
        pos[u] = (math.cos(a), math.sin(a))
    for n in G:
        if n in pos:
            continue
        nb = [pos[u] for u in G[n] if u in pos]
        x = sum(p[0] for p in nb) / len(nb) if nb else 0.0
        y = sum(p[1] for p in nb) / len(nb) if nb else 0.0
        jx, jy = rng.normal(0, 0.05, 2)
        pos[n] = (x * 0.8 + jx, y * 0.8 + jy)
    return pos


def write_gexf(G, path, *, load=None, clusters=None, positions=None, seed: int = 0) -> Path:
    """GEXF 1.2 for Gephi, with ``viz`` size, colour and position on every node.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph.
    path : str or Path
    load : pandas.DataFrame, optional
        :func:`xialu_graph.metrics.unit_load`; unit size grows with ``weighted_load``
        (computed when omitted). Task size grows with the number of units.
    clusters : pandas.DataFrame, optional
        :func:`xialu_graph.metrics.co_responsibility_clusters`; units are coloured by cluster
        and tasks by the cluster they are assigned to (computed with ``seed`` when omitted);
        unclustered nodes are grey. Node attribute ``cluster`` is written too.
    positions : dict, optional
        node → (x, y); default a seeded spring layout (a cheap radial layout above 2000
        nodes), scaled to ±1000.
    seed : int, default 0

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a", kind="department")
    >>> G.add_node("t:1", bipartite=1, label="任务1", task_id="1")
    >>> G.add_edge("u:a", "t:1", role="lead", weight=1.0, via="")
    >>> H = nx.read_gexf(write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf"))
    >>> sorted(H.nodes), "viz" in H.nodes["u:a"]
    (['t:1', 'u:a'], True)
    """
    from .metrics import co_responsibility_clusters, task_clusters, unit_load
    from .metrics._common import task_side, unit_name

    path = Path(path)
    if load is None:
        load = unit_load(G, include_collectives=True)
    if clusters is None:
        clusters = co_responsibility_clusters(G, seed=seed, n_runs=1)
    wl = dict(zip(load["unit"], load["weighted_load"]))
    mx = max([v for v in wl.values() if v == v] or [1.0]) or 1.0
    ucl = dict(zip(clusters["unit"], clusters["cluster"]))
    tcl = dict(zip(task_side(G), task_clusters(G, clusters)["cluster"]))
    pos = positions if positions is not None else _layout(G, seed)
    xs = [abs(c) for p in pos.values() for c in p] or [1.0]
    scale = 1000.0 / (max(xs) or 1.0)
    H = _sanitised(G)
    for n in H:
        if G.nodes[n].get("bipartite") == 0:
            name = unit_name(G, n)
            c = ucl.get(name)
            size = 5.0 + 25.0 * math.sqrt(max(0.0, float(wl.get(name, 0.0))) / mx)
            alpha = 1.0
        else:
            c = tcl.get(n)
            size = 2.0 + 1.5 * G.degree(n)
            alpha = 0.6
        c = int(c) if c is not None and not pd.isna(c) and int(c) >= 0 else None
        colour = _hex_rgb(PALETTE[c % len(PALETTE)] if c is not None else GREY)
        colour["a"] = alpha
        x, y = pos.get(n, (0.0, 0.0))
        H.nodes[n]["cluster"] = -1 if c is None else c
        H.nodes[n]["viz"] = {
            "size": round(size, 3),
            "color": colour,
            "position": {"x": round(float(x) * scale, 3), "y": round(float(y) * scale, 3), "z": 0.0},
        }
    with atomic_path(path) as tmp:
        nx.write_gexf(H, tmp, encoding="utf-8", version="1.2draft")
    return path


# -- tables --------------------------------------------------------------------------------
def _graph_tables(G):
    from .metrics._common import kind, task_id, task_side, unit_name, unit_side

    trows = []
    for t in task_side(G):
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
    for t in task_side(G):
        for u, e in G[t].items():
            arows.append(
                {
                    "task_id": task_id(G, t),
                    "unit": unit_name(G, u),
                    "role": e.get("role", ""),
                    "weight": float(e.get("weight", 1.0)),
                    "via": e.get("via", ""),
                    "unit_kind": kind(G, u),
                }
            )
    urows = [{"unit": unit_name(G, u), "kind": kind(G, u), "n_tasks": G.degree(u)} for u in unit_side(G)]
    return pd.DataFrame(trows), pd.DataFrame(arows), pd.DataFrame(urows)


def _info_frame(G, frames: dict) -> pd.DataFrame:
    rows = [(f"graph.{k}", _scalar(v)) for k, v in G.graph.items()]
    rows += [("graph.units", sum(1 for _, d in G.nodes(data=True) if d.get("bipartite") == 0))]
    rows += [("graph.tasks", sum(1 for _, d in G.nodes(data=True) if d.get("bipartite") == 1))]
    rows += [("graph.edges", G.number_of_edges())]
    for name, df in frames.items():
        for k, v in getattr(df, "attrs", {}).items():
            if isinstance(v, pd.DataFrame):
                continue
            rows.append((f"{name}.{k}", _scalar(v)))
    return pd.DataFrame(rows, columns=["key", "value"]).astype({"key": "str", "value": "str"})


def _compute(G, *, load, balance, centrality, clusters, checks, seed):
    from .metrics import accountability_checks, co_responsibility_clusters, unit_centrality, unit_load, workload_balance

    if load is None:
        load = unit_load(G)
    if balance is None:
        balance = workload_balance(load)
    if centrality is None:
        centrality = unit_centrality(G, seed=seed)
    if clusters is None:
        clusters = co_responsibility_clusters(G, seed=seed)
    if checks is None:
        checks = accountability_checks(G)
    return load, balance, centrality, clusters, checks


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
    >>> pd.read_excel(p, sheet_name="tasks").loc[0, "text"]
    "'=1+1"
    """
    from .metrics import cluster_summary

    path = Path(path)
    load, balance, centrality, clusters, checks = _compute(
        G, load=load, balance=balance, centrality=centrality, clusters=clusters, checks=checks, seed=seed
    )
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
        "unit_task": (ut, True),
        "unit_section": (unit_section_matrix(G), True),
    }
    info = _info_frame(G, {"load": load, "balance": balance, "centrality": centrality, "clusters": clusters})
    if transposed:
        info.loc[len(info)] = ["unit_task.transposed", "True"]
    sheets["info"] = (info, False)
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, (df, index) in sheets.items():
                df = df.copy()
                df.attrs = {}
                neutralise_frame(df).to_excel(xw, sheet_name=name, index=index)
                ws = xw.sheets[name]
                ws.freeze_panes = "B2" if index else "A2"
    return path


def export_all(
    G,
    directory,
    *,
    doc=None,
    stem: str = "xialu",
    formats=EXPORT_FORMATS,
    seed: int = 0,
    load=None,
    balance=None,
    centrality=None,
    clusters=None,
    checks=None,
) -> dict:
    """Write every export format into ``directory``.

    Parameters
    ----------
    G : networkx.Graph
    directory : str or Path
        Created if missing.
    doc : Document, optional
        For the tasks / assignments / units tables.
    stem : str, default "xialu"
        File name stem: ``<stem>.gexf``, ``<stem>.graphml``, ``<stem>.json``,
        ``<stem>.xlsx``; CSV files are ``<stem>_<table>.csv`` for load, balance, lorenz,
        centrality, clusters, checks, unit_task, unit_section.
    formats : iterable of str, default EXPORT_FORMATS
    seed : int, default 0
    load, balance, centrality, clusters, checks : pandas.DataFrame, optional
        Precomputed metric tables.

    Returns
    -------
    dict
        format (or ``csv:<table>``) → Path written.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a", kind="department")
    >>> G.add_node("t:1", bipartite=1, task_id="1", section_no="一", text="x")
    >>> G.add_edge("u:a", "t:1", role="lead", weight=1.0, via="")
    >>> sorted(export_all(G, tempfile.mkdtemp(), formats=["json", "graphml"]))
    ['graphml', 'json']
    """
    formats = list(formats)
    unknown = set(formats) - set(EXPORT_FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {EXPORT_FORMATS}")
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out: dict = {}
    need = {"gexf", "xlsx", "csv"} & set(formats)
    if need:
        load, balance, centrality, clusters, checks = _compute(
            G, load=load, balance=balance, centrality=centrality, clusters=clusters, checks=checks, seed=seed
        )
    if "gexf" in formats:
        out["gexf"] = write_gexf(G, d / f"{stem}.gexf", load=load, clusters=clusters, seed=seed)
    if "graphml" in formats:
        out["graphml"] = write_graphml(G, d / f"{stem}.graphml")
    if "json" in formats:
        out["json"] = write_json(G, d / f"{stem}.json")
    if "xlsx" in formats:
        out["xlsx"] = write_xlsx(
            G, d / f"{stem}.xlsx", doc=doc, load=load, balance=balance, centrality=centrality,
            clusters=clusters, checks=checks, seed=seed,
        )
    if "csv" in formats:
        tables = {
            "load": (load, False),
            "balance": (balance, False),
            "lorenz": (balance.attrs.get("lorenz", pd.DataFrame()), False),
            "centrality": (centrality, False),
            "clusters": (clusters, False),
            "checks": (checks, False),
            "unit_task": (unit_task_matrix(G), True),
            "unit_section": (unit_section_matrix(G), True),
        }
        for name, (df, index) in tables.items():
            out[f"csv:{name}"] = write_csv(df, d / f"{stem}_{name}.csv", index=index)
    return out
