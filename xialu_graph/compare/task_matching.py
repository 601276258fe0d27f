"""Matching tasks across documents by text similarity (jieba tokens, TF-IDF cosine).

Each task text is cut into content tokens by :func:`xialu_graph.text.tokenize` (jieba with
the project's user dictionary and stop list; numbers, single characters and filler dropped),
plus character bigrams of the text (robust to jieba cutting a reworded phrase differently).
Texts are TF-IDF vectors (sublinear term frequency, smoothed idf ``ln((1+N)/(1+df)) + 1``
over the tasks of both documents, unit length); the score of a pair is their cosine.

Tasks are matched one to one, greedily by score, within and across sections: a pair in the
same section (same number and attachment, or same title) gets ``section_bonus`` added for
ranking only, so a task is matched in its own section when the texts are as close, and
across sections otherwise. A pair is a match when its score reaches ``threshold``.

Columns of :func:`match_tasks` (``TASK_MATCH_COLUMNS``)
------------------------------------------------------
label_a, label_b
    the two documents (older first)
task_id_a, task_id_b
    the tasks ('' on the side that has none)
status
    ``continued`` (matched), ``dropped`` (in a only), ``new`` (in b only)
score
    cosine similarity of the matched pair (NaN for dropped / new)
scope
    ``within_section`` or ``across_sections`` for a match, '' otherwise
best_task, best_score
    for an unmatched task, the closest task of the other document and its score (to tune the
    threshold); for a match, the matched task and its score
section_a, section_b, text_a, text_b
    section titles and task texts
lead_a, lead_b
    the task's principal units, sorted, '、'-joined: its lead units, or its responsible units
    when it names no lead
lead_changed
    continued tasks whose principal units differ (after unit matching); False otherwise
caveat
    ``other document is an excerpt`` when a dropped (new) task's counterpart might lie in the
    part of the other document that was cut off
"""

from __future__ import annotations

import math
import re
from typing import Optional

import numpy as np
from ..text import load_stopwords, tokenize

__all__ = ["TASK_MATCH_COLUMNS", "DEFAULT_THRESHOLD", "task_tokens", "tfidf_matrix", "similarity", "match_tasks", "principal_units"]

DEFAULT_THRESHOLD = 0.3
"""Default similarity threshold for a match (chosen on the 黄石港区 editions and hand-made rewordings)."""

TASK_MATCH_COLUMNS = [
    "label_a", "label_b", "task_id_a", "task_id_b", "status", "score", "scope", "best_task", "best_score",
    "section_a", "section_b", "text_a", "text_b", "lead_a", "lead_b", "lead_changed", "caveat",
]

_HAN = re.compile(r"[\u4e00-\u9fff]+")


def task_tokens(text: str, *, stopwords=None, bigrams: bool = True) -> list[str]:
    """Features of a task text: jieba content tokens plus (with ``bigrams``) character bigrams
    of its Chinese runs, prefixed ``#``.

    Examples
    --------
    >>> task_tokens("建设产业园", bigrams=False)
    ['产业园']
    >>> task_tokens("产业园")
    ['产业园', '#产业', '#业园']
    """

    stop = stopwords if stopwords is not None else load_stopwords()
    toks = tokenize(text, stopwords=stop)
    if bigrams:
        for run in _HAN.findall(text):
            toks.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
    return toks


def tfidf_matrix(token_lists: list) -> np.ndarray:
    """Rows of unit-length TF-IDF vectors (sublinear tf, smoothed idf); a row of zeros for a
    text without tokens.

    Examples
    --------
    >>> m = tfidf_matrix([["a", "b"], ["a", "b"], ["c"]])
    >>> round(float(m[0] @ m[1]), 6), float(m[0] @ m[2])
    (1.0, 0.0)
    """
    vocab: dict = {}
    for toks in token_lists:
        for t in toks:
            vocab.setdefault(t, len(vocab))
    n = len(token_lists)
    m = np.zeros((n, len(vocab)))
    for i, toks in enumerate(token_lists):
        for t in toks:
            m[i, vocab[t]] += 1.0
    nz = m > 0
    m[nz] = 1.0 + np.log(m[nz])
    df = nz.sum(axis=0)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def similarity(texts_a: list, texts_b: list, *, stopwords=None, bigrams: bool = True, tokens=None) -> np.ndarray:
    """Cosine similarity matrix (len(texts_a) × len(texts_b)) of TF-IDF vectors fitted on both.

    ``tokens`` may give precomputed token lists (a dict text → tokens) to avoid re-cutting.

    Examples
    --------
    >>> s = similarity(["建设临空产业园"], ["加快建设临空产业园", "发放养老金"])
    >>> bool(s[0, 0] > 0.5 > s[0, 1])
    True
    """

    stop = stopwords if stopwords is not None else load_stopwords()
    cache = tokens if tokens is not None else {}
    toks = []
    for t in list(texts_a) + list(texts_b):
        tk = cache.get(t)
        if tk is None:
            tk = cache[t] = task_tokens(t, stopwords=stop, bigrams=bigrams)
        toks.append(tk)
    m = tfidf_matrix(toks)
    na = len(texts_a)
    return m[:na] @ m[na:].T


def principal_units(task) -> list:
    """Lead units of a task, or its responsible units when it names no lead; sorted."""
    lead = sorted({a.unit for a in task.assignments if a.role == "lead"})
    if lead:
        return lead
    return sorted({a.unit for a in task.assignments if a.role == "responsible"})


def _same_section(ta, tb) -> bool:
    if ta.attachment == tb.attachment and ta.section_no and ta.section_no == tb.section_no:
        return True
    return bool(ta.section) and ta.section == tb.section


def match_tasks(
    doc_a,
    doc_b,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    section_bonus: float = 0.05,
    label_a: str = "A",
    label_b: str = "B",
    truncated_a: Optional[bool] = None,
    truncated_b: Optional[bool] = None,
    tokens: Optional[dict] = None,
    stopwords=None,
):
    """Match the tasks of two documents: continued, new and dropped tasks.

    Parameters
    ----------
    doc_a, doc_b : Document
        The older and the newer document (unit names already matched, see
        :func:`xialu_graph.compare.apply_unit_matches`).
    threshold : float, default :data:`DEFAULT_THRESHOLD`
        Smallest cosine similarity for a match (0–1).
    section_bonus : float, default 0.05
        Added to the score of a pair in the same section when ranking candidate pairs.
    label_a, label_b : str
        Document labels written in the table.
    truncated_a, truncated_b : bool, optional
        Whether each document is an excerpt (default: from its parse report).
    tokens : dict, optional
        Cache text → tokens shared between calls.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TASK_MATCH_COLUMNS` (module docstring): continued tasks in the order of
        ``doc_a``, then dropped, then new.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> a = xg.read_document("一、甲\\n1、加快建设临空产业园。[牵头单位:区发改局]\\n2、发放养老金。[牵头单位:区人社局]\\n")
    >>> b = xg.read_document("一、甲\\n1、全力建设临空产业园区。[牵头单位:区商务办]\\n")
    >>> m = match_tasks(a, b)
    >>> m[["task_id_a", "task_id_b", "status", "lead_changed"]].values.tolist()
    [['1', '1', 'continued', True], ['2', '', 'dropped', False]]
    """
    import pandas as pd

    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold!r}")
    ta, tb = doc_a.tasks, doc_b.tasks
    tr_a = bool(doc_a.report.truncated) if truncated_a is None else truncated_a
    tr_b = bool(doc_b.report.truncated) if truncated_b is None else truncated_b
    S = similarity([t.text for t in ta], [t.text for t in tb], tokens=tokens, stopwords=stopwords) if ta and tb else np.zeros((len(ta), len(tb)))
    same = np.array([[_same_section(x, y) for y in tb] for x in ta], dtype=bool).reshape(len(ta), len(tb))
    rank = S + section_bonus * same
    cand = np.argwhere(S >= threshold)
    order = sorted(((-rank[i, j], int(i), int(j)) for i, j in cand))
    used_a, used_b = set(), set()
    pairs = {}
    for _, i, j in order:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs[i] = j

    def best(row_or_col, ids):
        if row_or_col.size == 0:
            return "", math.nan
        k = int(np.argmax(row_or_col))
        return ids[k], float(round(row_or_col[k], 6))

    ids_a = [t.task_id for t in ta]
    ids_b = [t.task_id for t in tb]
    rows = []
    for i in sorted(pairs):
        j = pairs[i]
        la, lb = principal_units(ta[i]), principal_units(tb[j])
        rows.append(dict(label_a=label_a, label_b=label_b, task_id_a=ids_a[i], task_id_b=ids_b[j], status="continued",
                         score=float(round(S[i, j], 6)), scope="within_section" if same[i, j] else "across_sections",
                         best_task=ids_b[j], best_score=float(round(S[i, j], 6)),
                         section_a=ta[i].section, section_b=tb[j].section, text_a=ta[i].text, text_b=tb[j].text,
                         lead_a="、".join(la), lead_b="、".join(lb), lead_changed=la != lb, caveat=""))
    for i in range(len(ta)):
        if i in pairs:
            continue
        bt, bs = best(S[i, :], ids_b)
        rows.append(dict(label_a=label_a, label_b=label_b, task_id_a=ids_a[i], task_id_b="", status="dropped",
                         score=math.nan, scope="", best_task=bt, best_score=bs, section_a=ta[i].section, section_b="",
                         text_a=ta[i].text, text_b="", lead_a="、".join(principal_units(ta[i])), lead_b="",
                         lead_changed=False, caveat="other document is an excerpt" if tr_b else ""))
    matched_b = set(pairs.values())
    for j in range(len(tb)):
        if j in matched_b:
            continue
        bt, bs = best(S[:, j], ids_a)
        rows.append(dict(label_a=label_a, label_b=label_b, task_id_a="", task_id_b=ids_b[j], status="new",
                         score=math.nan, scope="", best_task=bt, best_score=bs, section_a="", section_b=tb[j].section,
                         text_a="", text_b=tb[j].text, lead_a="", lead_b="、".join(principal_units(tb[j])),
                         lead_changed=False, caveat="other document is an excerpt" if tr_a else ""))
    df = pd.DataFrame(rows, columns=TASK_MATCH_COLUMNS)
    return df.astype({"score": "float64", "best_score": "float64", "lead_changed": "bool"})
