"""A document's *part*: its two tables and ``part.json``, written atomically under ``OUT/parts/``.

A part lives in ``OUT/parts/<key[:2]>/<key>/`` (the key is the document's content key,
:func:`xialu_graph.batch_runs.inputs.file_digest`): ``units.arrow`` and ``tasks.arrow`` (Arrow
IPC files) and ``part.json`` (the key, the schema version, the document's measures, and the size
and SHA-256 of each table file). ``part.json`` is written last, so a part without a valid one
is not done; a part whose files do not match it is redone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Optional

from ..files import atomic_path
from .schema import SCHEMA_VERSION


def _part_dir(out: Path, key: str) -> Path:
    return out / "parts" / key[:2] / key


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_part_meta(out: Path, key: str) -> Optional[dict]:
    """The part's ``part.json`` when every file it lists is there with its size and checksum.

    Returns
    -------
    dict or None
        None when the part is missing, incomplete or damaged (it is then redone).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> read_part_meta(out, "ab12") is None
    True
    >>> _ = write_part(out, "ab12", {"units": b"u", "tasks": b"t", "document": {"place": "下陆区"}})
    >>> read_part_meta(out, "ab12")["document"]
    {'place': '下陆区'}
    >>> _ = (out / "parts" / "ab" / "ab12" / "tasks.arrow").write_bytes(b"x")  # same size, other bytes
    >>> read_part_meta(out, "ab12") is None
    True
    """
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


def write_part(out: Path, key: str, part: dict) -> dict:
    """Write a worker's part (``units`` and ``tasks`` IPC bytes, ``document`` dict); returns its ``part.json``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> meta = write_part(out, "cd34", {"units": b"uu", "tasks": b"t", "document": {"n_tasks": 2}})
    >>> meta["key"], meta["files"]["units.arrow"][0], sorted(p.name for p in (out / "parts" / "cd" / "cd34").iterdir())
    ('cd34', 2, ['part.json', 'tasks.arrow', 'units.arrow'])
    """
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


def read_part_table(out: Path, key: str, name: str):
    """One table of a part (``"units"`` or ``"tasks"``) as a pyarrow Table.

    Examples
    --------
    >>> import tempfile, pyarrow as pa
    >>> sink = pa.BufferOutputStream()
    >>> with pa.ipc.new_file(sink, pa.schema([("unit", pa.string())])) as w:
    ...     w.write_table(pa.table({"unit": ["区财政局"]}))
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = write_part(out, "ef56", {"units": sink.getvalue().to_pybytes(), "tasks": b"", "document": {}})
    >>> read_part_table(out, "ef56", "units").column("unit").to_pylist()
    ['区财政局']
    """
    import pyarrow as pa

    with pa.memory_map(str(_part_dir(out, key) / f"{name}.arrow"), "r") as src:
        return pa.ipc.open_file(src).read_all()
