"""The run: :func:`batch` and what it returns (:class:`BatchResult`).

:func:`batch` names the documents, keys each on its bytes and the options, skips those whose
part is already done, sends the rest in chunks to joblib workers (``loky`` here, or a Dask
cluster), writes each part as it comes back, and at the end writes the panel.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import __version__
from ..compare.unit_matching import read_unit_matches, unit_mapping
from ..errors import InputError
from ..graph import coerce_weights
from ..units import default_tables_dir
from .inputs import expand_inputs, file_digest, units_fingerprint
from .panel import to_pandas, write_panel
from .parts import read_part_meta, write_part
from .progress import Progress
from .schema import PANEL_TABLES, SCHEMA_VERSION, arrow_schemas
from .worker import analyse_chunk, one_line, unit_tables


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

        return to_pandas(pq.read_table(self.paths[f"{table}.parquet"]))


def _settings(units, weights, expand_collectives, clusters, resolution, betweenness, seed) -> dict:
    try:
        w = coerce_weights(weights).as_dict()
    except (ValueError, OSError) as e:
        raise InputError(f"bad role weights: {e}", source=str(weights) if isinstance(weights, (str, Path)) else "") from None
    except Exception as e:  # tomllib.TOMLDecodeError
        raise InputError(f"bad role weights: {one_line(e)}", source=str(weights)) from None
    units_dir = str(Path(units).resolve()) if units is not None else str(Path(default_tables_dir()).resolve())
    if not Path(units_dir).is_dir():
        raise InputError("unit tables folder does not exist", source=units_dir)
    unit_tables(units_dir)  # a bad table is one error here, not one failure per document
    return {
        "units": units_dir,
        "weights": w,
        "expand_collectives": bool(expand_collectives),
        "clusters": bool(clusters),
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
            raise InputError(f"cannot reach the Dask scheduler ({one_line(e)})", source=str(scheduler)) from None
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
        Compute co-responsibility clusters (one seeded Louvain run per document: the panel
        holds the clusters of ``seed``, not their stability over seeds, so there is no
        option for more runs).
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
    settings = _settings(units, weights, expand_collectives, clusters, resolution, betweenness, seed)
    mapping = _matches_mapping(matches)
    # "cluster_runs": 1 is what parts were keyed on when batch still had that option (which did
    # not change them): kept so that their keys, and the panel's doc_key, stay the same
    fp = json.dumps(
        {"version": __version__, "schema": SCHEMA_VERSION, **settings, "cluster_runs": 1,
         "units": units_fingerprint(settings["units"])},
        sort_keys=True,
    ).encode()
    say = (lambda msg: print(f"[xialu-graph] {msg}", file=sys.stderr, flush=True)) if progress else (lambda msg: None)

    keys: list[str] = []
    failures: dict[int, str] = {}
    for i, (_, path) in enumerate(docs):
        try:
            keys.append(file_digest(path, fp))
        except OSError as e:
            keys.append("")
            failures[i] = f"cannot read file: {e.strerror or e}"
    metas: dict[str, dict] = {}
    todo: dict[str, int] = {}  # key → first index with it (identical files are analysed once)
    for i, key in enumerate(keys):
        if not key or key in metas or key in todo:
            continue
        meta = read_part_meta(out, key)
        if meta is not None:
            metas[key] = meta
        else:
            todo[key] = i
    n_skipped = sum(1 for k in keys if k in metas)
    if n_skipped:
        say(f"{n_skipped} of {len(docs)} documents already done in {out / 'parts'}: skipped")

    schemas = arrow_schemas()
    ctx, client = _parallel_context(scheduler, n_jobs)
    try:
        with ctx:
            workers = _n_workers(n_jobs, scheduler, client)
            if todo:
                _run(docs, todo, keys, settings, out, metas, failures, n_jobs, scheduler, workers, chunk_size, progress)
            n_failed = len(failures)
            result = BatchResult(out=out, n_documents=len(docs), n_skipped=n_skipped, n_failed=n_failed)
            result.n_analysed = sum(1 for k in todo if k in metas)
            result.paths = write_panel(out, docs, keys, metas, failures, mapping, schemas, csv=csv,
                                       map_slices=_local_pool(n_jobs, scheduler, workers))
    finally:
        if client is not None:
            client.close()
    result.seconds = time.perf_counter() - t0
    say(
        f"{len(docs)} documents: {result.n_analysed} analysed, {n_skipped} skipped, {n_failed} failed "
        f"in {result.seconds:.1f} s → {out / 'panel'}"
    )
    return result


# joblib backends whose workers are processes or threads of this machine, so see OUT as this process does
_LOCAL_BACKENDS = ("LokyBackend", "SequentialBackend", "ThreadingBackend", "MultiprocessingBackend")


def _workers_see_out(scheduler, backends=_LOCAL_BACKENDS) -> bool:
    """Whether the run's workers are on this machine (joblib's active backend is one of ``backends``)."""
    from joblib.parallel import get_active_backend

    return scheduler is None and type(get_active_backend()[0]).__name__ in backends


def _run(docs, todo, keys, settings, out, metas, failures, n_jobs, scheduler, workers, chunk_size, progress):
    from joblib import Parallel, delayed

    items = [(i, docs[i][1], keys[i]) for i in sorted(todo.values())]
    # small chunks (about 32 per worker, at most 32 documents): the workers finish together
    size = chunk_size or max(1, min(32, -(-len(items) // (workers * 32))))
    chunks = [items[k : k + size] for k in range(0, len(items), size)]
    bar = Progress(len(items), enabled=progress)
    if scheduler is not None:
        par = Parallel(return_as="generator_unordered")
    else:
        par = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
    # local workers (and this process) write the parts themselves and send back part.json; a
    # Dask worker may not see OUT, so its parts come back to be written here
    local = _workers_see_out(scheduler)
    here = out if local else None
    for chunk_result in par(delayed(analyse_chunk)(c, settings, out=here) for c in chunks):
        nfail = 0
        for idx, res in chunk_result:
            if isinstance(res, str):
                failures[idx] = res
                nfail += 1
            else:
                metas[keys[idx]] = res if local else write_part(out, keys[idx], res)
        bar.step(len(chunk_result), nfail)
    # identical files analysed once: their failure applies to every copy
    for i, k in enumerate(keys):
        if k and k not in metas and i not in failures:
            first = todo.get(k)
            failures[i] = failures.get(first, "not analysed")


def _local_pool(n_jobs, scheduler, workers):
    """The panel's slices on the local worker processes (None: in this process).

    Only with joblib's local ``loky`` pool, whose workers see ``OUT`` as this process does;
    on a Dask cluster the workers may not, so the parent assembles the panel itself.
    """
    from joblib import Parallel, delayed

    if workers < 2 or not _workers_see_out(scheduler, backends=("LokyBackend",)):
        return None

    def map_slices(fn, kwargs_list):
        # one slice per worker in flight: the parent holds a few slices' rows, whatever the run's size
        return Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="n_jobs")(
            delayed(fn)(**kw) for kw in kwargs_list
        )

    return map_slices


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
