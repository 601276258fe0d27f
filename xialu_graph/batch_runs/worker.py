"""The work of one batch worker: read and analyse a document into two small tables and one row.

A worker never returns a Document: :func:`analyse_chunk` sends back, per document, the unit
and task tables as Arrow IPC bytes (a few kB) and the document's measures as a dict, or a
one-line reason when the document could not be read or analysed.
"""

from __future__ import annotations

import functools

from ..errors import InputError
from ..graph import build_graph, unit_nodes
from ..metrics import co_responsibility_clusters, gini, herfindahl, task_clusters, unit_load
from ..pipeline import read_document
from ..units import load_unit_tables
from .schema import arrow_schemas


@functools.lru_cache(maxsize=4)
def unit_tables(units_dir: str):
    """The unit tables of a folder, loaded once per process (a worker reuses them for every document).

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> unit_tables(str(default_tables_dir())) is unit_tables(str(default_tables_dir()))
    True
    """
    return load_unit_tables(units_dir)


def one_line(exc: BaseException) -> str:
    """An exception as one line of at most 300 characters (its type named unless an InputError).

    Examples
    --------
    >>> one_line(ValueError("bad value\\nmore detail"))
    'ValueError: bad value'
    >>> one_line(InputError("no tasks found"))
    'no tasks found'
    """
    text = str(exc).strip().splitlines()
    msg = text[0] if text else ""
    if not isinstance(exc, InputError):
        msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg[:300]


def analyse_document(path, *, settings: dict) -> dict:
    """Read and analyse one document into small tables (the work of one batch worker).

    Parameters
    ----------
    path : str
        The document file.
    settings : dict
        ``units`` (folder of unit tables), ``weights`` (role → weight), ``expand_collectives``,
        ``clusters``, ``cluster_runs``, ``resolution``, ``betweenness``, ``seed``.

    Returns
    -------
    dict
        ``units`` and ``tasks`` (column name → list of values, the part columns of
        :data:`UNIT_PANEL_COLUMNS` and :data:`TASK_PANEL_COLUMNS`) and ``document`` (the
        measures of :data:`DOCUMENT_PANEL_COLUMNS`).

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> s = {"units": str(default_tables_dir()), "weights": {"lead": 1.0, "support": 0.5, "responsible": 1.0},
    ...      "expand_collectives": True, "clusters": False, "cluster_runs": 1, "resolution": 1.0,
    ...      "betweenness": False, "seed": 0}
    >>> r = analyse_document("data/raw/huangshigang_2021_excerpt.txt", settings=s)
    >>> r["document"]["place"], r["document"]["n_tasks"], r["units"]["unit"][0]
    ('黄石港区', 12, '区发改(商务)局')
    """
    import numpy as np

    doc = read_document(path, unit_tables=unit_tables(settings["units"]))
    if not doc.tasks:
        raise InputError("no tasks found", source=str(path))
    G = build_graph(doc, weights=settings["weights"], collectives="expand" if settings["expand_collectives"] else "keep")
    load = unit_load(G)
    names = load["unit"].tolist()
    n_tasks_of = load["n_tasks"].tolist()
    task_ids = [str(t.task_id) for t in doc.tasks if f"t:{t.task_id}" in G]
    n_t = len(task_ids)
    units = {
        "unit": names,
        "unit_kind": load["kind"].tolist(),
        "n_lead": load["n_lead"].tolist(),
        "n_support": load["n_support"].tolist(),
        "n_responsible": load["n_responsible"].tolist(),
        "n_tasks": n_tasks_of,
        "weighted_load": load["weighted_load"].tolist(),
        "share": [_opt(x, float) for x in load["load_share"]],
        "load_rank": [_opt(x, int) for x in load["rank"]],
        "ranked": load["ranked"].tolist(),
        "degree": [k / n_t if n_t else 0.0 for k in n_tasks_of],
        "betweenness": [float("nan")] * len(names),
        "cluster": [None] * len(names),
    }
    if settings["betweenness"]:
        from networkx.algorithms import bipartite

        node_of = {G.nodes[u]["label"]: u for u in unit_nodes(G)}
        bet = bipartite.betweenness_centrality(G, list(node_of.values()))
        units["betweenness"] = [float(bet[node_of[u]]) for u in names]
    n_clusters, modularity = None, float("nan")
    task_cluster: dict = {}
    if settings["clusters"]:
        cl = co_responsibility_clusters(
            G, seed=settings["seed"], n_runs=settings["cluster_runs"], resolution=settings["resolution"]
        )
        cmap = dict(zip(cl["unit"], (int(c) for c in cl["cluster"])))
        units["cluster"] = [cmap.get(u) for u in names]
        n_clusters = int(cl.attrs.get("n_clusters", len(set(cmap.values()))))
        modularity = _num(cl.attrs.get("modularity"))
        if len(cl):
            tc = task_clusters(G, cl)
            task_cluster = dict(zip(tc["task_id"].astype(str), (int(c) for c in tc["cluster"])))

    tasks: dict = {c: [] for c in arrow_schemas()["tasks_part"].names}
    n_edges = n_coll_edges = 0
    for t in doc.tasks:
        tn = f"t:{t.task_id}"
        if tn not in G:
            continue
        c = {"lead": 0, "support": 0, "responsible": 0}
        wl = 0.0
        via = 0
        for u, d in G[tn].items():
            c[d.get("role", "responsible")] += 1
            wl += float(d.get("weight", 1.0))
            if d.get("via") or G.nodes[u].get("kind") == "collective":
                via += 1
        k = len(G[tn])
        n_edges += k
        n_coll_edges += via
        for col, v in (
            ("task_id", str(t.task_id)), ("section_no", t.section_no or ""), ("section", t.section or ""),
            ("line", int(t.line_start)), ("n_units", k), ("n_lead", c["lead"]), ("n_support", c["support"]),
            ("n_responsible", c["responsible"]), ("n_via_collective", via), ("has_lead", c["lead"] > 0),
            ("weighted_load", wl), ("cluster", task_cluster.get(str(t.task_id)) if settings["clusters"] else None),
        ):
            tasks[col].append(v)

    ranked = load["ranked"].to_numpy(bool)
    wl_r = load["weighted_load"].to_numpy(float)[ranked]
    lead_r = load["n_lead"].to_numpy(float)[ranked]
    top5 = float(np.sort(wl_r)[::-1][:5].sum() / wl_r.sum()) if wl_r.size and wl_r.sum() > 0 else float("nan")
    md = doc.metadata
    document = {
        "place": md.place or "",
        "year": int(md.year) if md.year else None,
        "title": md.title or "",
        "date": md.date or "",
        "format": doc.report.conventions.get("format", ""),
        "n_tasks": n_t,
        "n_units": len(names),
        "n_ranked_units": int(ranked.sum()),
        "n_assignments": G.number_of_edges(),
        "gini": gini(wl_r),
        "hhi": herfindahl(wl_r),
        "top5_share": top5,
        "gini_lead": gini(lead_r),
        "collective_share": n_coll_edges / n_edges if n_edges else float("nan"),
        "no_lead_share": sum(1 for h in tasks["has_lead"] if not h) / n_t if n_t else float("nan"),
        "n_clusters": n_clusters,
        "modularity": modularity,
        "n_warnings": len(doc.report.warnings),
        "truncated": bool(doc.report.truncated),
    }
    return {"units": units, "tasks": tasks, "document": document}


def _opt(x, cast):
    """``cast(x)``, or None for a missing value (pandas NA, NaN, None)."""
    import pandas as pd

    return None if pd.isna(x) else cast(x)


def _num(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _ipc_bytes(columns: dict, schema) -> bytes:
    import pyarrow as pa

    table = pa.table(columns, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, schema, options=pa.ipc.IpcWriteOptions(compression="zstd")) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def analyse_chunk(items, settings):
    """Worker entry point: ``[(index, path)] → [(index, part or one-line reason)]``.

    A part is ``{"units": bytes, "tasks": bytes, "document": dict}``, the two tables as
    Arrow IPC files (a few kB): the parent only writes them.

    Parameters
    ----------
    items : list of (int, str)
        Index of the document in the run and its file.
    settings : dict
        The options, as for :func:`analyse_document`.

    Returns
    -------
    list of (int, dict or str)
        Each index with its part, or with one line saying why the document failed.

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> s = {"units": str(default_tables_dir()), "weights": {"lead": 1.0, "support": 0.5, "responsible": 1.0},
    ...      "expand_collectives": True, "clusters": False, "cluster_runs": 1, "resolution": 1.0,
    ...      "betweenness": False, "seed": 0}
    >>> res = analyse_chunk([(0, "data/raw/huangshigang_2021_excerpt.txt"), (1, "no/such/file.txt")], s)
    >>> [i for i, _ in res], sorted(res[0][1]), res[0][1]["document"]["n_tasks"]
    ([0, 1], ['document', 'tasks', 'units'], 12)
    >>> res[1][1]
    'no/such/file.txt: no such file'
    """
    schemas = arrow_schemas()
    out = []
    for idx, path in items:
        try:
            res = analyse_document(path, settings=settings)
            part = {
                "units": _ipc_bytes(res["units"], schemas["units_part"]),
                "tasks": _ipc_bytes(res["tasks"], schemas["tasks_part"]),
                "document": res["document"],
            }
        except Exception as e:  # noqa: BLE001 — a failure is a row of the failures table
            out.append((idx, one_line(e)))
        else:
            out.append((idx, part))
    return out
