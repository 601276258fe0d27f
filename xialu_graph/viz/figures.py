"""Briefing figures (matplotlib): workload, inequality, sections, clusters, brokers, keywords.

Every function takes the data (DataFrames from :mod:`xialu_graph.metrics`, or graphs) and an
optional ``ax``; it returns the ``matplotlib.figure.Figure`` and never calls ``plt.show()``.
Figures are plain ``Figure`` objects with an Agg canvas: no pyplot state is created or
leaked, and matplotlib is imported only when a function runs. Drawing happens inside
:func:`xialu_graph.viz.style.house_style` (16 cm wide, 9–10 pt, Okabe–Ito colours, a CJK font
from :func:`xialu_graph.viz.fonts.ensure_cjk_font`). Without ``ax`` the figure gets a Chinese
title and, when ``source`` is given, the line ``数据来源: <title>（<date>）`` (``source`` may be
a string, a ``Document``, its ``Metadata``, the graph or a dict with title and date). With
``ax`` the figure is the axes' figure and only the axes are drawn (title on the axes).
Save with :func:`xialu_graph.viz.style.save_figure`.

Columns each figure needs
-------------------------
load_ranking(load_df)
    ``unit``, ``n_lead``, ``n_support``, ``n_responsible``; optional ``weighted_load`` (sort
    key, else ``n_tasks``, else the sum of the three), ``ranked`` (rows with False, the
    collectives, are left out).
lorenz_curve(balance)
    any of: a :func:`~xialu_graph.metrics.workload_balance` table (``measure``, ``gini``, Lorenz
    points in ``attrs['lorenz']``); a Lorenz table (``population_share``, ``load_share``,
    optional ``measure``); a :func:`~xialu_graph.metrics.unit_load` table (``weighted_load``,
    optional ``ranked``); or plain numbers.
section_heatmap(matrix_df)
    a unit × section count table: index = unit names, columns = section labels, values =
    number of tasks (:func:`heatmap_table` builds it from the graph; a graph is accepted
    too).
cluster_network(P, clusters_df, load_df)
    ``P``: the unit projection (:func:`xialu_graph.project_units`; nodes with ``label``,
    edges with ``weight``); ``clusters_df``: ``unit``, ``cluster``; ``load_df``: ``unit``,
    ``weighted_load`` (else ``n_tasks``).
centrality_vs_load(centrality_df, load_df)
    ``centrality_df``: ``unit`` and the centrality column (default ``betweenness_w``);
    ``load_df``: ``unit``, ``weighted_load``; ``ranked`` in either drops collectives.
cluster_keywords(keywords_df)
    ``cluster`` (or ``group``, as :func:`xialu_graph.text.cluster_keywords` names it), ``keyword`` (or ``term``/``word``), ``score`` (or ``weight``/``tfidf``/
    ``count``); optional ``rank`` (else by score).
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

from .style import (
    FONT_SIZE,
    OKABE_ITO,
    ROLE_COLORS,
    ROLE_LABELS,
    add_title_and_source,
    house_style,
    new_figure,
    source_line,
)
from ..metrics import unit_section_matrix as counts
from ..graph import node_label
from ..glossary import concept, current_language
from ..layout import cluster_layout, network_layout
from ..palette import GREY, cluster_color
from ..text import cluster_title

__all__ = [
    "plot_load_ranking",
    "plot_lorenz",
    "plot_section_heatmap",
    "heatmap_table",
    "plot_cluster_network",
    "plot_centrality_vs_load",
    "plot_cluster_keywords",
    "cluster_color",
    "repel_labels",
    "wrap_label",
]



# ---------------------------------------------------------------------------- language
EN_LABELS = {
    # default titles
    "工作量排名：牵头、配合与责任任务数": "Load ranking: lead, support and responsible tasks",
    "工作量分布的洛伦兹曲线": "Lorenz curve of the load",
    "各单位在各部分的任务数": "Tasks per unit in each section",
    "共同责任网络：按群组着色，按工作量定大小": "Co-responsibility network: colour = cluster, size = load",
    "中心性与工作量：谁是经纪人，谁是主力": "Centrality and load: brokers and workhorses",
    "各群组任务关键词": "Keywords of each cluster",
    # axes, legends, notes
    "任务数": "Tasks",
    "条末数字：加权工作量": "Number at bar end: weighted load",
    "加权工作量": "Weighted load",
    "牵头任务数": "Lead tasks",
    "配合任务数": "Support tasks",
    "责任任务数": "Responsible tasks",
    "工作量": "Load",
    "完全均衡": "Perfect equality",
    "基尼系数": "Gini",
    "单位累计占比（由轻到重）": "Cumulative share of units (lightest first)",
    "工作量累计占比": "Cumulative share of load",
    "（无单位）": "(no units)",
    "（无数据）": "(no data)",
    "（无关键词）": "(no keywords)",
    "其他群组": "Other clusters",
    "群组": "Cluster ",
    "未归类": "Unclustered",
    "个单位": " units",
    "中介中心性（共同责任网络）": "Betweenness (co-responsibility network)",
    "中介中心性（二模网络）": "Betweenness (two-mode network)",
    "BiRank 得分": "BiRank score",
    "特征向量中心性": "Eigenvector centrality",
    "加权度（共同责任网络）": "Strength (co-responsibility network)",
    "有效规模": "Effective size",
    "经纪人\n连接多、负担轻": "Brokers\nmany ties, light load",
    "枢纽\n连接多、负担重": "Hubs\nmany ties, heavy load",
    "主力\n负担重、连接少": "Workhorses\nheavy load, few ties",
    "外围": "Periphery",
    "相对得分（本群组最高词 = 1）": "Relative score (best word of the cluster = 1)",
}
"""English of every label the briefing figures draw (``--lang en``); Chinese is the default."""


def _L(zh: str) -> str:  # noqa: N802
    """A figure label in the current language (:func:`xialu_graph.glossary.use_language`)."""
    if current_language() == "en":
        return EN_LABELS.get(zh, zh)
    return zh


def _count_label(label: str, n: int) -> str:
    return f"{label} ({n})" if current_language() == "en" else f"{label}（{n}）"


def _role_label(role: str) -> str:
    return concept(f"role.{role}") if current_language() == "en" else ROLE_LABELS[role]


# ---------------------------------------------------------------------------- helpers
def _require(df, cols, what):
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{what} needs column(s) {', '.join(missing)}; has {', '.join(map(str, df.columns))}")


def _ranked(df):
    if "ranked" in df.columns:
        return df[df["ranked"].astype(bool)]
    return df


def _settle_layout(fig) -> None:
    """Lay ``fig`` out as its next draw would, without drawing it, for code that measures text
    and axes: run the layout engine, then bring each axes' view limits and aspect up to date
    (what ``Figure.draw`` and ``Axes.draw`` do before drawing). ``fig.draw_without_rendering()``
    does the same and then walks every artist with a renderer that draws nothing — for the
    heatmap, hundreds of cell labels — which the measurements do not need (same positions:
    the six briefing figures' files are unchanged)."""
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:  # not an Agg canvas (a caller's own figure): the full pass
        fig.draw_without_rendering()
        return
    engine = fig.get_layout_engine()
    if fig.axes and engine is not None:
        try:
            engine.execute(fig)
        except ValueError:  # as Figure.draw: a figure too small for its margins is drawn as it is
            pass
    for ax in fig.axes:
        ax.viewLim  # noqa: B018 - reading it recomputes stale autoscaled limits, as Axes.draw does
        locator = ax.get_axes_locator()
        ax.apply_aspect(locator(ax, get_renderer()) if locator else None)


def _setup(ax, height_cm, title, source):
    """(fig, ax, own) — a new house figure unless ``ax`` is given."""
    title = _L(title) if title else title
    if ax is not None:
        if title:
            ax.set_title(title, loc="left")
        return ax.figure, ax, False
    fig = new_figure(height_cm)
    ax = fig.add_subplot()
    _title_and_source(fig, title, source)
    return fig, ax, True


def _title_and_source(fig, title, source) -> None:
    """:func:`add_title_and_source`, the source line in the current language."""
    if current_language() != "en":
        add_title_and_source(fig, title, source)
        return
    add_title_and_source(fig, title, None)
    line = source_line(source)
    if line:
        line = "Source: " + line.split(":", 1)[-1].split("：", 1)[-1].strip().replace("（", " (").replace("）", ")")
        fig.text(0.01, 0.012, line, ha="left", va="bottom", fontsize=FONT_SIZE, color="#444444")




def _em(c: str) -> float:
    """Width of a character in ems: wide (CJK) characters 1, the rest about half."""
    import unicodedata

    return 1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.6


def wrap_label(s, width_em: float) -> str:
    """``s`` wrapped onto lines at most ``width_em`` ems wide (a CJK character is one em), every
    character kept; a line breaks after a space when there is one near the end.

    Examples
    --------
    >>> wrap_label("一 全力统筹疫情防控和经济社会秩序恢复", 7)
    '一 全力统筹疫\\n情防控和经济社\\n会秩序恢复'
    >>> wrap_label("Section two", 6)
    'Section\\ntwo'
    """
    s = str(s)
    width_em = max(float(width_em), 1.0)
    lines, cur, w = [], "", 0.0
    for c in s:
        if cur and w + _em(c) > width_em + 1e-9:
            cut = cur.rfind(" ")
            if _em(c) < 1 and c != " " and 0 < cut and cut >= len(cur) - 8:  # a word break within Latin text
                lines.append(cur[:cut])
                cur = cur[cut + 1:]
            else:
                lines.append(cur.rstrip())
                cur = ""
            w = sum(_em(x) for x in cur)
            if c == " " and not cur:
                continue
        cur += c
        w += _em(c)
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------- label repulsion
def repel_labels(ax, texts, anchors, *, avoid=(), pad_px: float = 2.0, iterations: int = 300,
                 leader_px: float = 6.0, line_kw: Optional[dict] = None):
    """Move text labels apart so that none overlap, deterministically.

    Parameters
    ----------
    ax : Axes
        The axes holding ``texts`` (data coordinates).
    texts : list of matplotlib.text.Text
        Labels, initially placed at (or next to) their anchors.
    anchors : sequence of (x, y)
        Data coordinates of the point each label belongs to.
    avoid : sequence of (x, y, radius_px)
        Points (markers) labels should not cover.
    pad_px : float
        Minimum gap between label boxes, in pixels.
    iterations : int
        Maximum number of relaxation sweeps (stops early when nothing overlaps).
    leader_px : float
        A thin line joins a label to its anchor when it moved further than this.

    Returns
    -------
    int
        Number of overlapping label pairs left (0 when every overlap was resolved).

    Notes
    -----
    The figure is drawn once to measure the labels. Each sweep pushes every overlapping pair
    apart along the axis of least overlap, pushes labels off the ``avoid`` markers, pulls
    each label weakly back towards its anchor and keeps it inside the axes. Pure numpy, no
    randomness: same input, same placement.
    """
    import numpy as np

    if not texts:
        return 0
    fig = ax.figure
    _settle_layout(fig)  # layout settles; positions below are final (measured, no pixels drawn)
    r = fig.canvas.get_renderer()
    trans = ax.transData
    inv = trans.inverted()
    bbs = [t.get_window_extent(r) for t in texts]
    w = np.array([b.width for b in bbs]) + pad_px
    h = np.array([b.height for b in bbs]) + pad_px
    c = np.array([[(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2] for b in bbs])
    anc = trans.transform(np.asarray(anchors, dtype=float))
    home = c.copy()
    av = np.asarray([(x, y, rad) for x, y, rad in avoid], dtype=float).reshape(-1, 3)
    if len(av):
        av[:, :2] = trans.transform(av[:, :2])
    axb = ax.get_window_extent(r)
    lo = np.array([axb.x0, axb.y0]) + np.c_[w, h] / 2
    hi = np.array([axb.x1, axb.y1]) - np.c_[w, h] / 2
    hi = np.maximum(hi, lo)
    n = len(texts)
    iu = np.triu_indices(n, 1)

    def overlaps(c):
        dx = c[:, None, 0] - c[None, :, 0]
        dy = c[:, None, 1] - c[None, :, 1]
        ox = (w[:, None] + w[None, :]) / 2 - np.abs(dx)
        oy = (h[:, None] + h[None, :]) / 2 - np.abs(dy)
        return dx, dy, ox, oy

    def step(c, use_avoid):
        dx, dy, ox, oy = overlaps(c)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        move = np.zeros_like(c)
        if hit.any():
            # push along the axis of least overlap; ties broken by index (deterministic)
            along_x = ox < oy
            sx = np.where(dx > 0, 1.0, np.where(dx < 0, -1.0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :])))
            sy = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :])))
            px = np.where(hit & along_x, sx * (ox / 2 + 0.5), 0.0)
            py = np.where(hit & ~along_x, sy * (oy / 2 + 0.5), 0.0)
            move[:, 0] += px.sum(axis=1)
            move[:, 1] += py.sum(axis=1)
        av_hit = False
        if use_avoid and len(av):
            ddx = c[:, None, 0] - av[None, :, 0]
            ddy = c[:, None, 1] - av[None, :, 1]
            ax_ = w[:, None] / 2 + av[None, :, 2] - np.abs(ddx)
            ay_ = h[:, None] / 2 + av[None, :, 2] - np.abs(ddy)
            ah = (ax_ > 0) & (ay_ > 0)
            if ah.any():
                av_hit = True
                mx = np.where(ah & (ax_ < ay_), np.where(ddx >= 0, 1.0, -1.0) * (ax_ / 2 + 0.5), 0.0)
                my = np.where(ah & (ax_ >= ay_), np.where(ddy >= 0, 1.0, -1.0) * (ay_ / 2 + 0.5), 0.0)
                move[:, 0] += 0.5 * mx.sum(axis=1)
                move[:, 1] += 0.5 * my.sum(axis=1)
        if not hit.any() and not av_hit:
            return c, True
        if use_avoid:
            move += 0.02 * (home - c)
        return np.clip(c + move, lo, hi), False

    for _ in range(iterations):
        c, done = step(c, True)
        if done:
            break
    # labels first: a last pass that only separates labels from each other
    for _ in range(iterations):
        c, done = step(c, False)
        if done:
            break

    dx, dy, ox, oy = overlaps(c)
    left = int(((ox[iu] > pad_px) & (oy[iu] > pad_px)).sum())
    lk = dict(color="#888888", lw=0.5, zorder=1.5)
    if line_kw:
        lk.update(line_kw)
    for t, (x, y), a, b in zip(texts, c, anc, bbs):
        # keep the text's alignment: shift its anchor point by the box centre's displacement
        ox0, oy0 = t.get_position()
        p0 = trans.transform((ox0, oy0))
        cx0, cy0 = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        t.set_position(inv.transform((p0[0] + x - cx0, p0[1] + y - cy0)))
        if math.hypot(x - a[0], y - a[1]) > max(leader_px + max(b.width, b.height) / 2, 0):
            # leader line from the anchor to the nearest point of the label box
            ex = min(max(a[0], x - b.width / 2), x + b.width / 2)
            ey = min(max(a[1], y - b.height / 2), y + b.height / 2)
            (x0, y0), (x1, y1) = inv.transform(a), inv.transform((ex, ey))
            ax.plot([x0, x1], [y0, y1], **lk)
    return left


# ------------------------------------------------------------------------ load ranking
def plot_load_ranking(load_df, *, top: int = 20, ax=None, source=None,
                 title: Optional[str] = "工作量排名：牵头、配合与责任任务数"):
    """Horizontal stacked bars of lead / support / responsible tasks per unit.

    The ``top`` heaviest units (by ``weighted_load``) are shown, heaviest at the top, with the
    weighted load written at the end of each bar. Collectives (``ranked`` False) are left out.
    """
    import numpy as np

    _require(load_df, ["unit", "n_lead", "n_support", "n_responsible"], "load_ranking")
    df = _ranked(load_df).copy()
    if "weighted_load" in df.columns:
        key = "weighted_load"
    elif "n_tasks" in df.columns:
        key = "n_tasks"
    else:
        df["_total"] = df[["n_lead", "n_support", "n_responsible"]].sum(axis=1)
        key = "_total"
    df = df.sort_values([key, "unit"], ascending=[False, True], kind="stable").head(top)
    df = df.iloc[::-1]
    n = len(df)
    with house_style():
        fig, ax, own = _setup(ax, 3.4 + 0.46 * max(n, 3), title, source)
        y = np.arange(n)
        left = np.zeros(n)
        for role in ("lead", "support", "responsible"):
            vals = df[f"n_{role}"].to_numpy(dtype=float)
            ax.barh(y, vals, left=left, color=ROLE_COLORS[role], label=_role_label(role),
                    height=0.72, edgecolor="white", linewidth=0.4)
            left += vals
        ax.set_yticks(y, [str(u) for u in df["unit"]])
        note = key == "weighted_load"
        ax.set_xlabel(_L("任务数") + (_count_note() if note else ""))
        ax.set_ylim(-0.6, n - 0.4)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=2))  # counts: whole numbers only
        top_x = float(left.max()) if n else 1.0
        ax.set_xlim(0, max(top_x, 1.0))
        labels = []
        if note:
            # the weighted load at the end of each bar, a fixed 3 pt from it (not in data units)
            for yi, tot, wl in zip(y, left, df["weighted_load"]):
                labels.append(ax.annotate(f"{wl:g}", xy=(tot, yi), xytext=(3, 0), textcoords="offset points",
                                          va="center", ha="left", fontsize=FONT_SIZE - 1, color="#333333"))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#dddddd", lw=0.5)
        ax.set_axisbelow(True)
        ax.legend(ncols=3, loc="lower right", bbox_to_anchor=(1, 1.0), borderaxespad=0.2)
        if labels:
            _fit_labels(ax, labels, top_x)
        fig._xialu_value_labels = labels
    return fig


def _count_note() -> str:
    """The note on what the numbers at the bar ends are, appended to the count axis label."""
    return "（条末数字：加权工作量）" if current_language() != "en" else " (number at bar end: weighted load)"


def _fit_labels(ax, labels, top_x: float) -> None:
    """Widen the x range just enough that every bar-end label ends inside the axes."""
    fig = ax.figure
    for _ in range(3):
        _settle_layout(fig)  # constrained layout settles the axes size first
        inv = ax.transData.inverted()
        right = max(inv.transform((t.get_window_extent().x1, 0))[0] for t in labels)
        lo, hi = ax.get_xlim()
        if right <= hi:
            break
        ax.set_xlim(lo, right + (right - lo) * 0.02)


# ------------------------------------------------------------------------ Lorenz curve
def _lorenz_points(values):
    import numpy as np

    a = np.sort(np.asarray([v for v in values if v == v], dtype=float))
    n, s = a.size, a.sum()
    if n == 0 or s <= 0:
        return np.array([0.0, 1.0]), np.array([0.0, 1.0]), float("nan")
    x = np.arange(n + 1) / n
    y = np.concatenate([[0.0], np.cumsum(a) / s])
    i = np.arange(1, n + 1)
    g = float(((2 * i - n - 1) * a).sum() / (n * s))
    return x, y, g


def _gini_from_points(x, y) -> float:
    import numpy as np

    x = np.asarray(x, float)
    y = np.asarray(y, float)
    return float(1 - np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1])))


MEASURE_LABELS = {
    "weighted_load": "加权工作量",
    "n_lead": "牵头任务数",
    "n_tasks": "任务数",
    "n_support": "配合任务数",
    "n_responsible": "责任任务数",
    "value": "工作量",
}


def _lorenz_series(balance, measures):
    """[(measure, x, y, gini)] from any accepted input."""
    import numpy as np
    import pandas as pd

    out = []
    if isinstance(balance, pd.DataFrame):
        cols = set(balance.columns)
        if {"population_share", "load_share"} <= cols:
            groups = balance.groupby("measure", sort=False) if "measure" in cols else [("value", balance)]
            for m, g in groups:
                if measures and m not in measures:
                    continue
                x, y = g["population_share"].to_numpy(float), g["load_share"].to_numpy(float)
                out.append((m, x, y, _gini_from_points(x, y)))
            return out
        if "gini" in cols and isinstance(balance.attrs.get("lorenz"), pd.DataFrame):
            lz = balance.attrs["lorenz"]
            gini = dict(zip(balance["measure"], balance["gini"]))
            for m, g in lz.groupby("measure", sort=False):
                if measures and m not in measures:
                    continue
                out.append((m, g["population_share"].to_numpy(float), g["load_share"].to_numpy(float),
                            float(gini.get(m, _gini_from_points(g["population_share"], g["load_share"])))))
            return out
        df = _ranked(balance)
        for m in measures or ("weighted_load",):
            _require(df, [m], "lorenz_curve")
            x, y, g = _lorenz_points(df[m].to_numpy(float))
            out.append((m, x, y, g))
        return out
    x, y, g = _lorenz_points(np.asarray(list(balance), dtype=float))
    return [("value", x, y, g)]


def plot_lorenz(balance, *, ax=None, measures: Optional[Sequence[str]] = None, source=None,
                 title: Optional[str] = "工作量分布的洛伦兹曲线", band=None, intervals=None):
    """Lorenz curve(s) of the workload, the Gini coefficient in the legend, the equality
    diagonal dashed. ``measures`` picks which measures to draw (default: all in a balance
    table, ``weighted_load`` for a load table).

    ``band`` (:func:`xialu_graph.metrics.bootstrap_lorenz`) shades the 95 % task-bootstrap band
    around the first curve; ``intervals`` (:func:`xialu_graph.metrics.bootstrap_balance`) puts
    the Gini's interval in its legend entry, e.g. ``加权工作量（基尼系数 0.60，95% 置信区间
    0.59–0.65）``. Both should come from the graph the curve was drawn from (same collective
    policy).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document(
    ...     "1、甲。[牵头单位:区发改局;责任单位:区财政局]\\n2、乙。[牵头单位:区发改局]\\n"))
    >>> fig = plot_lorenz(xg.unit_load(G), band=xg.bootstrap_lorenz(G, n_boot=100),
    ...                   intervals=xg.bootstrap_balance(G, n_boot=100))
    >>> fig.axes[0].get_legend().get_texts()[1].get_text()
    '加权工作量（基尼系数 0.30，95% 置信区间 0.17–0.50）'
    """
    series = _lorenz_series(balance, list(measures) if measures else None)
    ci = None
    if intervals is not None and len(intervals):
        row = intervals.set_index("measure").loc["gini"] if "measure" in intervals.columns else None
        if row is not None and row["ci_low"] == row["ci_low"]:
            ci = (float(row["ci_low"]), float(row["ci_high"]), float(intervals.attrs.get("level", 0.95)))
    with house_style():
        fig, ax, own = _setup(ax, 9.5, title, source)
        ax.plot([0, 1], [0, 1], ls="--", color="#777777", lw=0.9, label=_L("完全均衡"))
        for i, (m, x, y, g) in enumerate(series):
            name = _L(MEASURE_LABELS.get(m, str(m)))
            en = current_language() == "en"
            label = f"{name} (Gini {g:.2f})" if en else f"{name}（基尼系数 {g:.2f}）"
            if i == 0 and ci is not None:
                label = (f"{name} (Gini {g:.2f}, {ci[2]:.0%} CI {ci[0]:.2f}–{ci[1]:.2f})" if en
                         else f"{name}（基尼系数 {g:.2f}，{ci[2]:.0%} 置信区间 {ci[0]:.2f}–{ci[1]:.2f}）")
            ax.plot(x, y, color=OKABE_ITO[i % 7], lw=1.6, drawstyle="default", label=label)
            if i == 0:
                if band is not None and len(band):
                    lvl = band.attrs.get("level", 0.95)
                    nb = band.attrs.get("n_boot", "")
                    ax.fill_between(band["population_share"], band["ci_low"], band["ci_high"],
                                    color=OKABE_ITO[0], alpha=0.28, lw=0,
                                    label=(f"{lvl:.0%} band ({nb} task resamples)" if current_language() == "en"
                                           else f"{lvl:.0%} 置信带（按任务重抽样 {nb} 次）"))
                else:
                    ax.fill_between(x, y, x, color=OKABE_ITO[0], alpha=0.10, lw=0)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(_L("单位累计占比（由轻到重）"))
        ax.set_ylabel(_L("工作量累计占比"))
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.grid(color="#eeeeee", lw=0.5)
        ax.legend(loc="upper left")
    return fig


# ---------------------------------------------------------------------- section heatmap
def heatmap_table(G, *, top: Optional[int] = 25, include_collectives: bool = False):
    """The heatmap's table: :func:`xialu_graph.metrics.unit_section_matrix`, presented.

    Rows: units with most tasks first (``top`` of them; None for all), name as tie-break,
    collectives left out unless asked. Columns: sections in document order, labelled
    ``"一 <title>"``; ``df.attrs['sections']`` maps labels to full titles.
    """

    df = counts(G)
    titles = {}
    for _, d in G.nodes(data=True):
        if d.get("bipartite") == 1:
            key = str(d.get("section_no") or d.get("section") or "")
            no, ttl = str(d.get("section_no") or ""), str(d.get("section") or "")
            titles.setdefault(key, f"{no} {ttl}".strip() or "（无章节）")
    if not include_collectives:
        kinds = {str(d.get("label")): d.get("kind") for _, d in G.nodes(data=True) if d.get("bipartite") == 0}
        df = df.loc[[u for u in df.index if kinds.get(u) != "collective"]]
    df = df.loc[sorted(df.index, key=lambda u: (-int(df.loc[u].sum()), u))]
    if top:
        df = df.head(top)
    df.columns = [titles.get(str(c), str(c)) for c in df.columns]
    df.index.name = "unit"
    df.attrs["sections"] = {c: c for c in df.columns}
    return df


def plot_section_heatmap(matrix_df, *, ax=None, top: Optional[int] = 25, source=None,
                    title: Optional[str] = "各单位在各部分的任务数", label_chars: int = 9):
    """Unit × section heatmap of task counts, each non-zero cell annotated.

    ``matrix_df``: index = units, columns = sections, values = counts (or a graph, turned
    into one by :func:`heatmap_table` with ``top``). Column labels are shown in full: written
    across, wrapped onto lines as wide as a column (:func:`wrap_label`); when a column is
    narrower than ``label_chars`` / 3 characters (many sections), they are turned upright and
    wrapped onto two lines.
    """
    import numpy as np

    if hasattr(matrix_df, "nodes"):
        matrix_df = heatmap_table(matrix_df, top=top)
    m = matrix_df.to_numpy(dtype=float)
    nr, nc = m.shape
    with house_style():
        fig, ax, own = _setup(ax, 4.2 + 0.42 * max(nr, 3), title, source)
        vmax = max(float(np.nanmax(m)) if m.size else 1.0, 1.0)
        # "none": Agg draws the cells as "nearest" does (the same PNG), the PDF and SVG hold the
        # counts' small image itself, drawn crisp by the viewer, instead of one resampled at 300 dpi
        im = ax.imshow(m, cmap="Blues", vmin=0, vmax=vmax, aspect="auto", interpolation="none")
        for i in range(nr):
            for j in range(nc):
                v = m[i, j]
                if v and v == v:
                    ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=FONT_SIZE - 1,
                            color="white" if v > 0.55 * vmax else "#222222")
        ax.set_yticks(range(nr), [str(u) for u in matrix_df.index])
        ax.tick_params(length=0)
        _section_labels(fig, ax, [str(c) for c in matrix_df.columns], label_chars, grow=own)
        for s in ax.spines.values():
            s.set_visible(False)
        ax.set_xticks(np.arange(-0.5, nc, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, nr, 1), minor=True)
        ax.grid(which="minor", color="white", lw=1.0)
        ax.tick_params(which="minor", length=0)
        cb = fig.colorbar(im, ax=ax, shrink=0.6, aspect=25, pad=0.02)
        cb.set_label(_L("任务数"))
        cb.outline.set_visible(False)
    return fig


def _section_labels(fig, ax, labels: list, label_chars: int, *, grow: bool) -> None:
    """Full section labels under the heatmap's columns (see :func:`plot_section_heatmap`); ``grow``:
    the figure is made taller by the labels' height, so the cells keep theirs."""
    nc = len(labels)
    if not nc:
        ax.set_xticks([])
        return
    ax.set_xticks(range(nc), labels)
    size = ax.get_xticklabels()[0].get_fontsize()
    _settle_layout(fig)  # the constrained layout sizes the axes; its width decides the wrapping
    col_em = ax.get_window_extent().width / nc / (fig.dpi / 72.0) / size
    if col_em * 3 >= max(label_chars, 3):
        ax.set_xticks(range(nc), [wrap_label(c, col_em * 0.92) for c in labels], rotation=0, ha="center", va="top")
    else:  # upright, two lines: half the longest label per line
        half = max(max(sum(_em(x) for x in c) for c in labels) / 2, 1.0)
        ax.set_xticks(range(nc), [wrap_label(c, half + 0.5) for c in labels], rotation=90, ha="center", va="top",
                      linespacing=1.0)
    if grow:
        _settle_layout(fig)
        r = fig.canvas.get_renderer()
        tall = max(lab.get_window_extent(r).height for lab in ax.get_xticklabels()) / fig.dpi
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, h + tall)


# ---------------------------------------------------------------------- cluster network
def _load_map(load_df):
    if load_df is None:
        return {}
    col = "weighted_load" if "weighted_load" in load_df.columns else "n_tasks"
    _require(load_df, ["unit", col], "load table")
    return {str(u): float(v) for u, v in zip(load_df["unit"], load_df[col])}


def component_layout(H, *, seed: int = 0, clusters: Optional[dict] = None) -> dict:
    """Positions for a figure: :func:`xialu_graph.layout.network_layout` (the layout of the
    interactive views and of the Gephi export), or with ``clusters`` (node → cluster)
    :func:`xialu_graph.layout.cluster_layout` (the cluster view's), scaled into the unit square,
    y pointing up.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = component_layout(nx.path_graph(3))
    >>> all(0 <= c <= 1 for p in pos.values() for c in p)
    True
    """
    import numpy as np

    pos = cluster_layout(H, clusters, seed=seed) if clusters is not None else network_layout(H, seed=seed)
    if not pos:
        return {}
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    xy[:, 1] = -xy[:, 1]
    lo = xy.min(0)
    span = float((xy.max(0) - lo).max()) or 1.0
    xy = (xy - lo) / span
    xy += (1 - xy.max(0)) / 2
    return {n: xy[k] for k, n in enumerate(nodes)}


def plot_cluster_network(P, clusters_df=None, load_df=None, *, ax=None, label_top: int = 60,
                    seed: int = 0, min_weight: float = 0.0, source=None,
                    title: Optional[str] = "共同责任网络：按群组着色，按工作量定大小", cluster_names=None,
                    backbone=None, ties: Optional[str] = None):
    """The unit co-responsibility network, nodes coloured by cluster and sized by load.

    ``cluster_names`` (number → name, :func:`xialu_graph.text.cluster_names`) puts each
    cluster's keywords in the legend, as every table and view writes it
    (``群组1（项目·企业·融合） 17个``: 17 units).

    ``backbone`` (the pair table of :func:`xialu_graph.metrics.backbone`: ``unit_a``,
    ``unit_b``, ``significant``) switches the ties drawn to those that beat the null model
    (``ties="backbone"``, the default when it is given): most ties of a plan are forced by who
    is listed how often, and drawing them all makes a hairball. ``ties="all"`` draws the whole
    projection as before. Positions do not depend on the ties drawn (each cluster in a block of
    its own, placed within it by all shared tasks); a note under the network says how many ties
    are drawn and left out.

    Layout: with ``clusters_df``, each cluster in a box of its own
    (:func:`xialu_graph.layout.cluster_layout`, as the cluster view), else
    :func:`component_layout` of the whole projection (deterministic for a given seed).
    Only units in ``clusters_df`` are drawn when it is given (collectives are left out
    there). The ``label_top`` heaviest units are labelled; labels are moved apart by
    :func:`repel_labels` so they do not overlap. Edges with ``weight <= min_weight`` are not
    drawn; edge width grows with weight.
    """
    import networkx as nx
    import numpy as np

    cl = {}
    names_of = dict(cluster_names or {})
    if clusters_df is not None:
        _require(clusters_df, ["unit", "cluster"], "cluster_network clusters_df")
        cl = {str(u): int(c) for u, c in zip(clusters_df["unit"], clusters_df["cluster"])}
    load = _load_map(load_df)
    nodes = [n for n in P.nodes if not cl or node_label(P, n) in cl]
    H = P.subgraph(nodes)
    names = {n: node_label(P, n) for n in nodes}
    with house_style():
        fig, ax, own = _setup(ax, 14.0, title, source)
        ax.set_axis_off()
        if not nodes:
            ax.text(0.5, 0.5, _L("（无单位）"), ha="center", va="center", transform=ax.transAxes)
            return fig
        order = sorted(nodes, key=lambda n: names[n])
        Hs = nx.Graph()
        Hs.add_nodes_from(order)
        edges = sorted(H.edges(data=True), key=lambda e: tuple(sorted((str(e[0]), str(e[1])))))
        Hs.add_edges_from((a, b, dict(d)) for a, b, d in edges)
        # each cluster in a box of its own, as the cluster view places them
        pos = component_layout(Hs, seed=seed, clusters={n: cl.get(names[n]) for n in order} if cl else None)
        xy = np.array([pos[n] for n in order])
        loads = np.array([load.get(names[n], 0.0) for n in order])
        lmax = loads.max() if loads.size and loads.max() > 0 else 1.0
        sizes = 18 + 320 * (loads / lmax)
        # edges
        ws = np.array([d.get("weight", 1.0) for _, _, d in Hs.edges(data=True)]) if Hs.number_of_edges() else np.array([])
        wmax = ws.max() if ws.size else 1.0
        from matplotlib.collections import LineCollection

        mode = ties or ("backbone" if backbone is not None else "all")
        if mode not in ("all", "backbone"):
            raise ValueError(f"ties must be 'all' or 'backbone', got {ties!r}")
        if mode == "backbone" and backbone is None:
            raise ValueError("ties='backbone' needs the backbone table")
        keep = None
        if mode == "backbone":
            sig = backbone[backbone["significant"].astype(bool)] if len(backbone) else backbone
            keep = {frozenset((str(a), str(b))) for a, b in zip(sig["unit_a"], sig["unit_b"])}
        segs, lws = [], []
        for (a, b, d) in Hs.edges(data=True):
            w = d.get("weight", 1.0)
            if w <= min_weight:
                continue
            if keep is not None and frozenset((names[a], names[b])) not in keep:
                continue
            segs.append([pos[a], pos[b]])
            lws.append(0.25 + 2.2 * (w / wmax) if keep is None else 1.6)
        if segs:
            col, alpha = ("#b0b0b0", 0.55) if keep is None else ("#555555", 0.8)
            ax.add_collection(LineCollection(segs, linewidths=lws, colors=col, alpha=alpha, zorder=1))
        if keep is not None:
            n_all = Hs.number_of_edges()
            alpha_fdr = backbone.attrs.get("alpha", 0.05)
            note = (f"Lines: {len(segs)} ties beyond chance (SDSM null model, FDR {alpha_fdr:.0%}); the other "
                    f"{n_all - len(segs)} shared-task pairs not drawn (one block per cluster, placed within by all shared tasks)"
                    if current_language() == "en" else
                    f"连线：超出随机预期的共同责任 {len(segs)} 对（SDSM 零模型，FDR {alpha_fdr:.0%}）；"
                    f"其余 {n_all - len(segs)} 对共同任务未画出（每个群组一块，块内按全部共同任务排列）")
            ax.text(0, 0, note,
                    transform=ax.transAxes, fontsize=FONT_SIZE - 2, color="#555555", va="top")
        fig._xialu_edges_drawn = len(segs)
        colors = [cluster_color(cl.get(names[n])) if cl else OKABE_ITO[0] for n in order]
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=0.6, zorder=2)
        ax.set_xlim(xy[:, 0].min() - 0.08, xy[:, 0].max() + 0.08)
        ax.set_ylim(xy[:, 1].min() - 0.06, xy[:, 1].max() + 0.08)
        # legend: clusters
        from matplotlib.lines import Line2D

        if cl:
            ids = sorted({cl[names[n]] for n in order})
            shown = [c for c in ids if cluster_color(c) != GREY]
            def count(c):
                return sum(1 for n in order if cl[names[n]] == c)

            en = current_language() == "en"
            if names_of:
                labels = [(f"{_L('群组')}{c} ({names_of[c]}) {count(c)}" if en and names_of.get(c)
                           else f"{cluster_title(c, names_of)} {count(c)}个") for c in shown]
            else:
                labels = [_count_label(f"{_L('群组')}{c}", count(c)) for c in shown]
            handles = [Line2D([], [], ls="", marker="o", ms=6, mfc=cluster_color(c), mec="white", label=lab)
                       for c, lab in zip(shown, labels)]
            if len(shown) < len(ids):
                handles.append(Line2D([], [], ls="", marker="o", ms=6, mfc=GREY, mec="white", label=_L("其他群组")))
            ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1),
                      ncols=min(len(handles), 2 if names_of else 6), handletextpad=0.2, columnspacing=0.8,
                      fontsize=FONT_SIZE - 1 if names_of else None)
        # labels for the heaviest units
        idx = sorted(range(len(order)), key=lambda i: (-loads[i], names[order[i]]))[:label_top]
        texts, anchors = [], []
        for i in idx:
            t = ax.text(xy[i, 0], xy[i, 1], names[order[i]], ha="center", va="bottom",
                        fontsize=FONT_SIZE - 1, zorder=3, color="#111111",
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.75))
            texts.append(t)
            anchors.append(xy[i])
        dpi_scale = fig.dpi / 72.0
        avoid = [(x, y, math.sqrt(s) / 2 * dpi_scale) for (x, y), s in zip(xy, sizes)]
        fig._xialu_label_overlaps = repel_labels(ax, texts, anchors, avoid=avoid)
        fig._xialu_labels = texts
    return fig


# -------------------------------------------------------------------- centrality vs load
def plot_centrality_vs_load(centrality_df, load_df, *, ax=None, centrality: str = "betweenness_w",
                       load: str = "weighted_load", label_top: int = 8, source=None,
                       title: Optional[str] = "中心性与工作量：谁是经纪人，谁是主力", split: str = "mean"):
    """Scatter of a centrality against load, split into four labelled quadrants: 经纪人
    (brokers: central, lighter load), 枢纽 (hubs: both high), 主力 (workhorses: heavy load, less
    central), 外围 (periphery). The ``label_top`` units highest on either axis are named (labels
    kept apart by :func:`repel_labels`).

    ``split="mean"`` (default) draws the lines at the means: on the load axis the mean is the
    equal share (what each unit would carry if the plan were spread evenly: 均分线), on the
    centrality axis the average unit. Centralities are skewed (most units broker nothing), so a
    median line would call every unit with any brokerage "central"; ``split="median"`` is
    kept as an option. The thresholds are in ``fig._xialu_thresholds`` (load, centrality).

    Examples
    --------
    >>> import pandas as pd
    >>> load = pd.DataFrame({"unit": list("abcd"), "weighted_load": [4.0, 2.0, 1.0, 1.0]})
    >>> cen = pd.DataFrame({"unit": list("abcd"), "betweenness_w": [0.0, 0.6, 0.0, 0.0]})
    >>> plot_centrality_vs_load(cen, load)._xialu_thresholds
    (2.0, 0.15)
    """
    import numpy as np

    if split not in ("mean", "median"):
        raise ValueError(f"split must be 'mean' or 'median', got {split!r}")

    _require(centrality_df, ["unit", centrality], "centrality_vs_load centrality_df")
    _require(load_df, ["unit", load], "centrality_vs_load load_df")
    c = _ranked(centrality_df)[["unit", centrality]]
    lo = _ranked(load_df)[["unit", load]]
    df = lo.merge(c, on="unit", how="inner").sort_values("unit", kind="stable").reset_index(drop=True)
    x = df[load].to_numpy(float)
    y = df[centrality].to_numpy(float)
    cname = {
        "betweenness_w": "中介中心性（共同责任网络）",
        "betweenness_2m": "中介中心性（二模网络）",
        "birank": "BiRank 得分",
        "eigenvector": "特征向量中心性",
        "strength": "加权度（共同责任网络）",
        "effective_size": "有效规模",
    }.get(centrality, centrality)
    cname = _L(cname)
    with house_style():
        fig, ax, own = _setup(ax, 11.5, title, source)
        if len(df) == 0:
            ax.text(0.5, 0.5, _L("（无数据）"), ha="center", va="center", transform=ax.transAxes)
            return fig
        stat = np.mean if split == "mean" else np.median
        mx, my = float(stat(x)), float(stat(y))
        fig._xialu_thresholds = (mx, my)
        quad = np.where(y > my, np.where(x > mx, 2, 0), np.where(x > mx, 1, 3))  # 0 broker 1 workhorse 2 hub 3 periphery
        qcol = {0: OKABE_ITO[3], 1: OKABE_ITO[1], 2: OKABE_ITO[0], 3: GREY}
        ax.scatter(x, y, s=22, c=[qcol[q] for q in quad], edgecolors="white", linewidths=0.5, zorder=2)
        ax.axvline(mx, color="#888888", lw=0.7, ls="--", zorder=1)
        ax.axhline(my, color="#888888", lw=0.7, ls="--", zorder=1)
        en = current_language() == "en"
        word = ("mean" if en else "平均") if split == "mean" else ("median" if en else "中位数")
        xword = ("equal share" if en else "均分线") if split == "mean" else word
        ax.annotate(f"{xword} {mx:.1f}", (mx, 0), xycoords=("data", "axes fraction"),
                    xytext=(2, 2), textcoords="offset points", fontsize=FONT_SIZE - 2, color="#666666", zorder=4)
        ax.annotate(f"{word} {my:.2g}", (1, my), xycoords=("axes fraction", "data"), xytext=(-2, 2),
                    textcoords="offset points", ha="right", fontsize=FONT_SIZE - 2, color="#666666", zorder=4)
        xpad = (x.max() - x.min()) * 0.06 or 1.0
        ypad = (y.max() - y.min()) * 0.08 or 0.1
        ax.set_xlim(x.min() - xpad, x.max() + xpad)
        ax.set_ylim(y.min() - ypad * 2.5, y.max() + ypad * 2.5)
        for axis, vals, lim in ((ax.xaxis, x, ax.get_xlim()), (ax.yaxis, y, ax.get_ylim())):
            if vals.min() >= 0:  # no negative ticks for a non-negative measure
                axis.set_ticks([t for t in axis.get_majorticklocs() if 0 <= t <= lim[1]])
        qtext = {
            0: ("经纪人\n连接多、负担轻", 0.02, 0.98, "left", "top"),
            2: ("枢纽\n连接多、负担重", 0.98, 0.98, "right", "top"),
            1: ("主力\n负担重、连接少", 0.98, 0.02, "right", "bottom"),
            3: ("外围", 0.02, 0.02, "left", "bottom"),
        }
        for q, (s, tx, ty, ha, va) in qtext.items():
            ax.text(tx, ty, _L(s), transform=ax.transAxes, ha=ha, va=va, fontsize=FONT_SIZE,
                    color=qcol[q] if q != 3 else "#666666", zorder=4,
                    bbox=dict(boxstyle="square,pad=0.15", fc="white", ec="none", alpha=0.85))
        ax.set_xlabel(_L("加权工作量" if load == "weighted_load" else MEASURE_LABELS.get(load, load)))
        ax.set_ylabel(cname)
        ax.grid(color="#eeeeee", lw=0.5)
        rx = (x - x.min()) / ((x.max() - x.min()) or 1)
        ry = (y - y.min()) / ((y.max() - y.min()) or 1)
        by_x = sorted(range(len(df)), key=lambda i: (-x[i], df["unit"][i]))[:label_top]
        by_y = sorted(range(len(df)), key=lambda i: (-y[i], df["unit"][i]))[:label_top]
        idx = sorted(set(by_x) | set(by_y), key=lambda i: (-(rx[i] + ry[i]), df["unit"][i]))
        texts = [ax.text(x[i], y[i], str(df["unit"][i]), fontsize=FONT_SIZE - 1, ha="left", va="bottom",
                         zorder=3) for i in idx]
        dpi_scale = fig.dpi / 72.0
        avoid = [(a, b, 3.5 * dpi_scale) for a, b in zip(x, y)]
        fig._xialu_label_overlaps = repel_labels(ax, texts, [(x[i], y[i]) for i in idx], avoid=avoid)
        fig._xialu_labels = texts
    return fig


# ---------------------------------------------------------------------- cluster keywords
def _pick(df, names, what):
    for n in names:
        if n in df.columns:
            return n
    raise ValueError(f"cluster_keywords needs a {what} column (one of {', '.join(names)})")


def plot_cluster_keywords(keywords_df, *, top: int = 8, ncols: int = 3, clusters_df=None, source=None,
                     title: Optional[str] = "各群组任务关键词"):
    """Small multiples: one horizontal bar chart of the ``top`` keywords per cluster, in the
    cluster's colour. ``clusters_df`` (``unit``, ``cluster``), when given, adds the number of
    units to each panel title. Returns a new figure (no ``ax``: it needs several).

    Bars are scores relative to the cluster's best word (= 1), on one 0–1 axis for every panel,
    labelled under each column: raw scores are not comparable between clusters (a cluster of one
    task gives its words TF-IDF scores several times those of a large cluster).
    """
    import numpy as np

    ccol = _pick(keywords_df, ("cluster", "group"), "cluster")
    kcol = _pick(keywords_df, ("keyword", "term", "word"), "keyword")
    scol = _pick(keywords_df, ("score", "weight", "tfidf", "count"), "score")
    sizes = {}
    if clusters_df is not None:
        sizes = clusters_df.groupby("cluster")["unit"].count().to_dict()
    clusters = sorted(keywords_df[ccol].unique(), key=lambda c: (int(c) < 0, int(c)))
    k = max(len(clusters), 1)
    ncols = max(1, min(ncols, k))
    nrows = math.ceil(k / ncols)
    with house_style():
        fig = new_figure(1.6 + nrows * (0.45 * top + 1.2))
        axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False).ravel())
        _title_and_source(fig, _L(title) if title else title, source)
        # scores are relative to each cluster's best word (= 1): raw TF-IDF of a one-task cluster
        # dwarfs the others, so one raw scale would flatten every other panel; one axis, 0–1, for all
        for a, c in zip(axes, clusters):
            a.set_xlim(0, 1.08)
            g = keywords_df[keywords_df[ccol] == c]
            if "rank" in g.columns:
                g = g.sort_values(["rank", kcol], kind="stable")
            else:
                g = g.sort_values([scol, kcol], ascending=[False, True], kind="stable")
            g = g.head(top).iloc[::-1]
            yy = np.arange(len(g)) + (top - len(g))  # top-aligned
            vals = g[scol].to_numpy(float)
            top_v = vals.max() if len(vals) and vals.max() > 0 else 1.0
            a.barh(yy, vals / top_v, color=cluster_color(c), height=0.7)
            a.set_yticks(yy, [str(s) for s in g[kcol]])
            a.set_ylim(-0.6, top - 0.4)
            a.tick_params(axis="y", length=0)
            a.tick_params(axis="x", labelsize=FONT_SIZE - 1)
            lab = f"{_L('群组')}{int(c)}" if int(c) >= 1 else _L("未归类")
            if c in sizes:
                lab += f" ({sizes[c]} units)" if current_language() == "en" else f"（{sizes[c]}个单位）"
            a.set_title(lab, loc="left", fontsize=FONT_SIZE,
                        color=cluster_color(c) if cluster_color(c) != GREY else "#444444")
        for a in axes[len(clusters):]:
            a.set_axis_off()
        for col in range(ncols):  # the lowest drawn panel of each column carries the axis label
            drawn = [i for i in range(col, len(clusters), ncols)]
            if drawn:
                axes[drawn[-1]].set_xlabel(_L("相对得分（本群组最高词 = 1）"), fontsize=FONT_SIZE - 1)
        if len(clusters) == 0:
            axes[0].text(0.5, 0.5, _L("（无关键词）"), ha="center", va="center", transform=axes[0].transAxes)
    return fig
