"""Interactive network views: standalone, offline, safe HTML pages drawn with vis-network.

Three views of the unit–task graph (conventions in :mod:`xialu_graph.graph`):

* :func:`bipartite_view` — units and tasks, edges styled by role;
* :func:`cluster_view` — the unit co-responsibility network (:func:`~xialu_graph.project_units`)
  coloured by cluster and sized by load;
* :func:`ego_view` — one unit, its tasks and its partners.

Each returns a :class:`NetworkView`: ``.html()`` gives the page, ``.save(path)`` writes it
atomically, and in JupyterLab or VS Code the object displays itself inline (an
``<iframe srcdoc=…>``, so the notebook keeps working when moved).

How the page is built
---------------------
The node and edge records and the vis-network options are made with pyvis 0.3.2's
``Node``, ``Edge`` and ``Options`` classes, and the vis-network 9.1.2 script and style
sheet shipped inside the pyvis package are inlined. pyvis's own HTML template is *not*
used, because it links Bootstrap (and, in ``local`` mode, vis-network) from a CDN, inserts
the heading unescaped, and switches tooltips to ``innerHTML`` when a title contains
"href". Instead:

* **Offline** — every script and style is inside the file; the page references no URL
  (a Content-Security-Policy ``default-src 'none'`` forbids any fetch as a second guard).
* **Safe with hostile text** — document text (task text, unit names, titles, sections,
  cluster names) reaches the page only (a) HTML-escaped, in ``<title>`` and the heading, or
  (b) inside a JSON block whose ``<``, ``>``, ``&``, U+2028 and U+2029 are written as
  ``\\uXXXX`` escapes, so ``</script>`` or ``<!--`` cannot close it. The page script turns
  that JSON into tooltips, legend, search list and status messages with DOM text nodes
  (``textContent``; never ``innerHTML``). The CSP allows only the page's own scripts (by
  SHA-256 hash), so an injected inline script or ``onerror=`` handler would not run even if
  it reached the markup. Unicode bidirectional controls and other control characters in
  document text are shown as visible ``[U+202E]`` marks instead of reordering the text.
* **Drawn at once** — positions are computed in Python (deterministic for a given ``seed``)
  and physics is off by default, so the network is drawn on load without stabilisation.
  Pass ``physics=True`` to let vis-network move the nodes from there.

In the page, ``window.xialuNetwork`` is the ``vis.Network``, ``window.xialuDom`` holds the
page's DOM-text helpers (``el``, ``tip``) for extensions, and ``window.xialuFind(name)``
selects and focuses a unit (what the search box does).
"""

from __future__ import annotations

import math
from typing import Optional

from ..glossary import concept, current_language, phrase, pick
from ..graph import is_collective, node_label
from ..layout import cluster_layout, force_layout, network_layout, pack_components
from ..palette import CLUSTER_COLORS, GREY, KIND_COLORS, cluster_color
from .page import (
    NetworkView,
    clean_text,
    edge_record,
    join_list,
    node_record,
    shorten,
    view_options,
)

__all__ = [
    "NetworkView",
    "bipartite_view",
    "cluster_view",
    "ego_view",
    "cluster_label",
    "kind_label",
    "role_label",
    "units_phrase",
    "KIND_COLORS",
    "ROLE_STYLES",
    "TASK_LABEL_MIN_PX",
]

KIND_LABELS = {k: concept(f"kind.{k}") for k in
               ("department", "street_office", "vertical", "enterprise", "task_force", "collective", "other")}
"""Unit kind → Chinese label (the glossary's ``kind.*`` concepts; :func:`kind_label` follows the language)."""
TASK_COLOR = {"background": "#D9D9D9", "border": "#666666"}
CENTER_BORDER = "#000000"

ROLE_STYLES = {
    "lead": {"label": "牵头", "color": "#333333", "width": 2.5, "dashes": False},
    "responsible": {"label": "责任", "color": "#555555", "width": 2.0, "dashes": False},
    "support": {"label": "配合", "color": "#9A9A9A", "width": 1.0, "dashes": True},
}
"""Edge style per role: label shown in the legend and tooltips, colour, width, dashes."""

TASK_LABEL_MIN_PX = 9
"""A task node's number is drawn once its text is at least this many pixels high on screen
(vis-network's ``scaling.label.drawThreshold``): zoom in to read the task numbers."""

CLUSTER_SHAPES = ["dot", "square", "triangle", "diamond", "star", "triangleDown"]
UNCLUSTERED_COLOR = GREY





def kind_label(kind) -> str:
    """The label of a unit kind in the current language (:func:`xialu_graph.glossary.use_language`).

    Examples
    --------
    >>> kind_label("street_office"), kind_label("新类型")
    ('街道办事处', '新类型')
    """
    k = str(kind)
    return concept(f"kind.{k}") if f"kind.{k}" in _KIND_KEYS else clean_text(kind)


_KIND_KEYS = {f"kind.{k}" for k in KIND_LABELS}


def role_label(role) -> str:
    """The label of an assignment role in the views, in the current language.

    Examples
    --------
    >>> role_label("lead"), role_label("x")
    ('牵头', 'x')
    """
    return concept(f"view.role.{role}") if role in ROLE_STYLES else clean_text(role)


def cluster_label(c, names=None) -> str:
    """Cluster label as the figures and the report write it: integer ids count from 1 (群组1),
    with the cluster's name when ``names`` (number → name) gives one
    (:func:`xialu_graph.text.cluster_title`: 群组1（项目·企业·融合）).

    Examples
    --------
    >>> cluster_label(1), cluster_label(2, {2: "审计·监督"}), cluster_label(None), cluster_label("甲")
    ('群组1', '群组2（审计·监督）', '未归类', '甲')
    """
    if c is None:
        return concept("view.unclustered")
    try:
        if float(c) == int(c) and int(c) >= 1:
            n = int(c)
            name = (names or {}).get(n, "")
            return clean_text(phrase("view.cluster_named", n=n, name=name) if name else phrase("view.cluster", n=n))
    except (TypeError, ValueError):
        pass
    return clean_text(c)



# --------------------------------------------------------------------------- layout


def _layout(G, layout, seed: int, weight: Optional[str] = "weight") -> dict:
    """Positions in vis-network pixel coordinates, deterministic for a given seed."""
    import networkx as nx

    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if layout == "auto":
        return network_layout(G, seed=seed, weight=weight)
    if isinstance(layout, dict):
        pos = {v: tuple(layout[v]) for v in nodes}
    elif callable(layout):
        pos = {v: tuple(p) for v, p in layout(G).items()}
    elif layout == "spring":
        pos = nx.spring_layout(G, seed=seed, weight=weight, k=1.6 / math.sqrt(n))
    elif layout == "fast":
        pos = force_layout(nodes, list(G.edges), seed=seed)
    elif layout == "kamada_kawai":
        pos = nx.kamada_kawai_layout(G, weight=weight)
    elif layout == "circular":
        pos = nx.circular_layout(G)
    elif layout == "bipartite":
        top = [v for v in nodes if G.nodes[v].get("bipartite") == 0]
        pos = nx.bipartite_layout(G, top, align="vertical") if top else nx.circular_layout(G)
    else:
        raise ValueError(f"unknown layout {layout!r}: use 'auto', 'spring', 'fast', 'kamada_kawai', "
                         "'circular', 'bipartite', a dict of positions or a callable")
    return pack_components([pos])


def _unit_name(G, n) -> str:
    return clean_text(node_label(G, n))


def _task_label(G, t) -> str:
    d = G.nodes[t]
    if current_language() == "en" and d.get("task_id") not in (None, ""):  # the graph's label is Chinese (任务N)
        return clean_text(phrase("view.task_label", id=d["task_id"]))
    return clean_text(d.get("label") or phrase("view.task_label", id=d.get("task_id", t)))


def _task_tip(G, t) -> list:
    d = G.nodes[t]
    rows = [["", _task_label(G, t)]]
    sec = " ".join(x for x in (clean_text(d.get("section_no", "")), clean_text(d.get("section", ""))) if x)
    if sec:
        rows.append([concept("view.tip.section"), sec])
    sub = clean_text(d.get("subsection", ""))
    if sub:
        rows.append([concept("view.tip.subsection"), sub])
    rows.append([concept("view.tip.task"), shorten(clean_text(d.get("text", "")))])
    by_role: dict = {r: [] for r in ROLE_STYLES}
    for u in G[t]:
        role = G.edges[u, t].get("role", "responsible")
        by_role.setdefault(role, []).append(_unit_name(G, u))
    for role in ("lead", "responsible", "support"):
        if by_role.get(role):
            rows.append([concept(f"view.units_by_role.{role}"), join_list(by_role[role])])
    return rows


def _unit_tip(G, u) -> list:
    d = G.nodes[u]
    kind = d.get("kind", "other")
    counts = {r: 0 for r in ROLE_STYLES}
    tasks = []
    for t in G[u]:
        role = G.edges[u, t].get("role", "responsible")
        counts[role] = counts.get(role, 0) + 1
        tasks.append(clean_text(G.nodes[t].get("task_id", str(t)[2:])))
    rows = [["", _unit_name(G, u)], [concept("view.tip.kind"), kind_label(kind)]]
    rows.append([concept("view.tip.n_tasks"), phrase("view.tip.role_counts", n=len(tasks), lead=counts["lead"],
                                                     responsible=counts["responsible"], support=counts["support"])])
    if tasks:
        rows.append([concept("view.tip.task_ids"), join_list(tasks)])
    return rows


def _edge_style(role: str) -> dict:
    st = ROLE_STYLES.get(role, ROLE_STYLES["responsible"])
    return {"color": st["color"], "width": st["width"], "dashes": st["dashes"]}


def _role_legend(roles) -> list:
    return [dict(label=phrase("view.role_legend", label=role_label(r), role=r), color=ROLE_STYLES[r]["color"],
                 width=ROLE_STYLES[r]["width"], dashes=ROLE_STYLES[r]["dashes"]) for r in ROLE_STYLES if r in roles]


def _source_line(G) -> str:
    g = G.graph
    bits = [b for b in (clean_text(g.get("title", "")), clean_text(g.get("date", ""))) if b]
    return phrase("view.source", text=pick("，", ", ").join(bits)) if bits else ""


def _unit_size(n_tasks: float, lo: float = 8, hi: float = 34, top: float = 1.0) -> float:
    if top <= 0:
        return lo
    return round(lo + (hi - lo) * math.sqrt(max(n_tasks, 0) / top), 1)


# --------------------------------------------------------------------------- views


def bipartite_view(G, *, title: Optional[str] = None, layout="auto", seed: int = 0, physics: bool = False,
                   height: str = "750px", task_labels: bool = True) -> NetworkView:
    """The bipartite unit–task network.

    Units are dots coloured by kind and sized by number of tasks; tasks are grey squares;
    edges are styled by role (lead solid and thick, responsible solid, support dashed).
    Hovering a task shows its number, section, text and units by role; hovering a unit shows
    its kind and tasks.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`xialu_graph.build_graph`.
    title : str, optional
        Page title; default ``"<G.graph['title']> · 单位—任务网络"``.
    layout : {"auto", "spring", "fast", "kamada_kawai", "circular", "bipartite"}, dict or callable
        How positions are computed in Python. ``"auto"`` lays out each connected component
        (Kamada–Kawai from a seeded spring start up to 250 nodes, ``networkx.spring_layout`` up
        to 600, a linear-time cut-off Fruchterman–Reingold above) and packs the components,
        largest first. The other names apply one networkx layout to the whole graph (``"fast"``
        is the cut-off Fruchterman–Reingold). A dict maps node → (x, y); a callable takes G and
        returns such a dict.
    seed : int, default 0
        Seed of the layout; the same graph and seed give the same page.
    physics : bool, default False
        Let vis-network simulate physics from the computed positions (the page then waits
        for stabilisation before drawing).
    height : str, default "750px"
        CSS height of the network area.
    task_labels : bool, default True
        Draw "任务N" under task squares.

    Returns
    -------
    NetworkView

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import bipartite_view
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> view = bipartite_view(xg.build_graph(doc))
    >>> view.n_nodes, view.n_edges
    (3, 2)
    >>> import tempfile, pathlib
    >>> view.save(pathlib.Path(tempfile.mkdtemp()) / "bipartite.html").name
    'bipartite.html'
    """
    pos = _layout(G, layout, seed)
    units = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 0]
    top = max((G.degree(u) for u in units), default=1)
    nodes, kinds = [], []
    for n, d in G.nodes(data=True):
        x, y = pos[n]
        if d.get("bipartite") == 0:
            kind = d.get("kind", "other")
            if kind not in kinds:
                kinds.append(kind)
            nodes.append(node_record(str(n), _unit_name(G, n), shape="dot", color=KIND_COLORS.get(kind, KIND_COLORS["other"]),
                               size=_unit_size(G.degree(n), top=top), x=x, y=y, tip=_unit_tip(G, n), xk="unit"))
        else:
            # a task's number is drawn only once zoomed in far enough to read it: the whole plan at
            # once puts a hundred of them in the dense centre, over the units' names
            nodes.append(node_record(str(n), _task_label(G, n) if task_labels else "", shape="square", color=TASK_COLOR,
                               size=6, x=x, y=y, tip=_task_tip(G, n), xk="task", font={"size": 10, "color": "#555555"},
                               scaling={"label": {"drawThreshold": TASK_LABEL_MIN_PX}}))
    edges, roles = [], set()
    for i, (a, b, d) in enumerate(G.edges(data=True)):
        u, t = (a, b) if G.nodes[a].get("bipartite") == 0 else (b, a)
        role = d.get("role", "responsible")
        roles.add(role)
        tip = [["", f"{_unit_name(G, u)} — {_task_label(G, t)}"], [concept("view.tip.role"), role_label(role)]]
        edges.append(edge_record(i, str(u), str(t), tip=tip, **_edge_style(role)))
    legend = {
        "nodes_title": concept("view.legend.nodes"),
        "nodes": [dict(label=kind_label(k), color=KIND_COLORS.get(k, KIND_COLORS["other"]), shape="dot")
                  for k in KIND_COLORS if k in kinds]
        + [dict(label=concept("view.legend.task"), color=TASK_COLOR["background"], shape="square")],
        "edges_title": concept("view.legend.roles"),
        "edges": _role_legend(roles),
        "note": concept("view.legend.size_tasks") + ("；" if current_language() == "zh" else "; ")
        + concept("view.legend.zoom_tasks") if task_labels else concept("view.legend.size_tasks"),
    }
    n_tasks = G.number_of_nodes() - len(units)
    gt = clean_text(G.graph.get("title", ""))
    return NetworkView(
        title=title if title is not None else (phrase("view.title.bipartite", title=gt) if gt else concept("view.title.bipartite_plain")),
        subtitle=phrase("view.sub.bipartite", units=units_phrase(G, units), tasks=n_tasks, edges=G.number_of_edges()),
        source=_source_line(G), nodes=nodes, edges=edges,
        options=view_options(physics=physics, n_nodes=G.number_of_nodes()), legend=legend, height=height, kind="bipartite",
    )


def _column_map(df, value_col: str, what: str) -> dict:
    """{unit label or node id: value} from a DataFrame with columns unit, <value_col> (or a mapping)."""
    if df is None:
        return {}
    if isinstance(df, dict):
        return dict(df)
    cols = list(getattr(df, "columns", []))
    if "unit" not in cols or value_col not in cols:
        raise ValueError(f"{what} needs columns 'unit' and '{value_col}', got {cols}")
    return dict(zip(df["unit"], df[value_col]))


def _lookup(m: dict, G, n):
    label = G.nodes[n].get("label")
    if label in m:
        return m[label]
    return m.get(n)


def cluster_view(P, clusters_df=None, load_df=None, *, title: Optional[str] = None, layout="auto", seed: int = 0,
                 physics: bool = False, height: str = "750px", weight: str = "weight", backbone=None,
                 ties: Optional[str] = None, cluster_names=None) -> NetworkView:
    """The unit co-responsibility network, coloured by cluster and sized by load.

    Parameters
    ----------
    P : networkx.Graph
        Unit projection from :func:`xialu_graph.project_units` (unit nodes ``"u:<name>"`` with
        ``label`` and ``kind``; edges with ``weight`` and ``shared``).
    clusters_df : pandas.DataFrame or dict, optional
        Columns ``unit`` and ``cluster``, e.g. from
        :func:`xialu_graph.metrics.clusters.co_responsibility_clusters`. ``unit`` holds the
        canonical unit name, i.e. the node's ``label`` (node ids ``"u:<name>"`` are accepted
        too). A dict unit → cluster works as well. Units not listed are drawn grey as
        "未归类". Default: Louvain communities of ``P`` (``networkx.community.louvain_communities``
        with ``seed``), numbered from 1 (群组1), largest first.
    load_df : pandas.DataFrame or dict, optional
        Columns ``unit`` and ``weighted_load`` (e.g. from
        :func:`xialu_graph.metrics.load.unit_load`), ``unit`` as in ``clusters_df``. Default:
        the node attribute ``weighted_load`` if present, else the unit's strength in ``P``
        (sum of edge weights).
    title : str, optional
        Page title; default ``"<P.graph['title']> · 协同网络"``.
    layout, seed, physics, height
        As in :func:`bipartite_view`.
    weight : str, default "weight"
        Edge attribute used for edge widths, the layout and the default load.
    backbone : pandas.DataFrame, optional
        The pair table of :func:`xialu_graph.metrics.backbone` (``unit_a``, ``unit_b``,
        ``expected``, ``q_value``, ``significant``). Given, the view draws only the ties that
        beat the null model (``ties="backbone"``, the default then), each with its expected
        count and q-value in the tooltip; positions still come from the whole projection.
    ties : {"backbone", "all"}, optional
        ``"all"`` draws every co-responsibility tie (the whole projection).
    cluster_names : dict, optional
        Cluster number → name (:func:`xialu_graph.text.cluster_names`), shown in the legend
        and tooltips as 群组1（项目·企业·融合）.

    Returns
    -------
    NetworkView

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import cluster_view
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局、区科信局]\\n")
    >>> P = xg.project_units(xg.build_graph(doc))
    >>> view = cluster_view(P, clusters_df={"区发改局": 0, "区财政局": 0, "区科信局": 1})
    >>> view.n_nodes, view.n_edges
    (3, 3)
    >>> bb, _ = xg.backbone(xg.build_graph(doc))
    >>> cluster_view(P, backbone=bb).n_edges   # one task: no tie beats chance
    0
    """
    import networkx as nx

    mode = ties or ("backbone" if backbone is not None else "all")
    if mode not in ("all", "backbone"):
        raise ValueError(f"ties must be 'all' or 'backbone', got {ties!r}")
    if mode == "backbone" and backbone is None:
        raise ValueError("ties='backbone' needs the backbone table")
    sig = {}
    if mode == "backbone":
        rows = backbone[backbone["significant"].astype(bool)] if len(backbone) else backbone
        sig = {frozenset((str(r.unit_a), str(r.unit_b))): r for r in rows.itertuples(index=False)}

    cmap = _column_map(clusters_df, "cluster", "clusters_df")
    lmap = _column_map(load_df, "weighted_load", "load_df")
    if clusters_df is None and P.number_of_nodes():
        comms = nx.community.louvain_communities(P, weight=weight, seed=seed)
        comms = sorted((sorted(c, key=str) for c in comms), key=lambda c: (-len(c), str(c[0])))
        cmap = {n: i for i, c in enumerate(comms, 1) for n in c}  # 群组1 = the largest, as the metrics number them
    strength = dict(P.degree(weight=weight))

    def load_of(n):
        v = _lookup(lmap, P, n) if lmap else None
        if v is None:
            v = P.nodes[n].get("weighted_load")
        if v is None:
            v = strength.get(n, 0.0)
        try:
            return float(v)
        except (TypeError, ValueError):
            return 0.0

    loads = {n: load_of(n) for n in P.nodes}
    top = max(loads.values(), default=1.0) or 1.0
    clusters = {}
    for n in P.nodes:
        c = _lookup(cmap, P, n)
        if c is not None and not (isinstance(c, float) and math.isnan(c)):
            clusters[n] = c
    # each cluster in a box of its own (the projection is dense: laid out whole, the clusters
    # lie on top of each other); the figure places them the same way
    pos = cluster_layout(P, clusters, seed=seed, weight=weight) if layout == "auto" else _layout(P, layout, seed, weight=weight)
    order = sorted(set(clusters.values()), key=lambda c: (0, c) if isinstance(c, (int, float)) else (1, str(c)))
    # numbered clusters take the package palette's colour of their number (as in the figures and
    # Gephi); other labels take the palette in order; shapes change once the colours repeat
    style = {c: (cluster_color(c) if isinstance(c, (int, float)) else CLUSTER_COLORS[i % len(CLUSTER_COLORS)],
                 CLUSTER_SHAPES[(i // len(CLUSTER_COLORS)) % len(CLUSTER_SHAPES)])
             for i, c in enumerate(order)}
    maxw = max((d.get(weight, 1.0) for _, _, d in P.edges(data=True)), default=1.0) or 1.0
    nodes = []
    for n, d in P.nodes(data=True):
        x, y = pos[n]
        c = clusters.get(n)
        color, shape = style.get(c, (UNCLUSTERED_COLOR, "dot"))
        partners = sorted(P[n], key=lambda m: (-P.edges[n, m].get(weight, 0), str(m)))
        tip = [["", _unit_name(P, n)],
               [concept("view.tip.kind"), kind_label(d.get("kind", "other"))],
               [concept("view.tip.cluster"), cluster_label(c, cluster_names)],
               [concept("view.tip.load"), f"{loads[n]:g}"],
               [concept("view.tip.partners"), str(len(partners))]]
        if partners:
            tip.append([concept("view.tip.top_partners"), join_list([f"{_unit_name(P, m)}({P.edges[n, m].get('shared', P.edges[n, m].get(weight, ''))})"
                                             for m in partners], 8)])
        nodes.append(node_record(str(n), _unit_name(P, n), shape=shape, color=color, size=_unit_size(loads[n], 8, 40, top),
                           x=x, y=y, tip=tip, xk="unit"))
    edges = []
    for i, (a, b, d) in enumerate(P.edges(data=True)):
        w = d.get(weight, 1.0)
        tip = [["", f"{_unit_name(P, a)} — {_unit_name(P, b)}"], [concept("view.tip.shared"), str(d.get("shared", ""))],
               [concept("view.tip.weight"), f"{w:g}" if isinstance(w, (int, float)) else clean_text(w)]]
        if mode == "backbone":
            r = sig.get(frozenset((node_label(P, a), node_label(P, b))))
            if r is None:
                continue
            tip += [[concept("view.tip.expected"), f"{float(r.expected):.2f}"], [concept("view.tip.q_value"), f"{float(r.q_value):.2g}"]]
            edges.append(edge_record(i, str(a), str(b), tip=tip, color={"color": "#444444", "opacity": 0.85},
                                     width=round(1.5 + 4.5 * (float(w) / maxw), 2)))
            continue
        edges.append(edge_record(i, str(a), str(b), tip=tip, color={"color": "#9A9A9A", "opacity": 0.6},
                           width=round(0.5 + 5.5 * (float(w) / maxw), 2)))
    legend = {
        "nodes_title": concept("view.legend.clusters"),
        "nodes": [dict(label=cluster_label(c, cluster_names), color=style[c][0],
                       shape="square" if style[c][1] == "square" else "dot")
                  for c in order]
        + ([dict(label=cluster_label(None), color=UNCLUSTERED_COLOR, shape="dot")] if len(clusters) < P.number_of_nodes() else []),
        "edges_title": concept("view.legend.ties"),
        "edges": ([dict(label=phrase("view.legend.backbone", alpha=f"{backbone.attrs.get('alpha', 0.05):.0%}",
                                     rest=P.number_of_edges() - len(edges)), color="#444444", width=2, dashes=False)]
                  if mode == "backbone" else
                  [dict(label=concept("view.legend.shared"), color="#9A9A9A", width=2, dashes=False)]),
        "note": concept("view.legend.size_load") + ("" if load_df is not None else concept("view.legend.size_strength")),
    }
    gt = clean_text(P.graph.get("title", ""))
    return NetworkView(
        title=title if title is not None else (phrase("view.title.cluster", title=gt) if gt else concept("view.title.cluster_plain")),
        subtitle=(phrase("view.sub.backbone", units=units_phrase(P, P.nodes), kept=len(edges), edges=P.number_of_edges(),
                         groups=_groups_phrase(clusters)) if mode == "backbone" else
                  phrase("view.sub.cluster", units=units_phrase(P, P.nodes), edges=P.number_of_edges(),
                         groups=_groups_phrase(clusters))),
        source=_source_line(P), nodes=nodes, edges=edges,
        options=view_options(physics=physics, n_nodes=P.number_of_nodes()), legend=legend, height=height, kind="cluster",
    )


def _groups_phrase(clusters: dict) -> str:
    """"N 个群组" counting clusters of two or more units; units clustered alone are mentioned apart."""
    sizes: dict = {}
    for c in clusters.values():
        sizes[c] = sizes.get(c, 0) + 1
    groups = sum(1 for n in sizes.values() if n >= 2)
    single = sum(1 for n in sizes.values() if n == 1)
    return phrase("view.groups", n=groups) + (phrase("view.groups_single", n=single) if single else "")


def units_phrase(G, units) -> str:
    """"44 个单位，另 13 个集合主体": the units counted as the report ranks them (collectives apart).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:甲", bipartite=0, kind="department"); G.add_node("u:各部门", bipartite=0, kind="collective")
    >>> units_phrase(G, ["u:甲", "u:各部门"]), units_phrase(G, ["u:甲"])
    ('1 个单位，另 1 个集合主体', '1 个单位')
    """
    units = list(units)
    n_coll = sum(1 for u in units if is_collective(G, u))
    if n_coll:
        return phrase("view.sub.units_collectives", n=len(units) - n_coll, c=n_coll)
    return phrase("view.sub.units", n=len(units))


def _resolve_unit(G, unit) -> str:
    import difflib

    if unit in G and G.nodes[unit].get("bipartite") == 0:
        return unit
    cand = "u:" + str(unit)
    if cand in G and G.nodes[cand].get("bipartite") == 0:
        return cand
    for n, d in G.nodes(data=True):
        if d.get("bipartite") == 0 and d.get("label") == unit:
            return n
    names = [d.get("label", "") for _, d in G.nodes(data=True) if d.get("bipartite") == 0]
    close = difflib.get_close_matches(str(unit), names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no unit {unit!r} in the graph{hint}")


def ego_view(G, unit, *, title: Optional[str] = None, seed: int = 0, physics: bool = False,
             height: str = "700px") -> NetworkView:
    """The ego network of one unit: the unit, its tasks, and its partners on those tasks.

    The unit sits at the centre, its tasks on an inner ring (by task order), its partners on
    an outer ring placed near their tasks. Edges are styled by role, as in
    :func:`bipartite_view`.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`xialu_graph.build_graph`.
    unit : str
        Canonical unit name (the node ``label``) or node id ``"u:<name>"``.
    title : str, optional
        Page title; default ``"<unit> 的任务与协作单位"``.
    seed : int, default 0
        Unused by the radial layout except to break ties; kept for symmetry.
    physics, height
        As in :func:`bipartite_view`.

    Returns
    -------
    NetworkView

    Raises
    ------
    KeyError
        When the unit is not in the graph (the message suggests close names).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import ego_view
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n2、丙。[责任单位:区财政局]\\n")
    >>> ego_view(xg.build_graph(doc), "区发改局").n_nodes
    3
    """
    center = _resolve_unit(G, unit)
    tasks = sorted(G[center], key=lambda t: list(G.nodes).index(t))
    partners = []
    for t in tasks:
        for u in G[t]:
            if u != center and u not in partners:
                partners.append(u)
    H = G.subgraph([center, *tasks, *partners])
    # radial layout
    nt, npart = len(tasks), len(partners)
    r1 = max(220.0, 28.0 * nt / (2 * math.pi) * 2.2)
    r2 = max(r1 + 220.0, 34.0 * npart / (2 * math.pi) * 2.2)
    pos = {center: (0.0, 0.0)}
    angle = {}
    for i, t in enumerate(tasks):
        a = 2 * math.pi * i / max(nt, 1) - math.pi / 2
        angle[t] = a
        pos[t] = (round(r1 * math.cos(a), 1), round(r1 * math.sin(a), 1))

    def bary(u):
        ts = [t for t in G[u] if t in angle]  # G, not the subgraph view: its order follows a set
        sx = sum(math.cos(angle[t]) for t in ts)
        sy = sum(math.sin(angle[t]) for t in ts)
        return math.atan2(sy, sx) if (sx or sy) else 0.0

    ordered = sorted(partners, key=lambda u: (bary(u), str(u)))
    start = bary(ordered[0]) if ordered else 0.0
    for i, u in enumerate(ordered):
        a = start + 2 * math.pi * i / npart
        pos[u] = (round(r2 * math.cos(a), 1), round(r2 * math.sin(a), 1))
    top = max((G.degree(u) for u in [center, *partners]), default=1)
    nodes, kinds = [], []
    for n in [center, *tasks, *partners]:
        d = G.nodes[n]
        x, y = pos[n]
        if d.get("bipartite") == 0:
            kind = d.get("kind", "other")
            if kind not in kinds:
                kinds.append(kind)
            extra = {"borderWidth": 4, "color": {"background": KIND_COLORS.get(kind, KIND_COLORS["other"]), "border": CENTER_BORDER},
                     "font": {"size": 18, "bold": True}} if n == center else {}
            color = extra.pop("color", KIND_COLORS.get(kind, KIND_COLORS["other"]))
            nodes.append(node_record(str(n), _unit_name(G, n), shape="dot", color=color,
                               size=_unit_size(G.degree(n), top=top) + (6 if n == center else 0), x=x, y=y,
                               tip=_unit_tip(G, n), xk="unit", **extra))
        else:
            nodes.append(node_record(str(n), _task_label(G, n), shape="square", color=TASK_COLOR, size=7, x=x, y=y,
                               tip=_task_tip(G, n), xk="task", font={"size": 11, "color": "#444444"}))
    edges, roles = [], set()
    # edges in a fixed order (a subgraph view iterates its nodes from a set: hash-seed dependent)
    rank = {n: i for i, n in enumerate([center, *tasks, *partners])}
    h_edges = sorted(H.edges(data=True), key=lambda e: sorted((rank[e[0]], rank[e[1]])))
    for i, (a, b, d) in enumerate(h_edges):
        u, t = (a, b) if G.nodes[a].get("bipartite") == 0 else (b, a)
        role = d.get("role", "responsible")
        roles.add(role)
        style = _edge_style(role)
        if u != center:
            style["color"] = {"color": style["color"], "opacity": 0.45}
        tip = [["", f"{_unit_name(G, u)} — {_task_label(G, t)}"], [concept("view.tip.role"), role_label(role)]]
        edges.append(edge_record(i, str(u), str(t), tip=tip, **style))
    name = _unit_name(G, center)
    legend = {
        "nodes_title": concept("view.legend.nodes"),
        "nodes": [dict(label=kind_label(k), color=KIND_COLORS.get(k, KIND_COLORS["other"]), shape="dot")
                  for k in KIND_COLORS if k in kinds] + [dict(label=concept("view.legend.task"), color=TASK_COLOR["background"], shape="square")],
        "edges_title": concept("view.legend.roles"),
        "edges": _role_legend(roles),
        "note": phrase("view.legend.center", name=name),
    }
    return NetworkView(
        title=title if title is not None else phrase("view.title.ego", name=name),
        subtitle=phrase("view.sub.ego", tasks=nt, partners=npart),
        source=_source_line(G), nodes=nodes, edges=edges,
        options=view_options(physics=physics, n_nodes=H.number_of_nodes()), legend=legend, height=height, kind="ego",
    )
