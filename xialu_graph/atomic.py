"""Atomic file writes and spreadsheet-safe cells, shared by every writer of the package.

A file is written to a temporary name in the same folder, flushed, then renamed over the
target (``os.replace``), so a crash leaves either the old file or the complete new one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_path", "safe_cell", "FORMULA_PREFIXES"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def atomic_path(path, suffix: str = ""):
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = pathlib.Path(tmp).write_text("x")
    >>> p.read_text()
    'x'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp" + (suffix or path.suffix), dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write bytes atomically; returns the path."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def atomic_write_text(path, text: str, encoding: str = "utf-8") -> Path:
    """Write text atomically; returns the path."""
    return atomic_write_bytes(path, text.encode(encoding))


def safe_cell(value):
    """Neutralise a spreadsheet formula: text starting with = + - @ gets a leading apostrophe.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(1)"), safe_cell("区发改局"), safe_cell(3)
    ("'=HYPERLINK(1)", '区发改局', 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
