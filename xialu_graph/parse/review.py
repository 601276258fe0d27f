"""Know what the parser does not know: confidence, the review table, corrections with provenance.

Plain data in and out:

* :func:`score_document` gives each task a ``confidence`` (0–1) and ``reasons`` (codes of
  ``REVIEW_REASONS``), from what the parser recorded while reading (guessed role, rule applied,
  cell layout rebuilt, name joined across lines …), the parse warnings on the task's lines and
  the resolved units (unknown unit, no unit);
* :func:`review_frame` is the table of what a person should check (columns
  :data:`xialu_graph.model.REVIEW_COLUMNS`), written by ``xialu-graph parse --review`` as
  ``<name>_review.csv``;
* :func:`read_corrections` reads that table back after a person edited it, and
  :func:`apply_corrections` applies it: every task named in the file gets exactly the units and
  roles of its rows (edit a row to change a unit or role, delete a row to drop an assignment,
  add a row to add one); an assignment that was not read that way gets ``via="correction"``;
  ``doc.report.conventions["corrections"]`` says what changed;
* :func:`diagnose_unreadable` says in one line why a text gave no task, and lists what was
  found for the review file.

The confidence is the product of the factors of its reasons (``REVIEW_REASONS``): a task
read from an explicit label on one line has confidence 1.0.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable, Optional

from ..errors import InputError
from ..model import ROLES, REVIEW_COLUMNS, Assignment, Document
from .assignments import LABEL_RE, find_trailing_bracket
from .lines import match_heading, match_item, normalise

__all__ = [
    "REVIEW_REASONS",
    "ROLE_WORDS",
    "score_document",
    "review_frame",
    "review_rows",
    "read_corrections",
    "apply_corrections",
    "diagnose_unreadable",
]

REVIEW_REASONS = {
    # code: (confidence factor, what it means, in Chinese for the person who checks)
    "no_units": (0.3, "未识别出责任单位"),
    "guessed_role": (0.6, "单位未标明牵头或责任，角色为推测"),
    "unknown_unit": (0.6, "单位名称不在单位表中"),
    "unclosed_bracket": (0.7, "括号未闭合，读到条目末尾"),
    "prose_roles": (0.75, "从正文语句中读出单位"),
    "unit_from_heading": (0.8, "单位取自上级标题（如“X牵头的工作”或单位名标题）"),
    "heading_line": (0.9, "条目首行是分组标题，其单位或领导用于本条"),
    "guessed_unit_form": (0.85, "单位简称或前缀为推测"),
    "lead_by_position": (0.85, "按“排名第一为牵头单位”规则确定牵头单位"),
    "cell_layout_rebuilt": (0.85, "表格由逐格分行的文本重建"),
    "interleaved_columns": (0.6, "表格各列逐行交错（PDF 横向提取），已按列重排，请核对任务文字与单位"),
    "name_joined_across_lines": (0.85, "单位名称跨行拼接"),
    "inline_labels": (0.9, "标签写在任务句之后"),
    "text_joined": (0.95, "任务文字跨行拼接"),
    "corrected": (1.0, "已人工校正"),
}
"""Reason codes: (confidence factor, explanation in Chinese). The confidence is the product of the factors."""

ROLE_WORDS = {
    "lead": "lead", "support": "support", "responsible": "responsible",
    "牵头": "lead", "牵头单位": "lead", "配合": "support", "配合单位": "support",
    "责任": "responsible", "责任单位": "responsible",
}
"""What a person may write in the ``role`` column of a corrections file."""

_GUESS_WARNINGS = {"guess_bare_list": "guessed_role", "guess_unit_form": "guessed_unit_form",
                   "guess_prefix": "guessed_unit_form", "guess_unstated_marker": "guessed_role"}
_REQUIRED = ("task_id", "unit", "role")


def _confidence(reasons: list[str]) -> float:
    c = 1.0
    for r in reasons:
        c *= REVIEW_REASONS.get(r, (1.0, ""))[0]
    return round(c, 2)


def score_document(doc: Document) -> Document:
    """Set ``confidence`` and ``reasons`` on every task of a resolved document.

    Reasons the parser recorded while reading are kept; added here: ``unknown_unit`` (a unit in
    no table), ``no_units``, ``text_joined`` (task text over several lines, outside a table),
    ``lead_by_position`` (the document states that the first listed unit leads), and the
    ``guess_*`` warnings on the task's lines.

    Returns
    -------
    Document
        The same object, updated.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("1、抓项目。[区发改局、区财政局]\\n2、抓消费。[牵头单位:区商务局]\\n")
    >>> [(t.task_id, t.confidence, t.reasons) for t in score_document(doc).tasks]
    [('1', 0.6, ['guessed_role']), ('2', 1.0, [])]
    """
    rule_stated = doc.report.conventions.get("lead_rule") == "first_listed_leads"
    guesses: dict[int, set[str]] = {}
    for w in doc.report.warnings:
        if w.code in _GUESS_WARNINGS:
            guesses.setdefault(w.line, set()).add(_GUESS_WARNINGS[w.code])
    shared: dict[float, float] = {}
    for t in doc.tasks:
        if "corrected" in t.reasons:
            t.confidence = 1.0
            continue
        reasons = list(t.reasons)

        def add(code: str) -> None:
            if code not in reasons:
                reasons.append(code)

        for ln in range(t.line_start, t.line_end + 1):
            for code in sorted(guesses.get(ln, ())):
                add(code)
        if not t.assignments and not t.raw_assignments:
            add("no_units")
        if any(a.rule == "unknown" for a in t.assignments):
            add("unknown_unit")
        if rule_stated and any(a.role == "lead" for a in t.assignments):
            add("lead_by_position")
        if t.line_end > t.line_start and "cell_layout_rebuilt" not in reasons:
            add("text_joined")
        t.reasons = reasons
        c = _confidence(reasons)
        t.confidence = shared.setdefault(c, c)  # a handful of values: one float object each
    return doc


def review_rows(doc: Document, *, below: float = 0.9) -> list[dict]:
    """Rows of the review table (plain dicts, keys ``REVIEW_COLUMNS``) for tasks with confidence < ``below``.

    One row per assignment; a task without units gets one row with an empty unit and role.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = score_document(xg.read_document("1、抓项目。[区发改局、区财政局]\\n2、抓消费。[牵头单位:区商务局]\\n"))
    >>> [(r["task_id"], r["unit"], r["role"]) for r in review_rows(doc)]
    [('1', '区发改局', 'responsible'), ('1', '区财政局', 'responsible')]
    """
    source = Path(doc.metadata.source).name
    out = []
    for order, t in enumerate(doc.tasks, start=1):
        if t.confidence >= below:
            continue
        base = {
            "source": source, "order": order, "task_id": t.task_id, "task_text": t.text,
            "confidence": t.confidence, "reasons": "; ".join(t.reasons),
            "explain": "；".join(REVIEW_REASONS.get(r, (1.0, r))[1] for r in t.reasons),
        }
        if not t.assignments:
            out.append({**base, "unit": "", "unit_raw": "", "role": "", "line": t.line_start})
        for a in t.assignments:
            out.append({**base, "unit": a.unit, "unit_raw": a.unit_raw, "role": a.role, "line": a.line or t.line_start})
    return [{k: r[k] for k in REVIEW_COLUMNS} for r in out]


def review_frame(doc: Document, *, below: float = 0.9):
    """The review table as a DataFrame, columns ``REVIEW_COLUMNS`` (see :func:`review_rows`).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = score_document(xg.read_document("1、抓项目。[区发改局]\\n"))
    >>> review_frame(doc)[["task_id", "unit", "confidence", "reasons"]].values.tolist()
    [['1', '区发改局', 0.6, 'guessed_role']]
    """
    import pandas as pd

    return pd.DataFrame(review_rows(doc, below=below), columns=list(REVIEW_COLUMNS))


def read_corrections(source) -> list[dict]:
    """Read a corrections file (an edited review table) into rows with their line numbers.

    Parameters
    ----------
    source : path or pandas.DataFrame
        A CSV (UTF-8, with or without BOM) with at least the columns ``task_id``, ``unit`` and
        ``role``; ``source`` (the document's file name) restricts a row to one document.

    Returns
    -------
    list of dict
        ``{"file", "line", "source", "task_id", "unit", "role"}`` per row; ``role`` is one of
        ``lead``, ``support``, ``responsible`` (also accepted: 牵头, 配合, 责任), or '' with an empty
        unit (the task names no unit).

    Raises
    ------
    xialu_graph.InputError
        One line naming the file and line: missing file, missing column, empty task id, unknown
        role, a unit without a role.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = read_corrections(pd.DataFrame({"task_id": ["3"], "unit": ["区财政局"], "role": ["牵头"]}))
    >>> [(r["line"], r["task_id"], r["unit"], r["role"]) for r in rows]
    [(2, '3', '区财政局', 'lead')]
    >>> read_corrections(pd.DataFrame({"task_id": ["3"], "unit": ["区财政局"], "role": ["boss"]}))
    Traceback (most recent call last):
    ...
    xialu_graph.errors.InputError: <corrections>:2: role 'boss' is not one of lead, support, responsible
    """
    if isinstance(source, (str, Path)):
        name = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError("corrections file not found", source=name) from None
        except UnicodeDecodeError:
            raise InputError("corrections file is not UTF-8 text (save it as CSV UTF-8)", source=name) from None
        reader = csv.reader(io.StringIO(text))
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("corrections file is empty", source=name, line=1) from None
        records = [(reader.line_num, row) for row in reader]
    else:
        name = "<corrections>"
        frame = source.fillna("").astype(str)
        header = [str(c) for c in frame.columns]
        records = [(i + 2, list(row)) for i, row in enumerate(frame.itertuples(index=False, name=None))]
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(f"corrections file lacks the column(s) {', '.join(missing)}", source=name, line=1)
    col = {c: header.index(c) for c in (*_REQUIRED, "source") if c in header}
    out = []
    for line, row in records:
        if not any(str(x).strip() for x in row):
            continue

        def cell(c: str) -> str:
            i = col.get(c)
            return str(row[i]).strip() if i is not None and i < len(row) else ""

        task_id, unit, role_in = cell("task_id"), cell("unit"), cell("role")
        if not task_id:
            raise InputError("row has no task_id", source=name, line=line)
        role = ROLE_WORDS.get(role_in, None) if role_in else ""
        if role is None:
            raise InputError(f"role {role_in!r} is not one of {', '.join(ROLES)}", source=name, line=line)
        if unit and not role:
            raise InputError(f"unit {unit!r} has no role (lead, support or responsible)", source=name, line=line)
        out.append({"file": name, "line": line, "source": cell("source"), "task_id": task_id, "unit": unit, "role": role})
    return out


def apply_corrections(doc: Document, rows: list[dict], *,
                      resolve: Optional[Callable[[str], tuple[str, str]]] = None) -> Document:
    """Apply corrections rows (from :func:`read_corrections`) to a resolved document.

    Every task named by a row of this document (``source`` empty or equal to the document's
    file name) gets exactly the units of its rows, in their order. A row whose unit and role
    match an assignment as read keeps that assignment; any other row becomes an Assignment with
    ``via="correction"`` and ``rule="correction"``. Corrected tasks get the reason ``corrected``
    and confidence 1.0. ``doc.report.conventions["corrections"]`` lists what was added and
    removed.

    Parameters
    ----------
    doc : Document
    rows : list of dict
    resolve : callable, optional
        name → (canonical unit, unit kind); default: the name as written, kind ``other``.

    Raises
    ------
    xialu_graph.InputError
        A row names a task the document does not have (file and line).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("1、抓项目。[区发改局、区财政局]\\n")
    >>> rows = [{"file": "c.csv", "line": 2, "source": "", "task_id": "1", "unit": "区发改局", "role": "lead"}]
    >>> [(a.unit, a.role, a.via) for a in apply_corrections(doc, rows).tasks[0].assignments]
    [('区发改局', 'lead', 'correction')]
    >>> doc.report.conventions["corrections"]["removed"]
    [{'task_id': '1', 'unit': '区发改局', 'role': 'responsible'}, {'task_id': '1', 'unit': '区财政局', 'role': 'responsible'}]
    """
    source = Path(doc.metadata.source).name
    mine = [r for r in rows if not r["source"] or Path(r["source"]).name == source]
    if not mine:
        return doc
    by_id = {t.task_id: t for t in doc.tasks}
    wanted: dict[str, list[dict]] = {}
    for r in mine:
        if r["task_id"] not in by_id:
            raise InputError(f"no task {r['task_id']!r} in {source}", source=r["file"], line=r["line"])
        wanted.setdefault(r["task_id"], []).append(r)
    added, removed, kept = [], [], 0
    known = {row["unit"]: row["unit_kind"] for row in doc.unit_table}
    for tid, rs in wanted.items():
        t = by_id[tid]
        old = list(t.assignments)
        new: list[Assignment] = []
        for r in rs:
            if not r["unit"]:
                continue
            unit, kind = resolve(r["unit"]) if resolve else (r["unit"], known.get(r["unit"], "other"))
            if any(a.unit == unit for a in new):
                continue
            match = next((a for a in old if a.unit == unit and a.role == r["role"]), None)
            if match is not None:
                new.append(match)
                kept += 1
                continue
            new.append(Assignment(task_id=tid, unit=unit, unit_raw=r["unit"], role=r["role"], via="correction",
                                  unit_kind=kind, rule="correction", line=t.line_start))
            added.append({"task_id": tid, "unit": unit, "role": r["role"], "file": r["file"], "line": r["line"]})
            if unit not in known:
                known[unit] = kind
                doc.unit_table.append({"unit_raw": r["unit"], "unit": unit, "unit_kind": kind, "rule": "correction",
                                       "via": "correction", "note": "", "source": "corrections", "n_mentions": 1})
        removed.extend({"task_id": tid, "unit": a.unit, "role": a.role} for a in old if not any(a is b for b in new))
        t.assignments = new
        t.reasons = ["corrected"]
        t.confidence = 1.0
    doc.report.conventions["corrections"] = {
        "file": mine[0]["file"], "tasks": len(wanted), "kept": kept, "added": added, "removed": removed,
    }
    return doc


def diagnose_unreadable(text: str, *, source: str = "<string>", limit: int = 200) -> tuple[str, list[dict]]:
    """Why a text gave no task, in one line, and what was found (rows of the review table).

    Examples
    --------
    >>> msg, rows = diagnose_unreadable("工作安排\\n1、抓项目。\\n2、抓消费。\\n")
    >>> msg
    'no tasks found: no numbered item with a unit assignment among 3 line(s) (2 numbered, 0 ending in a bracket, 0 with a label such as 牵头单位:); see the review file (xialu-graph parse --review) for what was found'
    >>> [(r["line"], r["task_text"]) for r in rows]
    [(2, '1、抓项目。'), (3, '2、抓消费。')]
    """
    numbered = bracketed = labels = 0
    rows = []
    lines = text.rstrip("\n").split("\n")
    name = Path(source).name
    for i, raw in enumerate(lines, start=1):
        n = normalise(raw).strip()
        if not n:
            continue
        is_item = (match_item(n) or match_heading(n)) is not None
        is_label = LABEL_RE.search(n) is not None
        if is_item:
            numbered += 1
            bracketed += find_trailing_bracket(n[-5000:]) is not None
        labels += is_label
        if (is_item or is_label) and len(rows) < limit:
            rows.append({"source": name, "order": len(rows) + 1, "task_id": "", "task_text": raw.strip()[:200],
                         "unit": "", "unit_raw": "", "role": "", "confidence": 0.0, "reasons": "unreadable",
                         "explain": "未能读出任务", "line": i})
    msg = (f"no tasks found: no numbered item with a unit assignment among {len(lines)} line(s) "
           f"({numbered} numbered, {bracketed} ending in a bracket, {labels} with a label such as 牵头单位:); "
           f"see the review file (xialu-graph parse --review) for what was found")
    return msg, rows
