"""Many documents at once: a labelled corpus with the parse report of each.

Labels are ``<place><year>`` from each document's metadata (黄石港区2021), or given by the
user. With many files (``parallel_from`` or more, 8 by default) the documents are read in
parallel with :class:`concurrent.futures.ProcessPoolExecutor`; a plain-text progress bar is
written on stderr for large folders.
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from ..errors import InputError
from ..model import Document, ParseReport
from ..parse import read_corrections
from ..pipeline import read_document
from ..units import load_unit_tables

__all__ = ["Corpus", "CorpusEntry", "read_corpus", "DOCUMENT_COLUMNS", "SUFFIXES", "default_label"]

SUFFIXES = (".txt", ".html", ".htm", ".docx")
"""File types read from a folder."""

DOCUMENT_COLUMNS = {
    "label": "the document's label in the comparison (place + year, or given)",
    "source": "file the document was read from",
    "place": "district named in the metadata ('' when not found)",
    "year": "plan year from the metadata (<NA> when not found)",
    "title": "plan title",
    "date": "publication date (ISO)",
    "n_tasks": "tasks parsed",
    "n_units": "distinct canonical units named",
    "n_assignments": "(task, unit, role) rows",
    "truncated": "True when the text stops mid-item (an excerpt): the last item was cut off",
    "n_warnings": "parse warnings",
    "warning_codes": "distinct warning codes, ';'-joined",
}


@dataclass
class CorpusEntry:
    """One labelled document of a corpus."""

    label: str
    document: Document
    path: str = ""

    @property
    def report(self) -> ParseReport:
        """The parse report of the document."""
        return self.document.report

    @property
    def truncated(self) -> bool:
        """Whether the document is an excerpt whose last item was cut off."""
        return bool(self.document.report.truncated)


class Corpus(list):
    """A list of :class:`CorpusEntry`, in reading order (oldest first for a folder).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> c = Corpus([CorpusEntry("a", xg.read_document("一、甲\\n1、乙。[责任单位:区发改局]\\n"))])
    >>> c.labels, len(c.documents)
    (['a'], 1)
    """

    @property
    def labels(self) -> list[str]:
        return [e.label for e in self]

    @property
    def documents(self) -> list[Document]:
        return [e.document for e in self]

    def __getitem__(self, key):
        if isinstance(key, str):
            for e in self:
                if e.label == key:
                    return e
            raise KeyError(f"no document labelled {key!r}")
        out = super().__getitem__(key)
        return Corpus(out) if isinstance(key, slice) else out

    def documents_frame(self):
        """One row per document, columns :data:`DOCUMENT_COLUMNS`."""
        import pandas as pd

        rows = []
        for e in self:
            d = e.document
            md = d.metadata
            codes = sorted(set(d.report.codes()))
            rows.append(
                {
                    "label": e.label,
                    "source": e.path or md.source,
                    "place": md.place,
                    "year": md.year,
                    "title": md.title,
                    "date": md.date,
                    "n_tasks": len(d.tasks),
                    "n_units": len({a.unit for a in d.assignments}),
                    "n_assignments": len(d.assignments),
                    "truncated": e.truncated,
                    "n_warnings": len(d.report.warnings),
                    "warning_codes": ";".join(codes),
                }
            )
        df = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
        df["year"] = df["year"].astype("Int64")
        return df


def default_label(doc: Document, path: str = "") -> str:
    """``<place><year>`` from the metadata; the file stem when either is missing.

    Examples
    --------
    >>> from xialu_graph.model import Document, Metadata
    >>> default_label(Document(Metadata(place="黄石港区", year=2021)))
    '黄石港区2021'
    >>> default_label(Document(Metadata(year=2023)), "data/raw/xialu_2023_excerpt.txt")
    'xialu_2023_excerpt'
    """
    md = doc.metadata
    if md.place and md.year:
        return f"{md.place}{md.year}"
    if path:
        return Path(path).stem
    if md.year:
        return str(md.year)
    return md.source or "document"


def _expand(source) -> tuple[list[str], bool]:
    """File list and whether it came from a folder."""
    if isinstance(source, (str, os.PathLike)):
        sources = [source]
    else:
        sources = list(source)
    files: list[str] = []
    from_folder = False
    for s in sources:
        p = Path(s)
        if p.is_dir():
            from_folder = True
            found = sorted(str(f) for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"no documents ({', '.join(SUFFIXES)}) in folder", source=str(p))
            files.extend(found)
        elif not p.exists():
            raise InputError("file does not exist", source=str(p))
        else:
            files.append(str(p))
    return files, from_folder


def _read_one(path: str, tables, place: Optional[str], corrections=None) -> Document:

    return read_document(path, unit_tables=tables, place=place or None, corrections=corrections or None)


def _read_shared(files: list, places: list, docs: list, workers: int, tables, corrections, bar, settle) -> None:
    """Read ``files`` into ``docs`` (by index) with ``workers`` worker processes and this one.

    The workers take chunks of up to 16 files from the front of the list, each worker kept two
    chunks ahead; this process reads one file at a time from the other end, and between two
    files takes what the workers have finished and hands out new chunks, until none is left.
    Why this process reads too: a worker's Document must be pickled there and unpickled here
    (0.9 + 0.45 ms against 3.4 ms to read a 24 KB document of 100 tasks), so on two cores one
    worker and this process finish sooner than two workers with this process only unpickling
    (measured in ``benchmarks/results.md``, read_corpus).

    A worker writes its chunk's pickled Documents to a file in a private temporary folder and
    returns the file's name; this process loads it. Sent through the pool's pipe instead, a
    chunk (about 1.2 MB) was read by the pool's result thread 64 KB at a time, each piece
    waiting for the interpreter lock this process holds while it reads documents: the worker,
    blocked until its result was taken, sat idle a third of the time (issue 17). Errors
    propagate as from a sequential read (the first raised here; the pool is shut down; the
    temporary folder is removed either way).
    """
    import tempfile
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    n = len(files)
    size = max(1, min(16, -(-n // ((workers + 1) * 4))))
    todo = deque(range(n))  # workers take chunks from the left, this process single files from the right

    def store(idx: list, got: list) -> None:
        for i, doc in zip(idx, got):
            docs[i] = doc
            bar.step(files[i])
        settle()

    with tempfile.TemporaryDirectory(prefix="xialu-corpus-") as tmp, \
            ProcessPoolExecutor(max_workers=min(workers, -(-n // size))) as ex:
        pending: dict = {}
        while todo or pending:
            while todo and len(pending) < 2 * workers and len(todo) > size:
                idx = [todo.popleft() for _ in range(size)]
                pending[ex.submit(_read_to_file, tmp, [files[i] for i in idx], tables, [places[i] for i in idx],
                                  corrections)] = idx
            done = [f for f in pending if f.done()]
            if not todo and not done:
                done = [next(iter(pending))]  # nothing left to read here: wait for the oldest chunk
            for fut in done:
                store(pending.pop(fut), _load(fut.result()))
            if todo:
                i = todo.pop()
                store([i], _read_many([files[i]], tables, [places[i]], corrections))


def _read_to_file(folder: str, paths: list, tables, places: list, corrections=None) -> str:
    """:func:`_read_many` in a worker: the Documents pickled into a new file in ``folder``;
    returns its name."""
    import pickle
    import tempfile

    got = _read_many(paths, tables, places, corrections)
    fd, name = tempfile.mkstemp(dir=folder, suffix=".pickle")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(got, f, protocol=pickle.HIGHEST_PROTOCOL)
    return name


def _load(name: str) -> list:
    """The Documents a worker wrote (:func:`_read_to_file`); the file is removed."""
    import pickle

    with open(name, "rb") as f:
        got = pickle.load(f)
    os.unlink(name)
    return got


def _read_many(paths: list, tables, places: list, corrections=None) -> list:
    out = []
    with _gc_paused() as settle:  # in a forked worker this also spares the parent's pages (no collection writes to them)
        for p, pl in zip(paths, places):
            out.append(_read_one(p, tables, pl, corrections))
            settle()
    return out


@contextmanager
def _gc_paused():
    """The cyclic garbage collector kept off the documents while they pile up in memory.

    Reading or unpickling a corpus creates millions of long-lived objects (a thousand generated
    documents: some ten million). With the automatic collector on, each full collection walks
    every document kept so far, which made the parent's unpickling five times slower (and two
    workers slower than one, issue 17). Collecting the young generations after each document or
    chunk (``gc.collect(1)``, the previous design) still walked every new object once: 0.9 s of
    the parent's 2 s on 1,000 documents. Inside this context the collector is off and the caller
    calls the yielded ``settle()`` after each document or chunk: :func:`gc.freeze` moves every
    object tracked so far to the permanent generation, in constant time, so no collection ever
    walks them. On exit they are unfrozen (put back in the oldest generation: a cycle made
    meanwhile is still collected by the next full collection, nothing leaks) and the previous
    state of the collector is restored.

    Examples
    --------
    >>> import gc
    >>> with _gc_paused() as settle:
    ...     settle()
    ...     gc.isenabled(), gc.get_freeze_count() > 0
    (False, True)
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """
    global _PAUSED
    was = gc.isenabled()
    # only the outermost context unfreezes, and not what a caller froze itself; counted once
    # there (gc.get_freeze_count walks the frozen objects: millions, once documents pile up)
    frozen = _PAUSED > 0 or gc.get_freeze_count() > 0
    _PAUSED += 1
    gc.disable()
    try:
        yield gc.freeze
    finally:
        _PAUSED -= 1
        if not frozen:
            gc.unfreeze()
        if was:
            gc.enable()


_PAUSED = 0  # _gc_paused contexts open in this process (a forked worker inherits its parent's)


class _Progress:
    """A plain-text progress bar on stderr (no dependency)."""

    def __init__(self, total: int, enabled: bool, stream=None, width: int = 30):
        self.total, self.enabled, self.width = total, enabled, width
        self.stream = stream or sys.stderr
        self.done = 0

    def step(self, name: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = int(self.width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        tty = getattr(self.stream, "isatty", lambda: False)()
        end = "\r" if tty and self.done < self.total else "\n"
        if not tty and self.done < self.total and self.done % max(1, self.total // 10):
            return  # a log file gets about ten lines, not one per document
        self.stream.write(f"reading [{bar}] {self.done}/{self.total} {Path(name).name[:40]}{end}")
        self.stream.flush()


def read_corpus(
    source,
    *,
    labels: Optional[Sequence[str]] = None,
    place=None,
    unit_tables=None,
    processes: Optional[int] = None,
    progress: bool = True,
    parallel_from: int = 8,
    corrections=None,
) -> Corpus:
    """Read many documents into a labelled :class:`Corpus`.

    Parameters
    ----------
    source : path, folder, or sequence of paths/folders
        Documents (.txt, .html, .htm, .docx). A folder contributes its documents of those
        types; documents from folders are ordered by (place, year, file name).
    labels : sequence of str, optional
        One label per document, in the order read; default :func:`default_label`
        (``<place><year>``). Repeated labels get ``-2``, ``-3`` … appended.
    place : str or sequence of str, optional
        The district of each document when its metadata does not say (passed to
        :func:`xialu_graph.read_document`), one value for all or one per document.
    unit_tables : UnitTables, optional
        Unit tables (default ``data/units``).
    processes : int, optional
        Processes that read, this one included (``processes - 1`` workers; this process reads
        too, see :func:`_read_shared`). Default: as many as CPUs (at most 8) when there are
        ``parallel_from`` files or more, this process alone otherwise; 1 forces sequential reading.
    progress : bool, default True
        Show a progress bar on stderr when there are ``parallel_from`` files or more.
    parallel_from : int, default 8
        Number of files from which reading is parallel and the progress bar is shown.
    corrections : path, pandas.DataFrame or list of dict, optional
        Edited review rows (see :func:`xialu_graph.read_document`); a row whose ``source`` names a
        file applies to that document only, a row without one to every document.

    Returns
    -------
    Corpus
        A list of :class:`CorpusEntry` (``label``, ``document``, ``path``, ``report``).

    Raises
    ------
    xialu_graph.InputError
        A missing file, an empty folder, an unreadable document (naming the file), or labels
        that do not match the number of documents.

    Examples
    --------
    >>> c = read_corpus(["data/raw/huangshigang_2021_excerpt.txt",
    ...                  "data/raw/huangshigang_2022_excerpt.txt"], progress=False)
    >>> c.labels, [e.truncated for e in c]
    (['黄石港区2021', '黄石港区2022'], [True, True])
    """
    files, from_folder = _expand(source)
    n = len(files)
    if labels is not None:
        labels = [str(x) for x in labels]
        if len(labels) != n:
            raise InputError(f"{len(labels)} label(s) given for {n} document(s)")
    if place is None or isinstance(place, str):
        places = [place] * n
    else:
        places = list(place)
        if len(places) != n:
            raise InputError(f"{len(places)} place(s) given for {n} document(s)")
    if unit_tables is None:

        unit_tables = load_unit_tables()
    if corrections is not None and not isinstance(corrections, list):
        corrections = read_corrections(corrections)  # read once, reported against its own file and line
    if corrections:
        names = {Path(f).name for f in files}
        stray = next((r for r in corrections if r["source"] and Path(r["source"]).name not in names), None)
        if stray is not None:
            raise InputError(f"row names document {stray['source']!r}, which is not among the inputs",
                             source=stray["file"], line=stray["line"])
    bar = _Progress(n, enabled=bool(progress) and n >= parallel_from)
    if processes is None:
        processes = min(os.cpu_count() or 1, 8) if n >= parallel_from else 1
    docs: list[Optional[Document]] = [None] * n
    with _gc_paused() as settle:
        if processes > 1 and n > 1:
            _read_shared(files, places, docs, processes - 1, unit_tables, corrections, bar, settle)
        else:
            for i, (f, p) in enumerate(zip(files, places)):
                docs[i] = _read_one(f, unit_tables, p, corrections)
                bar.step(f)
                settle()
    order = list(range(n))
    if from_folder and labels is None:
        order.sort(key=lambda i: (docs[i].metadata.place, docs[i].metadata.year or 0, files[i]))
    out = Corpus()
    seen: dict[str, int] = {}
    for i in order:
        lab = labels[i] if labels is not None else default_label(docs[i], files[i])
        k = seen.get(lab, 0) + 1
        seen[lab] = k
        if k > 1:
            lab = f"{lab}-{k}"
        out.append(CorpusEntry(lab, docs[i], files[i]))
    return out
