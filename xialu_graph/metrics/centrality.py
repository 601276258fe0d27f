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


# graphs up to this many nodes keep the dense Burt computation (bit-identical to earlier
# releases); larger ones use the sparse one (same values to 1e-15, memory linear in the edges)
DENSE_MAX = 2000
# two-mode graphs up to this many nodes keep networkx's exact betweenness (bit-identical; the
# seed plan has 163 nodes); igraph above (10 merged documents, 1,089 nodes: 18× faster)
NX_BETWEENNESS_MAX = 500


def _weighted_matrix(P, weight):
    nodes = list(P)
    A = nx.to_numpy_array(P, nodelist=nodes, weight=weight, nonedge=0.0)
    np.fill_diagonal(A, 0.0)
    return nodes, A


def _weighted_sparse(P, weight):
    """Nodes and the symmetric weighted CSR adjacency of ``P`` (no self-loops)."""
    from scipy import sparse

    nodes = list(P)
    idx = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    r, c, w = [], [], []
    for a, b, d in P.edges(data=True):
        if a != b:
            x = float(d.get(weight, 1.0)) if weight is not None else 1.0
            r += (idx[a], idx[b])
            c += (idx[b], idx[a])
            w += (x, x)
    A = sparse.csr_matrix((np.asarray(w, dtype=float), (np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64))), shape=(n, n))
    A.sum_duplicates()
    A.eliminate_zeros()
    A.sort_indices()
    return nodes, A


def _masked_product(X, Y, mask, *, block: int = 256):
    """``(X @ Y.T)[i, j]`` for the stored entries (i, j) of ``mask`` (CSR), in mask order.

    Sparse ``X`` times dense blocks of ``block`` rows of ``Y``: memory n × block floats,
    work nnz(X) × n, never the dense n × n product.
    """
    coo = mask.tocoo()
    rows, cols = coo.row, coo.col
    out = np.zeros(rows.size)
    order = np.argsort(cols, kind="stable")
    bounds = np.searchsorted(cols[order], np.arange(0, mask.shape[1] + block, block))
    for b, j0 in enumerate(range(0, mask.shape[1], block)):
        sel = order[bounds[b] : bounds[b + 1]]
        if sel.size == 0:
            continue
        Yb = Y[j0 : j0 + block].toarray().T  # n × block
        R = X @ Yb
        out[sel] = R[rows[sel], cols[sel] - j0]
    return coo, out


def burt_constraint(P, *, weight: str = "weight") -> dict:
    """Burt's constraint of every node of an undirected weighted graph (vectorised).

    Same values as :func:`networkx.constraint` (weighted), NaN for isolated nodes. Sparse:
    the indirect term ``Σ_q p_iq p_qj`` is evaluated on the edges only (memory linear in
    the edges plus n × 256 floats).

    Examples
    --------
    >>> import networkx as nx
    >>> c = burt_constraint(nx.star_graph(3))
    >>> round(c[0], 4), round(c[1], 4)
    (0.3333, 1.0)
    """
    if P.number_of_nodes() <= DENSE_MAX:
        nodes, A = _weighted_matrix(P, weight)
        s = A.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            Pm = np.where(s[:, None] > 0, A / s[:, None], 0.0)
        C = Pm + Pm @ Pm
        c = np.where(A > 0, C**2, 0.0).sum(axis=1)
        deg = (A > 0).sum(axis=1)
        return {n: (float(c[i]) if deg[i] else math.nan) for i, n in enumerate(nodes)}
    nodes, A = _weighted_sparse(P, weight)
    s = np.asarray(A.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1 / s, 0.0)
    Pm = A.multiply(inv[:, None]).tocsr()
    # (Pm @ Pm)[i, j] = (Pm @ (Pm.T).T)[i, j]; Pm.T rows are Pm columns
    coo, indirect = _masked_product(Pm, Pm.T.tocsr(), A)
    direct = np.asarray(Pm[coo.row, coo.col]).ravel()
    c = np.bincount(coo.row, weights=(direct + indirect) ** 2, minlength=len(nodes))
    deg = np.diff(A.indptr)
    return {n: (float(c[i]) if deg[i] else math.nan) for i, n in enumerate(nodes)}


def effective_size(P, *, weight: str = "weight") -> dict:
    """Burt's effective size of every node of an undirected weighted graph (vectorised).

    Same values as :func:`networkx.effective_size` with a weight computed node by node
    (``nodes=list(G)``: Borgatti's redundancy, sum-normalised times max-normalised mutual
    weights); networkx 3.6's sparse shortcut for ``nodes=None`` gives slightly different
    values on some weighted graphs. NaN for isolated nodes. Sparse, like
    :func:`burt_constraint`.

    Examples
    --------
    >>> import networkx as nx
    >>> e = effective_size(nx.star_graph(3))
    >>> e[0], e[1]
    (3.0, 1.0)
    """
    if P.number_of_nodes() <= DENSE_MAX:
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
    nodes, A = _weighted_sparse(P, weight)
    s = np.asarray(A.sum(axis=1)).ravel()
    mx = A.max(axis=1).toarray().ravel() if len(nodes) else np.zeros(0)
    with np.errstate(divide="ignore"):
        Ps = A.multiply(np.where(s > 0, 1 / s, 0.0)[:, None]).tocsr()
        Pm = A.multiply(np.where(mx > 0, 1 / mx, 0.0)[:, None]).tocsr()
    coo, R = _masked_product(Ps, Pm, A)
    e = np.bincount(coo.row, weights=1.0 - R, minlength=len(nodes))
    deg = np.diff(A.indptr)
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


def _csr_of(G, nodes):
    """Unweighted symmetric CSR adjacency of ``G`` over ``nodes`` (built from integer edge arrays)."""
    from scipy import sparse

    idx = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    if G.number_of_edges():
        e = np.array([(idx[a], idx[b]) for a, b in G.edges() if a != b], dtype=np.int64).reshape(-1, 2)
    else:
        e = np.zeros((0, 2), dtype=np.int64)
    rows = np.concatenate([e[:, 0], e[:, 1]])
    cols = np.concatenate([e[:, 1], e[:, 0]])
    A = sparse.csr_matrix((np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(n, n))
    A.sum_duplicates()
    A.sort_indices()
    return A


def _distance_sums(A, sources) -> np.ndarray:
    """Sum of BFS distances from each source to the nodes it reaches (exact, no dense matrix).

    Bit-parallel breadth-first search: 64 sources at a time share one pass over the edges,
    each node holding a 64-bit word of "reached from source j" bits, so memory is one word
    per node and pass whatever the number of sources (the earlier version held a dense
    sources × nodes distance matrix: 4.2 GB at 1,000 merged documents).
    """
    n = A.shape[0]
    indptr, indices = A.indptr, A.indices
    has_nb = np.diff(indptr) > 0
    starts = indptr[:-1][has_nb]  # strictly increasing, all < nnz: reduceat's segments are the rows
    sources = np.asarray(sources, dtype=np.int64)
    out = np.zeros(sources.size, dtype=np.float64)
    if indices.size == 0:
        return out
    one = np.uint64(1)
    for b0 in range(0, sources.size, 64):
        src = sources[b0 : b0 + 64]
        bits = np.left_shift(one, np.arange(src.size, dtype=np.uint64))
        visited = np.zeros(n, dtype=np.uint64)
        np.bitwise_or.at(visited, src, bits)
        frontier = visited.copy()
        tot = np.zeros(64, dtype=np.float64)
        d = 0
        while True:
            d += 1
            nxt = np.zeros(n, dtype=np.uint64)
            nxt[has_nb] = np.bitwise_or.reduceat(frontier[indices], starts)
            new = nxt & ~visited
            nz = np.flatnonzero(new)
            if nz.size == 0:
                break
            visited[nz] |= new[nz]
            frontier = new
            counts = np.unpackbits(new[nz].astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little").sum(axis=0)
            tot += d * counts
        out[b0 : b0 + src.size] = tot[: src.size]
    return out


def _two_mode_closeness(G, units, tasks) -> dict:
    """Borgatti–Everett two-mode closeness, normalised within the unit's component.

    In a connected graph this is :func:`networkx.algorithms.bipartite.closeness_centrality`
    (normalized): ``(m + 2(n − 1)) / Σ d`` times the reachable fraction ``(N_c − 1)/(N − 1)``.
    networkx takes ``n`` and ``m`` from the whole graph, so a unit in a small component gets
    more than 1 (区审计局 1.35 on the 2020 plan). Here ``n``, ``m`` are the units and tasks of
    the unit's own component — the smallest possible distance sum there — so the first factor
    is at most 1, and the Wasserman–Faust factor scales it down by the share of the graph the
    unit can reach. Distance sums come from :func:`_distance_sums` (exact BFS, 64 sources per
    pass; memory linear in the graph).
    """
    from scipy.sparse import csgraph

    if not units:
        return {}
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    is_unit = np.array([G.nodes[v].get("bipartite") == 0 for v in nodes])
    A = _csr_of(G, nodes)
    _, comp = csgraph.connected_components(A, directed=False)
    size = np.bincount(comp)
    n_units = np.bincount(comp, weights=is_unit.astype(float))
    src = np.array([idx[u] for u in units], dtype=np.int64)
    tot = _distance_sums(A, src)
    N = len(nodes)
    out = {}
    for r, u in enumerate(units):
        c = comp[src[r]]
        n_c = int(n_units[c])
        m_c = int(size[c] - n_c)
        if tot[r] > 0 and N > 1:
            out[u] = (m_c + 2 * (n_c - 1)) / tot[r] * ((size[c] - 1) / (N - 1))
        else:
            out[u] = 0.0
    return out


def _exact_distances(P, weight) -> dict:
    """Integer distances proportional to 1/weight, exact for weights that are ratios of integers.

    Each weight is read as a fraction (``Fraction(w).limit_denominator(10**9)``, so 1/3 stored
    as a float is 1/3), inverted exactly and scaled by the least common multiple of the
    denominators: equal path lengths compare equal, which float sums of 1/w do not.

    When that multiple exceeds 2⁵³ (integers a float holds exactly; 1,000 merged generated
    documents reach it), the distances are the floats ``1/w`` instead: igraph compares path
    lengths with a relative tolerance of 1e-10, so 0.7 + 0.1 and 0.4 + 0.4 still tie there.
    """
    from fractions import Fraction

    inv = {}
    cache: dict = {}
    for a, b, d in P.edges(data=True):
        w = d.get(weight, 1.0)
        if w > 0:
            f = cache.get(w)
            if f is None:
                f = cache[w] = 1 / Fraction(w).limit_denominator(10**9)
            inv[(a, b)] = f
    L = 1
    for den in {f.denominator for f in cache.values()}:
        L = math.lcm(L, den)
        if L > 2**53:
            return {e: float(f) for e, f in inv.items()}
    ints = {e: int(f * L) for e, f in inv.items()}
    if ints and max(ints.values()) > 2**53:
        return {e: float(f) for e, f in inv.items()}
    return ints


def weighted_betweenness(P, *, weight: str = "weight", k=None, seed=None, normalized: bool = True) -> dict:
    """Betweenness of a weighted graph with distance 1/weight, counting tied shortest paths exactly.

    Same definition as :func:`networkx.betweenness_centrality` with ``weight`` set to a
    distance attribute 1/w, but the distances are exact integers (:func:`_exact_distances`),
    so two paths of the same length in exact arithmetic both count (with float distances
    0.1 + 0.2 ≠ 0.3 and one of them is dropped). Edges of weight 0 are not paths.

    Computed by igraph (Brandes' algorithm in C, 30–60× faster than networkx here) and
    rescaled exactly as networkx does. With ``k``, the ``k`` sources are the ones networkx
    draws (``random.Random(seed).sample(list(P), k)``) and the estimate is networkx's.

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
    nodes = list(P)
    idx = {v: i for i, v in enumerate(nodes)}
    dist = _exact_distances(P, weight)
    edges = [(idx[a], idx[b]) for a, b in dist]
    return _betweenness(nodes, edges, [float(x) for x in dist.values()], k=k, seed=seed, normalized=normalized)


def _betweenness(nodes, edges, weights, *, k, seed, normalized) -> dict:
    """networkx's betweenness_centrality (endpoints excluded, undirected) computed by igraph.

    igraph sums shortest-path shares over unordered pairs (sources × all targets when
    ``sources`` is given, each ordered pair counted once and halved); networkx sums over
    ordered (source, target) pairs, then rescales — so raw = 2 × igraph, then networkx's
    ``_rescale`` factors (sampled sources get ``k − 1`` in place of ``k``).
    """
    import random

    import igraph as ig

    n = len(nodes)
    if k is not None and k == n:
        k = None
    sample = None if k is None else random.Random(seed).sample(nodes, k)
    H = ig.Graph(n=n, edges=edges)
    idx = {v: i for i, v in enumerate(nodes)} if sample is not None else None
    src = None if sample is None else [idx[v] for v in sample]
    if H.ecount():
        raw = 2.0 * np.asarray(H.betweenness(directed=False, weights=weights, sources=src), dtype=float)
    else:
        raw = np.zeros(n)
    N = n - 1
    if N < 2:
        return {v: float(x) for v, x in zip(nodes, raw)}
    if k is None:
        scale = np.full(n, 1 / (N * (N - 1)) if normalized else 0.5)
    else:
        if normalized:
            s_src = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
            s_non = 1 / (k * (N - 1))
        else:
            s_src = N / ((k - 1) * 2) if k > 1 else math.nan
            s_non = N / (k * 2)
        scale = np.full(n, s_non)
        scale[src] = s_src
    return {v: float(x) for v, x in zip(nodes, raw * scale)}




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
        nodes = list(G)
        idx = {v: i for i, v in enumerate(nodes)}
        edges = [(idx[a], idx[b]) for a, b in G.edges()]
        if n_all <= NX_BETWEENNESS_MAX and not sampled:  # plan-sized: networkx, bit-identical to earlier releases
            bet_raw = nx.betweenness_centrality(G, normalized=False, weight=None)
        else:
            bet_raw = _betweenness(nodes, edges, None, k=k_used, seed=seed if sampled else None, normalized=False)
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
