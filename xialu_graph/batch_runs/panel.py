"""The panel: every part streamed, a few hundred at a time, into one long table per level.

``OUT/panel/{units,tasks,documents,failures}.parquet`` (pyarrow, zstd) and, unless ``csv=False``,
the same as ``.csv`` (UTF-8 with BOM, spreadsheet-safe cells). Documents are numbered in
editions per place; ``canonical_unit`` applies the confirmed unit matches.
"""

from __future__ import annotations

from contextlib import nullcontext
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


def write_panel(out: Path, docs, keys, metas, failures, mapping, schemas, *, csv: bool, group: int = 256) -> dict:
    """Write the four panel tables of a run from its parts; returns ``"<table>.<suffix>"`` → path.

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
        Parts read and written at a time (the parent's memory is flat in the number of documents).

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
                        part = read_part_table(out, h["doc_key"], name)
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
                        _csv_chunk(to_pandas(table), fh, header=(k == 0))
            finally:
                writer.close()
                if fh is not None:
                    fh.close()
        paths[f"{name}.parquet"] = pq_target
        if csv:
            paths[f"{name}.csv"] = csv_target
    return paths


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
