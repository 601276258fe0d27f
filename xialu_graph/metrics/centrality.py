"""Centrality of units in the two-mode graph and in the unit projection.

Columns of :func:`unit_centrality` (``CENTRALITY_COLUMNS``), one row per unit node
---------------------------------------------------------------------------------
unit, kind
    canonical unit name and kind
degree_2m
    two-mode degree centrality: tasks of the unit / number of tasks
    (:func:`networkx.algorithms.bipartite.degree_centrality`)
betweenness_2m
    two-mode betweenness, unweighted, normalised by the bipartite maximum
    (:func:`networkx.algorithms.bipartite.betweenness_centrality`); estimated from ``k``
    seeded source samples when the graph has more than ``sample_threshold`` nodes
closeness_2m
    two-mode closeness (Borgatti & Everett 1997), normalised within the unit's connected
    component and scaled by the fraction of the graph it reaches, so it is at most 1 in a
    disconnected graph too (equals :func:`networkx.algorithms.bipartite.closeness_centrality`,
    normalized=True, when the graph is connected)
birank
    weighted BiRank score (He et al. 2017) of the unit; unit scores sum to 1
strength
    weighted degree in the unit projection (sum of projection edge weights)
betweenness_w
    weighted betweenness in the unit projection, distance = 1 / weight computed exactly
    (:func:`weighted_betweenness`: tied shortest paths all count), normalised; sampled like
    betweenness_2m above the threshold
eigenvector
    eigenvector centrality in the unit projection (weighted), computed per connected
    component and scaled by sqrt(component size / n) so a connected projection gives exactly
    :func:`networkx.eigenvector_centrality_numpy`; 0 for an isolated unit
constraint
    Burt's constraint in the unit projection (weighted; NaN for an isolated unit)
effective_size
    Burt's effective size in the unit projection (weighted, as
    :func:`networkx.effective_size`; NaN for an isolated unit)
ranked
    False for collectives unless ``include_collectives=True``
birank_rank
    rank by birank among ranked units (1 = most central, ties share the lower rank), <NA>
    otherwise
rank
    deprecated alias of ``birank_rank`` (the load table's ``rank`` is the load rank; use
    the explicit names)
betweenness_sampled
    True when the betweenness columns are sampled estimates

Rows: ranked units by rank, then unranked units by name. Collectives stay in the graph
(centrality is computed on the structure as written) but are not ranked.
``df.attrs``: ``betweenness_sampled`` (bool), ``betweenness_k`` (sources sampled, None when
exact), ``seed``, ``projection`` (projection weighting), ``sample_threshold``,
``birank_iterations``.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from ..graph import edge_weight, is_collective, node_kind, task_nodes, unit_name, unit_nodes
from ..graph import project_units

__all__ = [
    "birank",
    "weighted_betweenness",
    "burt_constraint",
    "effective_size",
    "unit_centrality",
    "CENTRALITY_COLUMNS",
]

CENTRALITY_COLUMNS = [
    "unit",
    "kind",
    "degree_2m",
    "betweenness_2m",
    "closeness_2m",
    "birank",
    "strength",
    "betweenness_w",
    "eigenvector",
    "constraint",
    "effective_size",
    "ranked",
    "birank_rank",
    "rank",
    "betweenness_sampled",
]


def _biadjacency(G, units, tasks, weight):
    from scipy import sparse

    ui = {u: i for i, u in enumerate(units)}
    ti = {t: j for j, t in enumerate(tasks)}
    rows, cols, vals = [], [], []
    for u in units:
        for t, d in G[u].items():
            j = ti.get(t)
            if j is not None:
                rows.append(ui[u])
                cols.append(j)
                vals.append(edge_weight(d, weight))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(units), len(tasks)), dtype=float)


def birank(
    G,
    *,
    alpha: float = 0.85,
    beta: float = 0.85,
    weight: str = "weight",
    max_iter: int = 1000,
    tol: float = 1e-12,
    seed: int = 0,
    return_iterations: bool = False,
):
    """Weighted BiRank (He, Gao, Kan & Wang 2017) of a two-mode graph.

    Iterates ``p = alpha Sᵀu + (1 - alpha) p0`` and ``u = beta S p + (1 - beta) u0`` with
    ``S = Du^-1/2 W Dt^-1/2`` the symmetrically normalised weighted biadjacency matrix and
    uniform query vectors ``u0``, ``p0``. The start vector is random (seeded); the iteration
    is a contraction, so the result does not depend on it beyond ``tol``.

    Parameters
    ----------
    G : networkx.Graph
        Two-mode graph; side 0 is ``bipartite=0`` (units), side 1 ``bipartite=1`` (tasks).
    alpha, beta : float in [0, 1)
        Weight of the graph versus the query vector on the task and unit side.
    weight : str or None
        Edge weight attribute (missing → 1).
    max_iter : int
    tol : float
        Stop when the L1 change of both vectors is below ``tol``.
    seed : int
        Seed of the random start vector.
    return_iterations : bool
        Also return the number of iterations used.

    Returns
    -------
    dict
        node → score; the scores of each side sum to 1. With ``return_iterations``, a tuple
        ``(scores, iterations)``.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When ``max_iter`` is reached.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], bipartite=0)
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("a", 2), ("b", 2)])
    >>> r = birank(G)
    >>> r["a"] > r["b"], round(r["a"] + r["b"], 12)
    (True, 1.0)
    """
    units = unit_nodes(G)
    tasks = task_nodes(G)
    if not 0 <= alpha < 1 or not 0 <= beta < 1:
        raise ValueError("alpha and beta must be in [0, 1)")
    if not units or not tasks:
        return ({n: 0.0 for n in G}, 0) if return_iterations else {n: 0.0 for n in G}
    W = _biadjacency(G, units, tasks, weight)
    du = np.asarray(W.sum(axis=1)).ravel()
    dt = np.asarray(W.sum(axis=0)).ravel()
    with np.errstate(divide="ignore"):
        iu = np.where(du > 0, 1 / np.sqrt(du), 0.0)
        it = np.where(dt > 0, 1 / np.sqrt(dt), 0.0)
    S = W.multiply(iu[:, None]).multiply(it[None, :]).tocsr()
    ST = S.T.tocsr()
    u0 = np.full(len(units), 1 / len(units))
    p0 = np.full(len(tasks), 1 / len(tasks))
    rng = np.random.default_rng(seed)
    u = rng.random(len(units))
    u /= u.sum()
    p = p0.copy()
    for it_no in range(1, max_iter + 1):
        p_new = alpha * (ST @ u) + (1 - alpha) * p0
        u_new = beta * (S @ p_new) + (1 - beta) * u0
        err = np.abs(u_new - u).sum() + np.abs(p_new - p).sum()
        u, p = u_new, p_new
        if err < tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    u = u / u.sum() if u.sum() > 0 else u
    p = p / p.sum() if p.sum() > 0 else p
    out = {n: float(x) for n, x in zip(units, u)}
    out.update({n: float(x) for n, x in zip(tasks, p)})
    for n in G:
        out.setdefault(n, 0.0)
    return (out, it_no) if return_iterations else out


def _weighted_matrix(P, weight):
    nodes = list(P)
    A = nx.to_numpy_array(P, nodelist=nodes, weight=weight, nonedge=0.0)
    np.fill_diagonal(A, 0.0)
    return nodes, A


def burt_constraint(P, *, weight: str = "weight") -> dict:
    """Burt's constraint of every node of an undirected weighted graph (vectorised).

    Same values as :func:`networkx.constraint` (weighted), NaN for isolated nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> c = burt_constraint(nx.star_graph(3))
    >>> round(c[0], 4), round(c[1], 4)
    (0.3333, 1.0)
    """
    nodes, A = _weighted_matrix(P, weight)
    s = A.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        Pm = np.where(s[:, None] > 0, A / s[:, None], 0.0)
    C = Pm + Pm @ Pm
    c = np.where(A > 0, C**2, 0.0).sum(axis=1)
    deg = (A > 0).sum(axis=1)
    return {n: (float(c[i]) if deg[i] else math.nan) for i, n in enumerate(nodes)}


def effective_size(P, *, weight: str = "weight") -> dict:
    """Burt's effective size of every node of an undirected weighted graph (vectorised).

    Same values as :func:`networkx.effective_size` with a weight computed node by node
    (``nodes=list(G)``: Borgatti's redundancy, sum-normalised times max-normalised mutual
    weights); networkx 3.6's sparse shortcut for ``nodes=None`` gives slightly different
    values on some weighted graphs. NaN for isolated nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> e = effective_size(nx.star_graph(3))
    >>> e[0], e[1]
    (3.0, 1.0)
    """
    nodes, A = _weighted_matrix(P, weight)
    s = A.sum(axis=1)
    mx = A.max(axis=1) if len(nodes) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        Ps = np.where(s[:, None] > 0, A / s[:, None], 0.0)
        Pm = np.where(mx[:, None] > 0, A / mx[:, None], 0.0)
    R = Ps @ Pm.T
    e = np.where(A > 0, 1.0 - R, 0.0).sum(axis=1)
    deg = (A > 0).sum(axis=1)
    return {n: (float(e[i]) if deg[i] else math.nan) for i, n in enumerate(nodes)}


def _leading_eigenvector(sub, weight) -> dict:
    nodes = list(sub)
    if len(nodes) <= 1000:
        A = nx.to_numpy_array(sub, nodelist=nodes, weight=weight)
        vals, vecs = np.linalg.eigh(A)
        v = vecs[:, int(np.argmax(vals))]
    else:  # large component: Lanczos with a fixed start vector (deterministic)
        from scipy.sparse.linalg import eigsh

        A = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=weight, dtype=float)
        _, vecs = eigsh(A, k=1, which="LA", v0=np.ones(len(nodes)))
        v = vecs[:, 0]
    v = np.abs(v)
    norm = np.linalg.norm(v)
    return {n: float(x / norm) for n, x in zip(nodes, v)} if norm > 0 else {n: 0.0 for n in nodes}


def _eigenvector_by_component(P, weight) -> dict:
    n = P.number_of_nodes()
    out = {v: 0.0 for v in P}
    for comp in nx.connected_components(P):
        if len(comp) < 2:
            continue
        ev = _leading_eigenvector(P.subgraph(comp), weight)
        scale = math.sqrt(len(comp) / n)
        for v, x in ev.items():
            out[v] = x * scale
    return out


def _bipartite_bet_max(n: int, m: int) -> float:
    # maximum two-mode betweenness of a node in a set of size n opposite a set of size m
    # (networkx.algorithms.bipartite.betweenness_centrality)
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def _two_mode_closeness(G, units, tasks) -> dict:
    """Borgatti–Everett two-mode closeness, normalised within the unit's component.

    In a connected graph this is :func:`networkx.algorithms.bipartite.closeness_centrality`
    (normalized): ``(m + 2(n − 1)) / Σ d`` times the reachable fraction ``(N_c − 1)/(N − 1)``.
    networkx takes ``n`` and ``m`` from the whole graph, so a unit in a small component gets
    more than 1 (区审计局 1.35 on the 2020 plan). Here ``n``, ``m`` are the units and tasks of
    the unit's own component — the smallest possible distance sum there — so the first factor
    is at most 1, and the Wasserman–Faust factor scales it down by the share of the graph the
    unit can reach.
    """
    from scipy.sparse import csgraph

    if not units:
        return {}
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    is_unit = np.array([G.nodes[v].get("bipartite") == 0 for v in nodes])
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    D = csgraph.shortest_path(A, method="D", unweighted=True, directed=False, indices=[idx[u] for u in units])
    N = len(nodes)
    out = {}
    for r, u in enumerate(units):
        d = D[r]
        fin = np.isfinite(d)
        tot = d[fin].sum()
        n_c = int((fin & is_unit).sum())
        m_c = int((fin & ~is_unit).sum())
        if tot > 0 and N > 1:
            out[u] = (m_c + 2 * (n_c - 1)) / tot * ((fin.sum() - 1) / (N - 1))
        else:
            out[u] = 0.0
    return out


def _exact_distances(P, weight) -> dict:
    """Integer distances proportional to 1/weight, exact for weights that are ratios of integers.

    Each weight is read as a fraction (``Fraction(w).limit_denominator(10**9)``, so 1/3 stored
    as a float is 1/3), inverted exactly and scaled by the least common multiple of the
    denominators: equal path lengths compare equal, which float sums of 1/w do not.
    """
    from fractions import Fraction

    inv = {}
    for a, b, d in P.edges(data=True):
        w = d.get(weight, 1.0)
        if w > 0:
            inv[(a, b)] = 1 / Fraction(w).limit_denominator(10**9)
    L = 1
    for f in inv.values():
        L = math.lcm(L, f.denominator)
    return {e: int(f * L) for e, f in inv.items()}


def weighted_betweenness(P, *, weight: str = "weight", k=None, seed=None, normalized: bool = True) -> dict:
    """Betweenness of a weighted graph with distance 1/weight, counting tied shortest paths exactly.

    Same definition as :func:`networkx.betweenness_centrality` with ``weight`` set to a
    distance attribute 1/w, but the distances are exact integers (:func:`_exact_distances`),
    so two paths of the same length in exact arithmetic both count (with float distances
    0.1 + 0.2 ≠ 0.3 and one of them is dropped). Edges of weight 0 are not paths.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.Graph()
    >>> P.add_edge("a", "b", weight=1 / 0.7); P.add_edge("b", "d", weight=10)
    >>> P.add_edge("a", "c", weight=2.5); P.add_edge("c", "d", weight=2.5)
    >>> bc = weighted_betweenness(P, normalized=False)   # 0.7 + 0.1 = 0.4 + 0.4: a tie
    >>> bc["b"], bc["c"]
    (0.5, 0.5)
    """
    H = nx.Graph()
    H.add_nodes_from(P)
    for (a, b), dist in _exact_distances(P, weight).items():
        H.add_edge(a, b, _d=dist)
    return nx.betweenness_centrality(H, k=k, normalized=normalized, weight="_d", seed=seed)


def unit_centrality(
    G,
    *,
    include_collectives: bool = False,
    projection: str = "product",
    weight: str = "weight",
    sample_threshold: int = 2000,
    k: int = 200,
    seed: int = 0,
    alpha: float = 0.85,
    beta: float = 0.85,
) -> pd.DataFrame:
    """Two-mode and projection centralities of every unit, in one table.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    include_collectives : bool, default False
        Rank collectives with the other units (they are always in the graph).
    projection : str, default "product"
        Weighting of the unit projection (:func:`xialu_graph.project_units` ``method``).
    weight : str, default "weight"
        Edge weight attribute of ``G`` (used by BiRank).
    sample_threshold : int, default 2000
        Above this many nodes (two-mode graph, resp. projection) betweenness is estimated
        from ``k`` source nodes drawn with ``seed``.
    k : int, default 200
        Number of sampled sources.
    seed : int, default 0
        Seed for sampling and for the BiRank start vector.
    alpha, beta : float, default 0.85
        BiRank damping on the task and unit side.

    Returns
    -------
    pandas.DataFrame
        Columns ``CENTRALITY_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> for u in "abc":
    ...     G.add_node(u, bipartite=0, label=u, kind="department")
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1), ("b", 2), ("c", 2)], weight=1.0, role="lead")
    >>> c = unit_centrality(G)
    >>> c.loc[0, "unit"], float(c.loc[0, "betweenness_w"])
    ('b', 1.0)
    """

    units = unit_nodes(G)
    tasks = task_nodes(G)
    n_all = G.number_of_nodes()

    # two-mode
    deg = {u: (G.degree(u) / len(tasks) if tasks else 0.0) for u in units}
    sampled = n_all > sample_threshold
    k_used = min(k, n_all) if sampled else None
    if units and tasks:
        bet_raw = nx.betweenness_centrality(G, k=k_used, normalized=False, weight=None, seed=seed if sampled else None)
        bmax = _bipartite_bet_max(len(units), len(tasks))
        bet = {u: (bet_raw[u] / bmax if bmax > 0 else 0.0) for u in units}
    else:
        bet = {u: 0.0 for u in units}
    clo = _two_mode_closeness(G, units, tasks)
    br, iters = birank(G, alpha=alpha, beta=beta, weight=weight, seed=seed, return_iterations=True)

    # projection
    P = project_units(G, method=projection)
    strength = dict(P.degree(weight="weight"))
    p_sampled = P.number_of_nodes() > sample_threshold
    p_k = min(k, P.number_of_nodes()) if p_sampled else None
    bet_w = weighted_betweenness(P, k=p_k, normalized=True, weight="weight", seed=seed if p_sampled else None)
    eig = _eigenvector_by_component(P, "weight")
    con = burt_constraint(P, weight="weight")
    eff = effective_size(P, weight="weight")

    any_sampled = sampled or p_sampled
    rows = []
    for u in units:
        ranked = include_collectives or not is_collective(G, u)
        rows.append(
            {
                "unit": unit_name(G, u),
                "kind": node_kind(G, u),
                "degree_2m": float(deg[u]),
                "betweenness_2m": float(bet[u]),
                "closeness_2m": float(clo.get(u, 0.0)),
                "birank": br[u],
                "strength": float(strength.get(u, 0.0)),
                "betweenness_w": float(bet_w.get(u, 0.0)),
                "eigenvector": float(eig.get(u, 0.0)),
                "constraint": con.get(u, math.nan),
                "effective_size": eff.get(u, math.nan),
                "ranked": ranked,
                "betweenness_sampled": any_sampled,
            }
        )
    cols = [c for c in CENTRALITY_COLUMNS if c not in ("rank", "birank_rank")]
    df = pd.DataFrame(rows, columns=cols).astype({"unit": "str", "kind": "str", "ranked": "bool", "betweenness_sampled": "bool"})
    for c in cols[2:11]:
        df[c] = df[c].astype("float64")
    df["birank_rank"] = df["birank"].where(df["ranked"]).rank(method="min", ascending=False).astype("Int64")
    df["rank"] = df["birank_rank"]
    df = df[CENTRALITY_COLUMNS]
    order = df.assign(_r=df["birank_rank"].fillna(len(df) + 1).astype("int64"), _u=~df["ranked"])
    df = df.loc[order.sort_values(["_u", "_r", "unit"], kind="stable").index].reset_index(drop=True)
    df.attrs.update(
        betweenness_sampled=any_sampled,
        betweenness_k=k_used if sampled else p_k,
        seed=seed,
        projection=projection,
        sample_threshold=sample_threshold,
        birank_iterations=iters,
    )
    return df
