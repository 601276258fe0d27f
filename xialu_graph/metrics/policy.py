"""Sensitivity of the workload figures to the collective policy.

Columns of :func:`collective_sensitivity` (``SENSITIVITY_COLUMNS``), one row per policy
-------------------------------------------------------------------------------------
collectives
    the policy (``xialu_graph.graph.COLLECTIVE_MODES``)
n_units
    ranked units
collectives_ranked
    True when collective nodes are ranked with the units (policy ``keep``: a kept
    collective is a unit of the plan in its own right); under ``expand`` and ``share`` the
    collectives with unknown members are reported apart, as in :func:`unit_load`
gini, herfindahl, top5_share
    of ``weighted_load`` over the ranked units (:func:`workload_balance`)
top_units
    the five heaviest ranked units, "、"-joined, heaviest first (ties by name)
"""

from __future__ import annotations

import pandas as pd

from .balance import workload_balance
from .load import unit_load
from ..graph import COLLECTIVE_MODES, build_graph

__all__ = ["collective_sensitivity", "SENSITIVITY_COLUMNS"]

SENSITIVITY_COLUMNS = ["collectives", "n_units", "collectives_ranked", "gini", "herfindahl", "top5_share", "top_units"]


def collective_sensitivity(doc, *, modes=None, weights=None, top: int = 5) -> pd.DataFrame:
    """Gini, HHI, top-5 share and top units of one document under each collective policy.

    Parameters
    ----------
    doc : Document
        A parsed document.
    modes : sequence of str, optional
        Policies to compare (default all of ``COLLECTIVE_MODES``).
    weights : optional
        Role weights, as :func:`xialu_graph.build_graph`.
    top : int, default 5
        Units listed in ``top_units``.

    Returns
    -------
    pandas.DataFrame
        Columns ``SENSITIVITY_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document(
    ...     "一、甲\\n1、乙。[牵头单位:区发改局;责任单位:各街办(新区)]\\n2、丙。[牵头单位:区财政局]\\n",
    ...     place="下陆区")
    >>> s = collective_sensitivity(doc, modes=["expand", "share"])
    >>> s[["collectives", "n_units", "top_units"]].values.tolist()[1]
    ['share', 6, '区发改局、区财政局、东街办、团街办、新街办']
    """

    rows = []
    for mode in modes if modes is not None else COLLECTIVE_MODES:
        G = build_graph(doc, weights=weights, collectives=mode)
        inc = mode == "keep"
        load = unit_load(G, include_collectives=inc)
        b = workload_balance(load, columns=("weighted_load",), include_collectives=inc).iloc[0]
        r = load[load["ranked"]].sort_values(["weighted_load", "unit"], ascending=[False, True])
        rows.append(
            {
                "collectives": mode,
                "n_units": int(b["n_units"]),
                "collectives_ranked": inc,
                "gini": float(b["gini"]),
                "herfindahl": float(b["herfindahl"]),
                "top5_share": float(b["top5_share"]),
                "top_units": "、".join(r["unit"].head(top)),
            }
        )
    return pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
