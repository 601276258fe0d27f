"""Document → bipartite unit–task graph, and its projections.

Graph conventions (networkx's bipartite convention)
---------------------------------------------------
``build_graph`` returns an undirected :class:`networkx.Graph`.

Graph attributes (``G.graph``)
    title, place, year, date, source : from the document metadata
    weights : dict role → weight used for the edges
    collectives : the collective policy, one of ``COLLECTIVE_MODES`` (``docs/methods.md``)
    collectives_expanded, collectives_unexpanded : lists of collective names whose members
        were known (expanded or shared) / not known (kept as one node) under expand and share
    expand_collectives : bool, True under expand and share (kept for older callers)

Unit nodes, id ``"u:<canonical name>"``
    bipartite = 0, node_type = "unit", label (the canonical name), kind (a UNIT_KINDS value)

Task nodes, id ``"t:<task_id>"``
    bipartite = 1, node_type = "task", label ("任务22"), task_id, section_no, section,
    subsection_no, subsection, text

Edges (unit, task)
    role ("lead" | "support" | "responsible"), weight (the role's weight, times ``share``
    under the share policy), via (collective expanded, '' otherwise), share (share policy
    only: 1 / number of members of the collective, 1.0 for a unit named directly)

Roles: ``lead`` 牵头单位; ``support`` 责任/配合单位 of a task that names a lead;
``responsible`` every unit of a task that names no lead — whether named alone or with others,
each is accountable for the whole task and carries the ``responsible`` weight (1.0 by
default). The accountability checks tell the two cases apart (``one_responsible`` versus
``several_no_lead``).

The prefixes keep unit and task ids from colliding even when a unit is called "1".
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, asdict, fields
from pathlib import Path
from typing import Iterable, Optional

import re

import networkx as nx

from .errors import InputError
from .model import ROLE_RANK, Document

__all__ = [
    "RoleWeights",
    "build_graph",
    "unit_node",
    "task_node",
    "unit_nodes",
    "task_nodes",
    "project_units",
    "check_projection_size",
    "MAX_PROJECTION_PAIRS",
    "project_tasks",
    "PROJECTION_METHODS",
    "COLLECTIVE_MODES",
]

UNIT_PREFIX = "u:"
TASK_PREFIX = "t:"


@dataclass(frozen=True)
class RoleWeights:
    """Weight of each role on a unit–task edge.

    Defaults: lead 1.0, support 0.5, responsible 1.0 (a unit of a task that names no lead
    carries it as a lead would, whether it is named alone or with other units). Override per call or from a TOML file with a ``[weights]``
    table (see ``data/weights.toml``).

    Examples
    --------
    >>> RoleWeights(support=0.25).support
    0.25
    >>> RoleWeights.from_mapping({"lead": 2}).lead
    2.0
    >>> RoleWeights(lead=float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: role weight lead must be a finite non-negative number, got nan
    """

    lead: float = 1.0
    support: float = 0.5
    responsible: float = 1.0

    def __post_init__(self):
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise ValueError(f"role weight {f.name} must be a finite non-negative number, got {v!r}")
            object.__setattr__(self, f.name, float(v))

    def of(self, role: str) -> float:
        return getattr(self, role)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_mapping(cls, m: dict) -> "RoleWeights":
        unknown = set(m) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown role(s) in weights: {', '.join(sorted(unknown))}")
        return cls(**m)

    @classmethod
    def from_file(cls, path) -> "RoleWeights":
        """Read weights from a TOML file: a ``[weights]`` table or top-level keys; all zero is
        refused (a settings file that weighs nothing is a mistake)."""
        path = Path(path)
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        w = cls.from_mapping(data.get("weights", data))
        if not any(w.as_dict().values()):  # allowed in the API (what-if falls back to counts), not in a file
            raise ValueError("role weights are all zero: every unit would carry no load")
        return w


def load_weights(path):
    """Role weights from a TOML file; a bad file raises InputError naming it.

    Examples
    --------
    >>> load_weights(None).support
    0.5
    """
    if path is None:
        return RoleWeights()
    try:
        return RoleWeights.from_file(path)
    except FileNotFoundError:
        raise InputError("weights file does not exist", source=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"weights file is not valid TOML ({e})", source=str(path)) from None
    except (ValueError, TypeError) as e:
        raise InputError(f"bad role weights: {e}", source=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read weights file ({e.strerror or e})", source=str(path)) from None


def unit_node(name: str) -> str:
    """Node id of a unit."""
    return UNIT_PREFIX + name


def task_node(task_id) -> str:
    """Node id of a task."""
    return TASK_PREFIX + str(task_id)


def unit_nodes(G) -> list:
    """Unit node ids (``bipartite=0``), in insertion order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("u:甲", bipartite=0); G.add_node("t:1", bipartite=1)
    >>> unit_nodes(G), task_nodes(G)
    (['u:甲'], ['t:1'])
    """
    return [n for n, d in G.nodes(data=True) if d.get("bipartite") == 0]


def task_nodes(G) -> list:
    """Task node ids (``bipartite=1``), in insertion order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("t:1", bipartite=1); G.add_node("u:甲", bipartite=0)
    >>> task_nodes(G)
    ['t:1']
    """
    return [n for n, d in G.nodes(data=True) if d.get("bipartite") == 1]


# -- node and edge accessors: the one place that knows how attributes are stored ------------
COLLECTIVE = "collective"


def node_label(G, n) -> str:
    """Display name of a node: its ``label`` attribute, else the id without its prefix.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("u:区财政局", bipartite=0)
    >>> node_label(G, "u:区财政局")
    '区财政局'
    """
    lab = G.nodes[n].get("label")
    if lab is not None:
        return str(lab)
    s = str(n)
    return s[2:] if s[:2] in (UNIT_PREFIX, TASK_PREFIX) else s


def unit_name(G, n) -> str:
    """Canonical name of a unit node (its label)."""
    return node_label(G, n)


def task_id(G, n) -> str:
    """Task number of a task node: its ``task_id`` attribute, else the id without ``t:``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("t:22", bipartite=1)
    >>> task_id(G, "t:22")
    '22'
    """
    tid = G.nodes[n].get("task_id")
    if tid is not None:
        return str(tid)
    s = str(n)
    return s[2:] if s.startswith(TASK_PREFIX) else s


def node_kind(G, n) -> str:
    """Kind of a unit node (``department``, ``street_office``, ``collective`` …; default ``other``)."""
    return G.nodes[n].get("kind", "other")


def is_collective(G, n) -> bool:
    """True for a collective unit node (各街办, 区政府各部门 …)."""
    return node_kind(G, n) == COLLECTIVE


def edge_weight(d: dict, weight) -> float:
    """Weight of an edge attribute dict under the attribute name ``weight`` (None → 1.0)."""
    if weight is None:
        return 1.0
    return float(d.get(weight, 1.0))


def section_key(G, t) -> str:
    """Section of a task node: its section number, else its title, else ''."""
    d = G.nodes[t]
    return str(d.get("section_no") or d.get("section") or "")


def task_sort_key(tid: str):
    """Natural sort key for task ids: '2' < '10' < '附件2-3'.

    Examples
    --------
    >>> sorted(["10", "2", "附件2-3"], key=task_sort_key)
    ['2', '10', '附件2-3']
    """
    parts = re.split(r"(\d+)", str(tid))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


COLLECTIVE_MODES = ("expand", "keep", "drop", "share")
"""Collective policies of :func:`build_graph` (see ``docs/methods.md``)."""

DEFAULT_COLLECTIVES = "expand"


def build_graph(
    doc: Document,
    *,
    weights=None,
    collectives: Optional[str] = None,
    expand_collectives: Optional[bool] = None,
) -> nx.Graph:
    """Bipartite unit–task graph of a document.

    Parameters
    ----------
    doc : Document
        A parsed document (:func:`xialu_graph.read_document`).
    weights : RoleWeights, dict, str or Path, optional
        Role weights; a dict of role → weight or a TOML file. Defaults to RoleWeights().
    collectives : {"expand", "keep", "drop", "share"}, default "expand"
        One rule for every collective named in the document (区政府各部门, 各街办(新区) …):

        ``"expand"``
            a collective whose members are known (``data/units/collectives.csv``) contributes
            one full edge per member (``via`` = the collective); a collective with no known
            members stays one node of kind ``collective`` (listed in
            ``G.graph['collectives_unexpanded']``; metrics leave it out of rankings unless
            ``include_collectives=True``).
        ``"keep"``
            every collective is one node of kind ``collective``; members' edges that came
            through it are replaced by one edge to the collective.
        ``"drop"``
            collectives and the edges that came through them are left out (a task named only
            to collectives keeps no unit).
        ``"share"``
            as ``"expand"``, but a member's edge weight is the role weight divided by the
            number of members (edge attribute ``share``), so the collective carries one task.
    expand_collectives : bool, optional
        Deprecated alias: True is ``collectives="expand"``, False is ``"keep"``.

    Returns
    -------
    networkx.Graph
        See the module docstring for node and edge attributes. A unit named twice on one task
        keeps its strongest role (lead > responsible > support); named directly beats named
        through a collective. ``G.graph['collectives']`` records the policy.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> G = xg.build_graph(doc)
    >>> G.edges["u:区发改局", "t:1"]["role"], G.edges["u:区财政局", "t:1"]["weight"]
    ('lead', 0.5)
    >>> doc = xg.read_document("一、稳\\n1、抓。[牵头单位:区发改局;责任单位:各街办(新区)]\\n", place="下陆区")
    >>> G = xg.build_graph(doc, collectives="share")
    >>> G.graph["collectives"], G.edges["u:东街办", "t:1"]["weight"]
    ('share', 0.125)
    >>> sorted(xg.build_graph(doc, collectives="drop").nodes)
    ['t:1', 'u:区发改局']
    """
    mode = _collective_mode(collectives, expand_collectives)
    w = coerce_weights(weights)
    G = nx.Graph()
    md = doc.metadata
    # members per collective as resolved in this document (the via of expanded assignments)
    members: dict = {}
    for t in doc.tasks:
        for a in t.assignments:
            if a.via:
                members.setdefault(a.via, set()).add(a.unit)
    unexpanded = sorted(
        {a.unit for t in doc.tasks for a in t.assignments if not a.via and a.unit_kind == "collective"}
    )
    G.graph.update(
        title=md.title,
        place=md.place,
        year=md.year,
        date=md.date,
        source=md.source,
        weights=w.as_dict(),
        collectives=mode,
        expand_collectives=mode in ("expand", "share"),
        collectives_expanded=sorted(members) if mode in ("expand", "share") else [],
        collectives_unexpanded=unexpanded if mode in ("expand", "share") else [],
    )
    for t in doc.tasks:
        tn = task_node(t.task_id)
        G.add_node(
            tn,
            bipartite=1,
            node_type="task",
            label=f"任务{t.task_id}",
            task_id=t.task_id,
            section_no=t.section_no,
            section=t.section,
            subsection_no=t.subsection_no,
            subsection=t.subsection,
            text=t.text,
        )
        for a in t.assignments:
            collective = bool(a.via) or a.unit_kind == "collective"
            frac = 1.0
            if collective and mode == "drop":
                continue
            if a.via and mode == "keep":
                name, kind, via = a.via, "collective", ""
            else:
                name, kind, via = a.unit, a.unit_kind, a.via
                if a.via and mode == "share":
                    frac = 1.0 / len(members[a.via])
            un = unit_node(name)
            if un not in G:
                G.add_node(un, bipartite=0, node_type="unit", label=name, kind=kind)
            attrs = dict(role=a.role, weight=w.of(a.role) * frac, via=via)
            if mode == "share":
                attrs["share"] = frac
            if G.has_edge(un, tn):
                old = G.edges[un, tn]
                if (ROLE_RANK[a.role], bool(via)) < (ROLE_RANK[old["role"]], bool(old["via"])):
                    old.update(attrs)
                continue
            G.add_edge(un, tn, **attrs)
    return G


def _collective_mode(collectives, expand_collectives) -> str:
    if expand_collectives is not None:
        import warnings

        warnings.warn(
            "expand_collectives= is deprecated; use collectives='expand' or 'keep'",
            DeprecationWarning,
            stacklevel=3,
        )
        alias = "expand" if expand_collectives else "keep"
        if collectives is not None and collectives != alias:
            raise ValueError(f"collectives={collectives!r} contradicts expand_collectives={expand_collectives!r}")
        collectives = alias
    mode = DEFAULT_COLLECTIVES if collectives is None else collectives
    if mode not in COLLECTIVE_MODES:
        raise ValueError(f"collectives must be one of {COLLECTIVE_MODES}, got {mode!r}")
    return mode


def coerce_weights(weights) -> RoleWeights:
    if weights is None:
        return RoleWeights()
    if isinstance(weights, RoleWeights):
        return weights
    if isinstance(weights, dict):
        return RoleWeights.from_mapping(weights)
    return RoleWeights.from_file(weights)


PROJECTION_METHODS = ("count", "product", "min", "newman", "jaccard")


MAX_PROJECTION_PAIRS = 1_000_000
"""Most unit pairs the unit–unit projection may hold (summed over tasks, before merging):
about 0.6 GB. One task naming 1,415 units reaches it; a network of a million links is no
longer a picture of co-responsibility. Above it the analysis stops with one line naming the
task (issue 16, finding 4: 100,000 units in one task took 176 s and then ran out of memory)."""


def check_projection_size(G: nx.Graph, keep=None, *, limit: int = MAX_PROJECTION_PAIRS) -> int:
    """Number of unit pairs the projection would visit (Σ over tasks of k·(k−1)/2), counted
    in linear time before any pair is made; above ``limit`` an InputError names the largest
    task and the document.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局、区科信局]\\n"))
    >>> check_projection_size(G)
    3
    >>> check_projection_size(G, limit=2)
    Traceback (most recent call last):
    ...
    xialu_graph.errors.InputError: <string>: task 1 names 3 units (3 unit pairs; 3 in the whole document): the unit network is limited to 2 pairs
    """
    total, worst, worst_k = 0, None, 0
    for t in task_nodes(G):
        k = len(G[t]) if keep is None else sum(1 for u in G[t] if u in keep)
        total += k * (k - 1) // 2
        if k > worst_k:
            worst, worst_k = t, k
    if total > limit:
        tid = G.nodes[worst].get("task_id", str(worst)[len(TASK_PREFIX):])
        raise InputError(
            f"task {tid} names {worst_k:,} units ({worst_k * (worst_k - 1) // 2:,} unit pairs; {total:,} in the whole "
            f"document): the unit network is limited to {limit:,} pairs",
            source=str(G.graph.get("source") or ""),
        )
    return total


def project_units(G: nx.Graph, *, method: str = "count", nodes: Optional[Iterable] = None) -> nx.Graph:
    """Unit–unit co-responsibility network: two units linked when they share a task.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`build_graph`.
    method : {"count", "product", "min", "newman", "jaccard"}
        Edge ``weight``: number of shared tasks; sum over shared tasks of the product or the
        minimum of the two role weights; Newman's collaboration weight (sum over shared tasks
        of 1/(k_t - 1), k_t the task's number of units); Jaccard overlap of the two task sets.
    nodes : iterable, optional
        Unit nodes to keep (default: all units).

    Returns
    -------
    networkx.Graph
        Unit nodes with their attributes; every edge has ``weight`` and ``shared`` (the count
        of shared tasks) whatever the method. ``G.graph['projection'] = method``.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局、区科信局]\\n")
    >>> P = xg.project_units(xg.build_graph(doc), method="product")
    >>> P.edges["u:区发改局", "u:区财政局"]["weight"], P.edges["u:区财政局", "u:区科信局"]["shared"]
    (0.5, 1)
    """
    if method not in PROJECTION_METHODS:
        raise ValueError(f"method must be one of {PROJECTION_METHODS}, got {method!r}")
    units = list(nodes) if nodes is not None else unit_nodes(G)
    keep = set(units)
    check_projection_size(G, keep)
    P = nx.Graph()
    P.graph.update(G.graph, projection=method)
    P.add_nodes_from((u, G.nodes[u]) for u in units)
    # pairs accumulated task by task in the order of G (the same sums, to the last bit, as one
    # pair at a time); each edge's weight read once per task from the adjacency, not G.edges[a, t]
    acc: dict = {}
    for t in task_nodes(G):
        adj = G[t]
        nbrs = [(u, d["weight"]) for u, d in adj.items() if u in keep]
        n = len(nbrs)
        if n < 2:
            continue
        inv = 1.0 / (len(adj) - 1)
        for i in range(n - 1):
            a, wa = nbrs[i]
            for b, wb in nbrs[i + 1 :]:
                s = acc.get((a, b) if a <= b else (b, a))
                if s is None:
                    s = acc[(a, b) if a <= b else (b, a)] = [0, 0.0]
                s[0] += 1
                if method == "product":
                    s[1] += wa * wb
                elif method == "min":
                    s[1] += min(wa, wb)
                elif method == "newman":
                    s[1] += inv
    edges = []
    for (a, b), (shared, val) in sorted(acc.items()):
        if method == "count":
            weight = float(shared)
        elif method == "jaccard":
            union = len(set(G[a]) | set(G[b]))
            weight = shared / union if union else 0.0
        else:
            weight = val
        edges.append((a, b, {"weight": weight, "shared": shared}))
    P.add_edges_from(edges)
    return P


def project_tasks(G: nx.Graph) -> nx.Graph:
    """Task–task network: two tasks linked when they share a unit; ``weight`` = shared units.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、甲\\n1、乙。[责任单位:区发改局]\\n2、丙。[责任单位:区发改局]\\n")
    >>> xg.project_tasks(xg.build_graph(doc)).edges["t:1", "t:2"]["weight"]
    1
    """
    from networkx.algorithms import bipartite

    T = bipartite.weighted_projected_graph(G, task_nodes(G))
    T.graph.update(G.graph, projection="tasks")
    return T
