"""Workload per unit.

Columns of :func:`unit_load` (``LOAD_COLUMNS``), one row per unit node
----------------------------------------------------------------------
unit
    canonical unit name (the node's ``label``)
kind
    unit kind (``department``, ``street_office``, …, ``collective``)
n_lead, n_support, n_responsible
    number of tasks on which the unit has that role
n_tasks
    number of tasks the unit is on (sum of the three)
weighted_load
    sum of the role weights on the unit's edges (edge attribute ``weight``)
load_share
    weighted_load / total weighted_load of the ranked units; <NA> for units not ranked
n_sections
    number of distinct sections the unit's tasks belong to (``df.attrs['n_sections_total']``
    is the number of sections in the graph, 8 for the 2020 Xialu plan)
n_partners
    distinct other units sharing at least one task (collectives count as partners only with
    ``include_collectives=True``)
lead_ratio
    n_lead / n_tasks (0.0 for a unit without tasks)
ranked
    False for collectives (kind == "collective") unless ``include_collectives=True``
load_rank
    1 = heaviest weighted_load among ranked units (ties share the lower rank, method "min");
    <NA> for units not ranked
rank
    the same as ``load_rank`` (kept for older callers; the centrality table's rank is
    ``birank_rank``)

Rows: ranked units by rank then name, then the unranked (collective) units by name.
``df.attrs``: ``include_collectives``, ``n_sections_total``, ``total_weighted_load``.
"""

from __future__ import annotations

import pandas as pd

from ..graph import edge_weight, is_collective, node_kind, section_key, task_nodes, unit_name, unit_nodes

__all__ = ["unit_load", "LOAD_COLUMNS"]

LOAD_COLUMNS = [
    "unit",
    "kind",
    "n_lead",
    "n_support",
    "n_responsible",
    "n_tasks",
    "weighted_load",
    "load_share",
    "n_sections",
    "n_partners",
    "lead_ratio",
    "ranked",
    "load_rank",
    "rank",
]


def unit_load(G, *, include_collectives: bool = False, weight: str = "weight") -> pd.DataFrame:
    """Tasks and weighted load carried by each unit.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    include_collectives : bool, default False
        Rank collectives (kind ``"collective"``) with the other units. By default they are
        reported at the end of the table with ``ranked=False`` and no rank or load share.
    weight : str, default "weight"
        Edge attribute holding the role weight (missing → 1.0).

    Returns
    -------
    pandas.DataFrame
        Columns ``LOAD_COLUMNS``, described in the module docstring.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:甲", bipartite=0, label="甲", kind="department")
    >>> G.add_node("u:乙", bipartite=0, label="乙", kind="department")
    >>> G.add_node("t:1", bipartite=1, task_id="1", section_no="一")
    >>> G.add_edge("u:甲", "t:1", role="lead", weight=1.0)
    >>> G.add_edge("u:乙", "t:1", role="support", weight=0.5)
    >>> unit_load(G)[["unit", "n_lead", "n_support", "weighted_load", "rank"]].values.tolist()
    [['甲', 1, 0, 1.0, 1], ['乙', 0, 1, 0.5, 2]]
    """
    units = unit_nodes(G)
    tasks = task_nodes(G)
    sections = {t: section_key(G, t) for t in tasks}
    rows = []
    for u in units:
        counts = {"lead": 0, "support": 0, "responsible": 0}
        wl = 0.0
        secs = set()
        partners = set()
        for t, d in G[u].items():
            role = d.get("role", "responsible")
            counts[role] = counts.get(role, 0) + 1
            wl += edge_weight(d, weight)
            secs.add(sections.get(t, ""))
            for v in G[t]:
                if v != u and (include_collectives or not is_collective(G, v)):
                    partners.add(v)
        n_tasks = G.degree(u)
        rows.append(
            {
                "unit": unit_name(G, u),
                "kind": node_kind(G, u),
                "n_lead": counts["lead"],
                "n_support": counts["support"],
                "n_responsible": counts["responsible"],
                "n_tasks": n_tasks,
                "weighted_load": wl,
                "n_sections": len(secs),
                "n_partners": len(partners),
                "lead_ratio": counts["lead"] / n_tasks if n_tasks else 0.0,
                "ranked": include_collectives or not is_collective(G, u),
            }
        )
    df = pd.DataFrame(rows, columns=[c for c in LOAD_COLUMNS if c not in ("load_share", "rank", "load_rank")])
    df = df.astype(
        {
            "unit": "str",
            "kind": "str",
            "n_lead": "int64",
            "n_support": "int64",
            "n_responsible": "int64",
            "n_tasks": "int64",
            "weighted_load": "float64",
            "n_sections": "int64",
            "n_partners": "int64",
            "lead_ratio": "float64",
            "ranked": "bool",
        }
    )
    ranked = df["ranked"]
    total = float(df.loc[ranked, "weighted_load"].sum())
    share = df["weighted_load"] / total if total > 0 else df["weighted_load"] * 0.0
    df["load_share"] = share.where(ranked).astype("Float64")
    df["rank"] = (
        df["weighted_load"].where(ranked).rank(method="min", ascending=False).astype("Int64")
    )
    df["load_rank"] = df["rank"]
    df = df[LOAD_COLUMNS]
    order = df.assign(_r=df["rank"].fillna(len(df) + 1).astype("int64"), _u=~ranked)
    df = df.loc[order.sort_values(["_u", "_r", "unit"], kind="stable").index].reset_index(drop=True)
    df.attrs.update(
        include_collectives=include_collectives,
        n_sections_total=len(set(sections.values())),
        total_weighted_load=total,
    )
    return df
