"""The content-hash cache of ``xialu-graph report``: a re-run that would write the same pack
finds the previous one and stops before the heavy libraries are imported.

What the pack depends on is hashed into one key (:func:`report_key`): the bytes of the input
and its file name; every option that changes an output (seed, collectives, lang, title,
figure formats, strict, place, where --figures lies relative to --out); the bytes of the weights,
corrections and unit-table files given on the command line; the configuration the run reads
from ``data/`` (unit tables, text, grammar, ``data/*.toml`` — or the folders the
``XIALU_GRAPH_*`` variables name, whose values are hashed too); and the package: its version
and the bytes of its own source files, so an edited checkout never reuses an old pack.

Each pack folder holds a manifest (:data:`MANIFEST`): the key and the SHA-256 of every other
file in the folder. It is written into the staging folder last, so it is swapped in with the
pack, all or nothing. A later run with the same key finds the pack *and* every file in it
unchanged (none missing, none added, none edited; the separate ``--figures`` folder too) and
leaves it as it is (:func:`cached_pack`); anything else rebuilds. ``--no-cache`` (alias
``--force``) always rebuilds.

Only the standard library is used here: :func:`cached_report` runs before ``pandas``,
``networkx`` or ``matplotlib`` are imported (``python -m xialu_graph`` and the
``xialu-graph`` command go through it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Optional

from . import __version__
from .files import MARKER, data_dir
from .glossary import LANGUAGES

__all__ = ["MANIFEST", "FIGURE_FORMATS", "report_key", "cached_pack", "folder_manifest", "write_manifest",
           "cached_report", "add_report_arguments", "parse_formats", "report_stem", "default_out"]

MANIFEST = ".xialu-graph-manifest.json"
"""File name of the manifest inside each pack folder (``--out`` and a separate ``--figures``)."""
FIGURE_FORMATS = ("png", "svg", "pdf")
_PACKAGE = Path(__file__).resolve().parent
_CHUNK = 1 << 20


def _sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _folder_digest(folder) -> Optional[str]:
    """SHA-256 over the relative names and bytes of every file under ``folder`` (None if missing)."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    h = hashlib.sha256()
    for p in sorted(x for x in folder.rglob("*") if x.is_file() and "__pycache__" not in x.parts):
        h.update(p.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        h.update(_sha256_file(p).encode() + b"\0")
    return h.hexdigest()


def _file_digest(path) -> Optional[str]:
    if path is None:
        return None
    p = Path(path)
    if p.is_dir():
        return "dir:" + str(_folder_digest(p))
    return _sha256_file(p) if p.is_file() else "missing:" + str(p)


def _code_digest() -> str:
    h = hashlib.sha256(__version__.encode())
    for p in sorted(_PACKAGE.rglob("*.py")):
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def report_stem(path) -> str:
    """File-name stem of a document's outputs: its name, NFKC, safe characters only.

    Examples
    --------
    >>> report_stem("data/raw/xialu_2020.txt")
    'xialu_2020'
    """
    s = unicodedata.normalize("NFKC", Path(path).stem)
    s = re.sub(r"[^\w\-]+", "_", s).strip("_.")
    return s[:60] or "document"


def default_out(input_path) -> Path:
    """``--out`` when not given: ``reports/<document name>``.

    Examples
    --------
    >>> default_out("data/raw/xialu_2020.txt").as_posix()
    'reports/xialu_2020'
    """
    return Path("reports") / report_stem(input_path)


def parse_formats(value) -> tuple:
    """The figure formats of ``--formats`` (comma-separated; PNG always, the report embeds it).

    Examples
    --------
    >>> parse_formats(None), parse_formats("png"), parse_formats(" PDF,png ")
    (('png', 'svg', 'pdf'), ('png',), ('png', 'pdf'))
    """
    if value is None:
        return FIGURE_FORMATS
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    got = {str(x).strip().lower().lstrip(".") for x in items if str(x).strip()}
    bad = sorted(got - set(FIGURE_FORMATS))
    if bad:
        raise ValueError(f"unknown figure format(s) {', '.join(bad)}: choose from png, svg, pdf")
    if "png" not in got:
        raise ValueError("--formats must include png (report.html and report.docx embed the PNG figures)")
    return tuple(f for f in FIGURE_FORMATS if f in got)


def report_key(args) -> dict:
    """What a report pack depends on, hashed: ``{"key": hex, "parts": {...}}``.

    ``args`` holds the report options (the ``report`` subcommand's namespace; missing
    attributes take their defaults). Raises OSError when the input cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib, types
    >>> src = pathlib.Path(tempfile.mkdtemp()) / "d.txt"
    >>> _ = src.write_text("1、抓项目。[牵头单位:区发改局]\\n", encoding="utf-8")
    >>> a = report_key(types.SimpleNamespace(input=str(src), out="o"))
    >>> b = report_key(types.SimpleNamespace(input=str(src), out="o", seed=1))
    >>> len(a["key"]), a["key"] == b["key"], a["key"] == report_key(types.SimpleNamespace(input=str(src), out="o"))["key"]
    (64, False, True)
    """
    g = lambda name, default=None: getattr(args, name, default)  # noqa: E731
    src = Path(args.input)
    out = Path(g("out") or default_out(src))
    fig = g("figures")
    units_dir = g("units")
    data_root = data_dir("units", "XIALU_GRAPH_UNITS").parent
    parts = {
        "version": __version__,
        "code": _code_digest(),
        "input": {"name": src.name, "sha256": _sha256_file(src)},
        "options": {
            "figures": os.path.relpath(Path(fig).resolve(), out.resolve()) if fig else None,
            "seed": int(g("seed", 0) or 0),
            "collectives": g("collectives") or "expand",
            "lang": g("lang") or "zh",
            "title": g("title"),
            "formats": list(parse_formats(g("formats"))),
            "strict": bool(g("strict", False)),
            "place": g("place"),
        },
        "files": {
            "weights": _file_digest(g("weights")),
            "corrections": _file_digest(g("corrections")),
            "units": _file_digest(units_dir),
        },
        "data": {
            "units": _folder_digest(data_dir("units", "XIALU_GRAPH_UNITS")),
            "text": _folder_digest(data_dir("text", "XIALU_GRAPH_TEXT")),
            "grammar": _folder_digest(data_dir("grammar", "XIALU_GRAPH_GRAMMAR")),
            "toml": {p.name: _sha256_file(p) for p in sorted(data_root.glob("*.toml"))} if data_root.is_dir() else {},
            "checks": _file_digest(os.environ.get("XIALU_GRAPH_CHECKS")),
        },
        "env": {k: v for k, v in sorted(os.environ.items()) if k.startswith("XIALU_GRAPH_")},
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogateescape")
    return {"key": hashlib.sha256(blob).hexdigest(), "parts": parts}


def _listing(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def folder_manifest(folder, key: dict, *, skip=()) -> dict:
    """The manifest of ``folder``: the key, its parts and the SHA-256 of every file in it
    (but the manifest itself and the sub-folders in ``skip``, relative names).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("1")
    >>> folder_manifest(d, {"key": "k", "parts": {}})["files"]
    {'a.txt': '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b'}
    """
    folder = Path(folder)
    skip = tuple(s.rstrip("/") + "/" for s in skip)
    files = {rel: _sha256_file(p) for rel, p in _listing(folder).items() if not rel.startswith(skip)}
    return {"key": key["key"], "parts": key["parts"], "files": files}


def write_manifest(folder, key: dict, *, skip=()) -> Path:
    """Write :data:`MANIFEST` into ``folder`` (see :func:`folder_manifest`); returns its path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_manifest(d, {"key": "k", "parts": {}}).name
    '.xialu-graph-manifest.json'
    """
    path = Path(folder) / MANIFEST
    text = json.dumps(folder_manifest(folder, key, skip=skip), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _matches(folder: Path, key: str, skip=()) -> bool:
    try:
        m = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(m, dict) or m.get("key") != key or not isinstance(m.get("files"), dict):
        return False
    skip = tuple(s.rstrip("/") + "/" for s in skip)
    now = {rel: p for rel, p in _listing(folder).items() if not rel.startswith(skip)}
    if set(now) != set(m["files"]) or MARKER not in now:
        return False
    return all(_sha256_file(p) == m["files"][rel] for rel, p in now.items())


def cached_pack(args, key: Optional[dict] = None) -> bool:
    """True when ``--out`` (and a separate ``--figures``) already hold the pack these options
    would write: same key, every file as the manifest lists it.

    Examples
    --------
    >>> import tempfile, pathlib, types
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "d.txt").write_text("1、抓项目。[牵头单位:区发改局]\\n", encoding="utf-8")
    >>> cached_pack(types.SimpleNamespace(input=str(d / "d.txt"), out=str(d / "out")))
    False
    """
    key = key or report_key(args)
    src = Path(args.input)
    out = Path(getattr(args, "out", None) or default_out(src))
    fig = getattr(args, "figures", None)
    if fig is None:
        return _matches(out, key["key"])
    fig = Path(fig)
    out_abs, fig_abs = out.resolve(), fig.resolve()
    if out_abs in fig_abs.parents:  # the figures folder lies inside --out: its manifest covers it
        return _matches(out, key["key"])
    return _matches(out, key["key"]) and _matches(fig, key["key"])


def add_report_arguments(rp) -> None:
    """The options of ``xialu-graph report`` (shared by the CLI and the cached fast path).

    Examples
    --------
    >>> p = argparse.ArgumentParser(); add_report_arguments(p)
    >>> a = p.parse_args(["d.txt", "--formats", "png", "--force"])
    >>> a.formats, a.no_cache, a.jobs
    ('png', True, None)
    """
    rp.add_argument("input", help="document file")
    rp.add_argument("--out", default=None, help="output folder (default: reports/<document name>)")
    rp.add_argument("--figures", default=None, help="folder for figures (default: <out>/figures)")
    rp.add_argument("--weights", metavar="FILE", help="TOML file of role weights ([weights] lead=1.0 support=0.5 responsible=1.0)")
    rp.add_argument("--seed", type=int, default=0, help="seed for community detection and layouts (default 0)")
    rp.add_argument("--collectives", choices=("expand", "keep", "drop", "share"), default="expand",
                    help="collective policy (各街办(新区), 区政府各部门 …): expand to known members, keep as one "
                         "unit, drop, or share among members (default expand; docs/methods.md)")
    rp.add_argument("--units", metavar="DIR", help="folder of unit tables (default: data/units)")
    rp.add_argument("--place", help="district of the document, when its metadata does not say")
    rp.add_argument("--corrections", metavar="FILE", help="an edited review file (xialu-graph parse --review)")
    rp.add_argument("--strict", action="store_true", help="treat every parse warning as an error")
    rp.add_argument("--lang", choices=LANGUAGES, default="zh",
                    help="language of the report text and figure labels: zh (default) or en, with the terms of "
                         "docs/glossary.md; the interactive views, table headers and the document's own text stay as they are")
    rp.add_argument("--title", metavar="TEXT",
                    help="document title to use in every output (report, figures, views, tables) instead of the one read "
                         "from the document")
    rp.add_argument("--formats", metavar="LIST", default=None,
                    help="figure formats, comma-separated, from png,svg,pdf (default all three; the list must "
                         "include png: the report embeds it). --formats png is the quickest pack")
    rp.add_argument("--jobs", type=int, default=None, metavar="N",
                    help="worker processes for the figures, views, tables and report documents (default: the "
                         "number of CPUs, at most the number of stages; 1 = one process). Same bytes either way")
    rp.add_argument("--no-cache", "--force", dest="no_cache", action="store_true",
                    help="rebuild the pack even when --out already holds the one these inputs and options would "
                         "write (a re-run is otherwise skipped: docs/performance.md)")
    rp.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def cached_report(argv) -> Optional[str]:
    """The one-line message when ``xialu-graph report <argv>`` would rewrite the same pack,
    else None (the caller then runs the command). Never raises: a mistake in the arguments
    or an unreadable file is left for the command itself to report.

    Examples
    --------
    >>> cached_report(["missing.txt"]) is None
    True
    """
    if any(a in ("-h", "--help") for a in argv):
        return None
    p = argparse.ArgumentParser(prog="xialu-graph report", add_help=False, exit_on_error=False)
    add_report_arguments(p)
    try:
        args = p.parse_args(list(argv))
        if args.no_cache or not cached_pack(args):
            return None
    except (argparse.ArgumentError, SystemExit, OSError, ValueError):
        return None
    return hit_message(args)


def hit_message(args) -> str:
    """The line a skipped re-run prints.

    Examples
    --------
    >>> import types
    >>> hit_message(types.SimpleNamespace(input="d.txt", out="out"))[:28]
    'unchanged since the last run'
    """
    out = Path(getattr(args, "out", None) or default_out(args.input))
    fig = getattr(args, "figures", None)
    where = f"{out}" + (f" and {fig}" if fig else "")
    return (f"unchanged since the last run (same input, options, data files and version): {where} left as it is "
            f"(--no-cache rebuilds)")
