"""Files: atomic writes, where the data tables live, and the text rules of every writer.

Shared by every reader of data tables and every writer of the package.

A file is written to a temporary name in the same folder, flushed, then renamed over the
target (``os.replace``), so a crash leaves either the old file or the complete new one.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = [
    "atomic_write_bytes", "atomic_write_text", "atomic_path", "safe_cell", "clean_cell", "xml_safe",
    "FORMULA_PREFIXES", "XML_UNSAFE", "INVISIBLE", "visible_marks", "data_dir",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
the one rule used by every XML-based writer (XLSX, DOCX, GEXF, GraphML)."""
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
"""Characters a reader of an output cannot see or that reorder what they see: C0 controls but
tab and LF, DEL and C1 controls, bidirectional controls (U+061C, U+200E/F, U+202A-E,
U+2066-9), zero-width and other format characters, line/paragraph separators, the BOM,
interlinear annotation marks, the non-characters U+FFFE/U+FFFF and lone surrogates. The one
rule of every human-readable writer (HTML, Markdown, CSV, XLSX, DOCX; the views'
``viz.page.clean_text`` is the same set): each is shown as a visible mark ``[U+XXXX]``."""
_PACKAGE = Path(__file__).resolve().parent


def visible_marks(text) -> str:
    """``text`` as a str with every :data:`INVISIBLE` character shown as ``[U+XXXX]``.

    Two unit names that differ only by a bidi control or a zero-width space look different in
    every output; a right-to-left override cannot make ``局政财区`` read as ``区财政局``.
    The result holds nothing XML 1.0 cannot hold.

    Examples
    --------
    >>> visible_marks("\u202e局政财区")
    '[U+202E]局政财区'
    >>> visible_marks("区\x07财政局\ufffe\t")
    '区[U+0007]财政局[U+FFFE]\t'
    >>> visible_marks(None)
    ''
    """
    if text is None:
        return ""
    return INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", str(text))


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (:data:`XML_UNSAFE`).

    Examples
    --------
    >>> xml_safe("区\x1b财政局\ufffe")
    '区财政局'
    """
    return XML_UNSAFE.sub("", text)


def data_dir(name: str, env_var: str) -> Path:
    """Folder of an editable data table set: ``$env_var`` if set; else ``data/<name>`` of the
    source checkout (editable install); else the copy packaged with the library
    (``xialu_graph/resources/<name>``, a link to ``data/<name>`` in the repository, so there is
    one set of files).

    Examples
    --------
    >>> data_dir("units", "XIALU_GRAPH_UNITS").name
    'units'
    """
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    repo = _PACKAGE.parent / "data" / name
    if repo.is_dir():
        return repo
    return _PACKAGE / "resources" / name


def _default_mode() -> int:
    old = os.umask(0)
    os.umask(old)
    return 0o666 & ~old


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    The temporary name keeps the target's extension (writers such as pandas' ExcelWriter
    choose their format by it); the file gets the target's permissions (or the umask's).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("x")
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('x', ['a.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp" + path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
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


def clean_cell(value):
    """A spreadsheet cell (CSV, XLSX): invisible characters as visible marks
    (:func:`visible_marks`, which also leaves nothing an XLSX file cannot hold), then
    :func:`safe_cell`.

    Examples
    --------
    >>> clean_cell("=1\x07")
    "'=1[U+0007]"
    >>> clean_cell("\u202e局政财区")
    '[U+202E]局政财区'
    """
    if isinstance(value, str):
        return safe_cell(visible_marks(value))
    return value
