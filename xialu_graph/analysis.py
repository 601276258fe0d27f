"""One document → every table of the analysis: the one orchestrator of the metrics.

:func:`analyse` builds the unit–task graph and its co-responsibility projection, then computes
load, balance, centrality, clusters, checks, task clusters and cluster keywords with the package's
functions, and the statistics that say what each headline assumes and how sure it is: the
collective policy and its sensitivity table, task-bootstrap intervals of the balance measures,
the co-responsibility pairs that beat a bipartite null model, and the responsibility checks
(``docs/methods.md``). :func:`metric_tables` computes whichever of the metric tables a caller
does not already have (the exports use it). Nothing here draws or writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import pandas as pd

from . import metrics as M
from . import text
from .graph import DEFAULT_COLLECTIVES, build_graph, project_units

__all__ = ["Analysis", "analyse", "metric_tables", "sensitivity_table", "cluster_stability", "N_BOOT", "ALPHA",
           "SENSITIVITY_CI_COLUMNS", "N_BOOT_CLUSTERS"]

N_BOOT = 500
"""Bootstrap replicates of the briefing (seeded): enough for two-decimal 95 % intervals, fast."""
ALPHA = 0.05
"""False discovery rate of the co-responsibility backbone (Benjamini–Hochberg)."""
N_BOOT_CLUSTERS = 50
"""Task-bootstrap replicates of the cluster stability (each reclusters the plan: slower)."""


def _quiet(msg: str) -> None:  # default progress sink
    pass


@dataclass
class Analysis:
    """Everything a briefing pack is made of (all computed by package functions).

    Attributes
    ----------
    doc : Document
    G : networkx.Graph
        Bipartite unit–task graph (:func:`xialu_graph.graph.build_graph`).
    P : networkx.Graph
        Unit co-responsibility projection (``method="product"``).
    load, balance, centrality, clusters, summary, keywords, task_clusters : DataFrame
        The tables of :mod:`xialu_graph.metrics` and :mod:`xialu_graph.text`.
    checks : DataFrame
        :func:`xialu_graph.metrics.responsibility_checks` (Chinese labels, task text, units in
        document order).
    unit_checks : DataFrame
        :func:`xialu_graph.metrics.unit_checks` (units that support and never lead).
    seed : int
    weights : dict
        The role weights used.
    collectives : str
        The collective policy of ``G`` (``G.graph["collectives"]``, one of
        :data:`xialu_graph.graph.COLLECTIVE_MODES`).
    sensitivity : DataFrame
        :func:`sensitivity_table`: Gini (with its interval), top-5 share and top units under
        every collective policy.
    balance_ci : DataFrame
        :func:`xialu_graph.metrics.bootstrap_balance` of the weighted load (``n_boot``
        replicates, seeded with ``seed``; collectives left out as in ``balance``, whatever
        the policy).
    backbone : DataFrame
        :func:`xialu_graph.metrics.backbone` pair table (SDSM, FDR ``alpha``); its ``attrs``
        hold ``n_pairs_tested``, ``n_significant`` and ``alpha``.
    cluster_names : dict
        cluster number → name from its keywords (:func:`xialu_graph.text.cluster_names`,
        e.g. ``项目·企业·融合``); ``summary`` carries it as column ``name``, written the same in
        every table, figure and view (:func:`xialu_graph.text.cluster_title`).
    lorenz_band : DataFrame
        :func:`xialu_graph.metrics.bootstrap_lorenz` of the weighted load (same replicates as
        ``balance_ci``): the band drawn around the Lorenz curve.
    cluster_stability : DataFrame
        :func:`xialu_graph.metrics.resampling_stability` of ``clusters`` (tasks resampled,
        each replicate reclustered as the projection clusters); per cluster in
        ``attrs["clusters"]``, ARI in ``attrs["ari_mean"]`` …

    Examples
    --------
    >>> a = analyse(__import__("xialu_graph").read_document("1、抓项目。[牵头单位:区发改局]\\n"))
    >>> list(a.load["unit"]), a.weights["lead"], a.collectives
    (['区发改局'], 1.0, 'expand')
    """

    doc: object
    G: object
    P: object
    load: object
    balance: object
    centrality: object
    clusters: object
    summary: object
    checks: object
    keywords: object
    task_clusters: object
    seed: int = 0
    weights: dict = field(default_factory=dict)
    collectives: str = DEFAULT_COLLECTIVES
    sensitivity: object = None
    balance_ci: object = None
    backbone: object = None
    unit_checks: object = None
    cluster_stability: object = None
    lorenz_band: object = None
    cluster_names: dict = field(default_factory=dict)

    @property
    def top_units(self) -> list:
        """Ranked units (collectives left out), heaviest first."""
        ranked = self.load[self.load["ranked"].astype(bool)]
        return ranked["unit"].tolist()


def metric_tables(G, *, seed: int = 0, load=None, balance=None, centrality=None, clusters=None,
                  checks=None, unit_checks=None) -> dict:
    """The metric tables of a graph, computing only those not given.

    Returns
    -------
    dict
        ``load``, ``balance``, ``centrality``, ``clusters``, ``checks`` (responsibility checks),
        ``unit_checks`` → DataFrame.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> sorted(metric_tables(G))
    ['balance', 'centrality', 'checks', 'clusters', 'load', 'unit_checks']
    """
    if load is None:
        load = M.unit_load(G)
    if balance is None:
        balance = M.workload_balance(load)
    if centrality is None:
        centrality = M.unit_centrality(G, seed=seed)
    if clusters is None:
        clusters = M.co_responsibility_clusters(G, seed=seed)
    if checks is None:
        checks = M.responsibility_checks(G)
    if unit_checks is None:
        unit_checks = M.unit_checks(G)
    return dict(load=load, balance=balance, centrality=centrality, clusters=clusters, checks=checks,
                unit_checks=unit_checks)


SENSITIVITY_CI_COLUMNS = ["gini_ci_low", "gini_ci_high", "top5_ci_low", "top5_ci_high"]


def sensitivity_table(doc, *, weights=None, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """:func:`xialu_graph.metrics.collective_sensitivity` with task-bootstrap intervals.

    One row per collective policy; the columns of ``SENSITIVITY_COLUMNS`` followed by
    ``gini_ci_low``, ``gini_ci_high``, ``top5_ci_low``, ``top5_ci_high``: percentile intervals
    of :func:`xialu_graph.metrics.bootstrap_balance` on that policy's graph (collectives counted
    as units under ``keep``, as in the sensitivity table). ``df.attrs``: ``n_boot``, ``seed``,
    ``level``.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document(
    ...     "一、甲\\n1、乙。[牵头单位:区发改局;责任单位:各街办(新区)]\\n2、丙。[牵头单位:区财政局]\\n",
    ...     place="下陆区")
    >>> s = sensitivity_table(doc, n_boot=50)
    >>> s["collectives"].tolist(), s.loc[1, "top_units"]
    (['expand', 'keep', 'drop', 'share'], '区发改局、区财政局、各街办(新区)')
    >>> bool((s["gini_ci_low"] <= s["gini_ci_high"]).all())
    True
    """
    sens = M.collective_sensitivity(doc, weights=weights)
    ci = []
    for mode, ranked in zip(sens["collectives"], sens["collectives_ranked"]):
        G = build_graph(doc, weights=weights, collectives=mode)
        b = M.bootstrap_balance(G, n_boot=n_boot, seed=seed, level=level, top=(5,),
                                include_collectives=bool(ranked)).set_index("measure")
        ci.append([b.loc["gini", "ci_low"], b.loc["gini", "ci_high"],
                   b.loc["top5_share", "ci_low"], b.loc["top5_share", "ci_high"]])
    out = pd.concat([sens, pd.DataFrame(ci, columns=SENSITIVITY_CI_COLUMNS)], axis=1)
    out.attrs.update(n_boot=n_boot, seed=seed, level=level)
    return out


def cluster_stability(G, clusters, *, seed: int = 0) -> pd.DataFrame:
    """:func:`xialu_graph.metrics.resampling_stability` of the projection clusters as the
    briefing reports it (:data:`N_BOOT_CLUSTERS` task-bootstrap replicates, each reclustered as
    the projection clusters, seeded with ``seed``): :attr:`Analysis.cluster_stability`."""
    return M.resampling_stability(G, clusters, n_boot=N_BOOT_CLUSTERS, seed=seed, method="projection")


def analyse(doc, *, collectives: Optional[str] = None, weights=None, seed: int = 0, n_boot: int = N_BOOT,
            alpha: float = ALPHA, say: Optional[Callable] = None, stability: bool = True,
            centrality=None, tokens=None) -> Analysis:
    """Graph, projection, load, balance, centrality, clusters, checks and keywords of a document,
    with the collective policy, its sensitivity, bootstrap intervals, backbone and checks.

    Parameters
    ----------
    doc : Document
    collectives : {"expand", "keep", "drop", "share"}, optional
        Collective policy of :func:`xialu_graph.build_graph` (default ``"expand"``).
    weights : RoleWeights or mapping, optional
        Role weights (default lead 1.0, support 0.5, responsible 1.0).
    seed : int, default 0
        Seed of community detection and of the bootstrap (and so of everything that depends
        on them).
    n_boot : int, default N_BOOT (500)
        Task-bootstrap replicates of the intervals.
    alpha : float, default ALPHA (0.05)
        False discovery rate of the backbone.
    say : callable, optional
        Receives one progress line per step.
    stability : bool, default True
        Compute ``cluster_stability`` (:func:`cluster_stability`, the slowest step). False
        leaves it None, for a caller that computes it later with that function — the report
        pack does, in a worker process beside the figures, which do not need it.
    centrality : DataFrame or callable, optional
        The centrality table computed elsewhere (:func:`xialu_graph.metrics.unit_centrality`
        of this document's graph, same ``seed``), or a function that returns it, called once
        everything else is computed: the report pack computes it in a worker process
        meanwhile (it is the step that imports igraph). Default: computed here.
    tokens : dict or callable, optional
        The task tokens computed elsewhere (:func:`xialu_graph.text.task_tokens` of this
        document's graph), or a function that returns them, called when the cluster keywords are
        extracted: the report pack computes them in a worker process meanwhile (the step that
        imports jieba and reads its dictionary). Default: computed here.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> a = analyse(xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> a.top_units, a.collectives
    (['区发改局', '区财政局'], 'expand')
    >>> a.checks.empty, a.backbone.attrs["n_significant"], list(a.balance_ci["measure"])[:2]
    (True, 0, ['gini', 'gini_corrected'])
    >>> a.cluster_names, a.summary.loc[0, "name"]
    ({1: '项目'}, '项目')
    """
    say = say or _quiet
    say("building the unit–task graph")
    G = build_graph(doc, weights=weights, collectives=collectives)
    mode = G.graph["collectives"]
    P = project_units(G, method="product")
    say("computing load, balance, centrality and clusters")
    t = metric_tables(G, seed=seed, centrality=centrality)
    summary = M.cluster_summary(G, t["clusters"])
    tclusters = M.task_clusters(G, t["clusters"])
    say("extracting cluster keywords")
    keywords = text.cluster_keywords(G, t["clusters"], tokens=tokens() if callable(tokens) else tokens)
    names = text.cluster_names(keywords)
    summary.insert(1, "name", [names.get(int(c), "") for c in summary["cluster"]])
    say(f"bootstrap intervals ({n_boot} replicates) and the collective policies")
    # collectives left out, as in load and balance, so the interval belongs to the headline figure
    balance_ci = M.bootstrap_balance(G, n_boot=n_boot, seed=seed)
    lorenz_band = M.bootstrap_lorenz(G, n_boot=n_boot, seed=seed)
    sensitivity = sensitivity_table(doc, weights=weights, n_boot=n_boot, seed=seed)
    say("co-responsibility backbone and responsibility checks")
    bb, _ = M.backbone(G, alpha=alpha)
    if callable(t["centrality"]):  # computed meanwhile elsewhere: needed only now
        t["centrality"] = t["centrality"]()
    stab = None
    if stability:
        say(f"cluster stability under task resampling ({N_BOOT_CLUSTERS} replicates)")
        stab = cluster_stability(G, t["clusters"], seed=seed)
    return Analysis(
        doc=doc, G=G, P=P, summary=summary, keywords=keywords, task_clusters=tclusters, seed=seed,
        weights=dict(G.graph.get("weights", {})), collectives=mode, sensitivity=sensitivity,
        balance_ci=balance_ci, lorenz_band=lorenz_band, cluster_names=names, backbone=bb, cluster_stability=stab, **t,
    )
