"""Co-responsibility clusters: groups of units that keep sharing tasks.

Columns of :func:`co_responsibility_clusters` (``CLUSTER_COLUMNS``), one row per unit
------------------------------------------------------------------------------------
unit, kind
    canonical unit name and kind
cluster
    cluster number, counting from 1, renumbered in a stable order: larger clusters first, ties broken
    by the alphabetically first unit name of the cluster
cluster_size
    number of units in the cluster
stability
    how consistently the unit is grouped across ``n_runs`` seeds: 1 − mean over the other
    units j of |C_ij − A_ij|, where C_ij is the fraction of runs putting i and j together
    and A_ij is 1 when this partition does; 1.0 = always the same company. NaN when nothing
    was measured (methods "greedy" and "components" are deterministic; ``n_runs`` ≤ 1).
    This is stability over *seeds* only: for stability under resampling of the tasks use
    :func:`xialu_graph.metrics.bipartite_clusters.resampling_stability`

``df.attrs``: ``modularity`` (of the partition on the unit projection), ``barber_modularity``
(bipartite modularity of the partition on the two-mode graph, tasks assigned by
:func:`task_clusters`), ``stability_ari`` (mean adjusted Rand index of the ``n_runs``
seeded runs against their consensus partition; NaN when not measured — never 1.0 by default), ``n_clusters``, ``method``, ``resolution``,
``seed``, ``projection``, ``n_runs``, ``include_collectives``, ``engine`` (Louvain implementation used: "networkx" or "igraph"; None for the other methods).

Columns of :func:`task_clusters` (``TASK_CLUSTER_COLUMNS``), one row per task
---------------------------------------------------------------------------
task_id, cluster (the cluster maximising the task's Barber modularity contribution, -1 for a
task with no clustered unit), share (fraction of the task's edge weight going to units of that
cluster), n_units.

Columns of :func:`cluster_summary` (``SUMMARY_COLUMNS``), one row per cluster
---------------------------------------------------------------------------
cluster, n_units, units (names joined by "、", heaviest first), n_tasks (tasks assigned to the
cluster), internal_weight (projection weight inside the cluster), mean_stability.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from ..graph import edge_weight, is_collective, node_kind, task_id, task_nodes, unit_name, unit_nodes
from ..graph import project_units

__all__ = [
    "adjusted_rand_index",
    "barber_modularity",
    "cluster_labels",
    "co_responsibility_clusters",
    "consensus_partition",
    "cluster_summary",
    "task_clusters",
    "CLUSTER_COLUMNS",
    "TASK_CLUSTER_COLUMNS",
    "SUMMARY_COLUMNS",
    "CLUSTER_METHODS",
]

CLUSTER_COLUMNS = ["unit", "kind", "cluster", "cluster_size", "stability"]
TASK_CLUSTER_COLUMNS = ["task_id", "cluster", "share", "n_units"]
SUMMARY_COLUMNS = ["cluster", "n_units", "units", "n_tasks", "internal_weight", "mean_stability"]
CLUSTER_METHODS = ("louvain", "greedy", "components")
LOUVAIN_ENGINES = ("auto", "networkx", "igraph")
# "auto": networkx Louvain up to this many units in the projection, igraph above
IGRAPH_ABOVE = 2000


def adjusted_rand_index(labels_a, labels_b) -> float:
    """Adjusted Rand index of two labelings of the same items (Hubert & Arabie 1985).

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]), 6)
    0.571429
    """
    from scipy.special import comb

    a = np.asarray(labels_a)
    b = np.asarray(labels_b)
    if a.shape != b.shape:
        raise ValueError("labelings must have the same length")
    n = a.size
    if n < 2:
        return 1.0
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1), dtype=np.int64)
    np.add.at(table, (ai, bi), 1)
    sum_ij = comb(table, 2).sum()
    sum_a = comb(table.sum(axis=1), 2).sum()
    sum_b = comb(table.sum(axis=0), 2).sum()
    total = comb(n, 2)
    expected = sum_a * sum_b / total
    max_index = (sum_a + sum_b) / 2
    if max_index == expected:  # both trivial (all one cluster or all singletons)
        return 1.0
    return float((sum_ij - expected) / (max_index - expected))


def _renumber(communities, names: dict) -> list[list]:
    """Sort communities by size desc, then first unit name; members sorted by name."""
    comms = [sorted(c, key=lambda v: names[v]) for c in communities if len(c)]
    comms.sort(key=lambda c: (-len(c), names[c[0]]))
    return comms


def _louvain_engine(P, engine: str) -> str:
    if engine not in LOUVAIN_ENGINES:
        raise ValueError(f"engine must be one of {LOUVAIN_ENGINES}, got {engine!r}")
    if engine == "auto":
        return "networkx" if P.number_of_nodes() <= IGRAPH_ABOVE else "igraph"
    return engine


def _igraph_louvain(P, resolution, seeds):
    """igraph's multilevel (Louvain) communities of ``P`` for each seed in ``seeds``.

    igraph draws its random numbers from a Python RNG: a ``random.Random(seed)`` is set for
    each run and the module-level default restored afterwards, so runs are reproducible and
    do not disturb the caller's ``random`` state. Vertex order is ``list(P)``.
    """
    import random

    import igraph as ig

    nodes = list(P)
    idx = {v: i for i, v in enumerate(nodes)}
    edges = [(idx[a], idx[b]) for a, b in P.edges()]
    w = [float(d.get("weight", 1.0)) for _, _, d in P.edges(data=True)]
    H = ig.Graph(n=len(nodes), edges=edges)
    out = []
    for s in seeds:
        ig.set_random_number_generator(random.Random(s))
        try:
            member = H.community_multilevel(weights=w if edges else None, resolution=resolution).membership
        finally:
            ig.set_random_number_generator(random)
        groups: dict = {}
        for v, c in zip(nodes, member):
            groups.setdefault(c, set()).add(v)
        out.append(list(groups.values()))
    return out


def _partition(P, method, resolution, seed, engine="networkx"):
    if P.number_of_nodes() == 0:
        return []
    if method == "louvain":
        if engine == "igraph":
            return _igraph_louvain(P, resolution, [seed])[0]
        return nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    if method == "greedy":
        return nx.community.greedy_modularity_communities(P, weight="weight", resolution=resolution)
    if method == "components":
        return list(nx.connected_components(P))
    raise ValueError(f"method must be one of {CLUSTER_METHODS}, got {method!r}")


def _modularity(P, comms, resolution) -> float:
    if P.number_of_edges() == 0 or P.size(weight="weight") == 0:
        return math.nan
    return float(nx.community.modularity(P, comms, weight="weight", resolution=resolution))


def _block_rows(n_runs: int, n: int) -> int:
    # rows of the runs-summed co-association computed at once: about 2 M counts in memory
    return max(1, min(n, (1 << 21) // max(1, n)))


def consensus_partition(labelings) -> np.ndarray:
    """Consensus of several labelings: items joined when together in more than half of them.

    Parameters
    ----------
    labelings : array-like, shape (runs, items)

    Returns
    -------
    numpy.ndarray
        One label per item (connected components of the majority co-association graph,
        numbered in order of first appearance).

    Notes
    -----
    The pairs together in more than half of the runs are counted in blocks of rows (memory
    about 2 M counts whatever the number of runs and items), never as a runs × items × items
    array.

    Examples
    --------
    >>> consensus_partition([[0, 0, 1], [0, 0, 0], [1, 1, 0]]).tolist()
    [0, 0, 1]
    """
    from scipy import sparse
    from scipy.sparse import csgraph

    L = np.asarray(labelings)
    if L.ndim != 2:
        raise ValueError("labelings must be a 2-d array (runs, items)")
    R, n = L.shape
    if n == 0:
        return np.zeros(0, dtype=int)
    # union of the majority pairs block by block, keeping only a spanning forest between
    # blocks: each node points to its component's representative, and a block adds one edge
    # per (row, component it joins) — memory stays one block, however large the groups
    comp = np.arange(n)
    block = _block_rows(R, n)
    for i0 in range(0, n, block):
        cnt = np.zeros((min(block, n - i0), n), dtype=np.int32)
        for r in range(R):
            cnt += L[r, i0 : i0 + block, None] == L[r, None, :]
        ii, jj = np.nonzero(2 * cnt > R)
        del cnt
        if ii.size == 0:
            continue
        rep = np.full(n, -1)
        first_of = np.unique(comp, return_index=True)[1]
        rep[comp[first_of]] = first_of  # component label → its first node
        key = np.unique((ii + i0).astype(np.int64) * n + rep[comp[jj]])
        a = np.concatenate([np.arange(n), key // n])
        b = np.concatenate([rep[comp], key % n])
        H = sparse.csr_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
        comp = csgraph.connected_components(H, directed=False)[1]
    _, first = np.unique(comp, return_index=True)
    rank = np.empty(first.size, dtype=int)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[comp]


def coassociation_matrix(L) -> np.ndarray:
    """Share of runs (rows of ``L``, one cluster label per unit) that put units i and j together.

    Accumulated run by run: memory is the items × items result, not runs × items × items.

    Examples
    --------
    >>> coassociation_matrix([[1, 1, 2], [1, 2, 2]]).tolist()
    [[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]
    """
    L = np.asarray(L)
    R, n = L.shape
    acc = np.zeros((n, n), dtype=np.int32)
    for r in range(R):
        acc += L[r, :, None] == L[r, None, :]
    return acc / R if R else np.full((n, n), np.nan)


def _stability(L, final) -> np.ndarray:
    """1 − mean over j ≠ i of |C_ij − A_ij| for each item i, without the n × n matrices.

    ``C_ij`` is the share of runs (rows of ``L``) putting i and j together, ``A_ij`` is 1
    when ``final`` does. Σ_j≠i |C_ij − A_ij| = (|F_i| − 1) + S_i − 2 T_i, with ``F_i`` the
    final cluster of i, ``S_i`` the mean (over runs) of the size of i's run cluster minus 1
    and ``T_i`` the mean of the size of (i's run cluster ∩ F_i) minus 1: per-run contingency
    counts, linear in runs × items.
    """
    R, n = L.shape
    _, f = np.unique(np.asarray(final), return_inverse=True)
    F = np.bincount(f)[f]
    S = np.zeros(n)
    T = np.zeros(n)
    for r in range(R):
        _, c = np.unique(L[r], return_inverse=True)
        S += np.bincount(c)[c] - 1
        key = c.astype(np.int64) * (f.max() + 1) + f
        _, k = np.unique(key, return_inverse=True)
        T += np.bincount(k)[k] - 1
    S /= R
    T /= R
    return 1.0 - ((F - 1) + S - 2 * T) / (n - 1)


def barber_modularity(G, unit_clusters: dict, *, weight: str = "weight", task_clusters_: dict | None = None) -> float:
    """Barber's bipartite modularity of a partition of the two-mode graph.

    ``Q = (1/m) Σ_{u,t} (A_ut − k_u d_t / m) δ(g_u, h_t)`` with ``m`` the total edge weight,
    ``k_u`` and ``d_t`` the weighted degrees. Units get ``unit_clusters``; tasks get
    ``task_clusters_`` when given, else the cluster that maximises their contribution
    (:func:`task_clusters`), which is the best task assignment for this unit partition.

    Parameters
    ----------
    G : networkx.Graph
        Two-mode graph (``bipartite`` 0 / 1).
    unit_clusters : dict
        unit node → cluster label.
    weight : str or None
    task_clusters_ : dict, optional
        task node → cluster label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], bipartite=0)
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 2)])
    >>> barber_modularity(G, {"a": 0, "b": 1})
    0.5
    """
    m = sum(edge_weight(d, weight) for _, _, d in G.edges(data=True))
    if m == 0:
        return math.nan
    if task_clusters_ is None:
        task_clusters_ = _assign_tasks(G, unit_clusters, weight)[0]
    k = {}
    for u in unit_nodes(G):
        k[u] = sum(edge_weight(d, weight) for d in G[u].values())
    d_t = {}
    for t in task_nodes(G):
        d_t[t] = sum(edge_weight(d, weight) for d in G[t].values())
    # Σ A_ut δ  −  Σ_c K_c D_c / m
    inside = 0.0
    for u, t, d in G.edges(data=True):
        if G.nodes[u].get("bipartite") == 1:
            u, t = t, u
        if u in unit_clusters and unit_clusters[u] == task_clusters_.get(t, object()):
            inside += edge_weight(d, weight)
    K: dict = {}
    for u, c in unit_clusters.items():
        K[c] = K.get(c, 0.0) + k.get(u, 0.0)
    D: dict = {}
    for t, c in task_clusters_.items():
        D[c] = D.get(c, 0.0) + d_t.get(t, 0.0)
    expected = sum(K[c] * D.get(c, 0.0) for c in K) / m
    return float((inside - expected) / m)


def _assign_tasks(G, unit_clusters: dict, weight):
    m = sum(edge_weight(d, weight) for _, _, d in G.edges(data=True))
    K: dict = {}
    for u, c in unit_clusters.items():
        K[c] = K.get(c, 0.0) + sum(edge_weight(d, weight) for d in G[u].values())
    out, share, nun = {}, {}, {}
    for t in task_nodes(G):
        w_by: dict = {}
        tot = 0.0
        for u, d in G[t].items():
            w = edge_weight(d, weight)
            tot += w
            c = unit_clusters.get(u)
            if c is not None:
                w_by[c] = w_by.get(c, 0.0) + w
        nun[t] = len(G[t])
        if not w_by:
            out[t], share[t] = -1, 0.0
            continue
        # contribution of putting t in c: w_tc − d_t K_c / m ; ties → smaller cluster id
        best = max(sorted(w_by), key=lambda c: w_by[c] - (tot * K[c] / m if m else 0.0))
        out[t] = best
        share[t] = w_by[best] / tot if tot else 0.0
    return out, share, nun


def task_clusters(G, clusters: pd.DataFrame, *, weight: str = "weight") -> pd.DataFrame:
    """Assign each task to one unit cluster (the one maximising Barber modularity).

    Parameters
    ----------
    G : networkx.Graph
    clusters : pandas.DataFrame
        Output of :func:`co_responsibility_clusters` (columns unit, cluster).
    weight : str or None

    Returns
    -------
    pandas.DataFrame
        Columns ``TASK_CLUSTER_COLUMNS`` (module docstring), tasks in graph order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["u:a", "u:b"], bipartite=0)
    >>> G.add_node("t:1", bipartite=1, task_id="1")
    >>> G.add_edges_from([("u:a", "t:1"), ("u:b", "t:1")], weight=1.0)
    >>> task_clusters(G, co_responsibility_clusters(G, n_runs=2)).cluster.tolist()
    [1]
    """
    uc = _unit_cluster_map(G, clusters)
    out, share, nun = _assign_tasks(G, uc, weight)
    ts = task_nodes(G)
    return pd.DataFrame(
        {
            "task_id": [task_id(G, t) for t in ts],
            "cluster": [int(out[t]) for t in ts],
            "share": [float(share[t]) for t in ts],
            "n_units": [int(nun[t]) for t in ts],
        },
        columns=TASK_CLUSTER_COLUMNS,
    )


def _unit_cluster_map(G, clusters: pd.DataFrame) -> dict:
    by_name = dict(zip(clusters["unit"], clusters["cluster"]))
    out = {}
    for u in unit_nodes(G):
        c = by_name.get(unit_name(G, u))
        if c is not None and not pd.isna(c):
            out[u] = int(c)
    return out


def cluster_labels(G, *, method: str = "louvain", resolution: float = 1.0, seed: int = 0,
                   projection: str = "product", include_collectives: bool = False, engine: str = "auto"):
    """The partition of :func:`co_responsibility_clusters` (``seed``'s run) without its table,
    seed stability or modularities, for callers that need only the labels (the task-resampling
    replicates of :func:`xialu_graph.metrics.resampling_stability` recluster 50 times).

    Parameters are those of :func:`co_responsibility_clusters`.

    Returns
    -------
    tuple
        (units, projection, names, engine, communities, unit → cluster number); the numbers
        are the table's ``cluster`` column.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for u in "abcd":
    ...     G.add_node(u, bipartite=0, label=u)
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1), ("c", 2), ("d", 2)], weight=1.0)
    >>> cluster_labels(G)[-1] == dict(zip("abcd", co_responsibility_clusters(G)["cluster"]))
    True
    """
    if method not in CLUSTER_METHODS:
        raise ValueError(f"method must be one of {CLUSTER_METHODS}, got {method!r}")
    units = [u for u in unit_nodes(G) if include_collectives or not is_collective(G, u)]
    P = project_units(G, method=projection, nodes=units)
    names = {u: unit_name(G, u) for u in units}

    eng = _louvain_engine(P, engine) if method == "louvain" else "networkx"
    comms = _renumber(_partition(P, method, resolution, seed, eng), names)
    label = {}
    for c, members in enumerate(comms, start=1):  # cluster numbers count from 1 everywhere (群组1 …)
        for u in members:
            label[u] = c
    return units, P, names, eng, comms, label


def co_responsibility_clusters(
    G,
    *,
    method: str = "louvain",
    resolution: float = 1.0,
    seed: int = 0,
    projection: str = "product",
    include_collectives: bool = False,
    n_runs: int = 50,
    weight: str = "weight",
    engine: str = "auto",
) -> pd.DataFrame:
    """Clusters of units that share tasks, with modularity and stability.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    method : {"louvain", "greedy", "components"}, default "louvain"
        Community detection on the unit projection: seeded Louvain, greedy modularity
        (Clauset–Newman–Moore), or connected components.
    resolution : float, default 1.0
        Modularity resolution (louvain, greedy).
    seed : int, default 0
        Louvain seed. Same input and seed → same clusters.
    projection : str, default "product"
        Weighting of the unit projection (:func:`xialu_graph.project_units`).
    include_collectives : bool, default False
        Cluster collectives too; by default they are left out of the projection and of the
        table (tasks keep their other units).
    n_runs : int, default 50
        Seeds (``seed``, ``seed + 1``, …) run to measure stability; 0 or 1 skips it
        (``stability`` and ``stability_ari`` NaN, as for the deterministic methods).
    weight : str, default "weight"
        Edge weight attribute of ``G`` (Barber modularity).
    engine : {"auto", "networkx", "igraph"}, default "auto"
        Louvain implementation: networkx's ``louvain_communities`` or igraph's
        ``community_multilevel`` (C, about 25× faster). The two draw different random
        numbers, so with the same seed they can give different partitions; "auto" keeps
        networkx up to ``IGRAPH_ABOVE`` (2,000) units in the projection — every plan seen so
        far, so their clusters do not change — and uses igraph above. ``df.attrs["engine"]``
        records the one used.

    Returns
    -------
    pandas.DataFrame
        Columns ``CLUSTER_COLUMNS``, rows by cluster then unit name; ``df.attrs`` holds
        modularity, barber_modularity, stability_ari and the parameters (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for u in "abcd":
    ...     G.add_node(u, bipartite=0, label=u)
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1), ("c", 2), ("d", 2)], weight=1.0)
    >>> cl = co_responsibility_clusters(G, n_runs=5)
    >>> cl.cluster.tolist(), cl.attrs["modularity"], cl.attrs["barber_modularity"]
    ([1, 1, 2, 2], 0.5, 0.5)
    """

    units, P, names, eng, comms, label = cluster_labels(G, method=method, resolution=resolution, seed=seed,
                                                        projection=projection,
                                                        include_collectives=include_collectives, engine=engine)
    order = sorted(units, key=lambda u: (label[u], names[u]))

    # stability over seeds
    n_units = len(order)
    if method == "louvain" and n_runs and n_runs > 1 and n_units:
        seeds = range(seed, seed + n_runs)
        parts = _igraph_louvain(P, resolution, seeds) if eng == "igraph" else [_partition(P, method, resolution, s) for s in seeds]
        runs = []
        for cs in parts:
            lab = {u: i for i, c in enumerate(cs) for u in c}
            runs.append([lab[u] for u in order])
        L = np.asarray(runs)
        cons = consensus_partition(L)
        ari = float(np.mean([adjusted_rand_index(r, cons) for r in L]))
        if n_units > IGRAPH_ABOVE:
            stab = _stability(L, [label[u] for u in order])
        elif n_units > 1:  # plan-sized: the dense formula, so the values stay bit-identical
            lab_arr = np.array([label[u] for u in order])
            diff = np.abs(coassociation_matrix(L) - (lab_arr[:, None] == lab_arr[None, :]).astype(float))
            np.fill_diagonal(diff, 0.0)
            stab = 1.0 - diff.sum(axis=1) / (n_units - 1)
        else:
            stab = np.full(n_units, math.nan)
    else:
        ari = math.nan  # nothing measured: a deterministic method, or a single run
        stab = np.full(n_units, math.nan)

    sizes = {c: len(m) for c, m in enumerate(comms, start=1)}
    df = pd.DataFrame(
        {
            "unit": [names[u] for u in order],
            "kind": [node_kind(G, u) for u in order],
            "cluster": [label[u] for u in order],
            "cluster_size": [sizes[label[u]] for u in order],
            "stability": stab.astype(float),
        },
        columns=CLUSTER_COLUMNS,
    ).astype({"unit": "str", "kind": "str", "cluster": "int64", "cluster_size": "int64", "stability": "float64"})
    tc = _assign_tasks(G, label, weight)[0] if label else {}
    df.attrs.update(
        modularity=_modularity(P, comms, resolution),
        barber_modularity=barber_modularity(G, label, weight=weight, task_clusters_=tc) if label else math.nan,
        stability_ari=ari,
        n_clusters=len(comms),
        method=method,
        resolution=resolution,
        seed=seed,
        projection=projection,
        n_runs=n_runs,
        include_collectives=include_collectives,
        engine=eng if method == "louvain" else None,
    )
    return df


def cluster_summary(G, clusters: pd.DataFrame, *, weight: str = "weight") -> pd.DataFrame:
    """One row per cluster: members, tasks assigned, internal weight, mean stability.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for u in "ab":
    ...     G.add_node(u, bipartite=0, label=u)
    >>> G.add_node(1, bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1)], weight=1.0)
    >>> cluster_summary(G, co_responsibility_clusters(G, n_runs=2))[["cluster", "units", "n_tasks"]].values.tolist()
    [[1, 'a、b', 1]]
    """

    uc = _unit_cluster_map(G, clusters)
    tc = _assign_tasks(G, uc, weight)[0]
    P = project_units(G, method=clusters.attrs.get("projection", "product"), nodes=list(uc))
    load = {u: sum(edge_weight(d, weight) for d in G[u].values()) for u in uc}
    rows = []
    for c in sorted(set(uc.values())):
        members = sorted((u for u in uc if uc[u] == c), key=lambda u: (-load[u], unit_name(G, u)))
        mset = set(members)
        internal = sum(d["weight"] for a, b, d in P.edges(data=True) if a in mset and b in mset)
        stab = clusters.loc[clusters["cluster"] == c, "stability"]
        rows.append(
            {
                "cluster": c,
                "n_units": len(members),
                "units": "、".join(unit_name(G, u) for u in members),
                "n_tasks": sum(1 for t in tc if tc[t] == c),
                "internal_weight": float(internal),
                "mean_stability": float(stab.mean()) if len(stab) else math.nan,
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
