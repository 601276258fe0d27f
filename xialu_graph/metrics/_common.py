"""Helpers shared by the metrics modules (private)."""

from __future__ import annotations

COLLECTIVE = "collective"


def unit_side(G) -> list:
    """Unit node ids (bipartite=0) in insertion order."""
    return [n for n, d in G.nodes(data=True) if d.get("bipartite") == 0]


def task_side(G) -> list:
    """Task node ids (bipartite=1) in insertion order."""
    return [n for n, d in G.nodes(data=True) if d.get("bipartite") == 1]


def label(G, n) -> str:
    """Display name of a node: its ``label`` attribute, else the id without prefix."""
    lab = G.nodes[n].get("label")
    if lab is not None:
        return str(lab)
    s = str(n)
    return s[2:] if s[:2] in ("u:", "t:") else s


def unit_name(G, n) -> str:
    return label(G, n)


def task_id(G, n) -> str:
    tid = G.nodes[n].get("task_id")
    if tid is not None:
        return str(tid)
    s = str(n)
    return s[2:] if s.startswith("t:") else s


def kind(G, n) -> str:
    return G.nodes[n].get("kind", "other")


def is_collective(G, n) -> bool:
    return kind(G, n) == COLLECTIVE


def ranked_units(G, *, include_collectives: bool = False) -> list:
    """Unit nodes that take part in rankings."""
    return [u for u in unit_side(G) if include_collectives or not is_collective(G, u)]


def edge_weight(d: dict, weight) -> float:
    if weight is None:
        return 1.0
    return float(d.get(weight, 1.0))


def section_key(G, t) -> str:
    """Section of a task: its section number, else its title, else ''."""
    d = G.nodes[t]
    return str(d.get("section_no") or d.get("section") or "")


def task_sort_key(tid: str):
    """Natural sort key for task ids: '2' < '10' < '附件2-3'."""
    import re

    parts = re.split(r"(\d+)", str(tid))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)
