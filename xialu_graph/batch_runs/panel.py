"""The panel: every part streamed, a few hundred at a time, into one long table per level.

``OUT/panel/{units,tasks,documents,failures}.parquet`` (pyarrow, zstd) and, unless ``csv=False``,
the same as ``.csv`` (UTF-8 with BOM, spreadsheet-safe cells). Documents are numbered in
editions per place; ``canonical_unit`` applies the confirmed unit matches.
"""

from __future__ import annotations

import codecs
import io
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path

from ..files import atomic_path, clean_cell
from .parts import read_part_table
from .schema import FAILURE_COLUMNS, arrow_schemas


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


def _documents_frame(docs, keys, metas):
    import pandas as pd

    rows = []
    for i, (name, _) in enumerate(docs):
        meta = metas.get(keys[i])
        if meta is None:
            continue
        d = dict(meta["document"])
        rows.append({"document": name, "doc_key": keys[i], "level": government_level(d["place"]), **d})
    cols = list(arrow_schemas()["documents"].names)
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


def write_panel(out: Path, docs, keys, metas, failures, mapping, schemas, *, csv: bool, group: int = 256,
                map_slices=None) -> dict:
    """Write the four panel tables of a run from its parts; returns ``"<table>.<suffix>"`` → path.

    The units and tasks rows are assembled ``group`` documents at a time by
    :func:`panel_slice` (reading the parts, adding the document columns, rendering the CSV),
    in this process or, through ``map_slices``, in the run's workers; this process writes
    the slices in order (Parquet row groups and CSV text), so the panel is the same either way.

    Parameters
    ----------
    out : Path
        The run's output folder (parts in ``out/parts``, the panel written to ``out/panel``).
    docs : list of (str, str)
        The run's documents, ``(document id, path)`` (:func:`~xialu_graph.batch_runs.inputs.expand_inputs`).
    keys : list of str
        The content key of each document ('' when its file could not be read).
    metas : dict
        Content key → ``part.json`` of every document done.
    failures : dict
        Index in ``docs`` → one-line reason.
    mapping : dict
        Unit → canonical unit (confirmed matches), for ``canonical_unit``.
    schemas : dict
        :func:`~xialu_graph.batch_runs.schema.arrow_schemas`.
    csv : bool
        Also write CSV.
    group : int, default 256
        Documents per slice (the parent's memory is flat in the number of documents).
    map_slices : callable, optional
        ``map_slices(function, list of kwargs)`` → the results, in order (for instance an
        ordered joblib ``Parallel`` generator) on processes that see ``out``: each writes its
        slice under ``out/panel/.slices-*`` (:func:`spool_slice`), removed as it is copied;
        default: one after the other here.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> docs = [("a.txt", "a.txt"), ("b.txt", "b.txt")]
    >>> paths = write_panel(out, docs, ["", ""], {}, {0: "no tasks found", 1: "no tasks found"}, {},
    ...                     arrow_schemas(), csv=False)
    >>> sorted(paths)
    ['documents.parquet', 'failures.parquet', 'tasks.parquet', 'units.parquet']
    >>> import pandas as pd
    >>> pd.read_parquet(paths["failures.parquet"]).values.tolist()
    [['a.txt', 'no tasks found'], ['b.txt', 'no tasks found']]
    """
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

    heads = [
        {c: (None if pd.isna(v) else v) for c, v in h.items()}
        for h in documents[["document", "doc_key", "place", "year", "level"]].to_dict("records")
    ]
    slices = [
        {"out": out, "heads": heads[k : k + group], "mapping": mapping, "csv": csv, "header": k == 0}
        for k in range(0, max(len(heads), 1), group)
    ]
    names = ("units", "tasks")
    with ExitStack() as stack:
        if map_slices is not None:
            # the workers write their slices to files here and return the paths: sending the rows
            # back through the pool's pipe cost each worker ~0.3 s per slice of 256 documents
            # (≈ 1.2 ms a document, as much as making the slice), the parent sat waiting meanwhile
            spool = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=panel, prefix=".slices-")))
            results = map(_read_spooled, map_slices(spool_slice, [{**a, "spool": spool / str(k)}
                                                                  for k, a in enumerate(slices)]))
        else:
            results = (panel_slice(**a) for a in slices)
        writers, handles, targets = {}, {}, {}
        for name in names:
            targets[name] = (panel / f"{name}.parquet", panel / f"{name}.csv")
            pq_tmp = stack.enter_context(atomic_path(targets[name][0]))
            writers[name] = stack.enter_context(pq.ParquetWriter(pq_tmp, schemas[name], compression="zstd"))
            if csv:
                csv_tmp = stack.enter_context(atomic_path(targets[name][1]))
                handles[name] = stack.enter_context(open(csv_tmp, "wb"))
                handles[name].write(codecs.BOM_UTF8)
        for res in results:
            for name in names:
                writers[name].write_table(res[name])
                if csv:
                    csv_part = res[f"{name}_csv"]
                    if isinstance(csv_part, Path):
                        with open(csv_part, "rb") as src:
                            shutil.copyfileobj(src, handles[name], 1 << 20)
                    else:
                        handles[name].write(csv_part)
            for value in res.values():
                if isinstance(value, Path):
                    value.unlink()
    for name in names:
        paths[f"{name}.parquet"] = targets[name][0]
        if csv:
            paths[f"{name}.csv"] = targets[name][1]
    return paths


def panel_slice(*, out, heads, mapping, csv: bool, header: bool) -> dict:
    """The units and tasks rows of some documents, as the panel writes them (the work of one slice).

    Parameters
    ----------
    out : Path
        The run's output folder (the parts are read from ``out/parts``).
    heads : list of dict
        Per document, in panel order: ``document``, ``doc_key``, ``place``, ``year`` (None when
        unknown) and ``level``.
    mapping : dict
        Unit → canonical unit (confirmed matches).
    csv : bool
        Also render the rows as CSV.
    header : bool
        Begin the CSV with the header line (the first slice).

    Returns
    -------
    dict
        ``units`` and ``tasks`` (pyarrow Tables with the panel schemas) and, with ``csv``,
        ``units_csv`` and ``tasks_csv`` (UTF-8 bytes, no BOM, cells spreadsheet-safe).

    Examples
    --------
    >>> import tempfile
    >>> r = panel_slice(out=Path(tempfile.mkdtemp()), heads=[], mapping={}, csv=True, header=True)
    >>> r["units"].num_rows, r["tasks_csv"].decode()[:24]
    (0, 'document,doc_key,place,y')
    """
    import pyarrow as pa

    schemas = arrow_schemas()
    res = {}
    for name in ("units", "tasks"):
        schema = schemas[name]
        tables = []
        for h in heads:
            part = read_part_table(out, h["doc_key"], name)
            n = part.num_rows
            cols = {c: pa.repeat(pa.scalar(h[c], schema.field(c).type), n)
                    for c in ("document", "doc_key", "place", "year", "level")}
            if name == "units":
                units_ = part.column("unit").to_pylist()
                cols["canonical_unit"] = pa.array([mapping.get(u, u) for u in units_], pa.string())
            for c in part.column_names:
                cols[c] = part.column(c)
            tables.append(pa.table([cols[c] for c in schema.names], schema=schema))
        table = pa.concat_tables(tables) if tables else schema.empty_table()
        res[name] = table
        if csv:
            # encoded as it is written: a str buffer of Chinese text would take 4 bytes a character
            buf = io.BytesIO()
            with io.TextIOWrapper(buf, encoding="utf-8", newline="") as fh:
                _csv_chunk(to_pandas(table), fh, header=header)
                fh.flush()
                res[f"{name}_csv"] = buf.getvalue()
    return res


def spool_slice(*, spool: Path, **kwargs) -> dict:
    """:func:`panel_slice` written to files ``spool.<table>.arrow`` / ``.csv``; returns their paths.

    The work of a local worker process, which sees the run's folder: the parent reads the
    Arrow files memory-mapped and copies the CSV bytes, instead of receiving the rows.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> paths = spool_slice(spool=d / "0", out=d, heads=[], mapping={}, csv=True, header=True)
    >>> sorted(paths), paths["units"].name
    (['tasks', 'tasks_csv', 'units', 'units_csv'], '0.units.arrow')
    >>> _read_spooled(paths)["units"].num_rows
    0
    """
    import pyarrow as pa

    res = panel_slice(**kwargs)
    paths = {}
    for key, value in res.items():
        if key.endswith("_csv"):
            path = spool.with_name(f"{spool.name}.{key[:-4]}.csv")
            path.write_bytes(value)
        else:
            path = spool.with_name(f"{spool.name}.{key}.arrow")
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, value.schema) as w:
                w.write_table(value)
        paths[key] = path
    return paths


def _read_spooled(paths: dict) -> dict:
    """A spooled slice: its tables read (and their files removed), its CSV files as paths.

    Read, not memory-mapped: a mapped file cannot be removed on Windows while the table lives.
    """
    import pyarrow as pa

    res = {}
    for key, path in paths.items():
        if key.endswith("_csv"):
            res[key] = path
        else:
            with pa.OSFile(str(path), "rb") as src:
                res[key] = pa.ipc.open_file(src).read_all()
            path.unlink()
    return res


def to_pandas(table):
    """Arrow → pandas keeping integer columns with gaps as nullable Int64 (not float).

    Examples
    --------
    >>> import pyarrow as pa
    >>> to_pandas(pa.table({"year": pa.array([2020, None], pa.int64())}))["year"].tolist()
    [2020, <NA>]
    """
    import pandas as pd
    import pyarrow as pa

    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def _csv_chunk(df, fh, *, header: bool) -> None:
    obj = df.select_dtypes(include=["object", "string"]).columns
    if len(obj):
        df = df.copy()
        for c in obj:
            # each distinct value cleaned once (names, sections and keys repeat on every row)
            col = df[c]
            df[c] = col.map({v: clean_cell(v) for v in col.dropna().unique()}, na_action="ignore")
    df.to_csv(fh, index=False, header=header, lineterminator="\n")
