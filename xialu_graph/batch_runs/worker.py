"""The work of one batch worker: read and analyse a document into two small tables and one row.

A worker never returns a Document: :func:`analyse_chunk` makes, per document, the unit
and task tables as uncompressed Arrow IPC bytes (~20 kB for 100 tasks) and the document's
measures as a dict, or a one-line reason when the document could not be read or analysed;
a local worker writes them as the document's part itself and sends back only its ``part.json``.
"""

from __future__ import annotations

import functools

from ..errors import InputError
from ..graph import (
    COLLECTIVE,
    build_graph,
    edge_weight,
    node_kind,
    project_units,
    task_id,
    task_nodes,
    unit_name,
    unit_nodes,
)
from ..metrics import gini, herfindahl, unit_load
from ..pipeline import read_document
from ..units import load_unit_tables
from .parts import write_part
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
        ``clusters``, ``resolution``, ``betweenness``, ``seed``.

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
    ...      "expand_collectives": True, "clusters": False, "resolution": 1.0,
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
    # the columns the panel writes, as plain lists (no sections, partners or DataFrame)
    load = unit_load(G, sections=False, partners=False, as_frame=False)
    names = load["unit"]
    n_tasks_of = load["n_tasks"]
    task_ids = [str(t.task_id) for t in doc.tasks if f"t:{t.task_id}" in G]
    n_t = len(task_ids)
    units = {
        "unit": names,
        "unit_kind": load["kind"],
        "n_lead": load["n_lead"],
        "n_support": load["n_support"],
        "n_responsible": load["n_responsible"],
        "n_tasks": n_tasks_of,
        "weighted_load": load["weighted_load"],
        "share": load["load_share"],
        "load_rank": load["load_rank"],
        "ranked": load["ranked"],
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
        cmap, n_clusters, modularity, task_cluster = _clusters(G, seed=settings["seed"], resolution=settings["resolution"])
        units["cluster"] = [cmap.get(u) for u in names]

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

    ranked = np.array(load["ranked"], dtype=bool)
    wl_r = np.array(load["weighted_load"], dtype=float)[ranked]
    lead_r = np.array(load["n_lead"], dtype=float)[ranked]
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


def _clusters(G, *, seed: int, resolution: float):
    """Co-responsibility clusters as the panel writes them, computed once.

    The partition of :func:`xialu_graph.metrics.co_responsibility_clusters` (seeded Louvain
    on the product projection of the non-collective units, clusters numbered from 1 by size
    then first name), its modularity, and each task's cluster as
    :func:`xialu_graph.metrics.task_clusters` assigns it (Barber's rule) — without the
    stability runs, Barber modularity and tables the panel does not write: the same labels
    for 12 ms of CPU a document against 32 ms through ``co_responsibility_clusters(n_runs=1)``
    and ``task_clusters`` (40 generated 100-task documents, a loaded machine). One run:
    further seeds only measure stability, which the panel does not hold.

    Returns
    -------
    tuple
        unit name → cluster, number of clusters, modularity (NaN without edges), task id → cluster.
    """
    import networkx as nx

    units = [u for u in unit_nodes(G) if node_kind(G, u) != COLLECTIVE]
    P = project_units(G, method="product", nodes=units)
    names = {u: unit_name(G, u) for u in units}
    found = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed) if units else []
    comms = [sorted(c, key=lambda v: names[v]) for c in found if len(c)]
    comms.sort(key=lambda c: (-len(c), names[c[0]]))
    label = {u: c for c, members in enumerate(comms, start=1) for u in members}
    if P.number_of_edges() == 0 or P.size(weight="weight") == 0:
        modularity = float("nan")
    else:
        modularity = float(nx.community.modularity(P, comms, weight="weight", resolution=resolution))
    by_name = {names[u]: label[u] for u in sorted(units, key=lambda u: (label[u], names[u]))}
    task_cluster: dict = {}
    if by_name:
        uc = {u: by_name[unit_name(G, u)] for u in unit_nodes(G) if unit_name(G, u) in by_name}
        m = sum(edge_weight(d, "weight") for _, _, d in G.edges(data=True))
        K: dict = {}
        for u, c in uc.items():
            K[c] = K.get(c, 0.0) + sum(edge_weight(d, "weight") for d in G[u].values())
        for t in task_nodes(G):
            w_by: dict = {}
            tot = 0.0
            for u, d in G[t].items():
                w = edge_weight(d, "weight")
                tot += w
                c = uc.get(u)
                if c is not None:
                    w_by[c] = w_by.get(c, 0.0) + w
            # the cluster maximising w_tc − d_t K_c / m; ties → smaller cluster id; none → -1
            best = max(sorted(w_by), key=lambda c: w_by[c] - (tot * K[c] / m if m else 0.0)) if w_by else -1
            task_cluster[task_id(G, t)] = int(best)
    return by_name, len(comms), modularity, task_cluster


def _ipc_bytes(columns: dict, schema) -> bytes:
    import pyarrow as pa

    # uncompressed: zstd took ~0.9 ms of CPU a document to write and ~0.4 ms to read back for the
    # panel, to save ~10 kB of disk a document (parts written compressed by earlier runs still read)
    table = pa.table(columns, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, schema) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def analyse_chunk(items, settings, *, out=None):
    """Worker entry point: ``[(index, path, key)] → [(index, part, part.json, or one-line reason)]``.

    A part is ``{"units": bytes, "tasks": bytes, "document": dict}``, the two tables as
    uncompressed Arrow IPC files (~20 kB for 100 tasks), for the parent to write. With ``out``
    (a worker that sees the run's folder: the local pool) the worker writes the part under
    ``out/parts/`` itself (:func:`~xialu_graph.batch_runs.parts.write_part`) and returns its
    ``part.json``: the parent then only collects small dicts.

    Parameters
    ----------
    items : list of (int, str, str)
        Index of the document in the run, its file, and its content key (the part's name).
    settings : dict
        The options, as for :func:`analyse_document`.
    out : Path, optional
        The run's output folder, when this process writes the parts.

    Returns
    -------
    list of (int, dict or str)
        Each index with its part (or its ``part.json`` with ``out``), or with one line saying
        why the document failed.

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> s = {"units": str(default_tables_dir()), "weights": {"lead": 1.0, "support": 0.5, "responsible": 1.0},
    ...      "expand_collectives": True, "clusters": False, "resolution": 1.0,
    ...      "betweenness": False, "seed": 0}
    >>> items = [(0, "data/raw/huangshigang_2021_excerpt.txt", "k0"), (1, "no/such/file.txt", "k1")]
    >>> res = analyse_chunk(items, s)
    >>> [i for i, _ in res], sorted(res[0][1]), res[0][1]["document"]["n_tasks"]
    ([0, 1], ['document', 'tasks', 'units'], 12)
    >>> res[1][1]
    'no/such/file.txt: no such file'
    >>> import tempfile, pathlib
    >>> written = analyse_chunk(items[:1], s, out=pathlib.Path(tempfile.mkdtemp()))
    >>> written[0][1]["key"], sorted(written[0][1]["files"])
    ('k0', ['tasks.arrow', 'units.arrow'])
    """
    schemas = arrow_schemas()
    results = []
    for idx, path, key in items:
        try:
            res = analyse_document(path, settings=settings)
            part = {
                "units": _ipc_bytes(res["units"], schemas["units_part"]),
                "tasks": _ipc_bytes(res["tasks"], schemas["tasks_part"]),
                "document": res["document"],
            }
        except Exception as e:  # noqa: BLE001 — a failure is a row of the failures table
            results.append((idx, one_line(e)))
        else:
            results.append((idx, part if out is None else write_part(out, key, part)))
    return results
