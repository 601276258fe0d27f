"""xialu-graph: read Chinese government key-work responsibility breakdowns (重点工作责任分解)
into unit–task graphs, and measure who carries the load.

Data flows one way: read → parse → units → graph → metrics → views/report.

Public API (heavy modules — matplotlib, pyvis, jieba — are imported lazily, only when a
function that needs them is first used, so ``import xialu_graph`` stays light)::

    doc = read_document("data/raw/xialu_2020.txt")
    G = build_graph(doc)
    load = unit_load(G)

Graph conventions are documented in :mod:`xialu_graph.graph`; table columns in
:mod:`xialu_graph.model`.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from .errors import InputError, XialuError  # noqa: F401  (public API)
from .lazy import lazy_attributes
from .model import (  # noqa: F401  (public API)
    Document,
    Metadata,
    Task,
    Assignment,
    Person,
    ParseReport,
    ParseWarning,
    TASK_COLUMNS,
    ASSIGNMENT_COLUMNS,
    UNIT_COLUMNS,
)

try:
    __version__ = _metadata.version("xialu-graph")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree never installed
    __version__ = "0+unknown"

# name -> module that defines it; resolved on first attribute access (PEP 562).
_LAZY = {
    "read_text": "read",
    "read_document": "pipeline",
    "parse_document": "parse",
    "UnitTables": "units",
    "load_unit_tables": "units",
    "resolve_document": "units",
    "review_frame": "parse",
    "RoleWeights": "graph",
    "load_weights": "graph",
    "Analysis": "analysis",
    "analyse": "analysis",
    "network_layout": "layout",
    "build_pack": "report",
    "build_graph": "graph",
    "project_units": "graph",
    "project_tasks": "graph",
    "unit_nodes": "graph",
    "task_nodes": "graph",
    "unit_load": "metrics",
    "workload_balance": "metrics",
    "lorenz_curve": "metrics",
    "gini": "metrics",
    "unit_centrality": "metrics",
    "co_responsibility_clusters": "metrics",
    "cluster_summary": "metrics",
    "task_clusters": "metrics",
    "unit_checks": "metrics",
    "responsibility_checks": "metrics",
    "collective_sensitivity": "metrics",
    "bootstrap_balance": "metrics",
    "bootstrap_ranks": "metrics",
    "bootstrap_lorenz": "metrics",
    "backbone": "metrics",
    "bipartite_clusters": "metrics",
    "modularity_significance": "metrics",
    "resampling_stability": "metrics",
    "cluster_keywords": "text",
    "unit_keywords": "text",
    "section_keywords": "text",
    "export_all": "export",
    "write_gexf": "export",
    "write_graphml": "export",
    "write_xlsx": "export",
    "write_csv": "export",
    "write_workbook": "export",
    "write_json": "export",
    "unit_task_matrix": "metrics",
    "unit_section_matrix": "metrics",
    "read_corpus": "compare",
    "compare_corpus": "compare",
    "batch": "batch_runs",
    "what_if": "scenarios",
    "what_if_panel": "scenarios",
}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())
