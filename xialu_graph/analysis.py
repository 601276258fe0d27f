"""One document → every table of the analysis: the one orchestrator of the metrics.

:func:`analyse` builds the unit–task graph and its co-responsibility projection, then computes
load, balance, centrality, clusters, checks, task clusters and cluster keywords with the package's
functions; :func:`metric_tables` computes whichever of those tables a caller does not already
have (the exports use it). Nothing here draws or writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from . import metrics as M
from . import text
from .graph import build_graph, project_units

__all__ = ["Analysis", "analyse", "metric_tables"]


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
    load, balance, centrality, clusters, summary, checks, keywords, task_clusters : DataFrame
        The tables of :mod:`xialu_graph.metrics` and :mod:`xialu_graph.text`.
    seed : int
    weights : dict
        The role weights used.

    Examples
    --------
    >>> a = analyse(__import__("xialu_graph").read_document("1、抓项目。[牵头单位:区发改局]\\n"))
    >>> list(a.load["unit"]), a.weights["lead"]
    (['区发改局'], 1.0)
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

    @property
    def top_units(self) -> list:
        """Ranked units (collectives left out), heaviest first."""
        ranked = self.load[self.load["ranked"].astype(bool)]
        return ranked["unit"].tolist()


def metric_tables(G, *, seed: int = 0, load=None, balance=None, centrality=None, clusters=None,
                  checks=None) -> dict:
    """The metric tables of a graph, computing only those not given.

    Returns
    -------
    dict
        ``load``, ``balance``, ``centrality``, ``clusters``, ``checks`` → DataFrame.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> sorted(metric_tables(G))
    ['balance', 'centrality', 'checks', 'clusters', 'load']
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
        checks = M.accountability_checks(G)
    return dict(load=load, balance=balance, centrality=centrality, clusters=clusters, checks=checks)


def analyse(doc, *, weights=None, seed: int = 0, say: Optional[Callable] = None) -> Analysis:
    """Graph, projection, load, balance, centrality, clusters, checks and keywords of a document.

    Parameters
    ----------
    doc : Document
    weights : RoleWeights or mapping, optional
        Role weights (default lead 1.0, support 0.5, responsible 1.0).
    seed : int, default 0
        Seed of community detection (and so of everything that depends on the clusters).
    say : callable, optional
        Receives one progress line per step.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> a = analyse(xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> a.top_units
    ['区发改局', '区财政局']
    """
    say = say or _quiet
    say("building the unit–task graph")
    G = build_graph(doc, weights=weights)
    P = project_units(G, method="product")
    say("computing load, balance, centrality and clusters")
    t = metric_tables(G, seed=seed)
    summary = M.cluster_summary(G, t["clusters"])
    tclusters = M.task_clusters(G, t["clusters"])
    say("extracting cluster keywords")
    keywords = text.cluster_keywords(G, t["clusters"])
    return Analysis(
        doc=doc, G=G, P=P, summary=summary, keywords=keywords, task_clusters=tclusters, seed=seed,
        weights=dict(G.graph.get("weights", {})), **t,
    )
