"""Matching units across documents: suggestions with a score and a reason, confirmed by a user.

The alias tables (``data/units/aliases.csv``) are applied first, when each document is read
(:func:`xialu_graph.units.resolve_document`). What they do not cover is *suggested* here and
written to a CSV the user edits (``confirmed`` = yes / no); nothing is merged until a row is
confirmed and the file is passed back (:func:`apply_unit_matches`, ``--matches``).

Rules, strongest first (a pair gets the first rule that applies)
---------------------------------------------------------------
abbreviation (score 0.95)
    the names are equal once long forms are shortened (:data:`ABBREVIATIONS`, e.g.
    街道办事处 → 街办, 服务中心 → 中心, 有限公司 → 公司), 花湖街道办事处 ↔ 花湖街办;
区 prefix (0.9; 0.85 with an abbreviation)
    equal once a leading 区 is dropped, 区长乐投资公司 ↔ 长乐投资公司;
parenthesised function (0.9 base, 0.8 part)
    区发改(商务)局 ↔ 区发改局 (the name without the bracket, relation ``same``) and
    区发改(商务)局 ↔ 区商务办 (the function in brackets became a unit of its own, relation
    ``part``: a split);
string similarity (difflib ratio ≥ ``min_score``, default 0.75)
    on the shortened names, only between units of the same kind.

Long and short forms that :func:`xialu_graph.resolve_document` already joined inside one
document (``report.conventions["unit_forms"]``) are listed too (score 0.95), so the user sees
them and can confirm them for the other documents.

Two names listed together on one task are unlikely to be one unit: the score drops by 0.3
and the reason says so. Collectives (各街道办事处 …) are never matched.

Columns of the suggestion table (``MATCH_COLUMNS``), one row per pair of names
------------------------------------------------------------------------------
unit_a, unit_b
    the two names; ``unit_a`` first appears in an earlier (or the same) document
relation
    ``same`` (one unit under two names: merge) or ``part`` (``unit_b`` took over part of
    ``unit_a``: a split; recorded as lineage, nothing merged)
score
    0–1, higher is more likely
reason
    the rule, in words
canonical
    the name a confirmed ``same`` row merges both into (default: the name used in the latest
    document, then the more frequent); editable; '' for ``part``
docs_a, docs_b
    labels of the documents naming each unit, ';'-joined
n_a, n_b
    number of assignments naming each unit, over all documents
confirmed
    ``no`` as written; the user sets ``yes`` to apply the row (yes/no, y/n, true/false, 1/0,
    是/否; empty counts as no)

Rows: by score (highest first), then unit_a, unit_b.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from difflib import SequenceMatcher
from typing import Optional

from ..errors import InputError
from ..model import ROLE_RANK
from ..units import csv_text
from .corpus import Corpus, CorpusEntry

__all__ = [
    "ABBREVIATIONS",
    "MATCH_COLUMNS",
    "unit_inventory",
    "shorten",
    "suggest_unit_matches",
    "read_unit_matches",
    "merge_confirmations",
    "unit_mapping",
    "unit_lineage",
    "apply_unit_matches",
    "rename_units",
]

MATCH_COLUMNS = ["unit_a", "unit_b", "relation", "score", "reason", "canonical", "docs_a", "docs_b", "n_a", "n_b", "confirmed"]

ABBREVIATIONS = (
    ("街道办事处", "街办"),
    ("街道办", "街办"),
    ("有限责任公司", "公司"),
    ("有限公司", "公司"),
    ("服务中心", "中心"),
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("人民政府", "政府"),
    ("办公室", "办"),
    ("发展和改革", "发改"),
    ("人力资源和社会保障", "人社"),
    ("监督管理", "监管"),
    ("卫生健康", "卫健"),
    ("住房和城乡建设", "住建"),
)
"""(long form, short form) pairs applied in order by :func:`shorten`."""

_YES = {"yes", "y", "true", "1", "是", "确认"}
_NO = {"no", "n", "false", "0", "否", "", "nan"}
_PAREN = re.compile(r"^(.+?)\(([^()]{1,12})\)(.*)$")


def shorten(name: str) -> tuple[str, list[str]]:
    """The name with long forms shortened (:data:`ABBREVIATIONS`), and the rules used.

    Examples
    --------
    >>> shorten("花湖街道办事处")
    ('花湖街办', ['街道办事处 → 街办'])
    """
    used = []
    s = name
    for long, short in ABBREVIATIONS:
        if long in s:
            s = s.replace(long, short)
            used.append(f"{long} → {short}")
    return s, used


def _strip_qu(s: str) -> str:
    return s[1:] if s.startswith("区") and len(s) > 3 else s


def unit_inventory(corpus) -> dict:
    """name → {"kind", "docs" (labels, in corpus order), "n", "first", "last", "tasks"} over the
    corpus (collectives left out). ``tasks`` is a set of (label, task_id)."""
    inv: dict = {}
    for i, e in enumerate(corpus):
        for a in e.document.assignments:
            if a.unit_kind == "collective":
                continue
            d = inv.setdefault(a.unit, {"kind": a.unit_kind, "docs": [], "n": 0, "first": i, "last": i, "tasks": set()})
            if e.label not in d["docs"]:
                d["docs"].append(e.label)
            d["n"] += 1
            d["last"] = i
            d["tasks"].add((e.label, a.task_id))
    return inv


def _rule(x: str, y: str, kx: str, ky: str, min_score: float):
    """(relation, score, reason) for the pair, or None. ``x`` is the earlier name."""
    sx, ux = shorten(x)
    sy, uy = shorten(y)
    if sx == sy:
        return "same", 0.95, "abbreviation: " + "; ".join(ux + uy)
    if _strip_qu(sx) == _strip_qu(sy):
        if ux or uy:
            return "same", 0.85, "区 prefix added or dropped; abbreviation: " + "; ".join(ux + uy)
        return "same", 0.9, "区 prefix added or dropped"
    for p, q in ((x, y), (y, x)):
        m = _PAREN.match(p)
        if not m:
            continue
        pre, func, post = m.group(1), m.group(2), m.group(3)
        base = pre + post
        sb = _strip_qu(shorten(base)[0])
        sq = _strip_qu(shorten(q)[0])
        if sq == sb:
            return "same", 0.9, f"parenthesised function: {p} without ({func}) is {q}"
        if len(func) >= 2 and sq.startswith(func) and len(sq) > len(func):
            rel = "part"
            return rel, 0.8, f"parenthesised function: ({func}) of {p} became a unit of its own, {q}"
    if kx != ky and "other" not in (kx, ky):
        return None
    a, b = _strip_qu(sx), _strip_qu(sy)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < min_score or sm.quick_ratio() < min_score:
        return None
    r = sm.ratio()
    if r >= min_score:
        return "same", round(r, 3), f"string similarity {r:.2f} (difflib, on {a} / {b})"
    return None


def suggest_unit_matches(corpus, *, min_score: float = 0.75):
    """Suggest pairs of unit names that may be one unit (or a split), for the user to confirm.

    Parameters
    ----------
    corpus : Corpus
        From :func:`read_corpus` (alias tables already applied).
    min_score : float, default 0.75
        Smallest difflib ratio for a string-similarity suggestion.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MATCH_COLUMNS` (module docstring); ``confirmed`` is ``no`` everywhere.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.compare import Corpus, CorpusEntry
    >>> a = xg.read_document("一、甲\\n1、乙。[责任单位:花湖街道办事处]\\n")
    >>> b = xg.read_document("一、甲\\n1、乙。[责任单位:花湖街办]\\n")
    >>> s = suggest_unit_matches(Corpus([CorpusEntry("A", a), CorpusEntry("B", b)]))
    >>> s[["unit_a", "unit_b", "relation", "canonical"]].values.tolist()
    [['花湖街道办事处', '花湖街办', 'same', '花湖街办']]
    """
    import pandas as pd

    inv = unit_inventory(corpus)
    names = sorted(inv, key=lambda n: (inv[n]["first"], n))
    rows = []
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            dx, dy = inv[x], inv[y]
            hit = _rule(x, y, dx["kind"], dy["kind"], min_score)
            if hit is None:
                continue
            rel, score, reason = hit
            together = len(dx["tasks"] & dy["tasks"])
            if together:
                score = round(max(score - 0.3, 0.0), 3)
                reason += f"; named together on {together} task(s)"
            if rel == "same":
                canonical = max((x, y), key=lambda n: (inv[n]["last"], len(inv[n]["docs"]), inv[n]["n"], len(n), n))
            else:
                canonical = ""
            rows.append(
                {
                    "unit_a": x,
                    "unit_b": y,
                    "relation": rel,
                    "score": float(score),
                    "reason": reason,
                    "canonical": canonical,
                    "docs_a": ";".join(dx["docs"]),
                    "docs_b": ";".join(dy["docs"]),
                    "n_a": dx["n"],
                    "n_b": dy["n"],
                    "confirmed": "no",
                }
            )
    # long and short forms the parser already joined inside one document (rules prefix,
    # short_form): shown so the user sees them, and can apply them to the other documents
    seen = {(r["unit_a"], r["unit_b"]) for r in rows} | {(r["unit_b"], r["unit_a"]) for r in rows}
    joined: dict = {}
    for e in corpus:
        for long, short in (e.document.report.conventions.get("unit_forms") or {}).items():
            joined.setdefault((long, short), []).append(e.label)
    for (long, short), labs in sorted(joined.items()):
        if (long, short) in seen or long == short:
            continue
        seen.add((long, short))
        dl = inv.get(long, {"docs": [], "n": 0})
        ds = inv.get(short, {"docs": [], "n": 0})
        rows.append(
            {
                "unit_a": long,
                "unit_b": short,
                "relation": "same",
                "score": 0.95,
                "reason": f"long and short form, already joined as {short} when {'、'.join(labs)} was read; "
                          "confirm to join them in every document",
                "canonical": short,
                "docs_a": ";".join(dl["docs"]),
                "docs_b": ";".join(ds["docs"]),
                "n_a": dl["n"],
                "n_b": ds["n"],
                "confirmed": "no",
            }
        )
    df = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    df = df.sort_values(["score", "unit_a", "unit_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    return df.astype({"score": "float64", "n_a": "int64", "n_b": "int64"})


def _yes(value, path: str = "", line: int = 0) -> bool:
    v = str(value if value is not None else "").strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise InputError(f"confirmed must be yes or no, not {value!r}", source=path, line=line)


def read_unit_matches(path):
    """Read a (user-edited) unit-match CSV; columns unit_a, unit_b, confirmed required.

    ``relation`` defaults to ``same`` and ``canonical`` to ``unit_b``. ``confirmed`` is
    normalised to ``yes``/``no``.

    Raises
    ------
    xialu_graph.InputError
        Missing file or column, an empty name, a relation other than same/part, a confirmed
        value other than yes/no — naming the file and line.
    """
    import pandas as pd

    path = str(path)
    try:
        with io.StringIO(csv_text(path), newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in ("unit_a", "unit_b", "confirmed") if c not in header]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)} in header", source=path, line=1)
            rows = []
            for row in reader:
                ln = reader.line_num
                row = {k: (v or "").strip() for k, v in row.items() if k is not None}
                if not any(row.values()):
                    continue
                a, b = row["unit_a"].lstrip("'"), row["unit_b"].lstrip("'")
                if not a or not b:
                    raise InputError("unit_a and unit_b must both be given", source=path, line=ln)
                rel = row.get("relation") or "same"
                if rel not in ("same", "part"):
                    raise InputError(f"relation must be same or part, not {rel!r}", source=path, line=ln)
                out = {c: row.get(c, "") for c in MATCH_COLUMNS}
                out.update(unit_a=a, unit_b=b, relation=rel, confirmed="yes" if _yes(row["confirmed"], path, ln) else "no")
                out["canonical"] = (row.get("canonical") or "").lstrip("'") or (b if rel == "same" else "")
                rows.append(out)
    except FileNotFoundError:
        raise InputError("file does not exist", source=path) from None
    except csv.Error as e:
        raise InputError(f"bad CSV ({e})", source=path) from None
    df = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    df["score"] = pd.to_numeric(df["score"], errors="coerce")
    for c in ("n_a", "n_b"):
        df[c] = pd.to_numeric(df[c], errors="coerce").fillna(0).astype("int64")
    return df


def merge_confirmations(suggested, confirmed):
    """The suggestions with the user's decisions carried over, plus rows the user added.

    Rows are keyed by (unit_a, unit_b, relation), in either order of the names; the user's
    ``confirmed`` and ``canonical`` win.
    """
    import pandas as pd

    if confirmed is None or len(confirmed) == 0:
        return suggested.copy()

    def key(r):
        return (min(r["unit_a"], r["unit_b"]), max(r["unit_a"], r["unit_b"]), r["relation"])

    user = {key(r): r for r in confirmed.to_dict("records")}
    rows = []
    for r in suggested.to_dict("records"):
        u = user.pop(key(r), None)
        if u is not None:
            r["confirmed"] = u["confirmed"]
            if u.get("canonical"):
                r["canonical"] = u["canonical"]
        rows.append(r)
    rows.extend(user[k] for k in sorted(user))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS).astype({"n_a": "int64", "n_b": "int64"})


def unit_mapping(matches) -> dict:
    """name → canonical name from the confirmed ``same`` rows (chains merged transitively).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([{"unit_a": "甲局", "unit_b": "甲办", "relation": "same", "canonical": "甲办", "confirmed": "yes"},
    ...                   {"unit_a": "乙局", "unit_b": "乙办", "relation": "same", "canonical": "乙办", "confirmed": "no"}])
    >>> unit_mapping(m)
    {'甲局': '甲办'}
    """
    if matches is None or len(matches) == 0:
        return {}
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    votes: dict = {}
    for r in matches.to_dict("records"):
        if r.get("relation", "same") != "same" or not _yes(r.get("confirmed")):
            continue
        a, b = r["unit_a"], r["unit_b"]
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        votes.setdefault((a, b), r.get("canonical") or b)
    groups: dict = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    canon_of_root: dict = {}
    for (a, b), c in votes.items():
        canon_of_root.setdefault(find(a), []).append(c)
    out = {}
    for root, members in sorted(groups.items()):
        cands = canon_of_root.get(root, [])
        canon = sorted(set(cands), key=lambda c: (-cands.count(c), c))[0] if cands else sorted(members)[0]
        for m in sorted(members):
            if m != canon:
                out[m] = canon
    return out


def unit_lineage(matches, mapping: Optional[dict] = None) -> dict:
    """Confirmed ``part`` rows as {"split_into": {old: [new …]}, "split_from": {new: [old …]}},
    names mapped through ``mapping``."""
    mapping = mapping or {}
    into: dict = {}
    frm: dict = {}
    if matches is not None and len(matches):
        for r in matches.to_dict("records"):
            if r.get("relation") != "part" or not _yes(r.get("confirmed")):
                continue
            a, b = mapping.get(r["unit_a"], r["unit_a"]), mapping.get(r["unit_b"], r["unit_b"])
            into.setdefault(a, set()).add(b)
            frm.setdefault(b, set()).add(a)
    return {"split_into": {k: sorted(v) for k, v in sorted(into.items())},
            "split_from": {k: sorted(v) for k, v in sorted(frm.items())}}


def rename_units(doc, mapping: dict):
    """A copy of ``doc`` with unit names replaced through ``mapping``; a unit named twice on a
    task after renaming keeps its strongest role. The original is left untouched."""
    if not mapping:
        return doc
    new = copy.deepcopy(doc)
    for t in new.tasks:
        chosen: dict = {}
        order = []
        for a in t.assignments:
            a.unit = mapping.get(a.unit, a.unit)
            old = chosen.get(a.unit)
            if old is None:
                chosen[a.unit] = a
                order.append(a.unit)
            elif (ROLE_RANK[a.role], bool(a.via)) < (ROLE_RANK[old.role], bool(old.via)):
                chosen[a.unit] = a
        t.assignments = [chosen[u] for u in order]
    for row in new.unit_table:
        row["unit"] = mapping.get(row["unit"], row["unit"])
    return new


def apply_unit_matches(corpus, matches):
    """A new Corpus whose documents use the canonical names of the confirmed ``same`` rows.

    Examples
    --------
    >>> import pandas as pd, xialu_graph as xg
    >>> from xialu_graph.compare import Corpus, CorpusEntry
    >>> c = Corpus([CorpusEntry("A", xg.read_document("一、甲\\n1、乙。[责任单位:花湖街道办事处]\\n"))])
    >>> m = pd.DataFrame([{"unit_a": "花湖街道办事处", "unit_b": "花湖街办", "relation": "same",
    ...                    "canonical": "花湖街办", "confirmed": "yes"}])
    >>> apply_unit_matches(c, m)[0].document.tasks[0].units()
    ['花湖街办']
    """

    mapping = unit_mapping(matches)
    return Corpus(CorpusEntry(e.label, rename_units(e.document, mapping), e.path) for e in corpus)
