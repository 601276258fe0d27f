"""The package's one palette: cluster colours, unit-kind colours and the grey for "none".

Plain data (no matplotlib), so the figures (:mod:`xialu_graph.viz`), the interactive views and
the Gephi export (:mod:`xialu_graph.export`) colour a cluster the same way. Okabe–Ito first
(colour-blind safe), then Paul Tol's muted palette; beyond 16 clusters colours repeat.
"""

from __future__ import annotations

__all__ = ["OKABE_ITO", "CLUSTER_COLORS", "GREY", "KIND_COLORS", "cluster_color", "hex_rgb"]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
CLUSTER_COLORS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)
GREY = "#999999"
"""Nodes in no cluster, 'other' kinds, and anything without a colour of its own."""

KIND_COLORS = {
    "department": "#0072B2",
    "street_office": "#009E73",
    "vertical": "#E69F00",
    "enterprise": "#CC79A7",
    "task_force": "#D55E00",
    "collective": "#56B4E9",
    "other": GREY,
}


def cluster_color(cluster) -> str:
    """Colour of a cluster number as the metrics number them (1 = the largest cluster, as in
    群组1); grey for 0, -1 (no cluster) and None.

    Examples
    --------
    >>> cluster_color(1), cluster_color(-1), cluster_color(None), cluster_color(17)
    ('#0072B2', '#999999', '#999999', '#0072B2')
    """
    try:
        c = int(cluster)
    except (TypeError, ValueError):
        return GREY
    if c < 1:
        return GREY
    return CLUSTER_COLORS[(c - 1) % len(CLUSTER_COLORS)]


def hex_rgb(colour: str) -> dict:
    """``#RRGGBB`` → ``{"r": …, "g": …, "b": …}`` (GEXF ``viz:color``, no alpha: Gephi Lite ignores it).

    Examples
    --------
    >>> hex_rgb("#0072B2")
    {'r': 0, 'g': 114, 'b': 178}
    """
    h = colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}
