"""Many documents → per-document tables and a panel for statistics.

:func:`batch` reads and analyses every document on its own, in worker processes (joblib's
``loky`` backend on this machine, or a Dask cluster through joblib's ``dask`` backend). A
worker returns two small tables and one row of measures — never a Document — and the parent
process writes them, atomically, as the document's *part* under ``OUT/parts/``. A part is
keyed on the SHA-256 of the file's bytes, the package version and the analysis options, so
a second run (after a crash, Ctrl-C, or with more documents added) skips every document
already done; a part whose files were damaged is detected (sizes and checksums recorded in
its ``part.json``) and redone. A document that cannot be read or analysed becomes a row of
the failures table instead of stopping the run.

At the end the parts are streamed, a few hundred at a time, into one long table per level,
written as Parquet (pyarrow) and as CSV (UTF-8 with BOM, spreadsheet-safe cells)::

    OUT/panel/units.parquet      units.csv       one row per unit and document
    OUT/panel/tasks.parquet      tasks.csv       one row per task and document
    OUT/panel/documents.parquet  documents.csv   one row per document
    OUT/panel/failures.parquet   failures.csv    one row per document that failed

The columns are :data:`UNIT_PANEL_COLUMNS`, :data:`TASK_PANEL_COLUMNS`,
:data:`DOCUMENT_PANEL_COLUMNS` and :data:`FAILURE_COLUMNS` (name → meaning; the data
dictionary ``docs/panel.md`` lists the same). Unit names follow the document's own
resolution (``data/units``); ``canonical_unit`` applies only the *confirmed* rows of a
``unit_matches.csv`` (``matches=``), never a guess.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import json
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import InputError
from .datasets import synthetic_document
from .units import default_tables_dir, load_unit_tables
from .graph import build_graph, coerce_weights, unit_nodes
from .metrics import co_responsibility_clusters, gini, herfindahl, task_clusters, unit_load
from .pipeline import read_document
from .files import atomic_path, clean_cell
from . import __version__
from .compare.unit_matching import read_unit_matches, unit_mapping

__all__ = [
    "batch",
    "BatchResult",
    "expand_inputs",
    "government_level",
    "synthetic_text",
    "write_synthetic_corpus",
    "UNIT_PANEL_COLUMNS",
    "TASK_PANEL_COLUMNS",
    "DOCUMENT_PANEL_COLUMNS",
    "FAILURE_COLUMNS",
    "PANEL_TABLES",
]

SCHEMA_VERSION = 1
"""Bumped whenever a part's content changes meaning; part keys include it."""

SUFFIXES = (".txt", ".html", ".htm", ".docx")

_DOC_KEYS = {
    "document": "the document: its path relative to the input folder (or the glob's folder), or the file as given",
    "doc_key": "content key of the part (SHA-256 of package version, options and file bytes, 20 hex digits)",
    "place": "district or county named in the metadata ('' when not found)",
    "year": "plan year from the metadata (<NA> when not found)",
    "level": "level of government from the place name: district (区), county (县/旗), city (市), "
    "province (省), '' when unknown; a 市 may be a county-level city",
}

UNIT_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "unit": "canonical unit name within the document (alias tables of data/units applied)",
    "canonical_unit": "unit name across documents: confirmed unit_matches.csv rows applied, otherwise = unit",
    "unit_kind": "unit kind (department, street_office, vertical, enterprise, task_force, collective, …)",
    "n_lead": "tasks on which the unit leads (牵头)",
    "n_support": "tasks on which the unit supports (配合/责任单位 after a lead)",
    "n_responsible": "tasks on which the unit is responsible with no lead named",
    "n_tasks": "tasks the unit is on (n_lead + n_support + n_responsible)",
    "weighted_load": "sum of the role weights on the unit's tasks (default lead 1, support 0.5, responsible 1)",
    "share": "weighted_load / total weighted_load of the ranked units (<NA> for collectives)",
    "load_rank": "1 = heaviest weighted_load among ranked units, ties share the lower rank (<NA> unranked)",
    "ranked": "False for collectives (kept out of rankings, shares and Gini)",
    "degree": "two-mode degree centrality: n_tasks / tasks in the document",
    "betweenness": "two-mode betweenness (networkx bipartite normalisation); NaN unless betweenness=True",
    "cluster": "co-responsibility cluster (seeded Louvain, 0 = largest); <NA> for collectives or clusters=False",
}

TASK_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "task_id": "task number as written (附件 tasks keep their prefix)",
    "section_no": "section number (一, 二, …)",
    "section": "section title",
    "line": "first line of the task in the document",
    "n_units": "units on the task (after collectives are expanded, unless expand_collectives=False)",
    "n_lead": "units leading the task",
    "n_support": "units supporting",
    "n_responsible": "units responsible with no lead named",
    "n_via_collective": "units on the task only through a collective name (各街办 …)",
    "has_lead": "True when at least one unit leads the task",
    "weighted_load": "sum of the role weights on the task's edges",
    "cluster": "cluster the task is assigned to (Barber's rule; -1 no clustered unit; <NA> clusters=False)",
}

DOCUMENT_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "edition": "1 = earliest document of the place (by year, then document); <NA> without a place",
    "n_editions": "documents of the same place in the panel",
    "title": "plan title",
    "date": "publication date (ISO) when found",
    "format": "text, html or docx",
    "n_tasks": "tasks parsed",
    "n_units": "distinct units on the graph (collectives expanded unless expand_collectives=False)",
    "n_ranked_units": "units ranked (not collectives)",
    "n_assignments": "unit–task edges",
    "gini": "Gini coefficient of weighted_load over ranked units (0 equal … (n-1)/n one unit)",
    "hhi": "Herfindahl–Hirschman index of weighted_load shares (1/n … 1)",
    "top5_share": "share of the weighted load carried by the 5 heaviest ranked units",
    "gini_lead": "Gini coefficient of n_lead over ranked units",
    "collective_share": "share of unit–task edges that come from a collective name (各街办 …)",
    "no_lead_share": "share of tasks with no lead unit",
    "n_clusters": "co-responsibility clusters (<NA> clusters=False)",
    "modularity": "modularity of the clusters on the unit projection (NaN clusters=False)",
    "n_warnings": "parse warnings",
    "truncated": "True when the text stops mid-item (an excerpt)",
}

FAILURE_COLUMNS = {
    "document": "the document as given",
    "reason": "one line: why it could not be read or analysed",
}

PANEL_TABLES = ("units", "tasks", "documents", "failures")


def government_level(place: str) -> str:
    """Level of government from a place name.

    Examples
    --------
    >>> [government_level(p) for p in ("下陆区", "阳新县", "大冶市", "湖北省", "")]
    ['district', 'county', 'city', 'province', '']
    """
    place = place or ""
    if place.endswith("区"):
        return "district"
    if place.endswith(("县", "旗")):
        return "county"
    if place.endswith("市"):
        return "city"
    if place.endswith("省"):
        return "province"
    return ""


SYNTHETIC_PLACES = ("下陆区", "黄石港区", "西塞山区", "铁山区", "阳新县", "大冶市")
"""Places of :func:`write_synthetic_corpus`, in turn."""


def synthetic_text(seed: int = 0, *, place: str = "下陆区", year: int = 2020, n_tasks: int = 100) -> str:
    """A synthetic document (:func:`xialu_graph.datasets.synthetic_document`) as genre text.

    The notice names the place and the year; each task is written ``k、text[牵头单位:…;责任单位:…]``
    (``[责任单位:…]`` when it has no lead), a collective as its written name (各街办(新区)).

    Examples
    --------
    >>> text = synthetic_text(1, n_tasks=2, place="黄石港区", year=2021)
    >>> text.splitlines()[3]
    '1、大力实施疫情防控工作,认真做好数字经济。[牵头单位:区医保局;责任单位:下陆公安分局、区财政局、区项目办、区发改局]'
    >>> import xialu_graph as xg
    >>> doc = xg.read_document(text)
    >>> doc.metadata.place, doc.metadata.year, len(doc.tasks)
    ('黄石港区', 2021, 2)
    """

    doc = synthetic_document(seed, n_tasks=n_tasks)
    lines = [f"{place}人民政府关于印发{year}年政府重点工作责任分解的通知", f"{year}年政府重点工作责任分解"]
    section = None
    for t in doc.tasks:
        if t.section_no != section:
            section = t.section_no
            lines.append(f"{section}、{t.section}")
        lead = [a.unit for a in t.assignments if a.role == "lead" and not a.via]
        rest = [a.unit for a in t.assignments if a.role != "lead" and not a.via]
        rest += sorted({a.via for a in t.assignments if a.via})
        if lead:
            brackets = f"[牵头单位:{'、'.join(lead)}" + (f";责任单位:{'、'.join(rest)}]" if rest else "]")
        else:
            brackets = f"[责任单位:{'、'.join(rest)}]"
        lines.append(f"{t.number}、{t.text}{brackets}")
    return "\n".join(lines) + "\n"


def write_synthetic_corpus(folder, n: int, *, seed: int = 0, n_tasks: int = 100, first_year: int = 2015) -> list[Path]:
    """Write ``n`` synthetic documents as ``<place>_<year>_<i>.txt`` files (for tests and benchmarks).

    Document ``i`` has seed ``seed + i``, place ``SYNTHETIC_PLACES[i % 6]`` and year
    ``first_year + (i // 6) % 10``.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in write_synthetic_corpus(tempfile.mkdtemp(), 2, n_tasks=3)]
    ['下陆区_2015_00000.txt', '黄石港区_2015_00001.txt']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        place = SYNTHETIC_PLACES[i % len(SYNTHETIC_PLACES)]
        year = first_year + (i // len(SYNTHETIC_PLACES)) % 10
        p = folder / f"{place}_{year}_{i:05d}.txt"
        p.write_text(synthetic_text(seed + i, place=place, year=year, n_tasks=n_tasks), encoding="utf-8")
        out.append(p)
    return out


# --------------------------------------------------------------------------- schemas


@functools.lru_cache(maxsize=1)
def _schemas():
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    key = [("document", s), ("doc_key", s), ("place", s), ("year", i), ("level", s)]
    units_part = [
        ("unit", s), ("unit_kind", s), ("n_lead", i), ("n_support", i), ("n_responsible", i), ("n_tasks", i),
        ("weighted_load", f), ("share", f), ("load_rank", i), ("ranked", b), ("degree", f), ("betweenness", f),
        ("cluster", i),
    ]
    tasks_part = [
        ("task_id", s), ("section_no", s), ("section", s), ("line", i), ("n_units", i), ("n_lead", i),
        ("n_support", i), ("n_responsible", i), ("n_via_collective", i), ("has_lead", b), ("weighted_load", f),
        ("cluster", i),
    ]
    units = key + units_part[:1] + [("canonical_unit", s)] + units_part[1:]
    docs = key + [
        ("edition", i), ("n_editions", i), ("title", s), ("date", s), ("format", s), ("n_tasks", i), ("n_units", i),
        ("n_ranked_units", i), ("n_assignments", i), ("gini", f), ("hhi", f), ("top5_share", f), ("gini_lead", f),
        ("collective_share", f), ("no_lead_share", f), ("n_clusters", i), ("modularity", f), ("n_warnings", i),
        ("truncated", b),
    ]
    return {
        "units_part": pa.schema(units_part),
        "tasks_part": pa.schema(tasks_part),
        "units": pa.schema(units),
        "tasks": pa.schema(key + tasks_part),
        "documents": pa.schema(docs),
        "failures": pa.schema([("document", s), ("reason", s)]),
    }


# --------------------------------------------------------------------------- inputs


def expand_inputs(paths) -> list[tuple[str, str]]:
    """Documents named by folders, globs or files, as ``(document id, path)`` pairs.

    A folder contributes every .txt/.html/.htm/.docx file below it (recursively), named by
    its path relative to the folder; a glob (``*``, ``?``, ``[``; ``**`` recursive) its
    matches, named relative to the pattern's folder (so ``DIR`` and ``DIR/*.txt`` name a
    document alike); a file its path as given. When two inputs give one name to different
    files, the later file is named by its path. The list is sorted by document id, duplicates dropped.

    Raises
    ------
    xialu_graph.InputError
        A path that does not exist, a glob with no match, or a folder with no documents.

    Examples
    --------
    >>> expand_inputs(["data/raw/xialu_2020.txt"])
    [('data/raw/xialu_2020.txt', 'data/raw/xialu_2020.txt')]
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: dict[str, str] = {}
    for src in paths:
        s = str(src)
        p = Path(s)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not f.name.startswith("."))
            if not found:
                raise InputError(f"no documents ({', '.join(SUFFIXES)}) in folder", source=s)
            for f in found:
                _add(seen, f.relative_to(p).as_posix(), str(f))
        elif p.is_file():
            _add(seen, s, s)
        elif any(c in s for c in "*?["):
            found = sorted(f for f in glob.glob(s, recursive=True) if Path(f).is_file())
            if not found:
                raise InputError("no file matches the pattern", source=s)
            fixed = []
            for part in Path(s).parts:
                if any(c in part for c in "*?["):
                    break
                fixed.append(part)
            root = Path(*fixed) if fixed else Path(".")
            for f in found:
                _add(seen, Path(f).relative_to(root).as_posix(), f)
        else:
            raise InputError("file does not exist", source=s)
    return sorted(seen.items())


def _add(seen: dict, name: str, path: str) -> None:
    """Name a document; a name already taken by another file falls back to the path itself."""
    if name in seen and os.path.realpath(seen[name]) != os.path.realpath(path):
        name = path
    seen.setdefault(name, path)


def _file_digest(path: str, prefix: bytes) -> str:
    h = hashlib.sha256(prefix)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:20]


def _units_fingerprint(units_dir: str) -> str:
    h = hashlib.sha256()
    for f in sorted(Path(units_dir).glob("*.csv")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


# --------------------------------------------------------------------------- worker side


@functools.lru_cache(maxsize=4)
def _unit_tables(units_dir: str):

    return load_unit_tables(units_dir)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    msg = text[0] if text else ""
    if not isinstance(exc, InputError):
        msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg[:300]


def analyse_document(path, *, settings: dict) -> dict:
    """Read and analyse one document into small tables (the work of one batch worker).

    Parameters
    ----------
    path : str
        The document file.
    settings : dict
        ``units`` (folder of unit tables), ``weights`` (role → weight), ``expand_collectives``,
        ``clusters``, ``cluster_runs``, ``resolution``, ``betweenness``, ``seed``.

    Returns
    -------
    dict
        ``units`` and ``tasks`` (column name → list of values, the part columns of
        :data:`UNIT_PANEL_COLUMNS` and :data:`TASK_PANEL_COLUMNS`) and ``document`` (the
        measures of :data:`DOCUMENT_PANEL_COLUMNS`).

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> s = {"units": str(default_tables_dir()), "weights": {"lead": 1.0, "support": 0.5, "responsible": 1.0},
    ...      "expand_collectives": True, "clusters": False, "cluster_runs": 1, "resolution": 1.0,
    ...      "betweenness": False, "seed": 0}
    >>> r = analyse_document("data/raw/huangshigang_2021_excerpt.txt", settings=s)
    >>> r["document"]["place"], r["document"]["n_tasks"], r["units"]["unit"][0]
    ('黄石港区', 12, '区发改(商务)局')
    """
    import numpy as np


    doc = read_document(path, unit_tables=_unit_tables(settings["units"]))
    if not doc.tasks:
        raise InputError("no tasks found", source=str(path))
    G = build_graph(doc, weights=settings["weights"], collectives="expand" if settings["expand_collectives"] else "keep")
    load = unit_load(G)
    names = load["unit"].tolist()
    n_tasks_of = load["n_tasks"].tolist()
    task_ids = [str(t.task_id) for t in doc.tasks if f"t:{t.task_id}" in G]
    n_t = len(task_ids)
    units = {
        "unit": names,
        "unit_kind": load["kind"].tolist(),
        "n_lead": load["n_lead"].tolist(),
        "n_support": load["n_support"].tolist(),
        "n_responsible": load["n_responsible"].tolist(),
        "n_tasks": n_tasks_of,
        "weighted_load": load["weighted_load"].tolist(),
        "share": [_opt(x, float) for x in load["load_share"]],
        "load_rank": [_opt(x, int) for x in load["rank"]],
        "ranked": load["ranked"].tolist(),
        "degree": [k / n_t if n_t else 0.0 for k in n_tasks_of],
        "betweenness": [float("nan")] * len(names),
        "cluster": [None] * len(names),
    }
    if settings["betweenness"]:
        from networkx.algorithms import bipartite

        node_of = {G.nodes[u]["label"]: u for u in unit_nodes(G)}
        bet = bipartite.betweenness_centrality(G, list(node_of.values()))
        units["betweenness"] = [float(bet[node_of[u]]) for u in names]
    n_clusters, modularity = None, float("nan")
    task_cluster: dict = {}
    if settings["clusters"]:
        cl = co_responsibility_clusters(
            G, seed=settings["seed"], n_runs=settings["cluster_runs"], resolution=settings["resolution"]
        )
        cmap = dict(zip(cl["unit"], (int(c) for c in cl["cluster"])))
        units["cluster"] = [cmap.get(u) for u in names]
        n_clusters = int(cl.attrs.get("n_clusters", len(set(cmap.values()))))
        modularity = _num(cl.attrs.get("modularity"))
        if len(cl):
            tc = task_clusters(G, cl)
            task_cluster = dict(zip(tc["task_id"].astype(str), (int(c) for c in tc["cluster"])))

    tasks: dict = {c: [] for c in _schemas()["tasks_part"].names}
    n_edges = n_coll_edges = 0
    for t in doc.tasks:
        tn = f"t:{t.task_id}"
        if tn not in G:
            continue
        c = {"lead": 0, "support": 0, "responsible": 0}
        wl = 0.0
        via = 0
        for u, d in G[tn].items():
            c[d.get("role", "responsible")] += 1
            wl += float(d.get("weight", 1.0))
            if d.get("via") or G.nodes[u].get("kind") == "collective":
                via += 1
        k = len(G[tn])
        n_edges += k
        n_coll_edges += via
        for col, v in (
            ("task_id", str(t.task_id)), ("section_no", t.section_no or ""), ("section", t.section or ""),
            ("line", int(t.line_start)), ("n_units", k), ("n_lead", c["lead"]), ("n_support", c["support"]),
            ("n_responsible", c["responsible"]), ("n_via_collective", via), ("has_lead", c["lead"] > 0),
            ("weighted_load", wl), ("cluster", task_cluster.get(str(t.task_id)) if settings["clusters"] else None),
        ):
            tasks[col].append(v)

    ranked = load["ranked"].to_numpy(bool)
    wl_r = load["weighted_load"].to_numpy(float)[ranked]
    lead_r = load["n_lead"].to_numpy(float)[ranked]
    top5 = float(np.sort(wl_r)[::-1][:5].sum() / wl_r.sum()) if wl_r.size and wl_r.sum() > 0 else float("nan")
    md = doc.metadata
    document = {
        "place": md.place or "",
        "year": int(md.year) if md.year else None,
        "title": md.title or "",
        "date": md.date or "",
        "format": doc.report.conventions.get("format", ""),
        "n_tasks": n_t,
        "n_units": len(names),
        "n_ranked_units": int(ranked.sum()),
        "n_assignments": G.number_of_edges(),
        "gini": gini(wl_r),
        "hhi": herfindahl(wl_r),
        "top5_share": top5,
        "gini_lead": gini(lead_r),
        "collective_share": n_coll_edges / n_edges if n_edges else float("nan"),
        "no_lead_share": sum(1 for h in tasks["has_lead"] if not h) / n_t if n_t else float("nan"),
        "n_clusters": n_clusters,
        "modularity": modularity,
        "n_warnings": len(doc.report.warnings),
        "truncated": bool(doc.report.truncated),
    }
    return {"units": units, "tasks": tasks, "document": document}


def _opt(x, cast):
    """``cast(x)``, or None for a missing value (pandas NA, NaN, None)."""
    import pandas as pd

    return None if pd.isna(x) else cast(x)


def _num(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _ipc_bytes(columns: dict, schema) -> bytes:
    import pyarrow as pa

    table = pa.table(columns, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, schema, options=pa.ipc.IpcWriteOptions(compression="zstd")) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def _analyse_chunk(items, settings):
    """Worker entry point: ``[(index, path)] → [(index, part or one-line reason)]``.

    A part is ``{"units": bytes, "tasks": bytes, "document": dict}``, the two tables as
    Arrow IPC files (a few kB): the parent only writes them.
    """
    schemas = _schemas()
    out = []
    for idx, path in items:
        try:
            res = analyse_document(path, settings=settings)
            part = {
                "units": _ipc_bytes(res["units"], schemas["units_part"]),
                "tasks": _ipc_bytes(res["tasks"], schemas["tasks_part"]),
                "document": res["document"],
            }
        except Exception as e:  # noqa: BLE001 — a failure is a row of the failures table
            out.append((idx, _one_line(e)))
        else:
            out.append((idx, part))
    return out


# --------------------------------------------------------------------------- parts


def _part_dir(out: Path, key: str) -> Path:
    return out / "parts" / key[:2] / key


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_part_meta(out: Path, key: str) -> Optional[dict]:
    """The part's ``part.json`` when every file it lists is there with its size and checksum."""
    d = _part_dir(out, key)
    try:
        meta = json.loads((d / "part.json").read_text(encoding="utf-8"))
        for name, (size, sha) in meta["files"].items():
            f = d / name
            if f.stat().st_size != size or _sha(f) != sha:
                return None
        if meta.get("key") != key:
            return None
        return meta
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_part(out: Path, key: str, part: dict) -> dict:

    d = _part_dir(out, key)
    d.mkdir(parents=True, exist_ok=True)
    files = {}
    for name in ("units", "tasks"):
        data = part[name]
        with atomic_path(d / f"{name}.arrow") as tmp:
            tmp.write_bytes(data)
        files[f"{name}.arrow"] = [len(data), hashlib.sha256(data).hexdigest()]
    meta = {"key": key, "schema": SCHEMA_VERSION, "document": part["document"], "files": files}
    # written last: a part without a valid part.json is not done (no fsync: a crash of the
    # process or a Ctrl-C leaves whole files; a power cut may need the part redone)
    with atomic_path(d / "part.json") as tmp:
        tmp.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return meta


def _read_part_table(out: Path, key: str, name: str):
    import pyarrow as pa

    with pa.memory_map(str(_part_dir(out, key) / f"{name}.arrow"), "r") as src:
        return pa.ipc.open_file(src).read_all()


# --------------------------------------------------------------------------- progress


class _Progress:
    """Progress with rate and ETA on stderr: a redrawn line on a terminal, ~10 lines in a log."""

    def __init__(self, total: int, enabled: bool, stream=None, width: int = 24):
        self.total, self.enabled, self.width = total, enabled and total > 0, width
        self.stream = stream or sys.stderr
        self.done = self.failed = 0
        self.t0 = time.monotonic()
        self._last_log = -1

    def step(self, n: int = 1, failed: int = 0) -> None:
        self.done += n
        self.failed += failed
        if not self.enabled:
            return
        tty = getattr(self.stream, "isatty", lambda: False)()
        decile = 10 * self.done // self.total
        if not tty and decile == self._last_log and self.done < self.total:
            return
        self._last_log = decile
        el = time.monotonic() - self.t0
        rate = self.done / el if el > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        fail = f", {self.failed} failed" if self.failed else ""
        end = "\r" if tty and self.done < self.total else "\n"
        self.stream.write(
            f"batch [{bar}] {self.done}/{self.total} {rate:.1f} docs/s ETA {_hms(eta)}{fail}   {end}"
        )
        self.stream.flush()


def _hms(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


# --------------------------------------------------------------------------- result


@dataclass
class BatchResult:
    """What a :func:`batch` run did and where its panel is.

    Attributes
    ----------
    out : Path
        The output folder; the panel is in ``out / "panel"``.
    n_documents, n_analysed, n_skipped, n_failed : int
        Documents named; analysed in this run (files with identical bytes are analysed once);
        skipped (already done); failed.
    seconds : float
        Wall time of the run.
    paths : dict
        ``"<table>.parquet"`` / ``"<table>.csv"`` → path, for each of :data:`PANEL_TABLES`.
    """

    out: Path
    n_documents: int = 0
    n_analysed: int = 0
    n_skipped: int = 0
    n_failed: int = 0
    seconds: float = 0.0
    paths: dict = field(default_factory=dict)

    def read(self, table: str = "units"):
        """One panel table as a pandas DataFrame (from its Parquet file; integers with gaps as Int64)."""

        if table not in PANEL_TABLES:
            raise ValueError(f"table must be one of {PANEL_TABLES}, got {table!r}")
        import pyarrow.parquet as pq

        return _to_pandas(pq.read_table(self.paths[f"{table}.parquet"]))


# --------------------------------------------------------------------------- the run


def _settings(units, weights, expand_collectives, clusters, cluster_runs, resolution, betweenness, seed) -> dict:

    try:
        w = coerce_weights(weights).as_dict()
    except (ValueError, OSError) as e:
        raise InputError(f"bad role weights: {e}", source=str(weights) if isinstance(weights, (str, Path)) else "") from None
    except Exception as e:  # tomllib.TOMLDecodeError
        raise InputError(f"bad role weights: {_one_line(e)}", source=str(weights)) from None
    units_dir = str(Path(units).resolve()) if units is not None else str(Path(default_tables_dir()).resolve())
    if not Path(units_dir).is_dir():
        raise InputError("unit tables folder does not exist", source=units_dir)
    _unit_tables(units_dir)  # a bad table is one error here, not one failure per document
    return {
        "units": units_dir,
        "weights": w,
        "expand_collectives": bool(expand_collectives),
        "clusters": bool(clusters),
        "cluster_runs": int(cluster_runs),
        "resolution": float(resolution),
        "betweenness": bool(betweenness),
        "seed": int(seed),
    }


def _parallel_context(scheduler, n_jobs):
    """(context manager, client to close) for the run."""
    if scheduler is None:
        return nullcontext(), None
    try:
        import joblib
        from dask.distributed import Client
    except ImportError:
        raise InputError("a Dask scheduler needs dask.distributed: pip install 'xialu-graph[dask]'") from None
    close = None
    if not isinstance(scheduler, Client):  # a Client the caller made is already the default one
        try:
            close = Client(str(scheduler), timeout="10s")
        except (OSError, ValueError, TimeoutError) as e:
            raise InputError(f"cannot reach the Dask scheduler ({_one_line(e)})", source=str(scheduler)) from None
    return joblib.parallel_config(backend="dask", n_jobs=n_jobs, wait_for_workers_timeout=60), close


def batch(
    paths,
    *,
    out,
    n_jobs: int = -1,
    scheduler=None,
    units=None,
    weights=None,
    expand_collectives: bool = True,
    clusters: bool = True,
    cluster_runs: int = 1,
    resolution: float = 1.0,
    betweenness: bool = False,
    seed: int = 0,
    matches=None,
    chunk_size: Optional[int] = None,
    csv: bool = True,
    progress: bool = True,
) -> BatchResult:
    """Analyse many documents, each on its own, into per-document parts and a panel.

    Parameters
    ----------
    paths : str, path, or sequence of them
        Folders (every .txt/.html/.htm/.docx below them), glob patterns, or files.
    out : str or path
        Output folder: ``parts/`` (one folder per document, reused by later runs) and
        ``panel/`` (the long tables, rewritten at the end of every run).
    n_jobs : int, default -1
        Worker processes (joblib: -1 = one per CPU, 1 = in this process). With ``scheduler``,
        or inside ``joblib.parallel_config(backend="dask")``, the Dask workers' threads.
    scheduler : str or dask.distributed.Client, optional
        A Dask scheduler address (``tcp://host:8786``) or a connected Client: the documents
        are analysed on that cluster through joblib's ``dask`` backend (needs the ``[dask]``
        extra; workers must see the same file paths).
    units : folder, optional
        Unit tables (default ``data/units`` or ``$XIALU_GRAPH_UNITS``).
    weights : RoleWeights, dict or TOML file, optional
        Role weights (default lead 1, support 0.5, responsible 1).
    expand_collectives : bool, default True
        Expand collectives with known members (各街办(新区) → the street offices).
    clusters : bool, default True
        Compute co-responsibility clusters (seeded Louvain).
    cluster_runs : int, default 1
        Seeds per document for the clusters (stability needs more; 1 keeps a batch fast).
    resolution : float, default 1.0
        Modularity resolution of the clusters.
    betweenness : bool, default False
        Compute two-mode betweenness of the units (about 1.5× the time of a document).
    seed : int, default 0
        Seed of the clusters: the same documents and options give the same panel.
    matches : path, optional
        A ``unit_matches.csv`` (from ``xialu-graph compare``) whose confirmed ``same`` rows
        give ``canonical_unit``; the parts are not redone when it changes.
    chunk_size : int, optional
        Documents sent to a worker at a time (default: about 8 chunks per worker, at most 64).
    csv : bool, default True
        Also write every panel table as CSV.
    progress : bool, default True
        Progress, rate and ETA on stderr.

    Returns
    -------
    BatchResult
        Counts, timing and the panel's paths; ``result.read("units")`` loads a table.

    Raises
    ------
    xialu_graph.InputError
        No document found, a path that does not exist, bad weights, unit tables or matches
        file, or an unreachable scheduler. A document that cannot be read is not an error:
        it is a row of ``failures``.

    Examples
    --------
    >>> import tempfile, xialu_graph as xg
    >>> out = tempfile.mkdtemp()
    >>> r = xg.batch(["data/raw/huangshigang_2021_excerpt.txt", "data/raw/huangshigang_2022_excerpt.txt"],
    ...              out=out, n_jobs=1, progress=False)
    >>> (r.n_analysed, r.n_skipped, r.n_failed)
    (2, 0, 0)
    >>> docs = r.read("documents")
    >>> docs[["place", "year", "level", "edition"]].values.tolist()
    [['黄石港区', 2021, 'district', 1], ['黄石港区', 2022, 'district', 2]]
    >>> xg.batch(["data/raw/huangshigang_2021_excerpt.txt"], out=out, n_jobs=1, progress=False).n_skipped
    1
    """
    t0 = time.perf_counter()

    out = Path(out)
    docs = expand_inputs(paths)
    settings = _settings(units, weights, expand_collectives, clusters, cluster_runs, resolution, betweenness, seed)
    mapping = _matches_mapping(matches)
    fp = json.dumps(
        {"version": __version__, "schema": SCHEMA_VERSION, **settings, "units": _units_fingerprint(settings["units"])},
        sort_keys=True,
    ).encode()
    say = (lambda msg: print(f"[xialu-graph] {msg}", file=sys.stderr, flush=True)) if progress else (lambda msg: None)

    keys: list[str] = []
    failures: dict[int, str] = {}
    for i, (_, path) in enumerate(docs):
        try:
            keys.append(_file_digest(path, fp))
        except OSError as e:
            keys.append("")
            failures[i] = f"cannot read file: {e.strerror or e}"
    metas: dict[str, dict] = {}
    todo: dict[str, int] = {}  # key → first index with it (identical files are analysed once)
    for i, key in enumerate(keys):
        if not key or key in metas or key in todo:
            continue
        meta = _read_part_meta(out, key)
        if meta is not None:
            metas[key] = meta
        else:
            todo[key] = i
    n_skipped = sum(1 for k in keys if k in metas)
    if n_skipped:
        say(f"{n_skipped} of {len(docs)} documents already done in {out / 'parts'}: skipped")

    schemas = _schemas()
    if todo:
        _run(docs, todo, keys, settings, out, schemas, metas, failures, n_jobs, scheduler, chunk_size, progress)
    n_failed = len(failures)
    result = BatchResult(out=out, n_documents=len(docs), n_skipped=n_skipped, n_failed=n_failed)
    result.n_analysed = sum(1 for k in todo if k in metas)
    result.paths = _write_panel(out, docs, keys, metas, failures, mapping, schemas, csv=csv)
    result.seconds = time.perf_counter() - t0
    say(
        f"{len(docs)} documents: {result.n_analysed} analysed, {n_skipped} skipped, {n_failed} failed "
        f"in {result.seconds:.1f} s → {out / 'panel'}"
    )
    return result


def _run(docs, todo, keys, settings, out, schemas, metas, failures, n_jobs, scheduler, chunk_size, progress):
    from joblib import Parallel, delayed

    items = [(i, docs[i][1]) for i in sorted(todo.values())]
    ctx, client = _parallel_context(scheduler, n_jobs)
    try:
        with ctx:
            workers = _n_workers(n_jobs, scheduler, client)
            size = chunk_size or max(1, min(64, -(-len(items) // (workers * 8))))
            chunks = [items[k : k + size] for k in range(0, len(items), size)]
            bar = _Progress(len(items), enabled=progress)
            if scheduler is not None:
                par = Parallel(return_as="generator_unordered")
            else:
                par = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
            for chunk_result in par(delayed(_analyse_chunk)(c, settings) for c in chunks):
                nfail = 0
                for idx, res in chunk_result:
                    if isinstance(res, str):
                        failures[idx] = res
                        nfail += 1
                    else:
                        metas[keys[idx]] = _write_part(out, keys[idx], res)
                bar.step(len(chunk_result), nfail)
    finally:
        if client is not None:
            client.close()
    # identical files analysed once: their failure applies to every copy
    for i, k in enumerate(keys):
        if k and k not in metas and i not in failures:
            first = todo.get(k)
            failures[i] = failures.get(first, "not analysed")


def _n_workers(n_jobs, scheduler, client) -> int:
    if scheduler is not None:
        c = client or scheduler
        try:
            return max(1, sum(c.nthreads().values()))
        except Exception:  # noqa: BLE001
            return 2
    if n_jobs is None or n_jobs == 0:
        return 1
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


def _matches_mapping(matches) -> dict:
    if matches is None:
        return {}

    return unit_mapping(read_unit_matches(matches))


# --------------------------------------------------------------------------- the panel


def _documents_frame(docs, keys, metas):
    import pandas as pd

    rows = []
    for i, (name, _) in enumerate(docs):
        meta = metas.get(keys[i])
        if meta is None:
            continue
        d = dict(meta["document"])
        rows.append({"document": name, "doc_key": keys[i], "level": government_level(d["place"]), **d})
    cols = list(_schemas()["documents"].names)
    df = pd.DataFrame(rows, columns=[c for c in cols if c not in ("edition", "n_editions")])
    df["year"] = df["year"].astype("Int64")
    df = df.sort_values(["place", "year", "document"], na_position="last", kind="stable").reset_index(drop=True)
    has_place = df["place"] != ""
    df["edition"] = pd.array([None] * len(df), dtype="Int64")
    df["n_editions"] = pd.array([None] * len(df), dtype="Int64")
    if has_place.any():
        g = df[has_place].groupby("place", sort=False)
        df.loc[has_place, "edition"] = g.cumcount() + 1
        df.loc[has_place, "n_editions"] = g["document"].transform("size")
    df["n_clusters"] = df["n_clusters"].astype("Int64")
    return df[cols]


def _write_panel(out: Path, docs, keys, metas, failures, mapping, schemas, *, csv: bool, group: int = 256) -> dict:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq


    panel = out / "panel"
    panel.mkdir(parents=True, exist_ok=True)
    paths = {}
    documents = _documents_frame(docs, keys, metas)
    fail = pd.DataFrame(
        [{"document": docs[i][0], "reason": r} for i, r in sorted(failures.items())], columns=list(FAILURE_COLUMNS)
    )
    for name, df in (("documents", documents), ("failures", fail)):
        table = pa.Table.from_pandas(df, schema=schemas[name], preserve_index=False)
        with atomic_path(panel / f"{name}.parquet") as tmp:
            pq.write_table(table, tmp)
        paths[f"{name}.parquet"] = panel / f"{name}.parquet"
        if csv:
            with atomic_path(panel / f"{name}.csv") as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                _csv_chunk(df, fh, header=True)
            paths[f"{name}.csv"] = panel / f"{name}.csv"

    heads = documents[["document", "doc_key", "place", "year", "level"]].to_dict("records")
    for name in ("units", "tasks"):
        schema = schemas[name]
        pq_target, csv_target = panel / f"{name}.parquet", panel / f"{name}.csv"
        with atomic_path(pq_target) as pq_tmp, (atomic_path(csv_target) if csv else nullcontext(None)) as csv_tmp:
            fh = open(csv_tmp, "w", encoding="utf-8-sig", newline="") if csv else None
            writer = pq.ParquetWriter(pq_tmp, schema, compression="zstd")
            try:
                for k in range(0, max(len(heads), 1), group):
                    tables = []
                    for h in heads[k : k + group]:
                        part = _read_part_table(out, h["doc_key"], name)
                        n = part.num_rows
                        cols = {c: pa.repeat(pa.scalar(h[c] if not pd.isna(h[c]) else None, schema.field(c).type), n)
                                for c in ("document", "doc_key", "place", "year", "level")}
                        if name == "units":
                            units_ = part.column("unit").to_pylist()
                            cols["canonical_unit"] = pa.array([mapping.get(u, u) for u in units_], pa.string())
                        for c in part.column_names:
                            cols[c] = part.column(c)
                        tables.append(pa.table([cols[c] for c in schema.names], schema=schema))
                    table = pa.concat_tables(tables) if tables else schema.empty_table()
                    writer.write_table(table)
                    if fh is not None:
                        _csv_chunk(_to_pandas(table), fh, header=(k == 0))
            finally:
                writer.close()
                if fh is not None:
                    fh.close()
        paths[f"{name}.parquet"] = pq_target
        if csv:
            paths[f"{name}.csv"] = csv_target
    return paths


def _to_pandas(table):
    """Arrow → pandas keeping integer columns with gaps as nullable Int64 (not float)."""
    import pandas as pd
    import pyarrow as pa

    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def _csv_chunk(df, fh, *, header: bool) -> None:
    obj = df.select_dtypes(include=["object", "string"]).columns
    if len(obj):
        df = df.copy()
        for c in obj:
            df[c] = df[c].map(clean_cell)
    df.to_csv(fh, index=False, header=header, lineterminator="\n")
