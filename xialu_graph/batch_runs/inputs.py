"""The documents of a run (folders, globs, files) and the content keys that make a run resumable."""

from __future__ import annotations

import glob
import hashlib
import os
from pathlib import Path

from ..errors import InputError

SUFFIXES = (".txt", ".html", ".htm", ".docx")
"""File suffixes a folder contributes."""


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



def file_digest(path: str, prefix: bytes) -> str:
    """SHA-256 of ``prefix`` and the file's bytes, 20 hex digits: the key of a document's part.

    ``prefix`` is the run's fingerprint (package version, schema, options, unit tables), so
    a change of any of them gives the document a new part.

    Examples
    --------
    >>> file_digest("data/raw/xialu_2020.txt", b"options") == file_digest("data/raw/xialu_2020.txt", b"options")
    True
    >>> len(file_digest("data/raw/xialu_2020.txt", b"")), file_digest("data/raw/xialu_2020.txt", b"other") == file_digest("data/raw/xialu_2020.txt", b"options")
    (20, False)
    """
    h = hashlib.sha256(prefix)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:20]


def units_fingerprint(units_dir: str) -> str:
    """SHA-256 of a unit tables folder (every ``*.csv``, names and bytes, in name order).

    Examples
    --------
    >>> from xialu_graph.units import default_tables_dir
    >>> fp = units_fingerprint(str(default_tables_dir()))
    >>> len(fp), fp == units_fingerprint(str(default_tables_dir()))
    (64, True)
    """
    h = hashlib.sha256()
    for f in sorted(Path(units_dir).glob("*.csv")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()
