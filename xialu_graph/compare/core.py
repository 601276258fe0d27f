"""One call from a corpus to every comparison table: :func:`compare_corpus` → :class:`Comparison`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .task_matching import DEFAULT_THRESHOLD
from ..errors import InputError
from ..graph import DEFAULT_COLLECTIVES, build_graph
from ..metrics import co_responsibility_clusters
from .changes import document_pairs, edition_changes, lead_changes, unit_changes, unit_loads
from .task_matching import TASK_MATCH_COLUMNS, match_tasks
from .unit_matching import apply_unit_matches, merge_confirmations, read_unit_matches, suggest_unit_matches, unit_lineage, unit_mapping
from ..text import load_stopwords

__all__ = ["Comparison", "compare_corpus"]


@dataclass
class Comparison:
    """Everything :func:`compare_corpus` computed.

    Attributes
    ----------
    corpus : Corpus
        The documents with confirmed unit matches applied.
    original : Corpus
        The documents as read.
    pairs : list of (label_a, label_b)
    unit_matches : DataFrame
        Suggestions (``MATCH_COLUMNS``) with the user's confirmations carried over.
    mapping : dict
        name → canonical name applied (confirmed ``same`` rows).
    lineage : dict
        Confirmed splits (:func:`unit_lineage`).
    graphs : dict
        label → bipartite graph of the matched documents.
    clusters : dict
        label → :func:`xialu_graph.metrics.co_responsibility_clusters` table.
    documents, unit_loads, unit_changes, task_matches, lead_changes, editions : DataFrame
        The tables (see :mod:`xialu_graph.compare.changes` and ``task_matching``).
    threshold : float
    seed : int
    collectives : str
        The collective policy every graph was built with (:func:`xialu_graph.build_graph`):
        loads, Gini and clusters of every edition count collectives the same way.
    """

    corpus: object
    original: object
    pairs: list
    unit_matches: object
    mapping: dict
    lineage: dict
    graphs: dict
    clusters: dict
    documents: object
    unit_loads: object
    unit_changes: object
    task_matches: object
    lead_changes: object
    editions: object
    threshold: float = DEFAULT_THRESHOLD
    seed: int = 0
    collectives: str = DEFAULT_COLLECTIVES
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        """One line (the tables are in the attributes)."""
        return (f"<Comparison of {len(self.labels)} documents ({', '.join(map(str, self.labels))}): "
                f"{len(self.unit_matches)} unit match suggestions, {len(self.task_matches)} task matches>")

    @property
    def labels(self) -> list:
        return self.corpus.labels

    def tables(self) -> dict:
        """name → DataFrame, in the order they are written by the CLI."""
        return {
            "documents": self.documents,
            "editions": self.editions,
            "unit_matches": self.unit_matches,
            "unit_loads": self.unit_loads,
            "unit_changes": self.unit_changes,
            "task_matches": self.task_matches,
            "lead_changes": self.lead_changes,
        }


def compare_corpus(
    corpus,
    *,
    matches=None,
    threshold: Optional[float] = None,
    pairs: str = "consecutive",
    seed: int = 0,
    weights=None,
    min_unit_score: float = 0.75,
    cluster_runs: int = 1,
    collectives: Optional[str] = None,
) -> Comparison:
    """Compare the documents of a corpus: units, tasks, loads, balance, clusters.

    Parameters
    ----------
    corpus : Corpus
        From :func:`xialu_graph.compare.read_corpus`, oldest first.
    matches : DataFrame, str or Path, optional
        Confirmed unit matches (a table like :func:`suggest_unit_matches` returns, or its CSV
        edited by the user); only rows with ``confirmed`` = yes are applied.
    threshold : float, optional
        Task similarity threshold (default :data:`DEFAULT_THRESHOLD`).
    pairs : {"consecutive", "first", "all"}
        Which documents are compared with which (:func:`document_pairs`).
    seed : int, default 0
        Seed of the co-responsibility clustering (Louvain).
    weights : RoleWeights, dict or path, optional
        Role weights for the graphs.
    min_unit_score : float, default 0.75
        Smallest string similarity for a unit suggestion.
    cluster_runs : int, default 1
        Louvain runs per document (stability is not needed for the comparison).
    collectives : {"expand", "keep", "drop", "share"}, optional
        Collective policy of every edition's graph (default ``"expand"``, as in the report;
        ``docs/methods.md``). One policy for all editions, so that a change in Gini or load is a
        change in the plans, not in the counting.

    Returns
    -------
    Comparison

    Raises
    ------
    xialu_graph.InputError
        Fewer than two documents, a threshold outside 0–1, a bad matches file.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.compare import Corpus, CorpusEntry
    >>> a = xg.read_document("一、甲\\n1、建设产业园。[牵头单位:区发改局]\\n")
    >>> b = xg.read_document("一、甲\\n1、加快建设产业园。[牵头单位:区发改局]\\n2、新任务。[牵头单位:区财政局]\\n")
    >>> cmp = compare_corpus(Corpus([CorpusEntry("A", a), CorpusEntry("B", b)]))
    >>> cmp.task_matches["status"].tolist(), cmp.unit_changes["status"].tolist()
    (['continued', 'new'], ['continued', 'appeared'])
    >>> cmp.collectives, compare_corpus(cmp.original, collectives="keep").collectives
    ('expand', 'keep')
    """
    import pandas as pd


    if len(corpus) < 2:
        raise InputError(f"compare needs at least two documents, got {len(corpus)}")
    thr = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    if not 0.0 <= thr <= 1.0:
        raise InputError(f"threshold must be between 0 and 1, got {threshold}")
    if matches is not None and not isinstance(matches, pd.DataFrame):
        matches = read_unit_matches(matches)
    suggested = suggest_unit_matches(corpus, min_score=min_unit_score)
    table = merge_confirmations(suggested, matches)
    mapping = unit_mapping(table)
    lineage = unit_lineage(table, mapping)
    matched = apply_unit_matches(corpus, table)
    labels = matched.labels
    prs = document_pairs(labels, pairs)
    graphs = {e.label: build_graph(e.document, weights=weights, collectives=collectives) for e in matched}
    mode = next(iter(graphs.values())).graph["collectives"]
    clusters = {lab: co_responsibility_clusters(G, seed=seed, n_runs=cluster_runs) for lab, G in graphs.items()}
    truncated = {e.label: e.truncated for e in matched}
    n_tasks = {e.label: len(e.document.tasks) for e in matched}
    loads = unit_loads(graphs)
    changes = unit_changes(loads, prs, lineage=lineage, truncated=truncated)

    stop = load_stopwords()
    cache: dict = {}
    tm = [
        match_tasks(matched[a].document, matched[b].document, threshold=thr, label_a=a, label_b=b, tokens=cache, stopwords=stop)
        for a, b in prs
    ]

    tmatches = pd.concat(tm, ignore_index=True) if tm else pd.DataFrame(columns=TASK_MATCH_COLUMNS)
    editions = edition_changes(prs, loads=loads, clusters=clusters, task_matches=tmatches, truncated=truncated, n_tasks=n_tasks,
                              collectives=mode)
    return Comparison(
        corpus=matched, original=corpus, pairs=prs, unit_matches=table, mapping=mapping, lineage=lineage,
        graphs=graphs, clusters=clusters, documents=corpus.documents_frame(), unit_loads=loads,
        unit_changes=changes, task_matches=tmatches, lead_changes=lead_changes(tmatches), editions=editions,
        threshold=thr, seed=seed, collectives=mode,
    )
