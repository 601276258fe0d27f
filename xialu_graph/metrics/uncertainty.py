"""How sure are the workload figures? Task-bootstrap confidence intervals.

The plan is one draw of tasks from the work a government could have listed. Resampling its
tasks with replacement (the units stay the same population) and recomputing every figure
gives its sampling spread: ``n_boot`` replicates, each a multinomial draw of ``T`` tasks out
of ``T``; a unit's load in a replicate is the sum of its edge weights over the tasks drawn
(a task drawn twice counts twice). Intervals are bootstrap percentiles (Efron & Tibshirani
1993, ch. 13).

Small-sample correction: ``gini`` is the population form used everywhere in the package
(:func:`xialu_graph.metrics.gini`); with ``n`` units its largest possible value is
``(n − 1)/n``, so the table also gives ``gini_corrected`` = ``gini · n/(n − 1)`` (Deltas 2003),
which ranges over [0, 1] whatever n; with 44 units it is 2.3 % higher. Likewise
``herfindahl_normalised`` = ``(H − 1/n)/(1 − 1/n)`` ranges over [0, 1].

Columns of :func:`bootstrap_balance` (``BOOTSTRAP_COLUMNS``), one row per measure
-------------------------------------------------------------------------------
measure
    ``gini``, ``gini_corrected``, ``herfindahl``, ``herfindahl_normalised``, ``top5_share``,
    ``top10_share`` (``top{k}_share`` for each k of ``top``)
estimate
    the figure on the plan as written (equals :func:`workload_balance`)
ci_low, ci_high
    percentile interval at ``level``
se
    bootstrap standard error (standard deviation of the replicates, ddof=1)
bias
    mean of the replicates − estimate. Resampling tasks adds noise to every unit's load, so
    the replicates of inequality measures sit above the estimate (on the 2020 plan the Gini's
    bias is about +0.02 and the estimate lies near the lower end of the percentile interval);
    ``interval="basic"`` reflects the interval around the estimate to correct for it
n_boot
    replicates

Columns of :func:`bootstrap_ranks` (``RANK_CI_COLUMNS``), one row per ranked unit
-------------------------------------------------------------------------------
unit, load_rank (as :func:`unit_load`), rank_ci_low, rank_ci_high (percentile interval of
the unit's load rank over the replicates, ties sharing the lower rank), p_top5 (share of
replicates where the unit is among the five heaviest). Rows in ``load_rank`` order.

``df.attrs``: ``n_boot``, ``seed``, ``level``, ``column``, ``n_units``, ``n_tasks``,
``include_collectives``.

Columns of :func:`bootstrap_lorenz` (``LORENZ_BAND_COLUMNS``), one row per population share
--------------------------------------------------------------------------------------------
population_share (``k/n`` for ``k = 0 … n``, the points of the Lorenz curve), load_share (the
curve of the plan as written), ci_low, ci_high (pointwise percentile band of the replicates'
curves at ``level``: where the curve of another draw of tasks would lie). Same seed as
:func:`bootstrap_balance` → the same replicates, so the band and the Gini interval agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..graph import unit_name
from .matrices import biadjacency

__all__ = ["bootstrap_balance", "bootstrap_ranks", "bootstrap_lorenz", "BOOTSTRAP_COLUMNS", "RANK_CI_COLUMNS",
           "LORENZ_BAND_COLUMNS"]

BOOTSTRAP_COLUMNS = ["measure", "estimate", "ci_low", "ci_high", "se", "bias", "n_boot"]
RANK_CI_COLUMNS = ["unit", "load_rank", "rank_ci_low", "rank_ci_high", "p_top5"]
LORENZ_BAND_COLUMNS = ["population_share", "load_share", "ci_low", "ci_high"]




def _replicates(W, n_boot, seed):
    T = W.shape[1]
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(T, np.full(T, 1.0 / T), size=n_boot) if T else np.zeros((n_boot, 0))
    return counts @ W.T  # (n_boot, n_units)


def _gini_rows(L):
    n = L.shape[1]
    S = np.sort(L, axis=1)
    s = S.sum(axis=1)
    i = np.arange(1, n + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(s > 0, ((2 * i - n - 1) * S).sum(axis=1) / (n * s), np.nan)


def _measures(L, top):
    n = L.shape[1]
    s = L.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        sh = L / s[:, None]
        g = _gini_rows(L)
        h = (sh**2).sum(axis=1)
        out = {
            "gini": g,
            "gini_corrected": g * n / (n - 1) if n > 1 else g * np.nan,
            "herfindahl": h,
            "herfindahl_normalised": (h - 1 / n) / (1 - 1 / n) if n > 1 else h * np.nan,
        }
        desc = -np.sort(-L, axis=1)
        for k in top:
            out[f"top{k}_share"] = desc[:, :k].sum(axis=1) / s
    return out


def bootstrap_balance(
    G,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    include_collectives: bool = False,
    weight: str = "weight",
    top=(5, 10),
    interval: str = "percentile",
) -> pd.DataFrame:
    """Gini, HHI (also normalised) and top-k shares of the load with task-bootstrap intervals.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    n_boot : int, default 2000
        Bootstrap replicates.
    seed : int, default 0
        Seed of the resampling; same seed, same intervals.
    level : float, default 0.95
        Coverage of the percentile intervals.
    include_collectives : bool, default False
        Count collectives as units (as in :func:`unit_load`).
    weight : str, default "weight"
        Edge weight attribute (role weights).
    top : sequence of int, default (5, 10)
        k of the top-k shares.
    interval : {"percentile", "basic"}, default "percentile"
        Percentile interval ``[q_a, q_1−a]`` of the replicates, or the basic (reverse
        percentile) interval ``[2θ − q_1−a, 2θ − q_a]`` that corrects a bias of the replicates.

    Returns
    -------
    pandas.DataFrame
        Columns ``BOOTSTRAP_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], bipartite=0, kind="department")
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1), ("a", 2), ("b", 2)], weight=1.0)
    >>> b = bootstrap_balance(G, n_boot=50).set_index("measure")
    >>> b.loc["gini", ["estimate", "ci_low", "ci_high"]].tolist()   # equal loads in every draw
    [0.0, 0.0, 0.0]
    """
    if not 0 < level < 1:
        raise ValueError("level must be in (0, 1)")
    if n_boot < 2:
        raise ValueError("n_boot must be at least 2")
    if interval not in ("percentile", "basic"):
        raise ValueError(f"interval must be 'percentile' or 'basic', got {interval!r}")
    units, _, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    point = _measures(W.sum(axis=1)[None, :], top)
    reps = _measures(_replicates(W, n_boot, seed), top)
    a = (1 - level) / 2
    rows = []
    for m, est in point.items():
        r = reps[m]
        r = r[np.isfinite(r)]
        lo, hi = (np.quantile(r, [a, 1 - a]) if r.size else (np.nan, np.nan))
        if interval == "basic":
            lo, hi = 2 * est[0] - hi, 2 * est[0] - lo
        rows.append(
            {
                "measure": m,
                "estimate": float(est[0]),
                "ci_low": float(lo),
                "ci_high": float(hi),
                "se": float(r.std(ddof=1)) if r.size > 1 else np.nan,
                "bias": float(r.mean() - est[0]) if r.size else np.nan,
                "n_boot": int(n_boot),
            }
        )
    df = pd.DataFrame(rows, columns=BOOTSTRAP_COLUMNS)
    df.attrs.update(n_boot=n_boot, seed=seed, level=level, column=weight, n_units=len(units),
                    n_tasks=W.shape[1], include_collectives=include_collectives, interval=interval)
    return df


def bootstrap_ranks(
    G,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    include_collectives: bool = False,
    weight: str = "weight",
) -> pd.DataFrame:
    """Each unit's load rank with a task-bootstrap interval, and how often it is in the top 5.

    Parameters are those of :func:`bootstrap_balance` (same seed → the same replicates).

    Returns
    -------
    pandas.DataFrame
        Columns ``RANK_CI_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a", kind="department")
    >>> G.add_node("u:b", bipartite=0, label="b", kind="department")
    >>> G.add_nodes_from(["t:1", "t:2"], bipartite=1)
    >>> G.add_edges_from([("u:a", "t:1"), ("u:a", "t:2"), ("u:b", "t:2")], weight=1.0)
    >>> bootstrap_ranks(G, n_boot=200).values.tolist()
    [['a', 1, 1, 1, 1.0], ['b', 2, 1, 2, 1.0]]
    """
    from scipy.stats import rankdata

    units, _, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    obs = W.sum(axis=1)
    L = _replicates(W, n_boot, seed)
    R = rankdata(-L, method="min", axis=1) if len(units) else np.zeros((n_boot, 0))
    r0 = rankdata(-obs, method="min") if len(units) else np.zeros(0)
    a = (1 - level) / 2
    lo = np.floor(np.quantile(R, a, axis=0, method="lower")) if len(units) else np.zeros(0)
    hi = np.ceil(np.quantile(R, 1 - a, axis=0, method="higher")) if len(units) else np.zeros(0)
    df = pd.DataFrame(
        {
            "unit": [unit_name(G, u) for u in units],
            "load_rank": r0.astype("int64"),
            "rank_ci_low": lo.astype("int64"),
            "rank_ci_high": hi.astype("int64"),
            "p_top5": (R <= 5).mean(axis=0) if len(units) else np.zeros(0),
        },
        columns=RANK_CI_COLUMNS,
    )
    df = df.sort_values(["load_rank", "unit"], kind="stable").reset_index(drop=True)
    df.attrs.update(n_boot=n_boot, seed=seed, level=level, column=weight, n_units=len(units),
                    n_tasks=W.shape[1], include_collectives=include_collectives)
    return df


def bootstrap_lorenz(
    G,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    include_collectives: bool = False,
    weight: str = "weight",
) -> pd.DataFrame:
    """The Lorenz curve of the load with a pointwise task-bootstrap band.

    Parameters are those of :func:`bootstrap_balance` (same seed → the same replicates, so
    the band belongs to the Gini interval of that table).

    Returns
    -------
    pandas.DataFrame
        Columns ``LORENZ_BAND_COLUMNS`` (module docstring), ``n + 1`` rows for ``n`` units.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b"], bipartite=0, kind="department")
    >>> G.add_nodes_from([1, 2], bipartite=1)
    >>> G.add_edges_from([("a", 1), ("b", 1), ("a", 2)], weight=1.0)
    >>> band = bootstrap_lorenz(G, n_boot=200)
    >>> band["population_share"].tolist(), band["load_share"].round(3).tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.333, 1.0])
    >>> bool((band["ci_low"] <= band["load_share"]).all() and (band["load_share"] <= band["ci_high"]).all())
    True
    """
    units, _, W = biadjacency(G, include_collectives=include_collectives, weight=weight)
    n = len(units)
    x = np.arange(n + 1) / n if n else np.array([0.0, 1.0])

    def curves(L):
        S = np.sort(L, axis=1)
        s = S.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            C = np.cumsum(S, axis=1) / s
        return np.concatenate([np.zeros((L.shape[0], 1)), C], axis=1)

    if n == 0:
        point = x.copy()
        lo = hi = x.copy()
    else:
        point = curves(W.sum(axis=1)[None, :])[0]
        reps = curves(_replicates(W, n_boot, seed))
        a = (1 - level) / 2
        lo, hi = np.nanquantile(reps, [a, 1 - a], axis=0)
        # the band contains the curve of the plan (a percentile band need not, at the ends)
        lo, hi = np.minimum(lo, point), np.maximum(hi, point)
    df = pd.DataFrame({"population_share": x, "load_share": point, "ci_low": lo, "ci_high": hi},
                      columns=LORENZ_BAND_COLUMNS)
    df.attrs.update(n_boot=n_boot, seed=seed, level=level, column=weight, n_units=n,
                    n_tasks=W.shape[1], include_collectives=include_collectives)
    return df
