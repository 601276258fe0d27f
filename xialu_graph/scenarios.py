"""What if the assumptions change? Loads, balance, top units and clusters of one document
under other role weights, collective policy and clustering resolution.

:func:`what_if` is the function behind notebook ``06_what_if`` (whose controls only call it),
usable from code as well. Each call rebuilds the graph from the Document — no re-parsing — and
recomputes the tables, within a second on the 2020 Xialu plan. The answers under the default
assumptions come along (``rank_base``, ``rank_change``), so what moved is visible at once.

Controls available today: role weights (:class:`xialu_graph.RoleWeights`), the collective
policy (expand 各街办(新区) into its members, or keep it as one unranked node), and the Louvain
resolution and seed. A backbone filter and intervals on the Gini belong to the analytics issue
and are not here yet.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from .graph import RoleWeights, build_graph, coerce_weights
from .metrics import cluster_summary, co_responsibility_clusters, unit_load, workload_balance

__all__ = ["what_if", "what_if_panel", "WhatIf", "TOP_COLUMNS"]

TOP_COLUMNS = ["rank", "unit", "kind", "weighted_load", "load_share", "n_lead", "n_support", "rank_base",
               "rank_change", "cluster"]
"""Columns of :attr:`WhatIf.top`: the :func:`~xialu_graph.metrics.unit_load` columns of the
heaviest units, ``rank_base`` (rank under the default weights and collective policy),
``rank_change`` (rank_base − rank: positive = moved up) and ``cluster``."""


@dataclass
class WhatIf:
    """Tables of one :func:`what_if` call.

    Attributes
    ----------
    load : pandas.DataFrame
        :func:`~xialu_graph.metrics.unit_load` under the chosen assumptions.
    balance : pandas.DataFrame
        :func:`~xialu_graph.metrics.workload_balance` of ``weighted_load`` and ``n_lead``.
    top : pandas.DataFrame
        The ``top`` heaviest ranked units, columns :data:`TOP_COLUMNS`.
    clusters : pandas.DataFrame
        :func:`~xialu_graph.metrics.co_responsibility_clusters` (``attrs``: modularity …).
    cluster_summary : pandas.DataFrame
        :func:`~xialu_graph.metrics.cluster_summary`: one row per cluster.
    settings : dict
        The assumptions used (weights, expand_collectives, resolution, seed, n_runs, and the
        projection the clusters used: ``product`` of role weights, or ``count`` of shared
        tasks when a zero weight leaves no weighted link).
    """

    load: object
    balance: object
    top: object
    clusters: object
    cluster_summary: object
    settings: dict

    @property
    def gini(self) -> float:
        """Gini coefficient of the weighted load over ranked units."""
        return float(self.balance.loc[self.balance["measure"] == "weighted_load", "gini"].iloc[0])

    def tables(self) -> dict:
        """The tables by name (for export or display)."""
        return {"load": self.load, "balance": self.balance, "top": self.top, "clusters": self.clusters,
                "cluster_summary": self.cluster_summary}


def what_if(
    doc,
    *,
    weights=None,
    expand_collectives: bool = True,
    resolution: float = 1.0,
    seed: int = 0,
    top: int = 10,
    n_runs: int = 20,
) -> WhatIf:
    """Loads, balance, top units and clusters of a document under other assumptions.

    Parameters
    ----------
    doc : Document
        A parsed document (:func:`xialu_graph.read_document`).
    weights : RoleWeights, dict or TOML file, optional
        Role weights (default lead 1, support 0.5, responsible 1); a dict may give some roles only.
    expand_collectives : bool, default True
        Count a collective with known members (各街办(新区)) for each member; False keeps it as
        one node, reported but not ranked.
    resolution : float, default 1.0
        Louvain resolution of the co-responsibility clusters (higher → more, smaller clusters).
    seed : int, default 0
        Seed of the clusters.
    top : int, default 10
        Rows of :attr:`WhatIf.top`.
    n_runs : int, default 20
        Seeded runs for the clusters' stability (fewer is faster).

    Returns
    -------
    WhatIf
        ``load``, ``balance``, ``top``, ``clusters``, ``cluster_summary`` tables and ``settings``.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.scenarios import what_if
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"
    ...                        "2、丙。[牵头单位:区财政局;责任单位:区科信局]\\n")
    >>> w = what_if(doc, weights={"lead": 0.2}, n_runs=1)
    >>> w.top[["unit", "weighted_load", "rank", "rank_base", "rank_change"]].values.tolist()
    [['区财政局', 0.7, 1, 1, 0], ['区科信局', 0.5, 2, 3, 1], ['区发改局', 0.2, 3, 2, -1]]
    >>> round(w.gini, 4)
    0.2381
    """

    if isinstance(weights, dict):
        w = RoleWeights(**{**RoleWeights().as_dict(), **weights})
    else:
        w = coerce_weights(weights)
    G = build_graph(doc, weights=w, collectives="expand" if expand_collectives else "keep")
    load = unit_load(G)
    base = unit_load(build_graph(doc)) if (w != RoleWeights() or not expand_collectives) else load
    balance = workload_balance(load)
    projection = "product"
    try:
        clusters = co_responsibility_clusters(G, resolution=resolution, seed=seed, n_runs=n_runs)
    except ZeroDivisionError:
        # every product of role weights is 0 (a weight set to 0): cluster on shared-task counts
        projection = "count"
        clusters = co_responsibility_clusters(G, resolution=resolution, seed=seed, n_runs=n_runs, projection="count")
    summary = cluster_summary(G, clusters)
    rank_base = dict(zip(base["unit"], base["rank"]))
    cluster_of = dict(zip(clusters["unit"], clusters["cluster"]))
    t = load[load["ranked"]].head(top).copy()
    t["rank_base"] = t["unit"].map(rank_base).astype("Int64")
    t["rank_change"] = (t["rank_base"] - t["rank"]).astype("Int64")
    t["cluster"] = t["unit"].map(cluster_of).astype("Int64")
    t = t[TOP_COLUMNS].reset_index(drop=True)
    settings = {"weights": w.as_dict(), "expand_collectives": expand_collectives, "resolution": resolution,
                "seed": seed, "n_runs": n_runs, "projection": projection}
    return WhatIf(load=load, balance=balance, top=t, clusters=clusters, cluster_summary=summary, settings=settings)


def what_if_panel(doc, *, top: int = 10, n_runs: int = 20, seed: int = 0):
    """Controls (ipywidgets) that recompute :func:`what_if` and redraw its tables in place.

    Sliders for the three role weights, a checkbox for the collective policy and a slider for
    the clustering resolution; below them the Gini, the top units (with their rank under the
    default assumptions) and the clusters, redrawn on every change. Works wherever ipywidgets
    renders (JupyterLab, Jupyter Notebook, VS Code).

    Returns
    -------
    ipywidgets.VBox
        The panel; ``panel.result`` is the latest :class:`WhatIf` and ``panel.controls`` the
        controls by name (``lead``, ``support``, ``responsible``, ``expand_collectives``,
        ``resolution``).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> panel = what_if_panel(doc, n_runs=1)
    >>> panel.controls["support"].value = 0.25
    >>> panel.result.settings["weights"]["support"], float(panel.result.top["weighted_load"].iloc[1])
    (0.25, 0.25)
    """
    import ipywidgets as W
    from IPython import get_ipython
    from IPython.display import HTML, display


    d = RoleWeights()
    style = {"description_width": "7em"}
    controls = {
        "lead": W.FloatSlider(value=d.lead, min=0.0, max=2.0, step=0.05, description="牵头 lead", style=style),
        "support": W.FloatSlider(value=d.support, min=0.0, max=2.0, step=0.05, description="配合 support", style=style),
        "responsible": W.FloatSlider(value=d.responsible, min=0.0, max=2.0, step=0.05, description="责任 responsible",
                                     style=style),
        "expand_collectives": W.Checkbox(value=True, description="各街办(新区) 计入每个街办 (expand collectives)",
                                         indent=False),
        "resolution": W.FloatSlider(value=1.0, min=0.2, max=3.0, step=0.1, description="聚类分辨率 resolution",
                                    style=style),
    }
    out = W.Output()
    panel = W.VBox([W.HBox([controls["lead"], controls["support"], controls["responsible"]]),
                    W.HBox([controls["expand_collectives"], controls["resolution"]]), out])
    panel.controls = controls

    def redraw(_change=None):
        r = what_if(
            doc,
            weights={k: controls[k].value for k in ("lead", "support", "responsible")},
            expand_collectives=controls["expand_collectives"].value,
            resolution=controls["resolution"].value,
            seed=seed,
            top=top,
            n_runs=n_runs,
        )
        panel.result = r
        if get_ipython() is None:  # no front end to draw in (a script, a doctest)
            return
        mod = r.clusters.attrs.get("modularity", float("nan"))
        with out:
            out.clear_output(wait=True)
            display(HTML(f"<b>Gini</b> {r.gini:.3f} · <b>{len(r.cluster_summary)}</b> 个聚类 clusters · "
                         f"modularity {mod:.3f}"))
            display(r.top)
            display(r.cluster_summary[["cluster", "n_units", "units", "n_tasks"]])

    for c in controls.values():
        c.observe(redraw, names="value")
    redraw()
    return panel


# ``xialu_graph.what_if`` is both this module and the function (see batch.py): calls to the
# module go to the function.
class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return what_if(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
