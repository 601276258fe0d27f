"""Files: atomic writes, where the data tables live, and the text rules of every writer.

Shared by every reader of data tables and every writer of the package.

A file is written to a temporary name in the same folder, flushed, then renamed over the
target (``os.replace``), so a crash leaves either the old file or the complete new one.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from contextlib import ExitStack, contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path

from .errors import InputError

__all__ = [
    "atomic_write_bytes", "atomic_write_text", "atomic_path", "atomic_group", "safe_cell", "clean_cell", "xml_safe",
    "FORMULA_PREFIXES", "XML_UNSAFE", "INVISIBLE", "visible_marks", "data_dir",
    "MARKER", "owned_folder", "exchange", "recover", "folder_lock", "staged_folders", "glob_escape",
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


_GROUP: ContextVar = ContextVar("xialu_graph_atomic_group", default=None)


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    The temporary name keeps the target's extension (writers such as pandas' ExcelWriter
    choose their format by it); the file gets the target's permissions (or the umask's).
    Inside :func:`atomic_group` the rename waits for the end of the group.

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
        group = _GROUP.get()
        if group is not None:
            group.append((tmp, path))
        else:
            os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextmanager
def atomic_group():
    """Files written with :func:`atomic_path` (and the writers built on it) inside the block
    replace their targets together at the end, or not at all.

    Every file is first written completely under a temporary name beside its target; only when
    the block ends without error are they renamed into place, one after the other with SIGINT
    and SIGTERM held back (a few microseconds). On any error, or Ctrl-C while writing, the
    temporary files are removed and every target keeps its previous content. For files that
    share a folder with the user's own files (``parse --out``), where swapping the whole folder
    (:func:`staged_folders`) is not possible.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = atomic_write_text(d / "a.txt", "old")
    >>> try:
    ...     with atomic_group():
    ...         _ = atomic_write_text(d / "a.txt", "new")
    ...         _ = atomic_write_text(d / "b.txt", "new")
    ...         raise RuntimeError("disk full")
    ... except RuntimeError:
    ...     pass
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('old', ['a.txt'])
    >>> with atomic_group():
    ...     _ = atomic_write_text(d / "a.txt", "new")
    ...     _ = atomic_write_text(d / "b.txt", "new")
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('new', ['a.txt', 'b.txt'])
    """
    pending: list = []
    token = _GROUP.set(pending)
    try:
        yield
    except BaseException:
        _GROUP.reset(token)
        for tmp, _ in pending:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    _GROUP.reset(token)
    try:
        with _signals_blocked():
            for tmp, path in pending:
                os.replace(tmp, path)
    finally:
        for tmp, _ in pending:
            with suppress(FileNotFoundError):
                os.unlink(tmp)


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


# ---------------------------------------------------------------------------- output folders
MARKER = ".xialu-graph"
"""File in each folder the package owns (``report --out``, ``--figures``, ``compare --out``):
only a folder holding it (or a missing or empty one) is ever replaced."""
MARKER_TEXT = "Written by xialu-graph. The whole folder is replaced on each run.\n"
RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def owned_folder(folder) -> bool:
    """True when ``folder`` may be replaced: it is missing, empty, or holds :data:`MARKER`.

    A folder of the user's own files (figures included) is never owned.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> owned_folder(d / "new"), owned_folder(d)
    (True, True)
    >>> _ = (d / "holiday.png").write_bytes(b"")
    >>> owned_folder(d)
    False
    """
    folder = Path(folder)
    if not folder.exists():
        return True
    if not folder.is_dir() or folder.is_symlink():
        return False
    if (folder / MARKER).is_file():
        return True
    return next(folder.iterdir(), None) is None


def _libc_renameat2():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _libc_renameat2() if os.name == "posix" else None


def exchange(a, b) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns False, changing nothing, where the system or file system cannot (the caller then
    falls back to two renames).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a").write_text("A"); _ = (d / "b").write_text("B")
    >>> exchange(d / "a", d / "b") in (True, False)
    True
    """
    if _RENAMEAT2 is None:
        return False
    import ctypes
    import errno

    if _RENAMEAT2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _stale(target: Path) -> list:
    """Staging folders a killed run left beside ``target``: ``.<name>.new-*`` and
    ``.<name>.old-*`` holding the marker (or empty)."""
    out = []
    for kind in ("new", "old"):
        for p in sorted(target.parent.glob(f".{glob_escape(target.name)}.{kind}-*")):
            if p.is_dir() and not p.is_symlink() and ((p / MARKER).is_file() or next(p.iterdir(), None) is None):
                out.append(p)
    return out


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters escaped.

    Examples
    --------
    >>> glob_escape("a[1]*")
    'a[[]1[]][*]'
    """
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def recover(target) -> list:
    """Put back what a run killed midway left beside ``target``; returns the folders removed.

    First a swap journal (``.<name>.swap.json``, written by :func:`staged_folders` before it
    swaps two or more folders) is finished: every folder it names that was not yet swapped in
    is swapped in now (roll forward), so a report and its separate figures folder are never
    left one new and one old. Then a target missing while a whole previous folder waits aside
    (``.<name>.old-*``, a kill between the two renames of the fallback swap) is renamed back;
    every other staging folder is removed. Call it holding :func:`folder_lock`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> left = d / ".out.new-abcdefgh"
    >>> left.mkdir(); _ = (left / MARKER).write_text("")
    >>> [p.name for p in recover(d / "out")], sorted(p.name for p in d.iterdir())
    (['.out.new-abcdefgh'], [])
    """
    target = Path(target)
    removed = _finish_journal(target)
    stale = _stale(target)
    if not target.exists():
        olds = [p for p in stale if ".old-" in p.name and (p / MARKER).is_file()]
        if olds:
            keep = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(keep, target)
            stale.remove(keep)
    for p in stale:
        _remove_tree(p)
    return removed + stale


def _journal_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.swap.json")


def _write_journal(pairs) -> list:
    """Write the swap journal beside every target (atomically); return the journal paths.

    Each entry names the staging folder, its target and the staging folder's inode: a rename
    keeps the inode, so a later run can tell a swapped target (its inode is the staging
    folder's) from one still waiting."""
    import json

    entries = [{"staging": str(tmp.resolve()), "target": str(t.resolve()), "inode": tmp.stat().st_ino}
               for tmp, t in pairs]
    text = json.dumps({"journal": "xialu-graph swap", "pairs": entries}, ensure_ascii=False, indent=1)
    paths = []
    for _, t in pairs:
        atomic_write_text(_journal_path(t), text)
        paths.append(_journal_path(t))
    return paths


def _finish_journal(target: Path) -> list:
    """Roll forward the swaps a killed run had journalled beside ``target``; returns the
    folders removed. Targets locked by another live run are left for that run (InputError)."""
    import json

    journal = _journal_path(target)
    if not journal.is_file():
        return []
    try:
        pairs = json.loads(journal.read_text(encoding="utf-8"))["pairs"]
        pairs = [(Path(e["staging"]), Path(e["target"]), int(e["inode"])) for e in pairs]
    except (OSError, ValueError, KeyError, TypeError):  # not ours or damaged: leave the folders as they are
        journal.unlink(missing_ok=True)
        return []
    removed: list = []
    with ExitStack() as stack:
        for _, t, _ in pairs:  # the caller holds ``target``'s lock; a held lock is not taken twice
            if str(t.with_name(f".{t.name}.lock").resolve()) not in _HELD:
                stack.enter_context(folder_lock(t))
        for tmp, t, inode in pairs:
            done = t.exists() and t.stat().st_ino == inode
            waiting = tmp.is_dir() and tmp.stat().st_ino == inode
            if not done and waiting:
                leftover = _swap_in(tmp, t)
                if leftover is not None:
                    _remove_tree(leftover)
                    removed.append(leftover)
        for _, t, _ in pairs:
            for p in _stale(t):
                _remove_tree(p)
                removed.append(p)
            _journal_path(t).unlink(missing_ok=True)
    return removed


_HELD: set = set()
"""Lock files this process holds (so finishing a journal does not lock a folder twice)."""


@contextmanager
def folder_lock(target):
    """Hold an exclusive lock on ``target`` (``fcntl.flock`` on ``.<name>.lock`` beside it);
    a second run on the same folder raises :class:`~xialu_graph.errors.InputError` at once.

    The lock file is removed on exit; a lock file left by a killed run is simply taken over
    (the kernel releases the lock of a dead process).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with folder_lock(d / "out"):
    ...     sorted(p.name for p in d.iterdir())
    ['.out.lock']
    >>> sorted(p.name for p in d.iterdir())
    []
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(f".{target.name}.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    for _ in range(20):
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InputError("another xialu-graph run is writing this folder; wait for it to finish",
                             source=str(target)) from None
        try:  # the file may have been removed by the run that held it: lock the one on disk
            same = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    else:  # pragma: no cover
        raise InputError("cannot take the folder lock", source=str(lock))
    key = str(lock.resolve())
    _HELD.add(key)
    try:
        yield
    finally:
        _HELD.discard(key)
        with suppress(FileNotFoundError):
            os.unlink(lock)
        os.close(fd)


def _swap_in(new: Path, target: Path):
    """Move the complete folder ``new`` onto ``target``; return the folder now holding the
    previous contents (to remove), or None. ``target`` is never missing when an exchange is
    possible, otherwise only between two renames (which :func:`recover` mends)."""
    if not target.exists():
        os.rename(new, target)
        return None
    if exchange(new, target):  # ``new`` now holds the previous folder
        return new
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    return old


@contextmanager
def _signals_blocked():
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    sigs = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def staged_folders(*targets):
    """Yield one fresh staging folder per target (``.<name>.new-…`` beside it); when the block
    ends without error, swap every one into place; on any exception remove them all.

    Under a lock per target (:func:`folder_lock`), after :func:`recover` has cleaned what a
    killed run left; a target that is not :func:`owned_folder` raises InputError. Each
    staging folder holds :data:`MARKER` from the start. SIGINT and
    SIGTERM are held back while the folders are swapped, so an interrupt cannot put new
    figures beside an old report; the swap exchanges the folders in one step where the
    system can (``renameat2``), so ``target`` is never missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with staged_folders(d / "out") as (tmp,):
    ...     _ = (tmp / "a.txt").write_text("1")
    >>> sorted(p.name for p in (d / "out").iterdir()), sorted(p.name for p in d.iterdir())
    (['.xialu-graph', 'a.txt'], ['out'])
    """
    targets = [Path(t) for t in targets]
    with ExitStack() as stack:
        for t in targets:
            stack.enter_context(folder_lock(t))
            recover(t)
            if not owned_folder(t):
                raise InputError("folder exists and was not written by xialu-graph; choose another folder or "
                                 "empty it", source=str(t))
        tmps: list = []
        try:
            for t in targets:
                tmp = Path(tempfile.mkdtemp(prefix=f".{t.name}.new-", dir=t.parent))
                tmps.append(tmp)
                (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                os.chmod(tmp, 0o755)
            yield tuple(tmps)
            with _signals_blocked():
                # two or more folders: journal first, so a SIGKILL (which cannot be held back)
                # between two swaps is rolled forward by the next run's recover()
                journals = _write_journal(list(zip(tmps, targets))) if len(targets) > 1 else []
                leftovers = [_swap_in(tmp, t) for tmp, t in zip(tmps, targets)]
                for j in journals:
                    j.unlink(missing_ok=True)
                for p in leftovers:
                    if p is not None:
                        _remove_tree(p)
        finally:
            for tmp in tmps:
                if tmp.exists():
                    _remove_tree(tmp)
