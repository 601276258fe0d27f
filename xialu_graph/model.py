"""Data model: the dataclasses a parsed document is made of, and the table columns, documented once.

Everything downstream (graph, metrics, views, report) reads these objects or the
DataFrames built from them; nothing here imports anything heavier than pandas,
and pandas only inside the ``*_frame`` methods.

Conventions
-----------
* ``task_id`` is a string: ``"22"`` for task 22, ``"附件2-3"`` for task 3 of
  attachment 2 when numbering restarts in an attachment.
* Line numbers are 1-based and refer to the text after decoding (for HTML and
  DOCX, to the extracted text lines, which :func:`xialu_graph.read_text` returns).
* Roles: ``lead`` (牵头单位), ``support`` (责任单位/配合单位 on a task that names
  a lead), ``responsible`` (责任单位 on a task that names no lead).

Table columns
-------------
TASK_COLUMNS, ASSIGNMENT_COLUMNS, UNIT_COLUMNS, PEOPLE_COLUMNS and
WARNING_COLUMNS map each column name to its meaning; ``tasks_frame``,
``assignments_frame``, ``units_frame``, ``people_frame`` and
``ParseReport.warnings_frame`` return exactly these columns in this order.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate, islice
from dataclasses import dataclass, field, asdict
from typing import Iterable, Iterator, Optional

ROLES = ("lead", "support", "responsible")
"""Assignment roles, strongest first (a unit named twice on a task keeps the first)."""

ROLE_RANK = {"lead": 0, "responsible": 1, "support": 2}

UNIT_KINDS = (
    "department",
    "street_office",
    "vertical",
    "enterprise",
    "task_force",
    "collective",
    "other",
)

TASK_COLUMNS = {
    "task_id": "task identifier (str): the number as printed, prefixed by the attachment when numbering restarts",
    "number": "the task's number as an int (position in its numbering sequence)",
    "numbering": "the numbering as written, e.g. '22、' or '(3)'",
    "section_no": "section number as written (一, 二, …), '' when the document has none",
    "section": "section title",
    "subsection_no": "subsection number as written ((一) → 一), '' when none",
    "subsection": "subsection title, '' when none",
    "heading": "unnumbered sub-heading the task stands under, '' when none",
    "attachment": "attachment label (附件1 …), '' in the main text",
    "text": "task text, assignment bracket removed, lines joined",
    "assignment_raw": "the assignment as written (bracket content or label lines)",
    "n_lead": "number of lead units (after resolution)",
    "n_support": "number of support units",
    "n_responsible": "number of responsible units",
    "n_people": "number of people named (责任领导 …)",
    "line_start": "first line of the task",
    "line_end": "last line of the task",
}

ASSIGNMENT_COLUMNS = {
    "task_id": "task identifier",
    "unit": "canonical unit name",
    "unit_raw": "the name as written in the document",
    "role": "lead | support | responsible",
    "via": "the collective this unit was expanded from (e.g. 各街办(新区)), '' when named directly",
    "unit_kind": "department | street_office | vertical | enterprise | task_force | collective | other",
    "rule": "resolution rule applied (exact, alias, label, split, collective, suffix, unknown)",
    "note": "what resolution set aside: a new-district label (工业新区), an office (人防办), a function",
    "line": "line number where the name stands",
}

UNIT_COLUMNS = {
    "unit_raw": "a name as written in the document",
    "unit": "canonical unit it resolves to (one row per canonical unit when a raw name splits or expands)",
    "unit_kind": "kind of the canonical unit",
    "rule": "resolution rule applied",
    "via": "collective expanded, '' otherwise",
    "note": "label or office set aside",
    "source": "which table or rule decided: aliases.csv, collectives.csv, units.csv, kind_rules.csv, or 'none'",
    "n_mentions": "how many times the raw name occurs in assignments",
}

PEOPLE_COLUMNS = {
    "task_id": "task identifier ('' for a group header)",
    "name": "the person's name as written",
    "title": "the label the name stood under (责任领导, 分管领导, 责任人 …)",
    "line": "line number",
}

WARNING_COLUMNS = {
    "line": "line number (0 when the warning concerns the whole document)",
    "code": "machine-readable code, e.g. numbering_gap, no_units, unparsed_bracket, truncated_item, unknown_unit",
    "message": "one human-readable sentence",
}

REVIEW_COLUMNS = {
    "source": "the document's file name (a corrections file may hold rows of several documents)",
    "order": "position of the task in the document (1, 2, …), the order in which to read the rows",
    "task_id": "task identifier; a corrections row names the task it corrects by this id",
    "task_text": "task text as read",
    "unit": "canonical unit as read (edit it to correct the unit; empty: the task names no unit)",
    "unit_raw": "the name as written in the document",
    "role": "lead | support | responsible (edit it to correct the role)",
    "confidence": "the task's confidence, 0–1",
    "reasons": "reason codes behind the confidence, separated by '; '",
    "explain": "the reasons in Chinese, for the person who checks",
    "line": "line number where the task (or the name) stands",
}
"""Columns of the review table (:func:`xialu_graph.parse.review.review_frame`, ``review.csv``)."""

LINE_KINDS = (
    "blank",
    "chrome",
    "metadata",
    "preamble",
    "section",
    "subsection",
    "heading",
    "task",
    "continuation",
    "label",
    "table_header",
    "attachment",
    "footer",
    "truncated",
    "other",
)
"""Every line of the text is classified as exactly one of these in ParseReport.line_kinds."""


class Lines(Sequence):
    """The lines of a text as a sequence of str, held as the text itself and where each line starts.

    A list of the same lines costs a Python string per line (about 80 bytes besides the
    characters); this holds the text once (the very string parsed, when built with
    :meth:`of_text`) and one offset per line. Indexing, slicing (to a list), iteration, ``len``,
    ``in`` and comparison with a list behave as a list of the lines would.

    Parameters
    ----------
    lines : iterable of str, optional
        The lines (none by default).

    Examples
    --------
    >>> lines = Lines.of_text("一、稳增长\\n1、抓项目。\\n")
    >>> len(lines), lines[1], lines[-1], lines[:2]
    (3, '1、抓项目。', '', ['一、稳增长', '1、抓项目。'])
    >>> lines == ["一、稳增长", "1、抓项目。", ""], Lines(["a", "b"]) == Lines.of_text("a\\nb")
    (True, True)
    """

    __slots__ = ("_text", "_starts")

    def __init__(self, lines: Iterable[str] = ()):
        lines = list(lines)
        self._text = "\n".join(lines)
        self._starts = _starts(lines, len(self._text))

    @classmethod
    def of_text(cls, text: str) -> "Lines":
        """The lines of ``text`` split at ``\\n`` (as ``text.split("\\n")``), sharing the string."""
        out = cls.__new__(cls)
        out._text = text
        out._starts = _starts(text.split("\n"), len(text))  # the split lines only while they are counted
        return out

    @classmethod
    def of_mapped(cls, text: str, like: "Lines") -> "Lines":
        """The lines of ``text``, a char-for-char mapping of ``like``'s text that maps no character
        to or from ``\\n`` (as :func:`xialu_graph.parse.lines.normalise`): the line breaks stand at
        the same offsets, so ``like``'s offsets are shared (counted again if the lengths or the
        numbers of breaks differ).

        Examples
        --------
        >>> Lines.of_mapped("(一)\\n:", Lines.of_text("（一）\\n："))
        ['(一)', ':']
        """
        if len(text) != len(like._text) or text.count("\n") != len(like._starts) - 2:
            return cls.of_text(text)
        out = cls.__new__(cls)
        out._text = text
        out._starts = like._starts
        return out

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i):
        starts = self._starts
        if i.__class__ is int and 0 <= i < len(starts) - 1:
            return self._text[starts[i]:starts[i + 1] - 1]
        return self._other_item(i)

    def _other_item(self, i):
        """A negative index or a slice (a list)."""
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._starts) - 1
        i = i.__index__()
        if not -n <= i < n:
            raise IndexError("line index out of range")
        return self[i + n if i < 0 else i]

    def __iter__(self) -> Iterator[str]:
        starts = self._starts  # the slices made and applied in C: no Python frame per line
        return map(self._text.__getitem__, map(slice, starts, map((-1).__add__, islice(starts, 1, None))))

    def __eq__(self, other) -> bool:
        if isinstance(other, Lines):
            return len(self) == len(other) and self._text == other._text and list(self._starts) == list(other._starts)
        if isinstance(other, (list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list of lines is not hashable either

    def __repr__(self) -> str:
        return repr(list(self))

    def __getstate__(self):
        return (self._text, self._starts)

    def __setstate__(self, state) -> None:
        self._text, self._starts = state


def _starts(lines: list, size: int) -> array:
    """Where each line starts in the lines joined by ``\\n``, and one past the end (``size + 1``)."""
    return array("I" if size < 2**32 - 1 else "q", accumulate(map((1).__add__, map(len, lines)), initial=0))


class LineKinds(Sequence):
    """The kind of every line as a sequence of ``(line number, kind)``, one byte per line.

    ``ParseReport.line_kinds`` of a parsed document: line numbers run 1, 2, … and kinds are
    names from :data:`LINE_KINDS`. Indexing, slicing (to a list), iteration, ``len``, ``dict()``
    and comparison with a list of pairs behave as that list would.

    Parameters
    ----------
    kinds : iterable of str, optional
        The kind of line 1, 2, … in order.

    Examples
    --------
    >>> kinds = LineKinds(["section", "task", "blank"])
    >>> len(kinds), kinds[1], kinds[-1], dict(kinds)[2]
    (3, (2, 'task'), (3, 'blank'), 'task')
    >>> kinds == [(1, "section"), (2, "task"), (3, "blank")], kinds[:1]
    (True, [(1, 'section')])
    """

    __slots__ = ("_codes", "_names")

    def __init__(self, kinds: Iterable[str] = ()):
        names = list(LINE_KINDS)
        index = {k: i for i, k in enumerate(names)}
        codes = bytearray()
        append = codes.append
        for k in kinds:
            c = index.get(k)
            if c is None:  # a kind outside LINE_KINDS is kept under its own code
                c = index[k] = len(names)
                names.append(k)
            append(c)
        self._codes = bytes(codes)
        self._names = tuple(names)

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._codes)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        return (i + 1, self._names[self._codes[i]])

    def __iter__(self) -> Iterator[tuple[int, str]]:
        names = self._names
        for i, c in enumerate(self._codes):
            yield (i + 1, names[c])

    def kinds(self) -> list[str]:
        """The kinds alone, in line order."""
        names = self._names
        return [names[c] for c in self._codes]

    def __eq__(self, other) -> bool:
        if isinstance(other, LineKinds):
            return self.kinds() == other.kinds()
        if isinstance(other, (list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def __getstate__(self):
        return (self._codes, self._names)

    def __setstate__(self, state) -> None:
        self._codes, self._names = state


@dataclass
class Metadata:
    """What the document says about itself.

    Attributes
    ----------
    title : str
        Plan title, e.g. '2020年区政府重点工作责任分解'.
    notice_title : str
        Title of the covering notice ('关于印发…的通知'), '' when absent.
    issuer : str
        Issuing office (发布机构 / 来源), '' when unknown.
    date : str
        Publication date as ISO 'YYYY-MM-DD', '' when unknown.
    index_number : str
        索引号, '' when absent.
    doc_number : str
        文号 such as 港政发〔2021〕1号, '' when absent.
    year : int or None
        Year of the plan (the year in the title), None when not found.
    place : str
        District or government named (下陆区, 黄石港区), '' when not found.
    source : str
        File name or '<string>'.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> md = xg.read_document("data/raw/xialu_2020.txt").metadata
    >>> md.year, md.title
    (2020, '2020年区政府重点工作责任分解')
    """

    title: str = ""
    notice_title: str = ""
    issuer: str = ""
    date: str = ""
    index_number: str = ""
    doc_number: str = ""
    year: Optional[int] = None
    place: str = ""
    source: str = "<string>"


@dataclass(slots=True)
class Section:
    number: str
    title: str
    line: int
    attachment: str = ""


@dataclass(slots=True)
class Subsection:
    section_no: str
    number: str
    title: str
    line: int
    attachment: str = ""


@dataclass
class _RawAssignmentFields:
    """The fields of :class:`RawAssignment`, for :mod:`dataclasses`."""

    role: str
    unit_raw: str
    line: int
    label: str = ""
    prefix: str = ""


_SHARED_NAMES: dict[tuple, tuple] = {}
_MAX_SHARED_NAMES = 20_000  # distinct (role, name, label, prefix) kept; a document names some hundreds


def _shared_names(names: tuple) -> tuple:
    """One tuple for equal tuples of names (the same unit in the same role recurs across tasks)."""
    got = _SHARED_NAMES.get(names)
    if got is not None:
        return got
    if len(_SHARED_NAMES) < _MAX_SHARED_NAMES:
        _SHARED_NAMES[names] = names
    return names


class RawAssignment:
    """A unit name as the parser found it, before resolution.

    A dataclass to :mod:`dataclasses` (fields ``role``, ``unit_raw``, ``line``, ``label``,
    ``prefix``) held in two slots: ``line`` and the four others as one tuple shared by every
    mention of the same name in the same role (as :class:`Assignment`).

    Attributes
    ----------
    role, unit_raw, line, label : str, str, int, str
        Role read, the name as written, its line, the label it stood under ('' when none).
    prefix : str
        Level prefix (市, 区 …) the first name of the same list carried, when this one lacks it.

    Examples
    --------
    >>> ra = RawAssignment("lead", "区发改局", 2)
    >>> ra, ra.prefix, ra == RawAssignment(role="lead", unit_raw="区发改局", line=2, label="", prefix="")
    (RawAssignment(role='lead', unit_raw='区发改局', line=2, label='', prefix=''), '', True)
    """

    __slots__ = ("line", "_names")
    __dataclass_fields__ = _RawAssignmentFields.__dataclass_fields__  # type: ignore[misc]
    __dataclass_params__ = _RawAssignmentFields.__dataclass_params__  # type: ignore[attr-defined]
    __match_args__ = _RawAssignmentFields.__match_args__
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, role: str, unit_raw: str, line: int, label: str = "", prefix: str = ""):
        self.line = line
        names = (role, unit_raw, label, prefix)
        self._names = _SHARED_NAMES.get(names) or _shared_names(names)

    role = property(lambda self: self._names[0], lambda self, v: self._set(0, v), doc="lead | support | responsible")
    unit_raw = property(lambda self: self._names[1], lambda self, v: self._set(1, v), doc="the name as written")
    label = property(lambda self: self._names[2], lambda self, v: self._set(2, v), doc="the label it stood under")
    prefix = property(lambda self: self._names[3], lambda self, v: self._set(3, v),
                      doc="level prefix (市, 区 …) the first name of the same list carried, when this one lacks it")

    def _set(self, i: int, value) -> None:
        names = self._names
        self._names = _shared_names(names[:i] + (value,) + names[i + 1:])

    def _astuple(self) -> tuple:
        role, unit_raw, label, prefix = self._names
        return (role, unit_raw, self.line, label, prefix)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.line == other.line and self._names == other._names

    def __repr__(self) -> str:
        return "RawAssignment(" + ", ".join(f"{f}={v!r}" for f, v in zip(self.__dataclass_fields__, self._astuple())) + ")"

    def __getstate__(self):
        return (self.line, self._names)

    def __setstate__(self, state) -> None:
        self.line, self._names = state


@dataclass
class _AssignmentFields:
    """The fields of :class:`Assignment`, for :mod:`dataclasses` (``fields``, ``asdict``, ``replace``)."""

    task_id: str
    unit: str
    unit_raw: str
    role: str
    via: str = ""
    unit_kind: str = "other"
    rule: str = "exact"
    note: str = ""
    line: int = 0


_NAME_FIELDS = ("unit", "unit_raw", "via", "unit_kind", "rule", "note")


def _name_field(i: int, name: str) -> property:
    def get(self):
        return self._names[i]

    def set_(self, value):
        names = self._names
        self._names = names[:i] + (value,) + names[i + 1:]

    return property(get, set_, doc=ASSIGNMENT_COLUMNS[name])


class Assignment:
    """One (task, unit, role) after unit resolution (columns of ``ASSIGNMENT_COLUMNS``).

    A dataclass to :mod:`dataclasses` (``fields``, ``asdict``, ``replace`` and ``==`` see the
    nine fields of ``ASSIGNMENT_COLUMNS``) held in four slots: ``task_id``, ``role``, ``line`` and
    the six names of the resolution (``unit``, ``unit_raw``, ``via``, ``unit_kind``, ``rule``,
    ``note``) as one tuple, which every mention of the same raw name resolved the same way shares
    (:meth:`of_names`). A large document has some ten assignments a task; a nine-slot object was
    a fifth of its resolved Document. Setting one of the six names gives this assignment a tuple
    of its own.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> a = xg.read_document("1、抓项目。[牵头单位:区发改局]\\n").tasks[0].assignments[0]
    >>> a.task_id, a.unit, a.role
    ('1', '区发改局', 'lead')
    >>> a
    Assignment(task_id='1', unit='区发改局', unit_raw='区发改局', role='lead', via='', unit_kind='department', rule='suffix', note='', line=1)
    """

    __slots__ = ("task_id", "role", "line", "_names")
    __dataclass_fields__ = _AssignmentFields.__dataclass_fields__  # type: ignore[misc]
    __dataclass_params__ = _AssignmentFields.__dataclass_params__  # type: ignore[attr-defined]
    __match_args__ = _AssignmentFields.__match_args__
    __hash__ = None  # type: ignore[assignment]  # as a mutable dataclass

    def __init__(self, task_id: str, unit: str, unit_raw: str, role: str, via: str = "", unit_kind: str = "other",
                 rule: str = "exact", note: str = "", line: int = 0):
        self.task_id = task_id
        self.role = role
        self.line = line
        self._names = (unit, unit_raw, via, unit_kind, rule, note)

    @classmethod
    def of_names(cls, task_id: str, role: str, line: int, names: tuple) -> "Assignment":
        """An assignment sharing ``names``, the tuple ``(unit, unit_raw, via, unit_kind, rule, note)``.

        Examples
        --------
        >>> names = ("区发改局", "发改局", "", "department", "alias", "")
        >>> a, b = Assignment.of_names("1", "lead", 3, names), Assignment.of_names("2", "support", 5, names)
        >>> a.unit_raw, b.unit_kind, a == Assignment("1", "区发改局", "发改局", "lead", "", "department", "alias", "", 3)
        ('发改局', 'department', True)
        """
        out = cls.__new__(cls)
        out.task_id = task_id
        out.role = role
        out.line = line
        out._names = names
        return out

    unit = _name_field(0, "unit")
    unit_raw = _name_field(1, "unit_raw")
    via = _name_field(2, "via")
    unit_kind = _name_field(3, "unit_kind")
    rule = _name_field(4, "rule")
    note = _name_field(5, "note")

    def _astuple(self) -> tuple:
        unit, unit_raw, via, unit_kind, rule, note = self._names
        return (self.task_id, unit, unit_raw, self.role, via, unit_kind, rule, note, self.line)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._astuple() == other._astuple()

    def __repr__(self) -> str:
        return "Assignment(" + ", ".join(f"{f}={v!r}" for f, v in zip(ASSIGNMENT_COLUMNS, self._astuple())) + ")"

    def __getstate__(self):
        return (self.task_id, self.role, self.line, self._names)

    def __setstate__(self, state) -> None:
        self.task_id, self.role, self.line, self._names = state


@dataclass(slots=True)
class Person:
    """A person named on a task (责任领导, 分管领导 …): never a unit.

    Examples
    --------
    >>> Person(task_id="3", name="张三", title="副区长", line=12).name
    '张三'
    """

    task_id: str
    name: str
    title: str
    line: int


@dataclass(slots=True)
class Task:
    """A numbered task with its section, text (line breaks of the source joined) and units.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> t = xg.read_document("data/raw/xialu_2020.txt").tasks[21]
    >>> t.task_id, len(t.units("lead")), len(t.units("support"))
    ('22', 1, 4)
    """

    task_id: str
    number: int
    numbering: str
    text: str
    section_no: str = ""
    section: str = ""
    subsection_no: str = ""
    subsection: str = ""
    heading: str = ""
    attachment: str = ""
    assignment_raw: str = ""
    raw_assignments: list[RawAssignment] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    line_start: int = 0
    line_end: int = 0
    confidence: float = 1.0
    """How sure the parser is of this task's units and roles, 0–1 (see :mod:`xialu_graph.parse.review`)."""
    reasons: list[str] = field(default_factory=list)
    """Reason codes behind the confidence (``REVIEW_REASONS``), in the order found."""

    def units(self, role: Optional[str] = None) -> list[str]:
        """Canonical unit names of this task, optionally only those of one role."""
        return [a.unit for a in self.assignments if role is None or a.role == role]


@dataclass(slots=True)
class ParseWarning:
    """Something the parser was unsure of, with the line it was on.

    Examples
    --------
    >>> ParseWarning(line=7, code="no_units", message="task 3 names no unit").code
    'no_units'
    """

    line: int
    code: str
    message: str


@dataclass
class ParseReport:
    """Accounts for every line of the input.

    Attributes
    ----------
    line_kinds : sequence of (int, str)
        (line number, kind) for every line, kinds from LINE_KINDS: a :class:`LineKinds`
        (one byte a line) in a parsed document.
    warnings : list of ParseWarning
    conventions : dict
        What the parser detected: numbering style, label style, lead rule, …
    truncated : str
        Text of a last item cut off mid-text ('' when the document is whole).
    duplicates_merged : int
        Times a unit named twice on one task was merged into its strongest role.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> rep = xg.read_document("data/raw/xialu_2020.txt").report
    >>> rep.truncated, sum(rep.kind_counts().values()) == len(rep.line_kinds)
    ('', True)
    """

    line_kinds: Sequence[tuple[int, str]] = field(default_factory=LineKinds)
    warnings: list[ParseWarning] = field(default_factory=list)
    conventions: dict = field(default_factory=dict)
    truncated: str = ""
    duplicates_merged: int = 0

    def warn(self, line: int, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(line, code, message))

    def codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    def kind_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, k in self.line_kinds:
            out[k] = out.get(k, 0) + 1
        return out

    def warnings_frame(self):
        import pandas as pd

        return pd.DataFrame([asdict(w) for w in self.warnings], columns=list(WARNING_COLUMNS))


@dataclass
class Document:
    """A parsed responsibility breakdown.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> [(a.unit, a.role) for a in doc.task(1).assignments]
    [('区发改局', 'lead'), ('区财政局', 'support')]
    >>> doc
    <Document '<string>': 1 tasks, 1 sections, 2 assignments, 2 units, 0 warnings>
    """

    metadata: Metadata
    sections: list[Section] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    report: ParseReport = field(default_factory=ParseReport)
    unit_table: list[dict] = field(default_factory=list)
    lines: Sequence[str] = field(default_factory=Lines, repr=False)
    """The text's lines (:class:`Lines`: the text held once; a list given is converted)."""

    def __post_init__(self) -> None:
        if not isinstance(self.lines, Lines):
            self.lines = Lines(self.lines)

    def __repr__(self) -> str:
        """One line (a bare ``doc`` in a notebook cell must not print the whole document)."""
        md = self.metadata
        name = md.title or md.source
        where = " ".join(str(x) for x in (md.place, md.year) if x)
        return (f"<Document {name!r}{' ' + where if where else ''}: {len(self.tasks)} tasks, {len(self.sections)} sections, "
                f"{len(self.assignments)} assignments, {len(self.unit_table)} units, {len(self.report.warnings)} warnings>")

    # -- access -------------------------------------------------------------
    def task(self, task_id) -> Task:
        """The task with this id (int or str)."""
        key = str(task_id)
        for t in self.tasks:
            if t.task_id == key:
                return t
        raise KeyError(f"no task {task_id!r}")

    @property
    def assignments(self) -> list[Assignment]:
        return [a for t in self.tasks for a in t.assignments]

    # -- tables -------------------------------------------------------------
    def tasks_frame(self):
        """One row per task, columns TASK_COLUMNS."""
        import pandas as pd

        rows = []
        for t in self.tasks:
            roles = [a.role for a in t.assignments]
            rows.append(
                {
                    "task_id": t.task_id,
                    "number": t.number,
                    "numbering": t.numbering,
                    "section_no": t.section_no,
                    "section": t.section,
                    "subsection_no": t.subsection_no,
                    "subsection": t.subsection,
                    "heading": t.heading,
                    "attachment": t.attachment,
                    "text": t.text,
                    "assignment_raw": t.assignment_raw,
                    "n_lead": roles.count("lead"),
                    "n_support": roles.count("support"),
                    "n_responsible": roles.count("responsible"),
                    "n_people": len(t.people),
                    "line_start": t.line_start,
                    "line_end": t.line_end,
                }
            )
        return pd.DataFrame(rows, columns=list(TASK_COLUMNS))

    def assignments_frame(self):
        """One row per (task, unit, role), columns ASSIGNMENT_COLUMNS."""
        import pandas as pd

        return pd.DataFrame([asdict(a) for a in self.assignments], columns=list(ASSIGNMENT_COLUMNS))

    def units_frame(self):
        """The unit-resolution table: raw name → canonical unit, kind, rule. Columns UNIT_COLUMNS."""
        import pandas as pd

        return pd.DataFrame(self.unit_table, columns=list(UNIT_COLUMNS))

    def people_frame(self):
        """People named beside units (责任领导 …), never counted as units. Columns PEOPLE_COLUMNS."""
        import pandas as pd

        rows = [asdict(p) for t in self.tasks for p in t.people]
        return pd.DataFrame(rows, columns=list(PEOPLE_COLUMNS))
