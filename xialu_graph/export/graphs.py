"""The graph to files: GEXF (Gephi), GraphML (yEd, networkx) and node-link JSON.

Attribute values are made scalar and XML-safe (:func:`graph_scalar`, the package's one
text-cleaning rule :func:`xialu_graph.files.xml_safe`); node ids are cleaned the same way, and two
distinct ids that clean to the same text are kept apart (a numbered suffix) instead of merging.
Colours come from :mod:`xialu_graph.palette` and positions from :mod:`xialu_graph.layout`, so
Gephi shows the graph as the figures and the views do.
"""

from __future__ import annotations

import json
import re
import math
from contextlib import suppress
from pathlib import Path


import networkx as nx
import pandas as pd

from ..files import XML_UNSAFE, atomic_path
from ..graph import task_nodes, unit_name
from ..layout import network_layout
from ..metrics import co_responsibility_clusters, task_clusters, unit_load
from ..palette import GREY, cluster_color, hex_rgb

__all__ = ["graph_scalar", "sanitised_graph", "write_gexf", "write_graphml", "write_json"]


def graph_scalar(v):
    """An attribute value GraphML/GEXF can hold: finite numbers, XML-safe strings."""
    if isinstance(v, str):
        return XML_UNSAFE.sub("", v)
    if isinstance(v, bool) or isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        return v
    if hasattr(v, "item") and callable(v.item):  # numpy scalars
        with suppress(Exception):
            return graph_scalar(v.item())
    if isinstance(v, (dict, list, tuple, set)):
        return json.dumps(v if not isinstance(v, set) else sorted(v), ensure_ascii=False, default=str)
    return None if v is None else XML_UNSAFE.sub("", str(v))




def sanitised_graph(G, *, keep_viz: bool = False) -> nx.Graph:
    """A copy of ``G`` that XML writers can hold: scalar, XML-safe attributes and node ids.

    Two ids that clean to the same text stay two nodes (the second gets ``~2``), so no unit is
    merged silently. The original id of a renamed node is kept in its ``id_original`` attribute.

    Examples
    --------
    >>> G = nx.Graph(); G.add_edge("u:区\x1b局", "t:1"); G.add_edge("u:区局", "t:1")
    >>> sorted(sanitised_graph(G).nodes)
    ['t:1', 'u:区局', 'u:区局~2']
    """
    H = nx.Graph()
    H.graph.update({k: s for k, v in G.graph.items() if (s := graph_scalar(v)) is not None})
    ids: dict = {}
    used: set = set()
    for n in G.nodes:
        base = graph_scalar(n)
        new, k = base, 1
        while new in used:
            k += 1
            new = f"{base}~{k}"
        used.add(new)
        ids[n] = new
    for n, d in G.nodes(data=True):
        attrs = {}
        for k, v in d.items():
            if keep_viz and k == "viz":
                attrs[k] = v
                continue
            s = graph_scalar(v)
            if s is not None:
                attrs[k] = s
        if ids[n] != n:
            attrs["id_original"] = graph_scalar(str(n))
        H.add_node(ids[n], **attrs)
    for a, b, d in G.edges(data=True):
        H.add_edge(ids[a], ids[b], **{k: s for k, v in d.items() if (s := graph_scalar(v)) is not None})
    H.graph["_ids"] = ids  # removed before writing; write_gexf maps original ids through it
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
    H = sanitised_graph(G)
    H.graph.pop("_ids", None)
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
    path = Path(path)
    if load is None:
        load = unit_load(G, include_collectives=True)
    if clusters is None:
        clusters = co_responsibility_clusters(G, seed=seed, n_runs=1)
    wl = dict(zip(load["unit"], load["weighted_load"]))
    mx = max([v for v in wl.values() if v == v] or [1.0]) or 1.0
    ucl = dict(zip(clusters["unit"], clusters["cluster"]))
    tcl = dict(zip(task_nodes(G), task_clusters(G, clusters)["cluster"]))
    pos = positions if positions is not None else {n: (x, -y) for n, (x, y) in network_layout(G, seed=seed).items()}
    if pos:
        cx = (max(p[0] for p in pos.values()) + min(p[0] for p in pos.values())) / 2
        cy = (max(p[1] for p in pos.values()) + min(p[1] for p in pos.values())) / 2
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
    xs = [abs(c) for p in pos.values() for c in p] or [1.0]
    scale = 1000.0 / (max(xs) or 1.0)
    H = sanitised_graph(G)
    ids = H.graph.pop("_ids")
    for n in G:
        h = ids[n]
        if G.nodes[n].get("bipartite") == 0:
            name = unit_name(G, n)
            c = ucl.get(name)
            size = 5.0 + 25.0 * math.sqrt(max(0.0, float(wl.get(name, 0.0))) / mx)
        else:
            c = tcl.get(n)
            size = 2.0 + 1.5 * G.degree(n)
        c = int(c) if c is not None and not pd.isna(c) and int(c) >= 1 else None
        colour = hex_rgb(cluster_color(c) if c is not None else GREY)
        x, y = pos.get(n, (0.0, 0.0))
        H.nodes[h]["cluster"] = -1 if c is None else c
        H.nodes[h]["viz"] = {
            "size": round(size, 3),
            "color": colour,
            "position": {"x": round(float(x) * scale, 3), "y": round(float(y) * scale, 3), "z": 0.0},
        }
    with atomic_path(path) as tmp:
        nx.write_gexf(H, tmp, encoding="utf-8", version="1.2draft")
        # networkx always writes an alpha; GEXF 1.2's viz:color r/g/b alone is what Gephi Lite reads
        # (with the alpha it shows every node grey), so the alpha is dropped.
        text = Path(tmp).read_text(encoding="utf-8")
        Path(tmp).write_text(_GEXF_ALPHA.sub(r"\1", text), encoding="utf-8")
    return path


_GEXF_ALPHA = re.compile(r'(<viz:color r="\d+" g="\d+" b="\d+") a="[^"]*"')


