"""Figures comparing editions: a slope chart of unit loads and small multiples of the
co-responsibility network with one layout for all editions.

Both take the data (tables from :func:`xialu_graph.compare.compare_corpus`, or graphs) and an
optional ``ax`` / ``axes``, return the ``matplotlib.figure.Figure`` and never call
``plt.show()``. They draw inside :func:`xialu_graph.viz.style.house_style` (CJK font from
:func:`xialu_graph.viz.fonts.ensure_cjk_font`); save with
:func:`xialu_graph.viz.style.save_figure`.
"""

from __future__ import annotations

from typing import Optional, Sequence

from .style import FONT_SIZE, OKABE_ITO, add_title_and_source, house_style, new_figure
from ..glossary import CONCEPTS, concept, header, phrase
from ..graph import project_units
from ..graph import is_collective
from .figures import cluster_color, component_layout, repel_labels

__all__ = ["slope_chart", "network_small_multiples", "shared_layout"]

GREY = "#BBBBBB"


def _spread(values: list, min_gap: float) -> list:
    """Positions near ``values`` (any order) at least ``min_gap`` apart, order kept."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = list(values)
    prev = None
    for i in order:
        if prev is not None and out[i] < prev + min_gap:
            out[i] = prev + min_gap
        prev = out[i]
    # centre the block shift so labels stay near their lines
    shift = sum(out[i] - values[i] for i in order) / max(len(order), 1)
    return [v - shift / 2 for v in out]


SLOPE_TITLE = CONCEPTS["figure.slope_title"].zh
"""Default title of :func:`slope_chart` (in the current language when left as it is)."""
NETWORKS_TITLE = CONCEPTS["figure.networks_title"].zh
"""Default title of :func:`network_small_multiples` (in the current language when left as it is)."""


def _default_title(title):
    if title == SLOPE_TITLE:
        return concept("figure.slope_title")
    if title == NETWORKS_TITLE:
        return concept("figure.networks_title")
    return title


def slope_chart(unit_loads, *, labels: Optional[Sequence[str]] = None, top: int = 12, measure: str = "weighted_load",
                ax=None, source=None, title: Optional[str] = SLOPE_TITLE):
    """Slope chart: one line per unit across editions (x = edition, y = load).

    Parameters
    ----------
    unit_loads : DataFrame
        Columns ``label``, ``unit`` and ``measure`` (:func:`xialu_graph.compare.unit_loads`).
    labels : sequence of str, optional
        Editions in order (default: order of first appearance in ``unit_loads``).
    top : int, default 12
        Units drawn: the heaviest by their largest load in any edition.
    measure : str, default "weighted_load"
    ax : Axes, optional
    source : str or dict, optional
        Source line (see :func:`xialu_graph.viz.style.source_line`).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"label": ["A", "A", "B"], "unit": ["甲局", "乙局", "甲局"], "weighted_load": [3.0, 1.0, 2.0]})
    >>> fig = slope_chart(df)
    >>> len(fig.axes[0].lines)
    2
    """
    import numpy as np

    for c in ("label", "unit", measure):
        if c not in unit_loads.columns:
            raise ValueError(f"slope_chart needs column {c!r}")
    labels = list(labels) if labels is not None else list(dict.fromkeys(unit_loads["label"]))
    wide = unit_loads.pivot_table(index="unit", columns="label", values=measure, aggfunc="sum").reindex(columns=labels)
    peak = wide.max(axis=1).fillna(0)
    units = sorted(wide.index, key=lambda u: (-peak[u], u))[:top]
    x = np.arange(len(labels))
    with house_style():
        if ax is None:
            fig = new_figure(9.5)
            ax = fig.add_subplot()
            add_title_and_source(fig, _default_title(title), source)
        else:
            fig = ax.figure
            if title:
                ax.set_title(title, loc="left")
        ends, names, colors = [], [], []
        for i, u in enumerate(units):
            y = wide.loc[u].to_numpy(dtype=float)
            color = OKABE_ITO[i % (len(OKABE_ITO) - 1)]
            ax.plot(x, y, marker="o", ms=3.5, color=color, lw=1.3)
            present = np.flatnonzero(~np.isnan(y))
            if present.size:
                k = present[-1]
                ends.append((k, y[k]))
                names.append(u)
                colors.append(color)
        ymax = float(np.nanmax(wide.loc[units].to_numpy(dtype=float))) if units else 1.0
        gap = 0.045 * (ymax if ymax > 0 else 1.0)
        for k in sorted({e[0] for e in ends}):
            idx = [i for i, e in enumerate(ends) if e[0] == k]
            ys = _spread([ends[i][1] for i in idx], gap)
            for i, yv in zip(idx, ys):
                final = k == len(labels) - 1
                # a unit whose line ends before the last edition is labelled where it ends, in grey italics
                # on a white ground above the lines, so a line passing behind never strikes through a name
                ax.text(k + 0.08, yv, names[i], va="center", ha="left", fontsize=FONT_SIZE - (1 if final else 2),
                        color=colors[i], fontstyle="normal" if final else "italic", zorder=5,
                        bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.9))
        ax.set_xticks(x, labels)
        ax.set_xlim(-0.2, len(labels) - 1 + 0.9)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(header("weighted_load"))
        ax.grid(axis="y", color="#dddddd", lw=0.5)
        ax.set_axisbelow(True)
    return fig


def shared_layout(graphs, *, seed: int = 0, weight: str = "weight") -> dict:
    """One position per unit name for all editions: a seeded spring layout of the union of
    the unit projections (edge weights summed). Returns unit name → (x, y).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> sorted(shared_layout({"A": G}))
    ['区发改局', '区财政局']
    """
    import networkx as nx


    U = nx.Graph()
    for G in graphs.values():
        P = project_units(G, nodes=[n for n, d in G.nodes(data=True) if d.get("bipartite") == 0 and not is_collective(G, n)])
        for n, d in P.nodes(data=True):
            U.add_node(d.get("label", n))
        for a, b, d in P.edges(data=True):
            na, nb = P.nodes[a].get("label", a), P.nodes[b].get("label", b)
            w = U.edges[na, nb]["weight"] if U.has_edge(na, nb) else 0.0
            U.add_edge(na, nb, weight=w + float(d.get(weight, 1.0)))
    if U.number_of_nodes() == 0:
        return {}
    H = nx.Graph()
    H.add_nodes_from(sorted(U.nodes))
    H.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in U.edges(data=True)))

    pos = component_layout(H, seed=seed)
    return {n: (float(p[0]), float(p[1])) for n, p in sorted(pos.items())}


def network_small_multiples(graphs, *, clusters: Optional[dict] = None, loads=None, labels: Optional[Sequence[str]] = None,
                            seed: int = 0, ncols: Optional[int] = None, label_top: int = 6, axes=None, source=None,
                            title: Optional[str] = NETWORKS_TITLE):
    """Small multiples of the unit co-responsibility network, one panel per edition, with the
    same position for a unit in every panel (:func:`shared_layout`).

    Units absent from an edition are drawn as small grey rings, so what appeared and what
    disappeared is visible. Node colour: cluster in that edition; size: weighted load.

    Parameters
    ----------
    graphs : dict
        label → bipartite graph (:func:`xialu_graph.build_graph`), in edition order.
    clusters : dict, optional
        label → cluster table (columns unit, cluster).
    loads : DataFrame, optional
        :func:`xialu_graph.compare.unit_loads` (label, unit, weighted_load); default: the
        unit's number of tasks.
    labels : sequence of str, optional
        Panels to draw (default: all, in order).
    seed : int, default 0
        Layout seed.
    ncols : int, optional
        Panels per row (default: up to 3).
    label_top : int, default 6
        Names written for the heaviest units of each panel.
    axes : sequence of Axes, optional
        One per panel; default a new house figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> fig = network_small_multiples({"A": G, "B": G})
    >>> len(fig.axes)
    2
    """
    import math

    from matplotlib.collections import LineCollection


    labels = list(labels) if labels is not None else list(graphs)
    pos = shared_layout({k: graphs[k] for k in labels}, seed=seed)
    n = len(labels)
    ncols = ncols or min(3, max(n, 1))
    nrows = math.ceil(n / ncols) if n else 1
    with house_style():
        if axes is None:
            fig = new_figure(2.5 + 5.6 * nrows)
            axs = [fig.add_subplot(nrows, ncols, i + 1) for i in range(n)]
            add_title_and_source(fig, _default_title(title), source)
        else:
            axs = list(axes)
            fig = axs[0].figure
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        pad = 0.12
        for ax, lab in zip(axs, labels):
            G = graphs[lab]
            units = [u for u, d in G.nodes(data=True) if d.get("bipartite") == 0 and not is_collective(G, u)]
            P = project_units(G, nodes=units)
            name = {u: P.nodes[u].get("label", u) for u in P.nodes}
            cmap = {}
            if clusters is not None and lab in clusters:
                cmap = dict(zip(clusters[lab]["unit"], clusters[lab]["cluster"]))
            if loads is not None:
                sub = loads[loads["label"] == lab]
                lmap = dict(zip(sub["unit"], sub["weighted_load"].astype(float)))
            else:
                lmap = {name[u]: float(G.degree(u)) for u in P.nodes}
            present = set(name.values())
            ghosts = [u for u in sorted(pos) if u not in present]
            if ghosts:
                ax.scatter([pos[u][0] for u in ghosts], [pos[u][1] for u in ghosts], s=12, facecolors="none",
                           edgecolors=GREY, linewidths=0.6, zorder=1)
            segs, widths = [], []
            maxw = max((d.get("weight", 1.0) for _, _, d in P.edges(data=True)), default=1.0) or 1.0
            for a, b, d in sorted(P.edges(data=True), key=lambda e: (name[e[0]], name[e[1]])):
                segs.append([pos[name[a]], pos[name[b]]])
                widths.append(0.3 + 2.2 * d.get("weight", 1.0) / maxw)
            if segs:
                ax.add_collection(LineCollection(segs, linewidths=widths, colors="#9A9A9A", alpha=0.55, zorder=2))
            top = max(lmap.values(), default=1.0) or 1.0
            order = sorted(present, key=lambda u: (-lmap.get(u, 0.0), u))
            ax.scatter([pos[u][0] for u in order], [pos[u][1] for u in order],
                       s=[18 + 160 * lmap.get(u, 0.0) / top for u in order],
                       c=[cluster_color(cmap.get(u)) for u in order], edgecolors="white", linewidths=0.5, zorder=3)
            ax.set_xlim(min(xs) - pad, max(xs) + pad)
            ax.set_ylim(min(ys) - pad, max(ys) + pad)
            texts = [ax.text(pos[u][0], pos[u][1], u, fontsize=FONT_SIZE - 2, zorder=4, ha="left", va="bottom")
                     for u in order[:label_top]]
            if texts:
                repel_labels(ax, texts, [pos[u] for u in order[:label_top]])
            ax.set_aspect("equal", adjustable="box")
            ax.set_xticks([])
            ax.set_yticks([])
            for s in ax.spines.values():
                s.set_visible(False)
            ax.set_title(phrase("figure.edition_units", label=lab, n=len(present)), loc="left", fontsize=FONT_SIZE)
    return fig
