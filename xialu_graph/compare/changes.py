"""What changed between editions: unit loads, units appearing and disappearing, balance,
cluster structure, continued / new / dropped tasks and lead changes.

Columns of :func:`unit_loads` (``UNIT_LOAD_COLUMNS``), one row per (document, unit)
-----------------------------------------------------------------------------------
label, unit, kind, n_lead, n_support, n_responsible, n_tasks, weighted_load, load_share,
rank — as :func:`xialu_graph.metrics.unit_load` (collectives left out), per document.

Columns of :func:`unit_changes` (``UNIT_CHANGE_COLUMNS``), one row per (pair, unit)
----------------------------------------------------------------------------------
label_a, label_b
    the two documents compared (older first)
unit, kind
    canonical unit (after confirmed unit matches)
load_a, load_b, load_change
    weighted load in each document (0 where absent) and load_b − load_a
rank_a, rank_b, rank_change
    rank in each document (1 = heaviest; <NA> where absent) and rank_a − rank_b (positive:
    moved up)
n_tasks_a, n_tasks_b
    tasks in each document
status
    ``continued``, ``appeared`` (only in b) or ``disappeared`` (only in a)
note
    confirmed lineage: ``split into …`` / ``split from …``; ``other document is an excerpt``
    for a unit that appears or disappears next to an excerpt (it may sit in the cut-off part)

Rows: continued by |load_change| (largest first), then appeared, then disappeared; ties by unit.

Columns of :func:`edition_changes` (``EDITION_COLUMNS``), one row per pair
-------------------------------------------------------------------------
label_a, label_b, n_tasks_a, n_tasks_b, truncated_a, truncated_b, n_units_a, n_units_b,
n_units_shared, n_units_appeared, n_units_disappeared, gini_a, gini_b, gini_change (Gini of
weighted load over ranked units), n_clusters_a, n_clusters_b, ari_shared_units (adjusted
Rand index of the two co-responsibility partitions restricted to the units present in both;
NaN with fewer than 2 shared units), n_tasks_continued, n_tasks_new, n_tasks_dropped,
n_lead_changed, collectives (the collective policy both graphs were built with, so that every
Gini and load above says how collectives were counted).
"""

from __future__ import annotations

import math
from ..metrics import adjusted_rand_index, gini, unit_load

__all__ = [
    "UNIT_LOAD_COLUMNS",
    "UNIT_CHANGE_COLUMNS",
    "EDITION_COLUMNS",
    "LEAD_CHANGE_COLUMNS",
    "unit_loads",
    "unit_changes",
    "cluster_change",
    "edition_changes",
    "lead_changes",
    "document_pairs",
]

UNIT_LOAD_COLUMNS = ["label", "unit", "kind", "n_lead", "n_support", "n_responsible", "n_tasks", "weighted_load", "load_share", "rank"]
UNIT_CHANGE_COLUMNS = [
    "label_a", "label_b", "unit", "kind", "load_a", "load_b", "load_change", "rank_a", "rank_b", "rank_change",
    "n_tasks_a", "n_tasks_b", "status", "note",
]
EDITION_COLUMNS = [
    "label_a", "label_b", "n_tasks_a", "n_tasks_b", "truncated_a", "truncated_b", "n_units_a", "n_units_b",
    "n_units_shared", "n_units_appeared", "n_units_disappeared", "gini_a", "gini_b", "gini_change",
    "n_clusters_a", "n_clusters_b", "ari_shared_units", "n_tasks_continued", "n_tasks_new", "n_tasks_dropped",
    "n_lead_changed", "collectives",
]
LEAD_CHANGE_COLUMNS = ["label_a", "label_b", "task_id_a", "task_id_b", "score", "lead_a", "lead_b", "text_a", "text_b"]
"""Columns of :func:`lead_changes`: the continued tasks whose principal units changed."""


def document_pairs(labels, how: str = "consecutive") -> list:
    """Pairs of labels to compare: ``consecutive`` (A→B, B→C …), ``first`` (A→B, A→C …) or
    ``all`` (every pair, older first).

    Examples
    --------
    >>> document_pairs(["a", "b", "c"])
    [('a', 'b'), ('b', 'c')]
    >>> document_pairs(["a", "b", "c"], "first")
    [('a', 'b'), ('a', 'c')]
    """
    labels = list(labels)
    if how == "consecutive":
        return list(zip(labels, labels[1:]))
    if how == "first":
        return [(labels[0], b) for b in labels[1:]]
    if how == "all":
        return [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]]
    raise ValueError(f"pairs must be consecutive, first or all, got {how!r}")


def unit_loads(graphs: dict):
    """Long table of unit loads per document (``UNIT_LOAD_COLUMNS``).

    Parameters
    ----------
    graphs : dict
        label → bipartite graph (:func:`xialu_graph.build_graph`), in document order.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> unit_loads({"A": G})[["label", "unit", "weighted_load"]].values.tolist()
    [['A', '区发改局', 1.0], ['A', '区财政局', 0.5]]
    """
    import pandas as pd


    frames = []
    for label, G in graphs.items():
        ld = unit_load(G)
        ld = ld[ld["ranked"].astype(bool)].copy()
        ld.insert(0, "label", label)
        frames.append(ld[UNIT_LOAD_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=UNIT_LOAD_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def unit_changes(loads, pairs, *, lineage=None, truncated=None):
    """Per unit and pair of documents: load and rank in each and the change (``UNIT_CHANGE_COLUMNS``).

    Parameters
    ----------
    loads : DataFrame
        From :func:`unit_loads`.
    pairs : list of (label_a, label_b)
    lineage : dict, optional
        From :func:`xialu_graph.compare.unit_lineage` (confirmed splits).
    truncated : dict, optional
        label → whether the document is an excerpt.

    Examples
    --------
    >>> import pandas as pd
    >>> loads = pd.DataFrame({"label": ["A", "A", "B"], "unit": ["甲", "乙", "甲"], "kind": "department",
    ...     "n_tasks": [2, 1, 1], "weighted_load": [2.0, 1.0, 1.0], "rank": [1, 2, 1]})
    >>> unit_changes(loads, [("A", "B")])[["unit", "load_change", "status"]].values.tolist()
    [['甲', -1.0, 'continued'], ['乙', -1.0, 'disappeared']]
    """
    import pandas as pd

    lineage = lineage or {"split_into": {}, "split_from": {}}
    truncated = truncated or {}
    rows = []
    for la, lb in pairs:
        A = {r["unit"]: r for r in loads[loads["label"] == la].to_dict("records")}
        B = {r["unit"]: r for r in loads[loads["label"] == lb].to_dict("records")}
        for u in sorted(set(A) | set(B)):
            ra, rb = A.get(u), B.get(u)
            status = "continued" if ra and rb else ("appeared" if rb else "disappeared")
            notes = []
            if status != "continued":
                if u in lineage["split_into"]:
                    notes.append("split into " + "、".join(lineage["split_into"][u]))
                if u in lineage["split_from"]:
                    notes.append("split from " + "、".join(lineage["split_from"][u]))
                other = la if status == "appeared" else lb
                if truncated.get(other):
                    notes.append("other document is an excerpt")
            load_a = float(ra["weighted_load"]) if ra else 0.0
            load_b = float(rb["weighted_load"]) if rb else 0.0
            rank_a = ra["rank"] if ra else pd.NA
            rank_b = rb["rank"] if rb else pd.NA
            rows.append(
                {
                    "label_a": la, "label_b": lb, "unit": u, "kind": (ra or rb)["kind"],
                    "load_a": load_a, "load_b": load_b, "load_change": load_b - load_a,
                    "rank_a": rank_a, "rank_b": rank_b,
                    "rank_change": (int(rank_a) - int(rank_b)) if ra and rb else pd.NA,
                    "n_tasks_a": int(ra["n_tasks"]) if ra else 0, "n_tasks_b": int(rb["n_tasks"]) if rb else 0,
                    "status": status, "note": "; ".join(notes),
                }
            )
    df = pd.DataFrame(rows, columns=UNIT_CHANGE_COLUMNS)
    if df.empty:
        return df
    pair_idx = {p: i for i, p in enumerate(pairs)}
    df["_p"] = [pair_idx[(a, b)] for a, b in zip(df["label_a"], df["label_b"])]
    df["_s"] = df["status"].map({"continued": 0, "appeared": 1, "disappeared": 2})
    df["_c"] = -df["load_change"].abs()
    df = df.sort_values(["_p", "_s", "_c", "unit"], kind="stable").drop(columns=["_p", "_s", "_c"]).reset_index(drop=True)
    for c in ("rank_a", "rank_b", "rank_change"):
        df[c] = df[c].astype("Int64")
    return df


def cluster_change(clusters_a, clusters_b) -> tuple[float, int]:
    """Adjusted Rand index of two cluster tables (columns unit, cluster) over the units in
    both, and the number of those units; NaN with fewer than 2.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"unit": list("abcd"), "cluster": [0, 0, 1, 1]})
    >>> b = pd.DataFrame({"unit": list("abce"), "cluster": [1, 1, 0, 0]})
    >>> cluster_change(a, b)
    (1.0, 3)
    """

    ma = dict(zip(clusters_a["unit"], clusters_a["cluster"]))
    mb = dict(zip(clusters_b["unit"], clusters_b["cluster"]))
    shared = sorted(set(ma) & set(mb))
    if len(shared) < 2:
        return math.nan, len(shared)
    return float(adjusted_rand_index([ma[u] for u in shared], [mb[u] for u in shared])), len(shared)


def lead_changes(task_matches):
    """Continued tasks whose principal units (lead, or responsible when no lead) changed
    (``LEAD_CHANGE_COLUMNS``)."""
    df = task_matches[(task_matches["status"] == "continued") & task_matches["lead_changed"]]
    return df[LEAD_CHANGE_COLUMNS].reset_index(drop=True)


def edition_changes(pairs, *, loads, clusters: dict, task_matches, truncated: dict, n_tasks: dict,
                    collectives: str = "expand"):
    """One row per pair of documents (``EDITION_COLUMNS``): units, Gini, clusters, tasks.

    ``collectives`` is the policy the graphs behind ``loads`` and ``clusters`` were built with;
    it is written on every row.
    """
    import pandas as pd


    rows = []
    for la, lb in pairs:
        A = loads[loads["label"] == la]
        B = loads[loads["label"] == lb]
        ua, ub = set(A["unit"]), set(B["unit"])
        ga, gb = gini(A["weighted_load"]), gini(B["weighted_load"])
        ari, _ = cluster_change(clusters[la], clusters[lb])
        tm = task_matches[(task_matches["label_a"] == la) & (task_matches["label_b"] == lb)]
        st = tm["status"].value_counts()
        rows.append(
            {
                "label_a": la, "label_b": lb, "n_tasks_a": n_tasks[la], "n_tasks_b": n_tasks[lb],
                "truncated_a": bool(truncated.get(la)), "truncated_b": bool(truncated.get(lb)),
                "n_units_a": len(ua), "n_units_b": len(ub), "n_units_shared": len(ua & ub),
                "n_units_appeared": len(ub - ua), "n_units_disappeared": len(ua - ub),
                "gini_a": ga, "gini_b": gb, "gini_change": gb - ga,
                "n_clusters_a": int(clusters[la].attrs.get("n_clusters", clusters[la]["cluster"].nunique())),
                "n_clusters_b": int(clusters[lb].attrs.get("n_clusters", clusters[lb]["cluster"].nunique())),
                "ari_shared_units": ari,
                "n_tasks_continued": int(st.get("continued", 0)), "n_tasks_new": int(st.get("new", 0)),
                "n_tasks_dropped": int(st.get("dropped", 0)),
                "n_lead_changed": int((tm["status"].eq("continued") & tm["lead_changed"]).sum()),
                "collectives": collectives,
            }
        )
    return pd.DataFrame(rows, columns=EDITION_COLUMNS)
