"""Text → Document: the parser's passes, one after the other.

layout (:mod:`.layout`) → numbering (:mod:`.numbering`) → items (:mod:`.items`) →
assignments (:mod:`.tasks`) → group sentences (:mod:`.groups`) → marked units (:mod:`.markers`) → ids (:mod:`.ids`) → metadata (:mod:`.meta`).
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..errors import InputError
from ..model import Document, LineKinds, Lines, ParseReport
from . import fast as fast_path
from .assignments import first_listed_rule_line, states_first_listed_rule
from .fast import read_fast
from .groups import apply_group_sentences
from .ids import number_tasks
from .items import find_items
from .layout import prepare
from .markers import apply_marker_rule
from .meta import build_metadata
from .numbering import scan_numbering
from .tasks import build_tasks

__all__ = ["parse_document", "drain"]


def parse_document(text: str, *, source: str = "<string>", strict: bool = False,
                   first_listed_leads: Optional[bool] = None, fast: Optional[bool] = None) -> Document:
    """Parse the text of a responsibility breakdown into a Document (units not yet resolved).

    Parameters
    ----------
    text : str
        Decoded text, one paragraph per line.
    source : str
        Name used in warnings and errors.
    strict : bool
        Raise InputError on the first warning instead of recording it.
    first_listed_leads : bool, optional
        Force or forbid the 列第一位者为牵头单位 rule; by default detected from the text.
    fast : bool, optional
        Try the fast path for the common document shape first (:mod:`.fast`; same output);
        by default ``fast.ENABLED``. False: the general parser only.

    Returns
    -------
    Document
        Tasks carry ``raw_assignments``; :func:`xialu_graph.units.resolve_document` fills
        ``assignments``.

    Raises
    ------
    InputError
        No task found, or (strict) any warning.

    Examples
    --------
    >>> doc = parse_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局]\\n")
    >>> doc.tasks[0].raw_assignments[0].unit_raw
    '区发改局'
    """
    quick = read_fast(text, first_listed_leads=first_listed_leads) if (fast_path.ENABLED if fast is None else fast) else None
    if quick is not None:
        items, built, lines, report = quick  # lines: Lines of the text parsed (no copy of it)
    else:
        layout = prepare(text)
        report = ParseReport(conventions=dict(layout.conventions))
        if first_listed_leads is None:
            first_listed_leads = states_first_listed_rule(layout.text)
        report.conventions["lead_rule"] = "first_listed_leads" if first_listed_leads else "labels"
        rule_line = first_listed_rule_line(layout.norms) if first_listed_leads else 0
        scan = scan_numbering(layout.norms)
        report.conventions["numbering"] = scan.task_style
        items = find_items(layout, scan, first_listed_leads=first_listed_leads)
        report.conventions.update(items.conventions)
        lines = Lines(layout.lines)
        # the numbering scan and the normalised text are not needed past the items pass, and each
        # span is let go once its task is built: memory stays proportional to the file
        del scan, layout
        built = build_tasks(drain(items.entries), first_listed_leads=first_listed_leads, rule_line=rule_line)
    _record(report, built.warnings, strict, source)
    grouped = apply_group_sentences(built.tasks, lines)  # 以上工作由X牵头,Y配合 under a group of items
    if grouped:
        report.conventions["group_sentences"] = len(grouped)
    unmarked = apply_marker_rule(built.tasks, text)  # a starred lead where no sentence says what * means
    if unmarked:
        report.conventions["marker_rule"] = "not stated: starred units keep their list's role"
        _record(report, unmarked, strict, source)
    if built.truncated:
        report.truncated = built.truncated
        for ln in built.truncated_lines:
            items.kinds[ln - 1] = "truncated"
    if not built.tasks:
        cut = [w for w in report.warnings if w.code == "truncated_item"]
        if cut:
            raise InputError("no complete task: the only item is cut off mid-text", source=source, line=cut[0].line)
        raise InputError("no tasks found (no numbered items with responsible units)", source=source)
    restarts, warnings = number_tasks(built.tasks)
    _record(report, warnings, strict, source)
    if built.notes:
        report.conventions["notes"] = [{"task_id": t.task_id, "note": note} for t, note in built.notes]
    report.conventions["labels"] = sorted(s for s in built.label_styles if s)
    report.conventions["numbering_restarts_per_section"] = restarts
    report.conventions.setdefault("table", False)
    report.line_kinds = LineKinds(items.kinds)
    md = build_metadata(items.page_meta, items.preamble, source)
    return Document(metadata=md, sections=items.sections, subsections=items.subsections, tasks=built.tasks, report=report,
                    lines=lines)


def drain(entries: list) -> Iterator:
    """Yield the entries of a list in order, removing each from the list as it is yielded, so a
    pass that consumes them holds one at a time (the list is empty at the end).

    Examples
    --------
    >>> entries = ["a", "b", "c"]
    >>> [e + str(len(entries)) for e in drain(entries)], entries
    (['a2', 'b1', 'c0'], [])
    """
    entries.reverse()
    while entries:
        yield entries.pop()


def _record(report: ParseReport, warnings: list[tuple[int, str, str]], strict: bool, source: str) -> None:
    for line, code, message in warnings:
        if strict:
            raise InputError(message, source=source, line=line)
        report.warn(line, code, message)
