"""Accountability checks: findings an inspector would want to look at.

Columns of :func:`accountability_checks` (``CHECK_COLUMNS``), one row per finding
--------------------------------------------------------------------------------
check
    one of ``CHECKS``:

    ``no_lead``
        the task names no lead unit (its units are all ``responsible`` or ``support``)
    ``no_units``
        the task names no unit at all
    ``several_leads``
        the task names more than one lead (shared leadership)
    ``only_collectives``
        every unit of the task is a collective or was expanded from one (各街办(新区))
    ``many_units``
        the task names more than ``max_units`` units
    ``support_never_leads``
        the unit supports at least one task and leads none
task_id
    the task concerned ('' for a unit finding)
unit
    the unit concerned ('' for a task finding)
value
    the number behind the finding: number of units / leads for task findings, number of
    tasks supported for ``support_never_leads``
detail
    one readable sentence (English) naming the units involved

Rows: grouped by check in ``CHECKS`` order, then by task number or unit name.
"""

from __future__ import annotations

import pandas as pd

from ..graph import is_collective, task_id, task_nodes, task_sort_key, unit_name, unit_nodes

__all__ = ["accountability_checks", "CHECKS", "CHECK_COLUMNS"]

CHECKS = ("no_units", "no_lead", "several_leads", "only_collectives", "many_units", "support_never_leads")
CHECK_COLUMNS = ["check", "task_id", "unit", "value", "detail"]


def accountability_checks(
    G,
    *,
    max_units: int = 8,
    checks=CHECKS,
    include_collectives: bool = False,
) -> pd.DataFrame:
    """Findings about lead, collective and crowded assignments.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    max_units : int, default 8
        A task with more units than this is reported as ``many_units``.
    checks : sequence of str, default CHECKS
        Checks to run.
    include_collectives : bool, default False
        Report collectives (kind ``"collective"``) under ``support_never_leads`` too.

    Returns
    -------
    pandas.DataFrame
        Columns ``CHECK_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:甲", bipartite=0, label="甲", kind="department")
    >>> G.add_node("u:乙", bipartite=0, label="乙", kind="department")
    >>> G.add_node("t:1", bipartite=1, task_id="1")
    >>> G.add_edge("u:甲", "t:1", role="responsible", weight=1.0, via="")
    >>> G.add_edge("u:乙", "t:1", role="support", weight=0.5, via="")
    >>> accountability_checks(G)[["check", "task_id", "unit"]].values.tolist()
    [['no_lead', '1', ''], ['support_never_leads', '', '乙']]
    """
    unknown = set(checks) - set(CHECKS)
    if unknown:
        raise ValueError(f"unknown check(s): {', '.join(sorted(unknown))}; choose from {CHECKS}")
    found: dict = {c: [] for c in CHECKS}
    tasks = sorted(task_nodes(G), key=lambda t: task_sort_key(task_id(G, t)))
    for t in tasks:
        tid = task_id(G, t)
        nb = sorted(G[t], key=lambda u: unit_name(G, u))
        names = [unit_name(G, u) for u in nb]
        leads = [unit_name(G, u) for u in nb if G.edges[u, t].get("role") == "lead"]
        if not nb:
            found["no_units"].append((tid, "", 0, "task names no unit"))
            continue
        if not leads:
            found["no_lead"].append((tid, "", len(nb), f"no lead; units: {'、'.join(names)}"))
        if len(leads) > 1:
            found["several_leads"].append((tid, "", len(leads), f"{len(leads)} leads: {'、'.join(leads)}"))
        if all(is_collective(G, u) or G.edges[u, t].get("via") for u in nb):
            vias = sorted({G.edges[u, t].get("via") or unit_name(G, u) for u in nb})
            found["only_collectives"].append((tid, "", len(nb), f"only collectives: {'、'.join(vias)}"))
        if len(nb) > max_units:
            found["many_units"].append((tid, "", len(nb), f"{len(nb)} units (more than {max_units})"))
    for u in sorted(unit_nodes(G), key=lambda u: unit_name(G, u)):
        if is_collective(G, u) and not include_collectives:
            continue
        roles = [d.get("role") for d in G[u].values()]
        n_sup = roles.count("support")
        if n_sup and "lead" not in roles:
            n_resp = roles.count("responsible")
            found["support_never_leads"].append(
                ("", unit_name(G, u), n_sup, f"supports {n_sup} task(s), responsible for {n_resp}, leads none")
            )
    rows = [
        {"check": c, "task_id": tid, "unit": un, "value": v, "detail": msg}
        for c in CHECKS
        if c in checks
        for tid, un, v, msg in found[c]
    ]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS).astype(
        {"check": "str", "task_id": "str", "unit": "str", "value": "int64", "detail": "str"}
    )
