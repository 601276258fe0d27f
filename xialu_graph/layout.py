"""The one layout of the package: where each node of a graph is drawn.

The interactive views, the briefing figures and the Gephi export all place a graph with
:func:`network_layout`, so a reader who moves from the figure to the view to Gephi finds every
unit where it was. Components are laid out one by one (Kamada–Kawai from a seeded spring start
up to 250 nodes, a spring layout up to 600, a cut-off force layout beyond) and shelf-packed,
largest first, so isolated units do not squeeze the main component into a corner; nodes
left standing on each other (a collective's members, named together on almost every task) are
then spread apart (:func:`spread_overlaps`). The cluster view and figure box each cluster
(:func:`cluster_layout`), the same component layouts inside each box. Deterministic for a given seed. Coordinates are in pixels with y pointing down (as in the
browser); figures flip y.

Kept here rather than in networkx because networkx has no component packing and its spring
layout is O(n²) per iteration; :func:`force_layout` uses a k-d tree cut-off (scipy).
"""

from __future__ import annotations

import math
from typing import Optional

import networkx as nx

__all__ = ["network_layout", "cluster_layout", "remember_layout", "force_layout", "pack_components", "spread_overlaps", "push_apart", "OVERLAP_GAP"]


def force_layout(nodes: list, edges: list, *, seed: int = 0, iterations: int = 80) -> dict:
    """Fruchterman–Reingold with a neighbour cut-off (k-d tree), O(n) per iteration.

    For graphs too large for :func:`networkx.spring_layout` (which is O(n²) per iteration).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    if edges:
        e = np.array([(index[a], index[b]) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    else:
        e = np.zeros((0, 2), dtype=np.int64)
    k, cutoff = 1.0, 3.0
    t = side / 8.0
    dt = t / (iterations + 1)
    center = np.array([side / 2, side / 2])
    def scatter(idx, f):
        return np.stack([np.bincount(idx, weights=f[:, 0], minlength=n),
                         np.bincount(idx, weights=f[:, 1], minlength=n)], axis=1)

    for _ in range(iterations):
        disp = (center - pos) * 0.02  # mild gravity keeps components together
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            d2 = np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-6)
            f = delta * (k * k / d2)[:, None]
            disp += scatter(i, f) - scatter(j, f)
        if len(e):
            delta = pos[e[:, 0]] - pos[e[:, 1]]
            d = np.sqrt(np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-6))
            f = delta * (d / k)[:, None]
            disp += scatter(e[:, 1], f) - scatter(e[:, 0], f)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, t)[:, None]
        t = max(t - dt, 0.01)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _component_layout(G, nodes: list, seed: int, weight) -> dict:
    """Layout of one connected component, in arbitrary units."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0)}
    H = _ordered_subgraph(G, nodes)
    if n <= 250:
        init = nx.spring_layout(H, seed=seed, weight=weight)
        return nx.kamada_kawai_layout(H, pos=init, weight=None)
    if n <= 600:
        return nx.spring_layout(H, seed=seed, weight=weight, k=1.6 / math.sqrt(n))
    return force_layout(nodes, list(H.edges), seed=seed)


def _ordered_subgraph(G, nodes: list):
    """The subgraph on ``nodes`` with its nodes in the order given. ``G.subgraph`` of a small part
    of a graph iterates its nodes in the order of a set of them, which changes with the hash seed
    of the process: the layouts (which read the node order) would too."""
    H = nx.Graph()
    H.add_nodes_from((v, G.nodes[v]) for v in nodes)
    keep = set(nodes)
    H.add_edges_from((u, v, d) for u in nodes for v, d in G.adj[u].items() if v in keep)
    return H


def pack_components(parts: list, *, aspect: float = 1.0) -> dict:
    """Shelf-pack component layouts (largest first) into one picture, in pixels, about ``aspect``
    times as wide as it is high."""
    boxes = []
    for pos in parts:
        n = len(pos)
        side = 90.0 * math.sqrt(n) if n > 2 else 90.0 * n
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        scaled = {v: ((p[0] - cx) / span * side, (p[1] - cy) / span * side) for v, p in pos.items()}
        boxes.append((side + 60.0, scaled))
    total = math.sqrt(sum(b[0] ** 2 for b in boxes))
    width = max(boxes[0][0], total * 1.15 * math.sqrt(aspect))
    out: dict = {}
    x = y = row_h = 0.0
    for size, scaled in boxes:
        if x > 0 and x + size > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v, (px, py) in scaled.items():
            out[v] = (round(x + size / 2 + px, 1), round(y + size / 2 + py, 1))
        x += size
        row_h = max(row_h, size)
    return out


OVERLAP_GAP = 60.0
"""Pixels between neighbouring units once spread (about the width of a four-character name)."""


def spread_overlaps(G, pos: dict, *, gap: float = OVERLAP_GAP) -> dict:
    """Units laid out on top of each other, spread apart. Units with (nearly) the same neighbours
    — the members of a collective, named together on almost every task — are placed by any layout
    that reads only the graph at (nearly) one point. Each group of two or more nodes of the same
    side of the bipartite graph (``bipartite`` attribute; every node when it has none) standing
    within ``gap / 2`` pixels of one another (chained) is spread on a circle around where it stood,
    ``gap`` pixels apart (at most ``2 * gap`` from the centre for a large group), in the graph's
    node order: deterministic.

    Examples
    --------
    >>> G = nx.Graph([("a", "t1"), ("b", "t1"), ("c", "t1")])
    >>> nx.set_node_attributes(G, {"a": 0, "b": 0, "c": 0, "t1": 1}, "bipartite")
    >>> pos = spread_overlaps(G, {"a": (0.0, 0.0), "b": (0.0, 4.0), "c": (90.0, 0.0), "t1": (0.0, 2.0)})
    >>> pos["a"], pos["b"], pos["c"], pos["t1"]
    ((0.0, -28.0), (0.0, 32.0), (90.0, 0.0), (0.0, 2.0))
    """
    close = gap / 2
    out = dict(pos)
    side = nx.get_node_attributes(G, "bipartite")
    nodes = list(G.nodes)
    # single-linkage groups on a grid of close-sized cells (each node looks at its 9 cells)
    cells: dict = {}
    for v in nodes:
        x, y = pos[v]
        cells.setdefault((side.get(v), int(x // close), int(y // close)), []).append(v)
    parent = {v: v for v in nodes}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for (s, cx, cy), members in cells.items():
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for w in cells.get((s, cx + dx, cy + dy), ()):
                    for v in members:
                        if v != w and math.dist(pos[v], pos[w]) < close:
                            parent[root(v)] = root(w)
    groups: dict = {}
    for v in nodes:
        groups.setdefault(root(v), []).append(v)
    for members in groups.values():
        k = len(members)
        if k < 2:
            continue
        cx = sum(pos[v][0] for v in members) / k
        cy = sum(pos[v][1] for v in members) / k
        radius = min(gap / (2 * math.sin(math.pi / k)), 2 * gap)
        for i, v in enumerate(members):
            a = -math.pi / 2 + 2 * math.pi * i / k
            out[v] = (round(cx + radius * math.cos(a), 1), round(cy + radius * math.sin(a), 1))
    return out


def network_layout(G, *, seed: int = 0, weight: Optional[str] = "weight") -> dict:
    """Positions of every node (pixels, y down), component by component, packed.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")]); G.add_node("d")
    >>> pos = network_layout(G, seed=0)
    >>> sorted(pos), pos == network_layout(G, seed=0)
    (['a', 'b', 'c', 'd'], True)

    The last few layouts are remembered (keyed by the nodes in order, their neighbours in
    order with the edge weights, the seed and the weight name), so placing the same graph
    again — the report's view, figure and Gephi export — costs a copy; a changed graph is laid
    out afresh.
    """
    nodes = list(G.nodes)
    if not nodes:
        return {}
    key = _layout_key(G, seed, weight)
    pos = _LAYOUTS.get(key) if key is not None else None
    if pos is None:
        order = {v: i for i, v in enumerate(nodes)}
        comps = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(G)),
                       key=lambda c: (-len(c), order[c[0]]))
        pos = spread_overlaps(G, pack_components([_component_layout(G, c, seed, weight) for c in comps]))
        if key is not None:
            if len(_LAYOUTS) >= _LAYOUT_CACHE_SIZE:
                _LAYOUTS.pop(next(iter(_LAYOUTS)))
            _LAYOUTS[key] = pos
    return dict(pos)


def cluster_layout(G, clusters: dict, *, seed: int = 0, weight: Optional[str] = "weight") -> dict:
    """Positions with each cluster in a box of its own (group-in-a-box; Rodrigues et al. 2011):
    the members of one cluster are laid out among themselves (:func:`network_layout`'s component
    layouts on the cluster's subgraph) and the boxes are shelf-packed, largest cluster first,
    nodes of no cluster (``clusters`` has no entry or None) in a last box. The co-responsibility
    projection of a plan is dense (most units share a task with most others), so a layout of the
    whole projection draws one blot with the clusters on top of each other; boxed, every cluster
    can be read and labelled, and ties between clusters are the lines between boxes. Pixels, y
    down; deterministic for a given seed.

    Examples
    --------
    >>> G = nx.complete_graph(6)
    >>> pos = cluster_layout(G, {0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 2})
    >>> def box(vs): return [min(pos[v][k] for v in vs) for k in (0, 1)] + [max(pos[v][k] for v in vs) for k in (0, 1)]
    >>> a, b = box((0, 1, 2)), box((3, 4, 5))
    >>> apart = bool(a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])  # the boxes do not overlap
    >>> sorted(pos) == list(range(6)), apart, pos == cluster_layout(G, {0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 2})
    (True, True, True)
    """
    nodes = list(G.nodes)
    if not nodes:
        return {}
    order = {v: i for i, v in enumerate(nodes)}
    groups: dict = {}
    for v in nodes:
        groups.setdefault(clusters.get(v), []).append(v)
    boxes = sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), order[kv[1][0]]))
    parts = []
    for _, members in boxes:
        H = _ordered_subgraph(G, members)
        comps = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(H)),
                       key=lambda c: (-len(c), order[c[0]]))
        layouts = [_component_layout(H, c, seed, weight) for c in comps]
        parts.append(layouts[0] if len(layouts) == 1 else pack_components(layouts))
    return push_apart(spread_overlaps(G, pack_components(parts, aspect=CLUSTER_ASPECT), gap=CLUSTER_GAP), gap=CLUSTER_GAP)


def push_apart(pos: dict, *, gap: float = OVERLAP_GAP, rounds: int = 30) -> dict:
    """Nodes closer than ``gap`` pixels moved apart along the line between them (each by half
    of what is missing, pairs in node order, ``rounds`` times or until none is too close): what
    :func:`spread_overlaps` leaves — nodes near each other but not on one point, such as a
    cluster's heaviest units, drawn large — no longer overlap. Pairs are found on a grid of
    ``gap``-sized cells, so a round is linear in the nodes. Deterministic.

    Examples
    --------
    >>> out = push_apart({"a": (0.0, 0.0), "b": (30.0, 0.0), "c": (300.0, 0.0)}, gap=90)
    >>> round(out["b"][0] - out["a"][0]), out["c"]
    (90, (300.0, 0.0))
    """
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(-1, 2)
    for _ in range(rounds):
        cells: dict = {}
        for i, (x, y) in enumerate(xy):
            cells.setdefault((int(x // gap), int(y // gap)), []).append(i)
        moved = False
        for (cx, cy), members in cells.items():
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for j in cells.get((cx + dx, cy + dy), ()):
                        for i in members:
                            if i >= j:
                                continue
                            d = xy[j] - xy[i]
                            dist = float(np.hypot(d[0], d[1]))
                            if dist >= gap - 1e-6 or dist == 0.0:
                                continue
                            step = d / dist * (gap - dist) / 2
                            xy[i] -= step
                            xy[j] += step
                            moved = True
        if not moved:
            break
    return {v: (round(float(xy[i, 0]), 1), round(float(xy[i, 1]), 1)) for i, v in enumerate(nodes)}


CLUSTER_ASPECT = 1.6
"""Width over height the cluster boxes are packed to: the view's canvas and the figure are wide."""

CLUSTER_GAP = 90.0
"""Pixels between units spread apart in :func:`cluster_layout`: the cluster view sizes units by
load, up to 80 pixels across, and the heaviest (the street offices) stand together."""


def remember_layout(G, pos: dict, *, seed: int = 0, weight: Optional[str] = "weight") -> None:
    """Remember ``pos`` as :func:`network_layout`'s answer for ``G`` (same ``seed`` and
    ``weight``): for positions computed by ``network_layout`` in another process (the report
    pack's workers hand one layout to the others). Nothing is remembered for a graph that
    cannot be a key.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> remember_layout(G, {"a": (1.0, 2.0), "b": (3.0, 4.0)}, seed=7)
    >>> network_layout(G, seed=7)
    {'a': (1.0, 2.0), 'b': (3.0, 4.0)}
    """
    key = _layout_key(G, seed, weight)
    if key is None:
        return
    if key not in _LAYOUTS and len(_LAYOUTS) >= _LAYOUT_CACHE_SIZE:
        _LAYOUTS.pop(next(iter(_LAYOUTS)))
    _LAYOUTS[key] = dict(pos)


_LAYOUT_CACHE_SIZE = 8
_LAYOUTS: dict = {}
"""Recent layouts by :func:`_layout_key`: the report places the same graph several times (its
view, its figure, its Gephi export); the layout is computed once and copied."""


def _layout_key(G, seed, weight):
    """Everything the layout depends on — the node order, each node's neighbours in order with
    the edge's ``weight`` value, the seed and the weight name — or None when it cannot be a
    key (an unhashable attribute value, a multigraph or a directed graph)."""
    if G.is_multigraph() or G.is_directed():
        return None
    adj = G.adj
    try:
        key = (seed, weight, tuple((v, tuple((u, d.get(weight) if weight else None) for u, d in adj[v].items()))
                                   for v in G.nodes))
        hash(key)
    except TypeError:
        return None
    return key
