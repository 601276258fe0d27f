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
* :mod:`.checks` — :func:`responsibility_checks` (``RESPONSIBILITY_COLUMNS``), :func:`unit_checks`
  (``UNIT_CHECK_COLUMNS``), Chinese labels ``CHECK_LABELS_ZH``
* :mod:`.policy` — :func:`collective_sensitivity` (``SENSITIVITY_COLUMNS``): figures under
  each collective policy of :func:`xialu_graph.build_graph`
* :mod:`.uncertainty` — :func:`bootstrap_balance`, :func:`bootstrap_ranks`,
  :func:`bootstrap_lorenz`: task-bootstrap intervals (``BOOTSTRAP_COLUMNS``, ``RANK_CI_COLUMNS``,
  ``LORENZ_BAND_COLUMNS``)
* :mod:`.backbone` — :func:`backbone`: unit pairs sharing more tasks than a bipartite null
  model allows (SDSM), with FDR control (``BACKBONE_COLUMNS``)
* :mod:`.bipartite_clusters` — :func:`bipartite_clusters` (Barber modularity on the two-mode
  graph), :func:`modularity_significance`, :func:`resampling_stability`
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
from .checks import (
    CHECK_LABELS_ZH,
    RESPONSIBILITY_CHECKS,
    RESPONSIBILITY_COLUMNS,
    UNIT_CHECK_COLUMNS,
    UNIT_CHECKS,
    responsibility_checks,
    unit_checks,
)
from .matrices import unit_section_matrix, unit_task_matrix
from .policy import SENSITIVITY_COLUMNS, collective_sensitivity
from .uncertainty import BOOTSTRAP_COLUMNS, LORENZ_BAND_COLUMNS, RANK_CI_COLUMNS, bootstrap_balance, bootstrap_lorenz, bootstrap_ranks
from .backbone import BACKBONE_COLUMNS, BACKBONE_METHODS, backbone
from .bipartite_clusters import (
    BIPARTITE_COLUMNS,
    STABILITY_CLUSTER_COLUMNS,
    STABILITY_UNIT_COLUMNS,
    bipartite_clusters,
    modularity_significance,
    resampling_stability,
)

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
    "unit_checks",
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
    "UNIT_CHECK_COLUMNS",
    "UNIT_CHECKS",
    "responsibility_checks",
    "RESPONSIBILITY_CHECKS",
    "RESPONSIBILITY_COLUMNS",
    "CHECK_LABELS_ZH",
    "collective_sensitivity",
    "bootstrap_balance",
    "bootstrap_ranks",
    "bootstrap_lorenz",
    "backbone",
    "bipartite_clusters",
    "modularity_significance",
    "resampling_stability",
    "SENSITIVITY_COLUMNS",
    "BOOTSTRAP_COLUMNS",
    "RANK_CI_COLUMNS",
    "LORENZ_BAND_COLUMNS",
    "BACKBONE_COLUMNS",
    "BACKBONE_METHODS",
    "BIPARTITE_COLUMNS",
    "STABILITY_UNIT_COLUMNS",
    "STABILITY_CLUSTER_COLUMNS",
]
