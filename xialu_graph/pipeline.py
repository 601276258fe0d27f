"""read → parse → resolve units: one call from a file (or a string) to a Document."""

from __future__ import annotations

from typing import Optional

from .model import Document
from .parse import apply_corrections, diagnose_unreadable, parse_document, read_corrections, score_document
from .parse.meta import leading_place, year_of
from .read import read_text
from .units import UnitTables, load_unit_tables, resolve_document, resolve_name
from .errors import InputError

__all__ = ["read_document"]


def read_document(
    source,
    *,
    strict: bool = False,
    unit_tables: Optional[UnitTables] = None,
    place: Optional[str] = None,
    first_listed_leads: Optional[bool] = None,
    corrections=None,
    title: Optional[str] = None,
) -> Document:
    """Read a responsibility breakdown into a Document with resolved units.

    Parameters
    ----------
    source : str, path-like or bytes
        A .txt (UTF-8, UTF-8 with BOM, GB18030/GBK), .html/.htm or .docx file, or the text.
    strict : bool, default False
        Turn every parse warning (numbering gap, task without units, unclosed bracket,
        truncated last item, unknown unit) into an InputError.
    unit_tables : UnitTables, optional
        Tables from :func:`xialu_graph.units.load_unit_tables`; default ``data/units/``.
    place : str, optional
        The district (下陆区); by default read from the document's metadata. Place-scoped
        rows of the unit tables apply only to documents of that place.
    first_listed_leads : bool, optional
        Force the 列第一位者为牵头单位 rule on or off (default: detected in the text).
    corrections : path, pandas.DataFrame or list of dict, optional
        An edited review table (``xialu-graph parse --review``; columns ``task_id``, ``unit``,
        ``role``, optionally ``source``): every task it names gets exactly the units of its rows;
        an assignment not read that way has ``via="correction"``, and
        ``doc.report.conventions["corrections"]`` says what changed
        (:func:`xialu_graph.parse.review.apply_corrections`).
    title : str, optional
        The plan's title, when the document's heading does not state it (or states it wrongly);
        the year and the place are then read from it where the document gave none.

    Returns
    -------
    Document

    Raises
    ------
    xialu_graph.InputError
        One line naming the file (and line): missing, empty, binary or undecodable file, no
        tasks (saying what was found; the error's ``review_rows`` list it for a review file),
        a strict-mode violation, or a bad corrections file.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> len(doc.tasks), doc.task(1).units("lead")
    (1, ['区发改局'])
    >>> doc.task(1).confidence, doc.task(1).reasons
    (1.0, [])
    >>> md = xg.read_document("1、抓项目。[牵头单位:区发改局]\\n", title="下陆区2021年重点工作责任分解").metadata
    >>> md.title, md.place, md.year
    ('下陆区2021年重点工作责任分解', '下陆区', 2021)
    """
    rows = None
    if corrections is not None:
        rows = corrections if isinstance(corrections, list) else read_corrections(corrections)
    src = read_text(source)
    try:
        doc = parse_document(src.text, source=src.name, strict=strict, first_listed_leads=first_listed_leads)
    except InputError as e:
        if not e.reason.startswith("no tasks found"):
            raise
        message, found = diagnose_unreadable(src.text, source=src.name)
        err = InputError(message, source=src.name)
        err.review_rows = found
        raise err from None
    src.text = ""  # the Document keeps the lines: no second copy of the text while units are resolved
    doc.report.conventions["encoding"] = src.encoding
    doc.report.conventions["format"] = src.format
    for note in src.warnings:  # what the reader set aside (e.g. imported RTF content) is in the parse report
        doc.report.warn(0, "reader_skipped", note)
    if title is not None and title.strip():
        md = doc.metadata
        md.title = " ".join(title.split())
        md.year = md.year if md.year is not None else year_of(md.title)
        md.place = md.place or leading_place(md.title)
    if place:
        doc.metadata.place = place
    tables = unit_tables if unit_tables is not None else load_unit_tables()
    resolve_document(doc, tables)
    score_document(doc)
    if rows:
        place_ = doc.metadata.place

        def resolve(name: str) -> tuple[str, str]:
            res = resolve_name(name, tables, place_)
            return (res[0].unit, res[0].kind) if len(res) == 1 else (name, "other")

        apply_corrections(doc, rows, resolve=resolve)
    if strict:

        for w in doc.report.warnings:
            raise InputError(w.message, source=src.name, line=w.line)
    return doc
