"""Raw unit names → canonical units, driven by tables a user edits (``data/units/``).

Tables (CSV, UTF-8, header row first)
-------------------------------------
``units.csv`` — ``unit,kind,place``
    Known canonical units and their kind (department, street_office, vertical, enterprise,
    task_force, collective, other). ``place`` limits a row to documents of that place
    (empty: any place).
``aliases.csv`` — ``alias,unit,note,place``
    A name as written → the canonical unit; ``note`` records what the alias sets aside
    (人防办, 国资).
``collectives.csv`` — ``collective,member,place``
    Members of a collective (各街办(新区) → 东街办, 老街办, 团街办, 新街办). A collective with no
    rows here stays one node of kind ``collective``.
``kind_rules.csv`` — ``match,pattern,kind``
    Ordered rules (match = prefix | suffix | contains) giving the kind of a name no table
    lists; the first rule that matches wins.
``places.csv`` — ``place,note`` (optional)
    Place names that open a unit's own name (上海, 湖北, 国家): such a name takes no level
    prefix from its list (``市高院、上海银保监局`` → 上海银保监局, not 市上海银保监局).

Resolution order for one raw name: alias → known unit → collective with members →
new-district label stripped (东街办(工业新区) → 东街办, label kept as note) → compound split
(X及Y; two names run together, 区财政局区税务局) → kind by rule → unknown (kind ``other``, a
warning, the name passes through unchanged). Every decision is a row of
``Document.units_frame()``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from .errors import InputError
from .model import ROLE_RANK, UNIT_KINDS, Assignment, Document
from .parse.lines import normalise
from .read import decode_bytes
from .files import data_dir

__all__ = ["UnitTables", "Resolution", "load_unit_tables", "resolve_name", "resolve_document", "document_forms", "default_tables_dir", "clean_name"]

ENV_VAR = "XIALU_GRAPH_UNITS"


def default_tables_dir() -> Path:
    """Where the unit tables are read from by default.

    ``$XIALU_GRAPH_UNITS`` if set; else ``data/units`` of the source checkout (the package
    is installed in editable mode from the repository); else the copy packaged with the
    library (``xialu_graph/resources/units``, a link to ``data/units`` in the repository).
    """

    return data_dir("units", ENV_VAR)


@dataclass(frozen=True)
class Resolution:
    """One canonical unit a raw name resolves to."""

    unit: str
    kind: str
    rule: str
    via: str = ""
    note: str = ""
    source: str = ""
    raw: str = ""  # the piece of the written name this unit was split from (empty: the whole name)


@dataclass
class UnitTables:
    """The editable unit tables, loaded. See the module docstring for the files.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> "各街办(新区)" in t.collectives, t.folder.endswith("units")
    (True, True)
    """

    units: dict = field(default_factory=dict)  # name -> [(kind, place)]
    aliases: dict = field(default_factory=dict)  # alias -> [(unit, note, place)]
    collectives: dict = field(default_factory=dict)  # collective -> [(member, place)]
    kind_rules: list = field(default_factory=list)  # [(match, pattern, kind)]
    places: tuple = ()  # names that open a unit's own name: no level prefix from its list
    folder: str = ""

    def kind_of_known(self, name: str, place: str) -> Optional[str]:
        for kind, p in self.units.get(name, ()):
            if not p or p == place:
                return kind
        return None

    def alias_of(self, name: str, place: str):
        for unit, note, p in self.aliases.get(name, ()):
            if not p or p == place:
                return unit, note
        return None

    def members_of(self, name: str, place: str) -> list:
        return [m for m, p in self.collectives.get(name, ()) if not p or p == place]

    def kind_by_rule(self, name: str) -> Optional[str]:
        for match, pattern, kind in self.kind_rules:
            if (
                (match == "suffix" and name.endswith(pattern))
                or (match == "prefix" and name.startswith(pattern))
                or (match == "contains" and pattern in name)
            ):
                return kind
        return None

    def add_members(self, collective: str, members: list, place: str = "") -> "UnitTables":
        """A copy with extra members for a collective (to expand 区政府各部门, say)."""
        new = replace(self, collectives={k: list(v) for k, v in self.collectives.items()})
        new.collectives.setdefault(clean_name(collective), []).extend((clean_name(m), place) for m in members)
        return new


def csv_text(path) -> str:
    """The text of a user-edited CSV table: UTF-8 (with or without BOM), else GB18030/GBK.

    Excel on a Chinese Windows saves "CSV (逗号分隔)" as GBK; such a file is read as it is.
    Bytes that are neither raise an InputError with a one-line hint.

    Raises
    ------
    xialu_graph.InputError
        Missing file, or bytes neither UTF-8 nor GB18030/GBK (naming the encodings to save as).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "aliases.csv"
    >>> _ = p.write_bytes("alias,unit\\n区发改委,区发改局\\n".encode("gbk"))
    >>> csv_text(p).splitlines()[1]
    '区发改委,区发改局'
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("file does not exist", source=str(path)) from None
    try:
        text, _ = decode_bytes(data, name=str(path))
    except InputError as e:
        hint = "" if "save the file" in e.reason else "; save the table as CSV UTF-8 (or GBK)"
        raise InputError(e.reason + hint, source=str(path), line=e.line) from None
    return text


def _read_csv(path: Path, required: tuple) -> list[tuple[int, dict]]:
    if not path.exists():
        return []
    try:
        with io.StringIO(csv_text(path), newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)} in header", source=str(path), line=1)
            rows = []
            for row in reader:
                if None in row:
                    raise InputError("more cells than header columns", source=str(path), line=reader.line_num)
                if not any((v or "").strip() for v in row.values()):
                    continue
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
            return rows
    except csv.Error as e:
        raise InputError(f"bad CSV ({e})", source=str(path)) from None


def load_unit_tables(folder=None) -> UnitTables:
    """Load the unit tables from a folder (default :func:`default_tables_dir`).

    Raises
    ------
    InputError
        A table with a missing column, an unknown kind or an empty required cell, naming the
        file and line.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> t.members_of("各街办(新区)", "下陆区")
    ['东街办', '老街办', '团街办', '新街办']
    """
    folder = Path(folder) if folder is not None else default_tables_dir()
    if not folder.is_dir():
        raise InputError("unit tables folder does not exist", source=str(folder))
    t = UnitTables(folder=str(folder))
    p = folder / "units.csv"
    for ln, row in _read_csv(p, ("unit", "kind")):
        _check_kind(row["kind"], p, ln)
        if not row["unit"]:
            raise InputError("empty unit name", source=str(p), line=ln)
        t.units.setdefault(clean_name(row["unit"]), []).append((row["kind"], row.get("place", "")))
    p = folder / "aliases.csv"
    for ln, row in _read_csv(p, ("alias", "unit")):
        if not row["alias"] or not row["unit"]:
            raise InputError("alias and unit must both be given", source=str(p), line=ln)
        t.aliases.setdefault(clean_name(row["alias"]), []).append((clean_name(row["unit"]), row.get("note", ""), row.get("place", "")))
    p = folder / "collectives.csv"
    for ln, row in _read_csv(p, ("collective", "member")):
        if not row["collective"] or not row["member"]:
            raise InputError("collective and member must both be given", source=str(p), line=ln)
        t.collectives.setdefault(clean_name(row["collective"]), []).append((clean_name(row["member"]), row.get("place", "")))
    p = folder / "places.csv"
    if p.exists():  # optional: a folder made before the table was added has none
        t.places = tuple(sorted({row["place"] for _, row in _read_csv(p, ("place",)) if row["place"]}))
    p = folder / "kind_rules.csv"
    for ln, row in _read_csv(p, ("match", "pattern", "kind")):
        _check_kind(row["kind"], p, ln)
        if row["match"] not in ("prefix", "suffix", "contains"):
            raise InputError(f"match must be prefix, suffix or contains, not {row['match']!r}", source=str(p), line=ln)
        t.kind_rules.append((row["match"], row["pattern"], row["kind"]))
    return t


def _check_kind(kind: str, path: Path, line: int) -> None:
    if kind not in UNIT_KINDS:
        raise InputError(f"unknown kind {kind!r} (one of {', '.join(UNIT_KINDS)})", source=str(path), line=line)


_WS = re.compile(r"\s+")


def clean_name(raw: str) -> str:
    """Normalise a name for matching: half-width brackets, no spaces, no trailing punctuation.

    Examples
    --------
    >>> clean_name(" 各街办（新区）。")
    '各街办(新区)'
    """
    s = _WS.sub("", normalise(raw))
    s = s.replace("【", "[").replace("】", "]").replace("〈", "(").replace("〉", ")")
    s = s.replace("•", "·").replace("・", "·").replace("‧", "·")
    return s.strip("。.,;:、")


_LABEL = re.compile(r"^(.+?)\(([^()]{1,20})\)$")
_SPLIT_WORDS = ("以及", "及", "和", "与")  # split only when both halves read as units
_ADMIN_START = ("区", "市", "县", "省")
_UNIT_SUFFIX = ("局", "办", "委", "中心", "公司", "分局", "大队", "院", "所", "站", "会", "联", "部", "室", "专班", "集团", "银行")


def resolve_name(raw: str, tables: UnitTables, place: str = "", _depth: int = 0) -> list[Resolution]:
    """Resolve one raw name to one or more canonical units.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> [(r.unit, r.rule, r.note) for r in resolve_name("东街办(工业新区)", t, "下陆区")]
    [('东街办', 'label', '工业新区')]
    >>> [r.unit for r in resolve_name("区城管执法局及河湖长制成员单位", t, "下陆区")]
    ['区城管执法局', '河湖长制成员单位']
    """
    name = clean_name(raw)
    if not name:
        return []
    if _depth > 4:
        return [Resolution(name, tables.kind_by_rule(name) or "other", "suffix")]
    al = tables.alias_of(name, place)
    if al is not None:
        target, note = al
        out = []
        for r in resolve_name(target, tables, place, _depth + 1):
            out.append(replace(r, rule="alias", note=";".join(x for x in (note, r.note) if x), source="aliases.csv", raw=""))
        return out
    kind = tables.kind_of_known(name, place)
    if kind is not None:
        return [Resolution(name, kind, "exact", source="units.csv")]
    members = tables.members_of(name, place)
    if members:
        out = []
        for m in members:
            for r in resolve_name(m, tables, place, _depth + 1):
                out.append(Resolution(r.unit, r.kind, "collective", via=name, note=r.note, source="collectives.csv"))
        return out
    parts = _split_compound(name, tables, place)
    if parts:
        return split_resolutions(raw, name, parts, tables, place, _depth)
    rule_kind = tables.kind_by_rule(name)
    if rule_kind == "collective":
        return [Resolution(name, "collective", "suffix", source="kind_rules.csv")]
    m = _LABEL.match(name)
    if m:
        base, label = m.group(1), m.group(2)
        base_res = resolve_name(base, tables, place, _depth + 1)
        if len(base_res) == 1 and base_res[0].rule != "unknown":
            r = base_res[0]
            return [Resolution(r.unit, r.kind, "label", note=label, source=r.source or "kind_rules.csv")]
    if rule_kind is not None:
        return [Resolution(name, rule_kind, "suffix", source="kind_rules.csv")]
    return [Resolution(name, "other", "unknown", source="none")]


def split_resolutions(raw: str, name: str, parts: list, tables: UnitTables, place: str = "",
                      _depth: int = 0) -> list[Resolution]:
    """The units of a name split into ``parts`` (pieces of ``name = clean_name(raw)``, in order),
    rule ``split``; each carries in ``raw`` its piece as written (traditional characters and
    full-width brackets kept), so an assignment's ``unit_raw`` is the piece, not the whole name.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> raw = "州委編辦及州直相關單位"
    >>> [r.raw for r in split_resolutions(raw, clean_name(raw), ["州委編办", "州直相关单位"], t)]
    ['州委編辦', '州直相關單位']
    """
    out = []
    pos = 0
    for p in parts:
        k = name.find(p, pos)
        written = written_piece(raw, k, k + len(p)) if k >= 0 else None
        pos = k + len(p) if k >= 0 else pos
        for r in resolve_name(written or p, tables, place, _depth + 1):
            out.append(replace(r, rule="split", raw=r.raw or written or p))
    return out


def written_piece(raw: str, start: int, end: int) -> Optional[str]:
    """The part of ``raw`` that reads as ``clean_name(raw)[start:end]``, as written; None when the
    two cannot be lined up.

    Examples
    --------
    >>> written_piece(" 區財政局 區稅務局。", 4, 8)
    '區稅務局'
    """
    norm = normalise(raw)
    if len(norm) != len(raw):
        return None
    idx = [j for j, c in enumerate(norm) if not c.isspace()]
    squeezed = "".join(norm[j] for j in idx).replace("【", "[").replace("】", "]").replace("〈", "(").replace("〉", ")")
    lead = len(squeezed) - len(squeezed.lstrip("。.,;:、"))
    a, b = lead + start, lead + end - 1
    if not 0 <= a <= b < len(idx):
        return None
    piece = raw[idx[a]:idx[b] + 1]
    return piece if clean_name(piece) == clean_name(raw)[start:end] else None


def _is_unitish(s: str, tables: UnitTables, place: str) -> bool:
    if len(s) < 2:
        return False
    if tables.kind_of_known(s, place) or tables.alias_of(s, place) or tables.members_of(s, place):
        return True
    return tables.kind_by_rule(s) is not None and (s.endswith(_UNIT_SUFFIX) or tables.kind_by_rule(s) == "collective")


def _split_compound(name: str, tables: UnitTables, place: str) -> Optional[list[str]]:
    """X及Y → [X, Y]; 区财政局区税务局 → [区财政局, 区税务局]; None when no safe split. A name
    that holds a 、 is a collective the list kept whole (城乡一体化示范区、高新区党工委和管委会: a
    head noun shared by the names before it): it is not split at 和, 及, 与.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> _split_compound("城乡一体化示范区、高新区党工委和管委会", t, ""), _split_compound("区发改局和区财政局", t, "")
    (None, ['区发改局', '区财政局'])
    """
    for w in _SPLIT_WORDS if "、" not in name else ():
        i = name.find(w)
        if i > 0:
            a, b = name[:i], name[i + len(w):]
            if _is_unitish(a, tables, place) and _is_unitish(b, tables, place):
                return [a] + (_split_compound(b, tables, place) or [b])
    # two names run together without a separator
    for i in range(2, len(name) - 1):
        a, b = name[:i], name[i:]
        if not a.endswith(_UNIT_SUFFIX):
            continue
        known_b = tables.kind_of_known(b, place) or tables.alias_of(b, place)
        if known_b or (b.startswith(_ADMIN_START) and b.endswith(_UNIT_SUFFIX) and len(b) >= 3):
            if _is_unitish(a, tables, place):
                return [a] + (_split_compound(b, tables, place) or [b])
    return None


_ADMIN = ("区", "市", "县", "省")
_NO_PREFIX = ("区", "市", "县", "省", "各", "中", "全")
MAX_FORM_UNITS = 20000
# Each distinct unit name a document writes costs about 2 kB once resolved (its resolutions, the
# names shared by its assignments, the unit table's row); a real breakdown names a few hundred, a
# province's a few thousand. Above this many the document is refused: the memory a file can take
# stays within about 8x its size plus 100 MB (docs/security.md).
MAX_DISTINCT_UNITS = 50_000


def _with_prefix(name: str, prefix: str, tables: UnitTables, place: str) -> Optional[list[Resolution]]:
    """市发改委、国土房管局: give 国土房管局 the list's prefix when it is an unknown department."""
    if not prefix or name.startswith(_NO_PREFIX) or tables.places and name.startswith(tables.places):
        return None
    res = resolve_name(name, tables, place)
    if len(res) != 1 or res[0].rule not in ("suffix", "unknown") or res[0].kind not in ("department", "other"):
        return None
    full = resolve_name(prefix + name, tables, place)
    return [replace(r, rule="prefix") for r in full]


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def document_forms(units: dict) -> dict:
    """Long and short forms of one unit in one document → {form: canonical}.

    ``units`` maps canonical name → kind. Two rules, both only between names of the same kind
    that are not collectives:

    * a name without level prefix joins its prefixed form when that is in the document
      (税务局 → 区税务局);
    * a name whose characters are a subsequence of a longer name with the same first two
      and last characters is its short form (区发改局 ⊂ 区发展和改革局, 区招商中心 ⊂
      区招商服务中心); the longer name maps to the shorter. Names with parentheses are left
      alone (区发改(商务)局 is a different office shape, for the year comparison to judge).

    Examples
    --------
    >>> document_forms({"区发改局": "department", "区发展和改革局": "department", "税务局": "department", "区税务局": "vertical"})
    {'税务局': '区税务局', '区发展和改革局': '区发改局'}
    """
    out: dict = {}
    names = [u for u, k in units.items() if k != "collective"]
    if len(names) > MAX_FORM_UNITS:
        return out
    present = set(names)
    for u in names:
        if not u.startswith(_NO_PREFIX):
            for p in _ADMIN:
                if p + u in present:
                    out[u] = p + u
                    break
    buckets: dict = {}
    for u in names:
        if u in out or "(" in u or len(u) < 4:
            continue
        buckets.setdefault((u[:2], u[-1], units[u]), []).append(u)
    for group in buckets.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda x: (len(x), x))
        for i, long in enumerate(group):
            for short in group[:i]:
                if len(short) < len(long) <= len(short) + 6 and short not in out and _is_subsequence(short, long):
                    out[long] = short
                    break
    return out


def _bare_suffix(s: str, tables: UnitTables) -> bool:
    """A name that is no more than a kind rule's suffix with fewer than two characters before it
    (办公室, 县委): too general to stand for a unit of its own in a split."""
    longest = max((len(p) for m, p, _ in tables.kind_rules if m == "suffix" and s.endswith(p)), default=0)
    return len(s) - longest < 2


def split_pair(name: str, alone: set, tables: UnitTables, place: str = "") -> Optional[list[str]]:
    """Two unit names written together with nothing between them (``派出所工商质监所``) → the two
    names, when one of them is written alone in the same document (``alone``), the other reads as
    a unit by the tables (a known unit, an alias, or a kind rule's suffix), and neither is a bare
    suffix (``办公室``); None when no such cut exists or more than one does.

    Examples
    --------
    >>> t = load_unit_tables()
    >>> split_pair("派出所工商质监所", {"工商质监所", "安监站"}, t)
    ['派出所', '工商质监所']
    >>> split_pair("区政府办公室", {"办公室"}, t) is None
    True
    """
    cuts = []
    for i in range(3, len(name) - 2):
        a, b = name[:i], name[i:]
        if a not in alone and b not in alone:
            continue
        if all(resolve_name(x, tables, place)[0].rule != "unknown" and not _bare_suffix(x, tables)
               and x.endswith(_UNIT_SUFFIX) for x in (a, b)):
            cuts.append([a, b])
    return cuts[0] if len(cuts) == 1 else None


def _document_pairs(cache: dict, tables: UnitTables, place: str) -> dict:
    """Split, in ``cache``, the names read as one unit by suffix or not at all that are two names
    of the document run together (:func:`split_pair`); returns {name: [parts]}."""
    alone = {clean_name(raw) for raw, _ in cache}
    done: dict = {}
    for (raw, prefix), res in cache.items():
        if len(res) != 1 or res[0].rule not in ("suffix", "unknown") or res[0].kind == "collective":
            continue
        name = clean_name(raw)
        parts = split_pair(name, alone, tables, place)
        if parts:
            cache[(raw, prefix)] = split_resolutions(raw, name, parts, tables, place)
            done[name] = parts
    return done


def resolve_document(doc: Document, tables: Optional[UnitTables] = None, *, place: Optional[str] = None) -> Document:
    """Fill ``task.assignments`` from ``task.raw_assignments`` and build the unit table.

    Each raw name is resolved by :func:`resolve_name` (with the list's level prefix when only
    the first name of a list carried it); then long and short forms of one unit within the
    document are joined (:func:`document_forms`, rules ``prefix`` and ``short_form``). A unit
    named twice on one task keeps its strongest role (lead > responsible > support; a direct
    mention beats one through a collective); each merge is counted in
    ``doc.report.duplicates_merged``. Unknown names pass through with kind ``other`` and an
    ``unknown_unit`` warning.

    Returns
    -------
    Document
        The same object, updated.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("1、抓项目。[牵头单位:区公安分局]\\n", place="下陆区")
    >>> resolve_document(doc).tasks[0].units()
    ['下陆公安分局']
    """
    tables = tables if tables is not None else load_unit_tables()
    place = doc.metadata.place if place is None else place
    cache: dict[tuple, list[Resolution]] = {}
    for t in doc.tasks:
        for ra in t.raw_assignments:
            key = (ra.unit_raw, ra.prefix)
            if key not in cache:
                if len(cache) >= MAX_DISTINCT_UNITS:
                    raise InputError(f"names more than {MAX_DISTINCT_UNITS:,} distinct units; refused as a hostile "
                                     "file (each distinct name costs about 2 kB of memory)",
                                     source=doc.metadata.source, line=ra.line)
                res = _with_prefix(clean_name(ra.unit_raw), ra.prefix, tables, place) if ra.prefix else None
                cache[key] = res if res is not None else resolve_name(ra.unit_raw, tables, place)
    pairs = _document_pairs(cache, tables, place)
    if pairs:
        doc.report.conventions["unit_pairs_split"] = pairs
    kinds: dict = {}
    for res in cache.values():
        for r in res:
            kinds.setdefault(r.unit, r.kind)
    forms = document_forms(kinds)
    if forms:
        for key, res in cache.items():
            cache[key] = [
                replace(r, unit=forms[r.unit], kind=kinds.get(forms[r.unit], r.kind),
                        rule="prefix" if forms[r.unit].endswith(r.unit) else "short_form")
                if r.unit in forms and r.rule not in ("alias",) else r
                for r in res
            ]
        doc.report.conventions["unit_forms"] = dict(sorted(forms.items()))
        first_line: dict = {}
        for t in doc.tasks:
            for ra in t.raw_assignments:
                for r in cache[(ra.unit_raw, ra.prefix)]:
                    first_line.setdefault(r.unit, ra.line)
        for long, short in sorted(forms.items()):
            doc.report.warn(first_line.get(short, 0), "guess_unit_form", f"{long!r} and {short!r} read as one unit, {short!r}")
    for (raw, prefix), res in cache.items():
        if prefix and any(r.rule == "prefix" for r in res):
            line = next((ra.line for t in doc.tasks for ra in t.raw_assignments if (ra.unit_raw, ra.prefix) == (raw, prefix)), 0)
            doc.report.warn(line, "guess_prefix", f"{raw!r} read as {res[0].unit!r}: the list's first unit carries the level prefix {prefix!r}")
    # each (raw name, resolution) gets a slot once per cache key, so the loop over mentions
    # below hashes no Resolution (a frozen dataclass) and makes one dict look-up per name
    slots: dict[tuple, int] = {}
    slot_keys: list[tuple] = []
    by_key: dict[tuple, tuple] = {}
    for (raw, prefix), res in cache.items():
        entry = []
        for r in res:
            k = (raw, r)
            slot = slots.get(k)
            if slot is None:
                slot = slots[k] = len(slot_keys)
                slot_keys.append(k)
            entry.append((r.unit, r.via, (r.unit, r.raw or raw, r.via, r.kind, r.rule, r.note), slot))
        by_key[(raw, prefix)] = (entry, any(r.rule == "unknown" for r in res))
    counts = [0] * len(slot_keys)
    warned: set[str] = set()
    merged = 0
    for t in doc.tasks:
        chosen: dict[str, Assignment] = {}  # in the order first named (a merge keeps the unit's place)
        tid = t.task_id
        for ra in t.raw_assignments:
            raw = ra.unit_raw
            entry, unknown = by_key[(raw, ra.prefix)]
            if unknown and raw not in warned:
                warned.add(raw)
                doc.report.warn(ra.line, "unknown_unit", f"unit {raw!r} is in no table and matches no rule; kept as kind 'other'")
            role, line = ra.role, ra.line
            for unit, via, names, slot in entry:
                counts[slot] += 1
                old = chosen.get(unit)
                if old is None:
                    # every mention of this raw name resolved this way shares the names tuple
                    chosen[unit] = Assignment.of_names(tid, role, line, names)
                    continue
                merged += 1
                if (ROLE_RANK[role], bool(via)) < (ROLE_RANK[old.role], bool(old.via)):
                    chosen[unit] = Assignment.of_names(tid, role, line, names)
        t.assignments = list(chosen.values())  # sized exactly (a comprehension over-allocates)
    doc.report.duplicates_merged = merged
    doc.unit_table = [
        {
            "unit_raw": raw,
            "unit": r.unit,
            "unit_kind": r.kind,
            "rule": r.rule,
            "via": r.via,
            "note": r.note,
            "source": r.source,
            "n_mentions": n,
        }
        for (raw, r), n in zip(slot_keys, counts)
    ]
    return doc
