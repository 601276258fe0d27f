"""Significant co-responsibility: the backbone of unit–unit ties under a bipartite null model.

Two units that share tasks may do so by chance: a unit named on 60 tasks shares some with
nearly everyone. :func:`backbone` keeps a tie only when the two units share more tasks than a
null model that preserves every unit's and every task's number of partners would give them.

Null models (``method``)
------------------------
``"sdsm"`` (default)
    Stochastic degree sequence model (Neal 2014) with the edge probabilities of the
    bipartite configuration model (BiCM, Saracco et al. 2015), the maximum-entropy choice the
    ``backbone`` R package now uses for SDSM: ``p_ut = x_u y_t / (1 + x_u y_t)`` with ``x``,
    ``y`` solved so that every unit's and every task's *expected* degree equals its observed
    degree. The number of tasks two units share is then a sum of independent Bernoulli
    variables with probabilities ``p_it p_jt``, a Poisson-binomial variable whose upper tail
    is computed exactly (a dynamic programme over tasks), not approximated.
``"hypergeom"``
    The fixed-degree model of Tumminello et al. (2011): unit ``j``'s ``k_j`` tasks drawn
    without replacement from the ``T`` tasks; shared tasks are hypergeometric. Ignores that
    tasks differ in how many units they name.

This is a short implementation on numpy/scipy rather than a dependency: the ``bicm`` PyPI
package solves the same equations but pulls in numba and a solver API that has changed
between releases; the model is a dozen lines and the exact Poisson-binomial tail is simpler
than its normal approximation.

The test is one-sided (more shared tasks than chance); p-values of all unit pairs (pairs that
share nothing included: they are tested too) are adjusted by Benjamini–Hochberg, and a pair is
significant when its q-value is at most ``alpha``. The test uses presence only (a unit on a
task, whatever its role): SDSM is a model of binary bipartite graphs.

Columns of the pair table (``BACKBONE_COLUMNS``), one row per pair sharing at least one task
--------------------------------------------------------------------------------------------
unit_a, unit_b
    the two units (unit_a before unit_b in graph order)
observed
    tasks they share
expected
    expected shared tasks under the null model
p_value
    P(shared ≥ observed) under the null model
q_value
    Benjamini–Hochberg adjusted p-value over the ``n_pairs_tested`` pairs of the family
significant
    q_value ≤ alpha

Rows: by q_value, then p_value, then observed (descending), then names. ``df.attrs``:
``method``, ``alpha``, ``family``, ``n_pairs_tested``, ``n_significant``, ``include_collectives``.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from ..graph import is_collective, task_nodes, unit_name, unit_nodes

__all__ = [
    "backbone",
    "bicm_probabilities",
    "poisson_binomial_sf",
    "benjamini_hochberg",
    "BACKBONE_COLUMNS",
    "BACKBONE_METHODS",
]

BACKBONE_COLUMNS = ["unit_a", "unit_b", "observed", "expected", "p_value", "q_value", "significant"]
BACKBONE_METHODS = ("sdsm", "hypergeom")


def bicm_probabilities(B, *, tol: float = 1e-12, max_iter: int = 100_000) -> np.ndarray:
    """Edge probabilities of the bipartite configuration model (BiCM) of a 0/1 matrix.

    Solves ``Σ_t p_ut = k_u`` and ``Σ_u p_ut = d_t`` with ``p_ut = x_u y_t / (1 + x_u y_t)``
    by the fixed-point iteration of Vallarano et al. (2021). Rows or columns that are all 0
    (all 1) get probability 0 (1) and are left out of the iteration.

    Parameters
    ----------
    B : array-like, shape (n_units, n_tasks)
        Biadjacency matrix (nonzero = edge).
    tol : float
        Stop when the largest degree error is below ``tol``.
    max_iter : int

    Returns
    -------
    numpy.ndarray
        Probabilities, same shape as ``B``.

    Examples
    --------
    >>> P = bicm_probabilities([[1, 1, 0], [1, 0, 1]])
    >>> P.round(6).tolist()
    [[1.0, 0.5, 0.5], [1.0, 0.5, 0.5]]
    """
    B = (np.asarray(B) != 0).astype(float)
    n, m = B.shape
    k = B.sum(axis=1)
    d = B.sum(axis=0)
    P = np.zeros((n, m))
    full_r, full_c = k == m, d == n
    P[full_r, :] = 1.0
    P[:, full_c] = 1.0
    r = (k > 0) & ~full_r
    c = (d > 0) & ~full_c
    if not r.any() or not c.any():
        return P
    kr = k[r] - full_c.sum()
    dc = d[c] - full_r.sum()
    # start from the Chung–Lu guess; iterate x, y until both degree sequences are met
    tot = kr.sum()
    x = kr / math.sqrt(tot)
    y = dc / math.sqrt(tot)
    for _ in range(max_iter):
        xy = np.outer(x, y)
        x = kr / (y[None, :] / (1 + xy)).sum(axis=1)
        xy = np.outer(x, y)
        y = dc / (x[:, None] / (1 + xy)).sum(axis=0)
        xy = np.outer(x, y)
        Q = xy / (1 + xy)
        err = max(np.abs(Q.sum(axis=1) - kr).max(), np.abs(Q.sum(axis=0) - dc).max())
        if err < tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    P[np.ix_(r, c)] = Q
    return P


def poisson_binomial_sf(probs, observed) -> np.ndarray:
    """Exact upper tail ``P(X ≥ observed)`` of Poisson-binomial variables.

    Parameters
    ----------
    probs : array-like, shape (n_vars, n_trials)
        Success probability of each independent trial, one row per variable.
    observed : array-like of int, shape (n_vars,)

    Examples
    --------
    >>> poisson_binomial_sf([[0.5, 0.5]], [1]).tolist()   # 1 - 0.25
    [0.75]
    """
    Pm = np.atleast_2d(np.asarray(probs, dtype=float))
    obs = np.asarray(observed, dtype=int)
    v, T = Pm.shape
    kmax = int(obs.max()) if obs.size else 0
    # dist[:, s] = P(S = s) for s < kmax; the mass at ≥ kmax is 1 − Σ (tail by complement)
    dist = np.zeros((v, kmax + 1))
    dist[:, 0] = 1.0
    for t in range(T):
        p = Pm[:, t]
        new = dist * (1 - p)[:, None]
        new[:, 1:] += dist[:, :-1] * p[:, None]
        new[:, kmax] += dist[:, kmax] * p  # ≥ kmax stays ≥ kmax
        dist = new
    cdf_below = np.array([dist[i, : obs[i]].sum() for i in range(v)])
    return np.clip(1.0 - cdf_below, 0.0, 1.0)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini–Hochberg (1995) adjusted p-values (q-values), monotone, at most 1.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.5]
    """
    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


def backbone(
    G,
    *,
    method: str = "sdsm",
    alpha: float = 0.05,
    include_collectives: bool = False,
    family: str = "all",
):
    """Unit pairs that share more tasks than chance, and the graph of the significant ones.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    method : {"sdsm", "hypergeom"}, default "sdsm"
        Null model (module docstring).
    alpha : float, default 0.05
        False discovery rate (Benjamini–Hochberg).
    include_collectives : bool, default False
        Test collectives too; by default they are left out (tasks keep their other units).
    family : {"all", "observed"}, default "all"
        Pairs counted by the FDR correction: every unit pair (each is a hypothesis tested,
        the conservative default), or only pairs that share at least one task.

    Returns
    -------
    table : pandas.DataFrame
        Columns ``BACKBONE_COLUMNS`` (module docstring), pairs sharing at least one task.
    graph : networkx.Graph
        Every tested unit (with its attributes) and one edge per significant pair, with
        ``weight`` (= observed), ``expected``, ``p_value``, ``q_value``;
        ``graph.graph['backbone']`` = method, ``['alpha']``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b", "c", "d"], bipartite=0)
    >>> G.add_nodes_from(range(6), bipartite=1)
    >>> G.add_edges_from([("a", t) for t in (0, 1, 2)] + [("b", t) for t in (0, 1, 2)])
    >>> G.add_edges_from([("c", t) for t in (3, 4, 5)] + [("d", t) for t in (3, 4, 5)])
    >>> tab, B = backbone(G, method="hypergeom", alpha=0.2)
    >>> tab[["unit_a", "unit_b", "observed", "p_value"]].round(4).values.tolist()
    [['a', 'b', 3, 0.05], ['c', 'd', 3, 0.05]]
    >>> sorted(B.edges)
    [('a', 'b'), ('c', 'd')]
    """
    if method not in BACKBONE_METHODS:
        raise ValueError(f"method must be one of {BACKBONE_METHODS}, got {method!r}")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    units = [u for u in unit_nodes(G) if include_collectives or not is_collective(G, u)]
    tasks = task_nodes(G)
    ui = {u: i for i, u in enumerate(units)}
    tj = {t: j for j, t in enumerate(tasks)}
    Bm = np.zeros((len(units), len(tasks)))
    for u in units:
        for t in G[u]:
            if t in tj:
                Bm[ui[u], tj[t]] = 1.0
    n, T = Bm.shape
    ii, jj = np.triu_indices(n, 1)
    obs = (Bm @ Bm.T)[ii, jj].astype(int) if n else np.zeros(0, dtype=int)
    if method == "sdsm":
        Pr = bicm_probabilities(Bm) if n and T else Bm
        prod = Pr[ii] * Pr[jj]
        expected = prod.sum(axis=1) if len(ii) else np.zeros(0)
        pv = poisson_binomial_sf(prod, obs) if len(ii) else np.zeros(0)
    else:
        from scipy.stats import hypergeom

        k = Bm.sum(axis=1)
        expected = k[ii] * k[jj] / T if T else np.zeros(len(ii))
        pv = hypergeom.sf(obs - 1, T, k[ii], k[jj]) if len(ii) else np.zeros(0)
        pv = np.clip(np.nan_to_num(pv, nan=1.0), 0.0, 1.0)
    keep = obs > 0
    if family == "all":
        q = benjamini_hochberg(pv)
    elif family == "observed":
        q = np.ones(len(pv))
        q[keep] = benjamini_hochberg(np.asarray(pv)[keep])
    else:
        raise ValueError(f"family must be 'all' or 'observed', got {family!r}")
    sig = (q <= alpha) & keep
    df = pd.DataFrame(
        {
            "unit_a": [unit_name(G, units[i]) for i in ii[keep]],
            "unit_b": [unit_name(G, units[j]) for j in jj[keep]],
            "observed": obs[keep].astype("int64"),
            "expected": np.asarray(expected, dtype=float)[keep],
            "p_value": np.asarray(pv, dtype=float)[keep],
            "q_value": q[keep],
            "significant": sig[keep],
        },
        columns=BACKBONE_COLUMNS,
    )
    df = df.sort_values(["q_value", "p_value", "observed", "unit_a", "unit_b"],
                        ascending=[True, True, False, True, True], kind="stable").reset_index(drop=True)
    df.attrs.update(method=method, alpha=alpha, family=family,
                    n_pairs_tested=int(len(ii) if family == "all" else keep.sum()), n_significant=int(sig.sum()),
                    include_collectives=include_collectives)
    H = nx.Graph()
    H.graph.update(G.graph, backbone=method, alpha=alpha)
    for u in units:
        H.add_node(u, **G.nodes[u])
    for a, b, o, e, p, qq in zip(ii[sig], jj[sig], obs[sig], np.asarray(expected)[sig], np.asarray(pv)[sig], q[sig]):
        H.add_edge(units[a], units[b], weight=float(o), shared=int(o), expected=float(e), p_value=float(p), q_value=float(qq))
    return df, H
