"""Compare editions of a district (or districts): a corpus, unit and task matching, changes.

Modules
-------
* :mod:`.corpus` — :func:`read_corpus` → :class:`Corpus` (labelled documents, parse reports;
  parallel for many files, a progress bar for large folders).
* :mod:`.unit_matching` — :func:`suggest_unit_matches` (abbreviation, 区 prefix,
  parenthesised function, string similarity; ``MATCH_COLUMNS``), :func:`read_unit_matches`,
  :func:`apply_unit_matches` (only rows the user confirmed).
* :mod:`.task_matching` — :func:`match_tasks` (jieba tokens + TF-IDF cosine;
  ``TASK_MATCH_COLUMNS``).
* :mod:`.changes` — :func:`unit_loads`, :func:`unit_changes`, :func:`edition_changes`
  (Gini, adjusted Rand index of clusters), :func:`lead_changes`.
* :mod:`.core` — :func:`compare_corpus` → :class:`Comparison` (every table at once).

Examples
--------
>>> from xialu_graph.compare import read_corpus, compare_corpus
>>> c = read_corpus(["data/raw/huangshigang_2021_excerpt.txt", "data/raw/huangshigang_2022_excerpt.txt"], progress=False)
>>> cmp = compare_corpus(c)
>>> ("区发改(商务)局", "区商务办") in set(zip(cmp.unit_matches.unit_a, cmp.unit_matches.unit_b))
True
>>> repr(cmp)[:36]
'<Comparison of 2 documents (黄石港区2021'

"""

from .corpus import DOCUMENT_COLUMNS, Corpus, CorpusEntry, default_label, read_corpus
from .unit_matching import (
    ABBREVIATIONS,
    MATCH_COLUMNS,
    apply_unit_matches,
    merge_confirmations,
    read_unit_matches,
    rename_units,
    shorten,
    suggest_unit_matches,
    unit_lineage,
    unit_mapping,
)
from .task_matching import DEFAULT_THRESHOLD, TASK_MATCH_COLUMNS, match_tasks, principal_units, similarity, task_tokens
from .changes import (
    EDITION_COLUMNS,
    LEAD_CHANGE_COLUMNS,
    UNIT_CHANGE_COLUMNS,
    UNIT_LOAD_COLUMNS,
    cluster_change,
    document_pairs,
    edition_changes,
    lead_changes,
    unit_changes,
    unit_loads,
)
from .core import Comparison, compare_corpus

__all__ = [
    "read_corpus", "Corpus", "CorpusEntry", "default_label", "DOCUMENT_COLUMNS",
    "suggest_unit_matches", "read_unit_matches", "merge_confirmations", "apply_unit_matches", "unit_mapping",
    "unit_lineage", "rename_units", "shorten", "ABBREVIATIONS", "MATCH_COLUMNS",
    "match_tasks", "similarity", "task_tokens", "principal_units", "DEFAULT_THRESHOLD", "TASK_MATCH_COLUMNS",
    "unit_loads", "unit_changes", "edition_changes", "lead_changes", "cluster_change", "document_pairs",
    "UNIT_LOAD_COLUMNS", "UNIT_CHANGE_COLUMNS", "EDITION_COLUMNS", "LEAD_CHANGE_COLUMNS",
    "compare_corpus", "Comparison", 
]
