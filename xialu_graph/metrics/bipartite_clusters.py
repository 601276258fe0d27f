"""Clusters found on the two-mode graph itself, validated against a null model and resampling.

The projection clusters (:func:`xialu_graph.metrics.co_responsibility_clusters`) first turn
the unit–task graph into a unit–unit graph, which loses which tasks tie units together and
lets a task naming eight units weigh as 28 ties. Here units and tasks are clustered together by
maximising Barber's (2007) bipartite modularity

    ``Q = (1/m) Σ_{u,t} (A_ut − k_u d_t / m) δ(g_u, g_t)``

with the Louvain algorithm of scikit-network (``sknetwork.clustering.Louvain`` on the
biadjacency matrix maximises Barber's modularity; BSD-licensed, numpy/scipy only — chosen over
igraph + leidenalg, which are GPL and whose Leiden has no Barber quality function). ``Q`` is
recomputed exactly here (:func:`xialu_graph.metrics.barber_modularity`); the best of ``n_runs``
seeded runs (node order shuffled) is kept.

Columns of :func:`bipartite_clusters` (``BIPARTITE_COLUMNS``), one row per unit
------------------------------------------------------------------------------
unit, kind
    canonical name and kind
cluster
    cluster number **from 1**: larger clusters (in units) first, ties by the first unit name;
    0 for a unit on no task
cluster_size
    units in the cluster

``df.attrs``: ``barber_modularity``, ``n_clusters``, ``tasks`` (a DataFrame ``task_id``,
``cluster``: the task's cluster, 0 for a task without units), ``n_runs``, ``seed``,
``resolution``, ``method`` ("barber-louvain"), ``include_collectives``, ``weight``.

Columns of :func:`resampling_stability`
---------------------------------------
units table (``STABILITY_UNIT_COLUMNS``): unit, cluster (reference), stability (1 − mean over the
other units of |C_ij − A_ij|, C_ij the share of bootstrap partitions putting i and j together,
A_ij 1 when the reference partition does), consensus (cluster in the consensus partition of the
bootstrap partitions: units together in more than half of them, numbered from 1).
clusters table (``STABILITY_CLUSTER_COLUMNS``, in ``df.attrs['clusters']``): cluster, n_units,
jaccard (mean over replicates of the best Jaccard overlap with a replicate cluster — Hennig
2007's cluster-wise stability: above 0.75 stable, below 0.5 dissolved), dissolved (share of
replicates where the best overlap is at most 0.5).
``df.attrs`` also holds ``ari_mean``, ``ari_p05``, ``ari_p95`` (adjusted Rand index of each
replicate's partition against the reference), ``n_boot``, ``seed``, ``method``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..graph import node_kind, task_id, unit_name
from .matrices import biadjacency
from .clusters import (
    adjusted_rand_index,
    barber_modularity,
    cluster_labels,
    coassociation_matrix,
    consensus_partition,
)

__all__ = [
    "bipartite_clusters",
    "modularity_significance",
    "resampling_stability",
    "BIPARTITE_COLUMNS",
    "STABILITY_UNIT_COLUMNS",
    "STABILITY_CLUSTER_COLUMNS",
]

BIPARTITE_COLUMNS = ["unit", "kind", "cluster", "cluster_size"]
STABILITY_UNIT_COLUMNS = ["unit", "cluster", "stability", "consensus"]
STABILITY_CLUSTER_COLUMNS = ["cluster", "n_units", "jaccard", "dissolved"]




def _barber(W, lu, lt) -> float:
    """Barber modularity of a labelled biadjacency matrix (rows lu, columns lt)."""
    m = W.sum()
    if m == 0:
        return math.nan
    k = W.sum(axis=1)
    d = W.sum(axis=0)
    q = 0.0
    for c in np.unique(np.concatenate([lu, lt])):
        r = lu == c
        s = lt == c
        q += W[np.ix_(r, s)].sum() - k[r].sum() * d[s].sum() / m
    return float(q / m)


def _louvain(W, n_runs, seed, resolution):
    """Best (highest Barber Q) of ``n_runs`` scikit-network Louvain runs: (lu, lt, Q)."""
    from scipy import sparse
    from sknetwork.clustering import Louvain

    n, T = W.shape
    if n == 0 or T == 0 or W.sum() == 0:
        return np.arange(n), np.full(T, -1), math.nan
    # rows or columns without edges are left out of the optimisation and labelled -1
    r = W.sum(axis=1) > 0
    c = W.sum(axis=0) > 0
    B = sparse.csr_matrix(W[np.ix_(r, c)])
    best = None
    for s in range(seed, seed + max(1, n_runs)):
        lv = Louvain(resolution=resolution, shuffle_nodes=True, random_state=s)
        lv.fit(B, force_bipartite=True)
        lu = np.full(n, -1)
        lt = np.full(T, -1)
        lu[r] = lv.labels_row_
        lt[c] = lv.labels_col_
        q = _barber(W, lu, lt)
        if best is None or q > best[2] + 1e-12:
            best = (lu, lt, q)
    return best


def _number_from_one(lu, lt, names):
    """Renumber labels: clusters by number of units desc, then first unit name; from 1.

    Unlabelled (-1) units and tasks, and clusters made of tasks only, get 0."""
    groups: dict = {}
    for i, c in enumerate(lu):
        if c >= 0:
            groups.setdefault(int(c), []).append(names[i])
    order = sorted(groups, key=lambda c: (-len(groups[c]), min(groups[c])))
    new = {c: i + 1 for i, c in enumerate(order)}
    nu = np.array([new.get(int(c), 0) for c in lu], dtype=int)
    nt = np.array([new.get(int(c), 0) for c in lt], dtype=int)
    return nu, nt


def bipartite_clusters(
    G,
    *,
    n_runs: int = 20,
    seed: int = 0,
    resolution: float = 1.0,
    include_collectives: bool = False,
    weight: str = "weight",
) -> pd.DataFrame:
    """Clusters of units and tasks maximising Barber's bipartite modularity (two-mode Louvain).

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    n_runs : int, default 20
        Seeded runs (``seed`` … ``seed + n_runs − 1``); the highest modularity is kept.
    seed : int, default 0
    resolution : float, default 1.0
        Resolution of the modularity (scikit-network's ``resolution``).
    include_collectives : bool, default False
        Cluster collectives too (by default they are left out, tasks keep their other units).
    weight : str or None, default "weight"
        Edge weight (role weights); None for presence only.

    Returns
    -------
    pandas.DataFrame
        Columns ``BIPARTITE_COLUMNS`` (module docstring), rows by cluster then unit name.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["u:a", "u:b", "u:c", "u:d"], bipartite=0, kind="department")
    >>> G.add_nodes_from(["t:1", "t:2", "t:3", "t:4"], bipartite=1)
    >>> G.add_edges_from([("u:a", "t:1"), ("u:b", "t:1"), ("u:a", "t:2"), ("u:b", "t:2"),
    ...                   ("u:c", "t:3"), ("u:d", "t:3"), ("u:c", "t:4"), ("u:d", "t:4")], weight=1.0)
    >>> cl = bipartite_clusters(G)
    >>> cl.cluster.tolist(), cl.attrs["barber_modularity"], cl.attrs["tasks"].cluster.tolist()
    ([1, 1, 2, 2], 0.5, [1, 1, 2, 2])
    """
    units, tasks, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    names = [unit_name(G, u) for u in units]
    lu, lt, _ = _louvain(W, n_runs, seed, resolution)
    nu, nt = _number_from_one(lu, lt, names)
    uc = {u: int(c) for u, c in zip(units, nu)}
    tc = {t: int(c) for t, c in zip(tasks, nt)}
    q = barber_modularity(G.subgraph(units + tasks), {u: c for u, c in uc.items() if c > 0}, weight=weight,
                          task_clusters_={t: c for t, c in tc.items() if c > 0}) if units else math.nan
    sizes = pd.Series(nu).value_counts().to_dict()
    df = pd.DataFrame(
        {
            "unit": names,
            "kind": [node_kind(G, u) for u in units],
            "cluster": nu,
            "cluster_size": [int(sizes[c]) if c > 0 else 1 for c in nu],
        },
        columns=BIPARTITE_COLUMNS,
    ).astype({"unit": "str", "kind": "str", "cluster": "int64", "cluster_size": "int64"})
    df = df.assign(_z=df.cluster.eq(0)).sort_values(["_z", "cluster", "unit"], kind="stable").drop(columns="_z")
    df = df.reset_index(drop=True)
    df.attrs.update(
        barber_modularity=q,
        n_clusters=int(len(set(nu) - {0})),
        tasks=pd.DataFrame({"task_id": [task_id(G, t) for t in tasks], "cluster": nt.astype("int64")}),
        n_runs=n_runs,
        seed=seed,
        resolution=resolution,
        method="barber-louvain",
        include_collectives=include_collectives,
        weight=weight,
    )
    return df


def _rewire(W, rng, n_swaps):
    """Degree-preserving rewiring of a biadjacency matrix by checkerboard swaps.

    Picks two edges (u1, t1), (u2, t2) with u1 ≠ u2, t1 ≠ t2 and (u1, t2), (u2, t1) absent,
    and swaps their tasks; the edge weights travel with the units. Every unit and task keeps
    its number of edges (Maslov & Sneppen 2002, bipartite form)."""
    W = W.copy()
    rows, cols = np.nonzero(W)
    E = rows.size
    if E < 2:
        return W
    for _ in range(n_swaps):
        a, b = rng.integers(E, size=2)
        u1, t1, u2, t2 = rows[a], cols[a], rows[b], cols[b]
        if u1 == u2 or t1 == t2 or W[u1, t2] or W[u2, t1]:
            continue
        W[u1, t2], W[u1, t1] = W[u1, t1], 0.0
        W[u2, t1], W[u2, t2] = W[u2, t2], 0.0
        cols[a], cols[b] = t2, t1
    return W


def _projection_labels(W, seed, resolution, projection):
    import networkx as nx


    H = nx.Graph()
    n, T = W.shape
    H.add_nodes_from((f"u{i}" for i in range(n)), bipartite=0, kind="department")
    H.add_nodes_from((f"t{j}" for j in range(T)), bipartite=1)
    ii, jj = np.nonzero(W)
    H.add_edges_from((f"u{i}", f"t{j}", {"weight": float(W[i, j])}) for i, j in zip(ii, jj))
    # the partition co_responsibility_clusters(H, seed=seed, n_runs=1, …) would tabulate, without
    # its table and modularities, which a replicate does not use (same Louvain run, same labels)
    lab = cluster_labels(H, seed=seed, resolution=resolution, projection=projection)[-1]
    return np.array([int(lab[f"u{i}"]) for i in range(n)])


def modularity_significance(
    G,
    *,
    n_null: int = 100,
    seed: int = 0,
    n_runs: int = 5,
    swaps_per_edge: int = 10,
    resolution: float = 1.0,
    include_collectives: bool = False,
    weight: str = "weight",
) -> dict:
    """Is the best Barber modularity higher than in graphs with the same degrees?

    The same optimisation (best of ``n_runs`` Louvain runs) is run on the plan and on
    ``n_null`` degree-preserving rewirings (``swaps_per_edge`` × edges checkerboard swaps each,
    :func:`_rewire`); any graph has partitions of positive modularity, so only the excess over
    the null distribution is evidence of clusters (Guimerà, Sales-Pardo & Amaral 2004).

    Returns
    -------
    dict
        ``observed`` (best Q of the plan), ``null_mean``, ``null_std``, ``z``
        ((observed − mean)/std), ``p_value`` ((1 + #null ≥ observed)/(1 + n_null)), ``n_null``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(range(6), bipartite=0)
    >>> G.add_nodes_from("abcdef", bipartite=1)
    >>> G.add_edges_from([(i, c) for i, c in zip(range(6), "abcdef")])   # a perfect matching
    >>> s = modularity_significance(G, n_null=5)
    >>> round(s["observed"], 4), round(s["null_mean"], 4), s["null_std"]   # every rewiring is a matching too
    (0.8333, 0.8333, 0.0)
    """
    units, tasks, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    obs = _louvain(W, n_runs, seed, resolution)[2]
    rng = np.random.default_rng(seed)
    n_swaps = swaps_per_edge * int((W != 0).sum())
    null = np.array([_louvain(_rewire(W, rng, n_swaps), n_runs, seed, resolution)[2] for _ in range(n_null)])
    mu, sd = float(null.mean()), float(null.std(ddof=1)) if n_null > 1 else math.nan
    return {
        "observed": float(obs),
        "null_mean": mu,
        "null_std": sd,
        "z": (obs - mu) / sd if sd and sd > 0 else math.nan,
        "p_value": float((1 + (null >= obs - 1e-12).sum()) / (1 + n_null)),
        "n_null": int(n_null),
    }


def resampling_stability(
    G,
    clusters: pd.DataFrame | None = None,
    *,
    n_boot: int = 100,
    seed: int = 0,
    n_runs: int = 5,
    resolution: float = 1.0,
    include_collectives: bool = False,
    weight: str = "weight",
    method: str = "bipartite",
) -> pd.DataFrame:
    """Stability of the clusters when the tasks are resampled, per unit and per cluster.

    Each replicate draws the plan's ``T`` tasks with replacement (a task drawn twice counts
    twice) and clusters the units again with :func:`bipartite_clusters`' method; seeds alone
    (``stability_ari`` of the projection clusters) only show whether the optimiser is
    repeatable, not whether another draw of equally typical tasks would give the same groups.

    Parameters
    ----------
    G : networkx.Graph
    clusters : pandas.DataFrame, optional
        Reference partition (columns ``unit``, ``cluster``), e.g. :func:`bipartite_clusters`
        or :func:`~xialu_graph.metrics.co_responsibility_clusters`; computed with
        :func:`bipartite_clusters` when omitted.
    n_boot : int, default 100
    seed : int, default 0
    n_runs : int, default 5
        Louvain runs per replicate (best kept).
    resolution, include_collectives, weight
        As :func:`bipartite_clusters`.
    method : {"bipartite", "projection"}, default "bipartite"
        How each replicate is clustered: as :func:`bipartite_clusters`, or as
        :func:`~xialu_graph.metrics.co_responsibility_clusters` (Louvain on the unit
        projection, its ``projection`` weighting taken from ``clusters.attrs``). Use the method
        that made the reference partition.

    Returns
    -------
    pandas.DataFrame
        The units table (module docstring); ``df.attrs['clusters']`` the clusters table,
        ``ari_mean``, ``ari_p05``, ``ari_p95``, ``n_boot``, ``seed``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["u:a", "u:b", "u:c", "u:d"], bipartite=0, kind="department")
    >>> G.add_nodes_from([f"t:{i}" for i in range(8)], bipartite=1)
    >>> G.add_edges_from([(u, f"t:{i}") for i in range(4) for u in ("u:a", "u:b")], weight=1.0)
    >>> G.add_edges_from([(u, f"t:{i}") for i in range(4, 8) for u in ("u:c", "u:d")], weight=1.0)
    >>> st = resampling_stability(G, n_boot=20)
    >>> st.stability.tolist(), st.attrs["clusters"].jaccard.tolist()
    ([1.0, 1.0, 1.0, 1.0], [1.0, 1.0])
    """
    units, tasks, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    names = [unit_name(G, u) for u in units]
    if clusters is None:
        clusters = bipartite_clusters(G, seed=seed, resolution=resolution,
                                      include_collectives=include_collectives, weight=weight)
    ref_map = dict(zip(clusters["unit"], clusters["cluster"]))
    keep = [i for i, nm in enumerate(names) if nm in ref_map]
    names = [names[i] for i in keep]
    W = W[keep]
    ref = np.array([int(ref_map[nm]) for nm in names])
    rng = np.random.default_rng(seed)
    T = W.shape[1]
    if method not in ("bipartite", "projection"):
        raise ValueError(f"method must be 'bipartite' or 'projection', got {method!r}")
    labs = []
    for b in range(n_boot):
        idx = rng.integers(T, size=T) if T else np.zeros(0, dtype=int)
        if method == "bipartite":
            lu, _, _ = _louvain(W[:, idx], n_runs, seed + b, resolution)
        else:
            lu = _projection_labels(W[:, idx], seed + b, resolution, clusters.attrs.get("projection", "product"))
        # a unit with none of its tasks drawn is alone
        lu = lu.copy()
        free = lu < 0
        lu[free] = lu.max(initial=0) + 1 + np.arange(free.sum())
        labs.append(lu)
    L = np.asarray(labs).reshape(n_boot, len(names))
    n = len(names)
    C = coassociation_matrix(L) if n else np.zeros((0, 0))
    A = (ref[:, None] == ref[None, :]).astype(float)
    if n > 1:
        diff = np.abs(C - A)
        np.fill_diagonal(diff, 0.0)
        stab = 1.0 - diff.sum(axis=1) / (n - 1)
    else:
        stab = np.full(n, math.nan)
    aris = np.array([adjusted_rand_index(ref, r) for r in L]) if n else np.zeros(0)
    cons = consensus_partition(L) if n else np.zeros(0, dtype=int)
    cons1, _ = _number_from_one(cons, np.zeros(0, dtype=int), names)
    # cluster-wise: best Jaccard of each reference cluster with a replicate cluster
    rows = []
    for c in sorted(set(ref.tolist())):
        members = ref == c
        jac = []
        for r in L:
            best = 0.0
            for c2 in np.unique(r[members]):
                other = r == c2
                best = max(best, (members & other).sum() / (members | other).sum())
            jac.append(best)
        jac = np.asarray(jac)
        rows.append({"cluster": int(c), "n_units": int(members.sum()), "jaccard": float(jac.mean()),
                     "dissolved": float((jac <= 0.5).mean())})
    df = pd.DataFrame({"unit": names, "cluster": ref.astype("int64"), "stability": stab.astype(float),
                       "consensus": cons1.astype("int64")}, columns=STABILITY_UNIT_COLUMNS)
    df = df.sort_values(["cluster", "unit"], kind="stable").reset_index(drop=True)
    df.attrs.update(
        clusters=pd.DataFrame(rows, columns=STABILITY_CLUSTER_COLUMNS),
        method=method,
        ari_mean=float(aris.mean()) if aris.size else math.nan,
        ari_p05=float(np.quantile(aris, 0.05)) if aris.size else math.nan,
        ari_p95=float(np.quantile(aris, 0.95)) if aris.size else math.nan,
        n_boot=n_boot,
        seed=seed,
    )
    return df
