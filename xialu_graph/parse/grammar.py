"""The grammar of the genre as editable data: label words, role suffixes, rule sentences, remarks.

The tables live in ``data/grammar/`` (or ``$XIALU_GRAPH_GRAMMAR``), one CSV each, documented in
``docs/formats.md``; a user who meets a new label adds a row, not code:

* ``labels.csv`` (``label,role,note``): words followed by a colon that introduce units
  (``牵头单位:``) or persons (``责任领导:``); role is lead, support, responsible, person or scope
  (a scope label such as ``适用范围:`` names no unit; its text is dropped);
* ``suffixes.csv`` (``suffix,role,note``): words that close an unlabelled clause
  (``X牵头``, ``Y按职责分工负责``);
* ``rules.csv`` (``pattern,note``): regular expressions of the sentence that makes the first
  listed unit the lead (``列第一位者为牵头单位``), searched in the whole document;
* ``columns.csv`` (``header,role,note``): the header words of a table's columns (``序号``,
  ``具体要求``, ``牵头单位``, ``责任领导``, ``完成时限``) and what their cells hold; role is one of
  :data:`COLUMN_ROLES` (:func:`load_columns`, read by :mod:`.tables`);
* ``remarks.csv`` (``word,note``): a clause of an assignment that holds one of these words is a
  remark about the list (``下同``, ``不再单独列出``), not a unit;
* ``headings.csv`` (``pattern,role,note``): regular expressions of a heading that names who
  answers for the tasks under it (``(三)省编办牵头的工作``, ``孟学农省长负责的工作``, a heading
  that is only a unit's name), with a named group ``units`` (role lead, support or responsible)
  or ``person`` (role person; an optional group ``title``);
* ``prose.csv`` (``pattern,role,note``): regular expressions of a sentence in a task's text that
  assigns it when no bracket or label does (``由X会同Y等部门研究提出落实意见``); the named group
  ``units`` is read like an unlabelled assignment whose default role is ``role``;
* ``synonyms.csv`` (``written,means,note``): a word written in place of another
  (``卖力`` for ``负责`` in machine-spun reposts); every label and suffix holding ``means`` is
  also matched with ``written``;
* ``convening.csv`` (``pattern,note``): regular expressions of the verb by which one unit
  convenes others in a list (``X会同Y``, a division's ``宣传处会办公室``): the units before it
  lead, those after it support (when the list's role is lead or responsible); a folder
  without the table reads ``会同`` only;
* ``posts.csv`` (``post,note``): a leader's post (``副市长``, ``副秘书长``): a name in a list
  that ends with one is a person, never a unit (``分管副省长``, ``杨志武副市长``);
* ``markers.csv`` (``pattern,note``): regular expressions of the sentence that says a unit
  marked ``*`` leads (``加*号为牵头部门``); where a document says none, a starred unit keeps its
  column's role (:mod:`.markers`).

The last six tables are optional: a folder without them reads as if they were empty.

Words are written in simplified characters; matching runs on the normalised text
(:func:`xialu_graph.parse.lines.normalise`), so traditional characters match as well.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from ..files import data_dir

__all__ = ["Grammar", "load_grammar", "grammar_dir", "ROLES", "ENV_VAR", "COLUMN_ROLES", "load_columns", "names_number_column",
           "first_chars"]

ENV_VAR = "XIALU_GRAPH_GRAMMAR"
ROLES = ("lead", "support", "responsible", "person", "scope")


def grammar_dir() -> Path:
    """``$XIALU_GRAPH_GRAMMAR`` if set, else ``data/grammar`` (or the packaged copy)."""

    return data_dir("grammar", ENV_VAR)


@dataclass(frozen=True)
class Grammar:
    """The loaded tables: ``labels`` and ``suffixes`` as (word, role) longest first (synonyms
    expanded), ``rules`` as regular-expression sources, ``remarks`` as words, ``headings`` and
    ``prose`` as (regular-expression source, role) in table order, ``synonyms`` as (written, means)."""

    labels: tuple
    suffixes: tuple
    rules: tuple
    remarks: tuple
    headings: tuple = ()
    prose: tuple = ()
    synonyms: tuple = ()
    posts: tuple = ()
    convening: tuple = ("会同",)
    markers: tuple = ()

    def marker_regex(self) -> "re.Pattern":
        """One regular expression that finds any sentence saying a unit marked ``*`` leads
        (``markers.csv``; it never matches when the table is empty).

        Examples
        --------
        >>> rx = load_grammar().marker_regex()
        >>> bool(rx.search("责任部门(加*号为牵头部门,其余为参与部门)")), bool(rx.search("区财政局*、区发改局"))
        (True, False)
        """
        return re.compile("|".join(f"(?:{p})" for p in self.markers) or r"(?!x)x")

    def convening_regex(self) -> "re.Pattern":
        """One regular expression that finds any convening verb (``convening.csv``).

        Examples
        --------
        >>> rx = load_grammar().convening_regex()
        >>> rx.search("市发改委会同市财政局").group(), rx.search("宣传处会办公室").start()
        ('会同', 3)
        >>> rx.search("市政府办公室") is None, rx.search("市委员会") is None
        (True, True)
        """
        return re.compile("|".join(f"(?:{p})" for p in self.convening))

    def heading_patterns(self) -> list:
        """The heading patterns compiled, as (regex, role), in table order.

        Examples
        --------
        >>> rx, role = next((rx, r) for rx, r in load_grammar().heading_patterns() if rx.search("省编办牵头的工作"))
        >>> rx.search("省编办牵头的工作").group("units"), role
        ('省编办', 'lead')
        """
        return [(re.compile(p), r) for p, r in self.headings]

    def prose_patterns(self) -> list:
        """The prose patterns compiled, as (regex, role), in table order.

        Examples
        --------
        >>> rx, role = load_grammar().prose_patterns()[0]
        >>> rx.search("由财政部会同农业部等部门研究提出落实意见。").group("units"), role
        ('财政部会同农业部等部门', 'responsible')
        """
        return [(re.compile(p), r) for p, r in self.prose]

    def cut_suffixes(self, *, shortest: int = 4, longer_than: int = 5) -> tuple:
        """The role suffixes as a copy cut inside them prints them (``…医保中心按职责分工落``, the
        page ending mid-word): every proper prefix of at least ``shortest`` characters of a suffix
        longer than ``longer_than``, with that suffix's role, unless the prefix is a word of its own.

        Examples
        --------
        >>> cut = dict(load_grammar().cut_suffixes())
        >>> cut["按职责分工落"], "按职责分工" in cut, "牵头" in cut
        ('responsible', False, False)
        """
        full = {w for w, _ in self.suffixes}
        out = {}
        for w, r in self.suffixes:
            if len(w) > longer_than:
                for k in range(shortest, len(w)):
                    if w[:k] not in full:
                        out.setdefault(w[:k], r)
        return tuple(sorted(out.items(), key=lambda x: -len(x[0])))

    def label_words(self, *roles: str) -> tuple:
        """The label words of the given roles, longest first.

        Examples
        --------
        >>> g = load_grammar()
        >>> "主办单位" in g.label_words("lead"), "责任单位" in g.label_words("lead")
        (True, False)
        """
        return tuple(w for w, r in self.labels if r in roles)

    def label_regex(self) -> "re.Pattern":
        """One regular expression for a label word and its colon, on normalised text (group 1:
        the word): the assignments pass reads labels with it, the layout pass knows label lines by it.

        Examples
        --------
        >>> rx = load_grammar().label_regex()
        >>> rx.match("牵头单位 :区发改局").group(1), rx.match("区发改局牵头") is None
        ('牵头单位', True)
        """
        return re.compile("(" + "|".join(re.escape(w) for w, _ in self.labels) + r")\s*:")

    def rule_regex(self) -> "re.Pattern":
        """One regular expression that finds any lead-by-position rule sentence.

        Examples
        --------
        >>> rx = load_grammar().rule_regex()
        >>> bool(rx.search("排名第一的部门为牵头责任单位")), bool(rx.search("第一批试点"))
        (True, False)
        """
        return re.compile("|".join(f"(?:{p})" for p in self.rules))


def first_chars(pattern: str):
    """The characters a match of the regular expression ``pattern`` must start with, or None
    when that cannot be told simply (a repeat that may be empty, a class with ranges or
    categories, an anchor, a look-around, flags, a backreference …).

    For a cheap test before a search: a text holding none of them has no match, and one
    substring test per character (``c in text``, in C) is some thirty times faster on a
    document than the search itself (Python's engine tries every alternative of the grammar's
    rule patterns at every position: about 0.13 ms of a 2.5 ms parse, issue 17). Built on the
    standard library's own parser of regular expressions, as ``re`` compiles the pattern; an
    interpreter without it gives None (no shortcut).

    Examples
    --------
    >>> sorted(first_chars("(列|排名)(在)?第一|第一单位|[由從]X"))
    ['列', '從', '排', '由', '第']
    >>> first_chars("(?:会同)?X") is None, first_chars(r"\\d+") is None, first_chars("a|") is None
    (True, True, True)
    """
    try:
        from re import _constants as sre, _parser as parser  # the stdlib's own; Python ≥ 3.11
    except ImportError:  # pragma: no cover - older or other interpreters: no shortcut
        return None
    try:
        tree = parser.parse(pattern)
    except (re.error, RecursionError):
        return None

    def seq(items) -> "set | None":
        items = list(items)
        if not items:
            return None  # the empty alternative matches anywhere
        op, av = items[0]
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.SUBPATTERN:
            if av[1] or av[2]:  # flags added or removed inside: the characters' meaning may change
                return None
            return seq(av[3])
        if op is sre.BRANCH:
            out: set = set()
            for alt in av[1]:
                got = seq(alt)
                if got is None:
                    return None
                out |= got
            return out
        if op is sre.IN:
            if all(o is sre.LITERAL for o, _ in av):
                return {chr(v) for _, v in av}
            return None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            return seq(av[2])
        return None

    if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    got = seq(tree)
    return frozenset(got) if got else None


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if any((v or "").strip() for v in r.values())]


@lru_cache(maxsize=4)
def load_grammar(folder: str = "") -> Grammar:
    """Read the grammar tables from ``folder`` (default :func:`grammar_dir`).

    Raises ValueError naming the file and row for an unknown role or an invalid pattern.

    Examples
    --------
    >>> g = load_grammar()
    >>> dict(g.suffixes)["按职责分工负责"], dict(g.labels)["协办单位"]
    ('responsible', 'support')
    """
    base = Path(folder) if folder else grammar_dir()
    labels, suffixes, rules, remarks = [], [], [], []
    for name, out, key in (("labels.csv", labels, "label"), ("suffixes.csv", suffixes, "suffix")):
        for i, r in enumerate(_rows(base / name), start=2):
            word, role = (r.get(key) or "").strip(), (r.get("role") or "").strip()
            if not word or role not in ROLES:
                raise ValueError(f"{base / name} line {i}: need a word and a role in {ROLES}, got {word!r}, {role!r}")
            out.append((word, role))
    for i, r in enumerate(_rows(base / "rules.csv"), start=2):
        p = (r.get("pattern") or "").strip()
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"{base / 'rules.csv'} line {i}: invalid pattern {p!r}: {e}") from None
        rules.append(p)
    remarks = [(r.get("word") or "").strip() for r in _rows(base / "remarks.csv")]
    headings = _patterns(base / "headings.csv", {"units", "person"})
    prose = _patterns(base / "prose.csv", {"units"})
    synonyms = []
    if (base / "synonyms.csv").exists():
        for i, r in enumerate(_rows(base / "synonyms.csv"), start=2):
            written, means = (r.get("written") or "").strip(), (r.get("means") or "").strip()
            if not written or not means:
                raise ValueError(f"{base / 'synonyms.csv'} line {i}: need a written word and what it means")
            synonyms.append((written, means))
    labels, suffixes = _with_synonyms(labels, synonyms), _with_synonyms(suffixes, synonyms)
    posts = []
    if (base / "posts.csv").exists():
        posts = [(r.get("post") or "").strip() for r in _rows(base / "posts.csv")]
    markers = _regexes(base / "markers.csv") if (base / "markers.csv").exists() else []
    convening = _regexes(base / "convening.csv") if (base / "convening.csv").exists() else ["会同"]
    return Grammar(
        labels=tuple(sorted(dict.fromkeys(labels), key=lambda x: -len(x[0]))),
        suffixes=tuple(sorted(dict.fromkeys(suffixes), key=lambda x: -len(x[0]))),
        rules=tuple(rules),
        remarks=tuple(w for w in remarks if w),
        headings=tuple(headings),
        prose=tuple(prose),
        synonyms=tuple(synonyms),
        posts=tuple(sorted({w for w in posts if w}, key=len, reverse=True)),
        convening=tuple(convening),
        markers=tuple(markers),
    )


def _regexes(path: Path) -> list[str]:
    """The ``pattern`` column of a table of regular expressions; ValueError names the file and
    line of one that does not compile."""
    out = []
    for i, r in enumerate(_rows(path), start=2):
        p = (r.get("pattern") or "").strip()
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"{path} line {i}: invalid pattern {p!r}: {e}") from None
        if p:
            out.append(p)
    return out


COLUMN_ROLES = ("number", "task", "lead", "responsible", "support", "person", "deadline", "category", "assessor", "note")


def names_number_column(text: str) -> bool:
    """Whether ``text`` holds a number column's header word of two characters or more
    (``序号``, ``编号`` in ``columns.csv``), as a glued table's header opens with one.

    Each word's first character is looked for first (one fast scan each; most documents hold
    neither 序 nor 编), the words only where one is found.

    Examples
    --------
    >>> names_number_column("序号工作内容责任单位"), names_number_column("有序推进")
    (True, False)
    """
    words = [w for w, r in load_columns().items() if r == "number" and len(w) >= 2]
    return any(w in text for w in words if w[0] in text)


@lru_cache(maxsize=4)
def load_columns(folder: str = "") -> dict:
    """The table header words of ``columns.csv`` in ``folder`` (default :func:`grammar_dir`; the
    packaged table when the folder has none): header word → the role of its column's cells.

    Raises ValueError naming the file and row for an unknown role.

    Examples
    --------
    >>> cols = load_columns()
    >>> cols["序号"], cols["具体要求"], cols["牵头单位"], cols["责任领导"]
    ('number', 'task', 'lead', 'person')
    """
    base = Path(folder) if folder else grammar_dir()
    if not (base / "columns.csv").exists():
        # a grammar folder made before the table was added: the packaged header words
        base = Path(__file__).resolve().parent.parent / "resources" / "grammar"
    out: dict = {}
    for i, r in enumerate(_rows(base / "columns.csv"), start=2):
        word, role = (r.get("header") or "").strip().replace(" ", ""), (r.get("role") or "").strip()
        if not word or role not in COLUMN_ROLES:
            raise ValueError(f"{base / 'columns.csv'} line {i}: need a header word and a role in {COLUMN_ROLES}, "
                             f"got {word!r}, {role!r}")
        out.setdefault(word, role)
    return out


def _with_synonyms(words: list, synonyms: list) -> list:
    """Each (word, role) and, for every synonym whose meaning the word holds, the word as written
    with the synonym (负责落实 → 卖力落实)."""
    out = list(words)
    for written, means in synonyms:
        out.extend((w.replace(means, written), r) for w, r in words if means in w)
    return out


def _patterns(path: Path, groups: set) -> list:
    """(pattern, role) rows of an optional pattern table; each pattern must compile and name one of
    ``groups``."""
    if not path.exists():
        return []
    out = []
    for i, r in enumerate(_rows(path), start=2):
        p, role = (r.get("pattern") or "").strip(), (r.get("role") or "").strip()
        try:
            rx = re.compile(p)
        except re.error as e:
            raise ValueError(f"{path} line {i}: invalid pattern {p!r}: {e}") from None
        if role not in ROLES or not groups & set(rx.groupindex):
            raise ValueError(f"{path} line {i}: need a role in {ROLES} and a named group in {sorted(groups)}, "
                             f"got {role!r}, {sorted(rx.groupindex)}")
        out.append((p, role))
    return out
