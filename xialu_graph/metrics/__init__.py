"""Workload, balance, centrality, clusters and accountability checks on the unit–task graph.

Every function takes the graph (or a table made from it) first, options keyword-only, and
returns a pandas DataFrame. Columns are documented in the docstring of the module that
defines the function:

* :mod:`.load` — :func:`unit_load` (``LOAD_COLUMNS``)
* :mod:`.balance` — :func:`workload_balance`, :func:`lorenz_curve`, :func:`gini`,
  :func:`herfindahl` (``BALANCE_COLUMNS``, ``LORENZ_COLUMNS``)
* :mod:`.centrality` — :func:`unit_centrality`, :func:`birank`, :func:`burt_constraint`,
  :func:`effective_size` (``CENTRALITY_COLUMNS``)
* :mod:`.clusters` — :func:`co_responsibility_clusters`, :func:`task_clusters`,
  :func:`cluster_summary`, :func:`barber_modularity`, :func:`adjusted_rand_index`,
  :func:`consensus_partition` (``CLUSTER_COLUMNS`` …)
* :mod:`.checks` — :func:`accountability_checks` (``CHECK_COLUMNS``)
* :mod:`.matrices` — :func:`unit_task_matrix`, :func:`unit_section_matrix`

Collectives (unit kind ``"collective"``) are reported separately (``ranked`` False) and left
out of rankings, balance and clusters unless ``include_collectives=True``.
"""

from .load import LOAD_COLUMNS, unit_load
from .balance import BALANCE_COLUMNS, LORENZ_COLUMNS, gini, herfindahl, lorenz_curve, workload_balance
from .centrality import CENTRALITY_COLUMNS, birank, burt_constraint, effective_size, unit_centrality

from .clusters import (
    CLUSTER_COLUMNS,
    CLUSTER_METHODS,
    SUMMARY_COLUMNS,
    TASK_CLUSTER_COLUMNS,
    adjusted_rand_index,
    barber_modularity,
    cluster_summary,
    co_responsibility_clusters,
    consensus_partition,
    task_clusters,
)
from .checks import CHECK_COLUMNS, CHECKS, accountability_checks
from .matrices import unit_section_matrix, unit_task_matrix

__all__ = [
    "unit_load",
    "workload_balance",
    "lorenz_curve",
    "gini",
    "herfindahl",
    "unit_centrality",
    "birank",
    "burt_constraint",
    "effective_size",
    "co_responsibility_clusters",
    "task_clusters",
    "cluster_summary",
    "barber_modularity",
    "adjusted_rand_index",
    "consensus_partition",
    "accountability_checks",
    "unit_task_matrix",
    "unit_section_matrix",
    "LOAD_COLUMNS",
    "BALANCE_COLUMNS",
    "LORENZ_COLUMNS",
    "CENTRALITY_COLUMNS",
    "CLUSTER_COLUMNS",
    "CLUSTER_METHODS",
    "TASK_CLUSTER_COLUMNS",
    "SUMMARY_COLUMNS",
    "CHECK_COLUMNS",
    "CHECKS",
]
