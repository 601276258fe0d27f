"""Accountability checks: findings an inspector would want to look at.

One function per kind of finding: :func:`responsibility_checks` for tasks (one check per
question, with task text and units), :func:`unit_checks` for units. (An older
``accountability_checks`` mixed both, with English details and a "no lead" that counted a
task naming one unit alone as a gap; it is gone.)

Columns of :func:`responsibility_checks` (``RESPONSIBILITY_COLUMNS``), one row per task finding
--------------------------------------------------------------------------------------------
check
    one of ``RESPONSIBILITY_CHECKS``; a task may be in several:

    ``several_no_lead``
        two or more units, none leading: nobody is in charge
    ``one_responsible``
        exactly one unit and no lead: that unit is clearly in charge (listed, not a gap)
    ``diffuse``
        handed to every unit of a class (区政府各部门, 各相关部门, …: a collective whose name
        has a marker of ``data/checks.toml``), the most diffuse responsibility there is
    ``only_collectives``
        every unit is a collective or was expanded from one
    ``many_leads``
        at least ``many_leads`` lead units (2 by default)
    ``many_units``
        more than ``many_units`` units named (8 by default): responsibility spread thin
    ``no_units``
        no unit at all
label
    the check in the briefing's language (the glossary's ``check.*`` concepts: Chinese, ``CHECK_LABELS_ZH``,
    by default; English under :func:`xialu_graph.glossary.use_language` ``("en")``), for the briefing reader
task_id, task_text
    task number and its text as written
units
    the units as the document names them, in document order, "、"-joined (a collective
    expanded into its members is shown once, under its own name)
n_units, n_leads
    units named (as in ``units``) and lead units

Rows: by check in ``RESPONSIBILITY_CHECKS`` order, then task number.

Columns of :func:`unit_checks` (``UNIT_CHECK_COLUMNS``), one row per unit finding
-------------------------------------------------------------------------------
check
    ``support_never_leads``: the unit supports at least one task and leads none
label
    the check in the briefing's language (as above)
unit
    the unit
n_support, n_responsible, n_lead
    tasks the unit supports, is responsible for, leads

Rows: by check, then unit name; collectives left out unless asked.
"""

from __future__ import annotations

import pandas as pd

import os
import tomllib
from pathlib import Path

from ..glossary import CONCEPTS, concept
from ..graph import is_collective, task_id, task_nodes, task_sort_key, unit_name, unit_nodes

__all__ = [
    "responsibility_checks",
    "unit_checks",
    "load_check_config",
    "RESPONSIBILITY_CHECKS",
    "RESPONSIBILITY_COLUMNS",
    "UNIT_CHECKS",
    "UNIT_CHECK_COLUMNS",
    "CHECK_LABELS_ZH",
]

RESPONSIBILITY_CHECKS = ("several_no_lead", "one_responsible", "diffuse", "only_collectives", "many_leads", "many_units",
                         "no_units")
RESPONSIBILITY_COLUMNS = ["check", "label", "task_id", "task_text", "units", "n_units", "n_leads"]
CHECK_LABELS_ZH = {k.split(".", 1)[1]: t.zh for k, t in CONCEPTS.items() if k.startswith("check.")}
"""The checks in Chinese, from the one glossary (:data:`xialu_graph.glossary.CONCEPTS`)."""
_DEFAULT_CONFIG = {
    "diffuse": {"markers": ["各部门", "各单位", "各机关", "各相关", "各有关", "成员单位", "各行业", "各执法", "各市级", "各级"]},
    "thresholds": {"many_leads": 2, "many_units": 8},
}
UNIT_CHECKS = ("support_never_leads",)
UNIT_CHECK_COLUMNS = ["check", "label", "unit", "n_support", "n_responsible", "n_lead"]


def unit_checks(G, *, include_collectives: bool = False) -> pd.DataFrame:
    """Units an inspector would look at: those that support and never lead.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph`.
    include_collectives : bool, default False
        Report collectives (kind ``"collective"``) too.

    Returns
    -------
    pandas.DataFrame
        Columns ``UNIT_CHECK_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:甲", bipartite=0, label="甲", kind="department")
    >>> G.add_node("u:乙", bipartite=0, label="乙", kind="department")
    >>> G.add_node("t:1", bipartite=1, task_id="1")
    >>> G.add_edge("u:甲", "t:1", role="lead", weight=1.0, via="")
    >>> G.add_edge("u:乙", "t:1", role="support", weight=0.5, via="")
    >>> unit_checks(G).values.tolist()
    [['support_never_leads', '只配合、从不牵头的单位', '乙', 1, 0, 0]]
    """
    rows = []
    for u in sorted(unit_nodes(G), key=lambda u: unit_name(G, u)):
        if is_collective(G, u) and not include_collectives:
            continue
        roles = [d.get("role") for d in G[u].values()]
        n_sup, n_lead = roles.count("support"), roles.count("lead")
        if n_sup and not n_lead:
            rows.append({"check": "support_never_leads", "label": concept("check.support_never_leads"),
                         "unit": unit_name(G, u), "n_support": n_sup,
                         "n_responsible": roles.count("responsible"), "n_lead": 0})
    return pd.DataFrame(rows, columns=UNIT_CHECK_COLUMNS).astype(
        {"check": "str", "label": "str", "unit": "str", "n_support": "int64", "n_responsible": "int64",
         "n_lead": "int64"})


def load_check_config(path=None) -> dict:
    """The check settings: ``path``, ``$XIALU_GRAPH_CHECKS``, ``data/checks.toml`` of the
    source checkout, else the built-in defaults (the same values).

    Examples
    --------
    >>> "各部门" in load_check_config()["diffuse"]["markers"]
    True
    """
    if path is None:
        env = os.environ.get("XIALU_GRAPH_CHECKS")
        cand = Path(env) if env else Path(__file__).resolve().parents[2] / "data" / "checks.toml"
        if not cand.is_file():
            return {k: dict(v) for k, v in _DEFAULT_CONFIG.items()}
        path = cand
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = {k: dict(v) for k, v in _DEFAULT_CONFIG.items()}
    for k, v in data.items():
        out.setdefault(k, {}).update(v)
    return out


def responsibility_checks(G, *, checks=RESPONSIBILITY_CHECKS, many_leads=None, many_units=None,
                          config=None) -> "pd.DataFrame":
    """Tasks an inspector would look at, one check per question, with text and units.

    "No lead" is two questions: a task naming one unit and no lead is reported apart
    (``one_responsible``: that unit is in charge, not a gap) from several units none leading;
    tasks handed to every department (``diffuse``) are flagged even though they name a "unit".

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph from :func:`xialu_graph.build_graph` (any collective policy:
        collectives are recognised by kind and by the edges' ``via``).
    checks : sequence of str, default RESPONSIBILITY_CHECKS
    many_leads : int, optional
        Threshold of ``many_leads`` (default from the config, 2).
    many_units : int, optional
        A task naming more units than this is ``many_units`` (default from the config, 8).
    config : str or Path, optional
        A TOML file like ``data/checks.toml`` (:func:`load_check_config`).

    Returns
    -------
    pandas.DataFrame
        Columns ``RESPONSIBILITY_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:甲", bipartite=0, label="甲", kind="department")
    >>> G.add_node("u:乙", bipartite=0, label="乙", kind="department")
    >>> G.add_node("u:区政府各部门", bipartite=0, label="区政府各部门", kind="collective")
    >>> G.add_node("t:1", bipartite=1, task_id="1", text="抓项目")
    >>> G.add_node("t:2", bipartite=1, task_id="2", text="抓作风")
    >>> G.add_edge("u:乙", "t:1", role="responsible", via="")
    >>> G.add_edge("u:甲", "t:1", role="responsible", via="")
    >>> G.add_edge("u:区政府各部门", "t:2", role="responsible", via="")
    >>> responsibility_checks(G)[["check", "task_id", "units"]].values.tolist()
    [['several_no_lead', '1', '乙、甲'], ['one_responsible', '2', '区政府各部门'], ['diffuse', '2', '区政府各部门'], ['only_collectives', '2', '区政府各部门']]
    """
    unknown = set(checks) - set(RESPONSIBILITY_CHECKS)
    if unknown:
        raise ValueError(f"unknown check(s): {', '.join(sorted(unknown))}; choose from {RESPONSIBILITY_CHECKS}")
    cfg = load_check_config(config)
    markers = tuple(cfg["diffuse"]["markers"])
    n_many = int(many_leads if many_leads is not None else cfg["thresholds"]["many_leads"])
    n_crowd = int(many_units if many_units is not None else cfg["thresholds"].get("many_units", 8))
    found: dict = {c: [] for c in RESPONSIBILITY_CHECKS}
    for t in sorted(task_nodes(G), key=lambda t: task_sort_key(task_id(G, t))):
        named: list = []  # (name as written, is collective, is lead) in document order
        seen: dict = {}
        for u in G[t]:
            e = G.edges[u, t]
            via = e.get("via") or ""
            name = via or unit_name(G, u)
            coll = bool(via) or is_collective(G, u)
            lead = e.get("role") == "lead"
            if name in seen:
                i = seen[name]
                named[i] = (name, coll, named[i][2] or lead)
                continue
            seen[name] = len(named)
            named.append((name, coll, lead))
        n = len(named)
        n_leads = sum(1 for x in named if x[2])
        hits = []
        if n == 0:
            hits.append("no_units")
        else:
            if n_leads == 0 and n >= 2:
                hits.append("several_no_lead")
            if n_leads == 0 and n == 1:
                hits.append("one_responsible")
            if any(c and any(m in nm for m in markers) for nm, c, _ in named):
                hits.append("diffuse")
            if all(c for _, c, _ in named):
                hits.append("only_collectives")
            if n_leads >= n_many:
                hits.append("many_leads")
            if n > n_crowd:
                hits.append("many_units")
        text = str(G.nodes[t].get("text") or "")
        for h in hits:
            found[h].append((task_id(G, t), text, "、".join(x[0] for x in named), n, n_leads))
    rows = [
        {"check": c, "label": concept(f"check.{c}"), "task_id": tid, "task_text": txt, "units": us,
         "n_units": n, "n_leads": nl}
        for c in RESPONSIBILITY_CHECKS
        if c in checks
        for tid, txt, us, n, nl in found[c]
    ]
    return pd.DataFrame(rows, columns=RESPONSIBILITY_COLUMNS).astype(
        {"check": "str", "label": "str", "task_id": "str", "task_text": "str", "units": "str",
         "n_units": "int64", "n_leads": "int64"}
    )
