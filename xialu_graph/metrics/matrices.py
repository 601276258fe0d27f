"""Unit × task and unit × section matrices of the bipartite graph (plain counts and weights).

Both return DataFrames indexed by unit name (index name ``unit``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..graph import edge_weight, is_collective, section_key, task_id, task_nodes, unit_name, unit_nodes

__all__ = ["unit_task_matrix", "unit_section_matrix"]


def unit_task_matrix(G, *, value: str = "weight") -> pd.DataFrame:
    """Unit × task matrix of edge ``value`` (0 where a unit is not on a task).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a"); G.add_node("t:1", bipartite=1, task_id="1")
    >>> G.add_edge("u:a", "t:1", weight=0.5)
    >>> unit_task_matrix(G).loc["a", "1"]
    np.float64(0.5)
    """

    units = unit_nodes(G)
    tasks = task_nodes(G)
    tidx = {t: j for j, t in enumerate(tasks)}
    import numpy as np

    M = np.zeros((len(units), len(tasks)))
    for i, u in enumerate(units):
        for t, d in G[u].items():
            if t in tidx:
                M[i, tidx[t]] = float(d.get(value, 1.0))
    return pd.DataFrame(
        M,
        index=pd.Index([unit_name(G, u) for u in units], name="unit"),
        columns=[task_id(G, t) for t in tasks],
    )


def unit_section_matrix(G) -> pd.DataFrame:
    """Unit × section matrix: number of tasks of each unit in each section.

    Columns are ``section_no`` values in order of first appearance ('' for tasks without a
    section).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a")
    >>> G.add_node("t:1", bipartite=1, section_no="一"); G.add_node("t:2", bipartite=1, section_no="二")
    >>> G.add_edges_from([("u:a", "t:1"), ("u:a", "t:2")])
    >>> unit_section_matrix(G).values.tolist()
    [[1, 1]]
    """

    secs = []
    for t in task_nodes(G):
        s = section_key(G, t)
        if s not in secs:
            secs.append(s)
    units = unit_nodes(G)
    rows = []
    for u in units:
        counts = dict.fromkeys(secs, 0)
        for t in G[u]:
            counts[section_key(G, t)] += 1
        rows.append(counts)
    return pd.DataFrame(rows, index=pd.Index([unit_name(G, u) for u in units], name="unit"), columns=secs).astype("int64")


def biadjacency(G, *, include_collectives: bool = False, weight="weight"):
    """Dense unit × task weight matrix with its row and column nodes (collectives left out unless asked).

    Returns ``(units, tasks, W)``: unit node ids, task node ids, ``W[i, j]`` the weight of the edge
    (0 where none). Shared by the bootstrap and the two-mode clustering.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0); G.add_node("t:1", bipartite=1); G.add_edge("u:a", "t:1", weight=0.5)
    >>> biadjacency(G)[2].tolist()
    [[0.5]]
    """
    units = [u for u in unit_nodes(G) if include_collectives or not is_collective(G, u)]
    tasks = task_nodes(G)
    ti = {t: j for j, t in enumerate(tasks)}
    W = np.zeros((len(units), len(tasks)))
    for i, u in enumerate(units):
        for t, d in G[u].items():
            if t in ti:
                W[i, ti[t]] = edge_weight(d, weight)
    return units, tasks, W
