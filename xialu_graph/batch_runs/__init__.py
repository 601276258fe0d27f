"""Many documents → per-document tables and a panel for statistics.

:func:`batch` reads and analyses every document on its own, in worker processes (joblib's
``loky`` backend on this machine, or a Dask cluster through joblib's ``dask`` backend). A
worker makes two small tables and one row of measures — never a Document — and writes them,
atomically, as the document's *part* under ``OUT/parts/`` (on a Dask cluster, whose workers may not
see ``OUT``, the tables come back and the parent writes the part). A part is
keyed on the SHA-256 of the file's bytes, the package version and the analysis options, so
a second run (after a crash, Ctrl-C, or with more documents added) skips every document
already done; a part whose files were damaged is detected (sizes and checksums recorded in
its ``part.json``) and redone. A document that cannot be read or analysed becomes a row of
the failures table instead of stopping the run.

At the end the parts are streamed, a few hundred at a time, into one long table per level
(locally the worker processes write the slices to files and the parent copies them in order),
written as Parquet (pyarrow) and as CSV (UTF-8 with BOM, spreadsheet-safe cells)::

    OUT/panel/units.parquet      units.csv       one row per unit and document
    OUT/panel/tasks.parquet      tasks.csv       one row per task and document
    OUT/panel/documents.parquet  documents.csv   one row per document
    OUT/panel/failures.parquet   failures.csv    one row per document that failed

The columns are :data:`UNIT_PANEL_COLUMNS`, :data:`TASK_PANEL_COLUMNS`,
:data:`DOCUMENT_PANEL_COLUMNS` and :data:`FAILURE_COLUMNS` (name → meaning; the data
dictionary ``docs/panel.md`` lists the same). Unit names follow the document's own
resolution (``data/units``); ``canonical_unit`` applies only the *confirmed* rows of a
``unit_matches.csv`` (``matches=``), never a guess.

The modules, one job each:

==============  =====================================================================
``schema``      the panel's columns (name → meaning), the Arrow schemas, SCHEMA_VERSION
``synthetic``   generated documents for tests and benchmarks
``inputs``      folders, globs and files → documents; content keys
``worker``      one document → two small tables and one row (what a worker returns)
``parts``       a document's part folder: write, check, read
``progress``    progress, rate and ETA on stderr
``panel``       the parts → the four panel tables (Parquet, CSV)
``run``         :func:`batch` and :class:`BatchResult`
==============  =====================================================================
"""

from __future__ import annotations

from ..lazy import lazy_attributes
from .inputs import SUFFIXES, expand_inputs
from .panel import government_level
from .schema import (
    DOCUMENT_PANEL_COLUMNS,
    FAILURE_COLUMNS,
    PANEL_TABLES,
    SCHEMA_VERSION,
    TASK_PANEL_COLUMNS,
    UNIT_PANEL_COLUMNS,
)
from .synthetic import SYNTHETIC_PLACES, synthetic_text, write_synthetic_corpus
from .worker import analyse_document

__all__ = [
    "batch",
    "BatchResult",
    "expand_inputs",
    "government_level",
    "synthetic_text",
    "write_synthetic_corpus",
    "UNIT_PANEL_COLUMNS",
    "TASK_PANEL_COLUMNS",
    "DOCUMENT_PANEL_COLUMNS",
    "FAILURE_COLUMNS",
    "PANEL_TABLES",
    "SCHEMA_VERSION",
    "SUFFIXES",
    "SYNTHETIC_PLACES",
    "analyse_document",
]

# ``batch`` and ``BatchResult`` live in ``run``, which imports the comparison package (pandas,
# jieba's helpers: ~0.85 s); they are resolved on first use (PEP 562, as the package root does)
# so that a worker process, which imports ``batch_runs.worker`` to unpickle its task, does not
# pay for them: each loky worker started ~1 s slower, a tenth of a 1,000-document run on 2 workers.
_LAZY = {"batch": "run", "BatchResult": "run"}

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, globals())
