"""Write the graph and its tables: CSV and XLSX (:mod:`.tables`), GEXF, GraphML and JSON
(:mod:`.graphs`), or everything at once (:func:`export_all`).

Every write is atomic; every table goes through one cell-safety rule (see :mod:`.tables`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis import metric_tables
from ..metrics import unit_section_matrix, unit_task_matrix
from .graphs import graph_scalar, sanitised_graph, write_gexf, write_graphml, write_json
from .tables import neutralise_frame, parse_report_dict, write_csv, write_workbook, write_xlsx

__all__ = [
    "EXPORT_FORMATS",
    "export_all",
    "graph_scalar",
    "neutralise_frame",
    "parse_report_dict",
    "sanitised_graph",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_json",
    "write_workbook",
    "write_xlsx",
]

EXPORT_FORMATS = ("gexf", "graphml", "json", "xlsx", "csv")


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
        t = metric_tables(G, seed=seed, load=load, balance=balance, centrality=centrality, clusters=clusters,
                          checks=checks)
        load, balance, centrality, clusters, checks = (t[k] for k in ("load", "balance", "centrality", "clusters", "checks"))
        unit_checks = t["unit_checks"]
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
            "unit_checks": (unit_checks, False),
            "unit_task": (unit_task_matrix(G), True),
            "unit_section": (unit_section_matrix(G), True),
        }
        for name, (df, index) in tables.items():
            out[f"csv:{name}"] = write_csv(df, d / f"{stem}_{name}.csv", index=index)
    return out
