"""Inequality of the workload across units.

Columns of :func:`workload_balance` (``BALANCE_COLUMNS``), one row per measure
-----------------------------------------------------------------------------
measure
    the load column summarised (``weighted_load``, ``n_lead`` …)
n_units
    number of ranked units counted
total, mean, std, max
    of the measure over those units (std is the population standard deviation, ddof=0)
gini
    Gini coefficient, mean absolute difference / (2 × mean): 0 = equal, (n-1)/n = one unit
    carries everything; Gini of [1, 2, 3, 4] is 0.25
herfindahl
    Herfindahl–Hirschman index, sum of squared shares (1/n … 1)
top5_share, top10_share
    share of the total carried by the 5 / 10 heaviest units
cv
    coefficient of variation, std / mean

Columns of :func:`lorenz_curve` (``LORENZ_COLUMNS``), one row per point
----------------------------------------------------------------------
measure, population_share (cumulative share of units, lightest first, from 0), load_share
(cumulative share of the measure, from 0 to 1).

Undefined values (empty input, zero total) are NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "gini",
    "herfindahl",
    "lorenz_curve",
    "workload_balance",
    "BALANCE_COLUMNS",
    "LORENZ_COLUMNS",
]

BALANCE_COLUMNS = [
    "measure",
    "n_units",
    "total",
    "mean",
    "std",
    "max",
    "gini",
    "herfindahl",
    "top5_share",
    "top10_share",
    "cv",
]
LORENZ_COLUMNS = ["measure", "population_share", "load_share"]


def _values(x) -> np.ndarray:
    a = np.asarray(pd.Series(x, dtype="float64").dropna(), dtype=float)
    if (a < 0).any():
        raise ValueError("loads must be non-negative")
    return a


def gini(values) -> float:
    """Gini coefficient of non-negative values (population form, no small-sample correction).

    Examples
    --------
    >>> gini([1, 2, 3, 4])
    0.25
    >>> gini([0, 0, 0, 5])
    0.75
    """
    a = np.sort(_values(values))
    n = a.size
    s = a.sum()
    if n == 0 or s == 0:
        return float("nan")
    i = np.arange(1, n + 1)
    return float(((2 * i - n - 1) * a).sum() / (n * s))


def herfindahl(values) -> float:
    """Herfindahl–Hirschman index: sum of squared shares.

    Examples
    --------
    >>> herfindahl([1, 1, 1, 1])
    0.25
    """
    a = _values(values)
    s = a.sum()
    if a.size == 0 or s == 0:
        return float("nan")
    return float(((a / s) ** 2).sum())


def _select(load: pd.DataFrame, include_collectives: bool) -> pd.DataFrame:
    if include_collectives or "ranked" not in load.columns:
        return load
    return load[load["ranked"].astype(bool)]


def lorenz_curve(load, *, column: str = "weighted_load", include_collectives: bool = False) -> pd.DataFrame:
    """Lorenz curve points of one load column.

    Parameters
    ----------
    load : pandas.DataFrame or array-like
        A :func:`~xialu_graph.metrics.unit_load` table (rows with ``ranked`` False are left
        out unless ``include_collectives``), or plain values.
    column : str, default "weighted_load"
        Column to use when ``load`` is a DataFrame.
    include_collectives : bool, default False

    Returns
    -------
    pandas.DataFrame
        Columns ``LORENZ_COLUMNS``; n + 1 rows starting at (0, 0) and ending at (1, 1).

    Examples
    --------
    >>> lorenz_curve([1, 3])[["population_share", "load_share"]].values.tolist()
    [[0.0, 0.0], [0.5, 0.25], [1.0, 1.0]]
    """
    if isinstance(load, pd.DataFrame):
        vals = _values(_select(load, include_collectives)[column])
        name = column
    else:
        vals = _values(load)
        name = column
    a = np.sort(vals)
    n = a.size
    s = a.sum()
    x = np.arange(n + 1) / n if n else np.array([0.0])
    y = np.concatenate([[0.0], np.cumsum(a) / s]) if n and s > 0 else np.full(n + 1, np.nan)
    if n and s > 0:
        y[-1] = 1.0
    return pd.DataFrame({"measure": name, "population_share": x, "load_share": y}, columns=LORENZ_COLUMNS)


def _summary(name: str, a: np.ndarray) -> dict:
    n = a.size
    s = float(a.sum()) if n else 0.0
    srt = np.sort(a)[::-1]
    ok = n > 0 and s > 0
    mean = float(a.mean()) if n else float("nan")
    std = float(a.std(ddof=0)) if n else float("nan")
    return {
        "measure": name,
        "n_units": n,
        "total": s,
        "mean": mean,
        "std": std,
        "max": float(srt[0]) if n else float("nan"),
        "gini": gini(a),
        "herfindahl": herfindahl(a),
        "top5_share": float(srt[:5].sum() / s) if ok else float("nan"),
        "top10_share": float(srt[:10].sum() / s) if ok else float("nan"),
        "cv": std / mean if n and mean > 0 else float("nan"),
    }


def workload_balance(
    load,
    *,
    columns=("weighted_load", "n_lead"),
    include_collectives: bool = False,
) -> pd.DataFrame:
    """Inequality measures of the workload: Gini, Herfindahl, top-5/10 shares, CV.

    Parameters
    ----------
    load : pandas.DataFrame or array-like
        A :func:`~xialu_graph.metrics.unit_load` table, or plain values (then one row,
        measure ``"value"``).
    columns : sequence of str, default ("weighted_load", "n_lead")
        Load columns to summarise, one output row each.
    include_collectives : bool, default False
        Keep rows with ``ranked`` False (collectives).

    Returns
    -------
    pandas.DataFrame
        Columns ``BALANCE_COLUMNS`` (module docstring). ``df.attrs['lorenz']`` holds the
        Lorenz points of every measure as one long table (:func:`lorenz_curve` columns).

    Examples
    --------
    >>> b = workload_balance([1, 2, 3, 4])
    >>> float(b.loc[0, "gini"]), float(b.loc[0, "top5_share"])
    (0.25, 1.0)
    """
    if isinstance(load, pd.DataFrame):
        sel = _select(load, include_collectives)
        items = [(c, _values(sel[c])) for c in columns]
    else:
        items = [("value", _values(load))]
    df = pd.DataFrame([_summary(name, a) for name, a in items], columns=BALANCE_COLUMNS)
    df.attrs["lorenz"] = pd.concat(
        [lorenz_curve(a, column=name) for name, a in items], ignore_index=True
    )
    return df
