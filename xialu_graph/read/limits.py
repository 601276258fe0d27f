"""Bounds that keep a hostile file from costing more than memory and time proportional to it.

One :class:`Budget` is made per document and shared by the HTML and DOCX readers: it counts
the table cells materialised once row and column spans are expanded (per table and per
document) and the characters written out, so that repeating a spanning cell can never turn a
small file into a large text. Each bound is stated in ``docs/security.md`` with the test
that holds it.
"""

from __future__ import annotations

from ..errors import InputError

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest file read at all.

Reading takes at most about 2.6x the file (bytes, decoded pieces, joined text); reading and
parsing measured 14.2x (50 MB and 200 MB text files, ``bench_hostile.py --big``), so a file
at this limit peaks near 3.8 GB: the 4 GiB that 512 MiB was meant to allow at 8x.
"""

MAX_INFLATED_BYTES = 64 * 1024 * 1024
"""Largest total of bytes inflated from a .docx (all parts read together); a real document.xml is a few MB."""

MAX_SPAN = 500
"""rowspan / colspan / gridSpan larger than this are read as this."""

MAX_TABLE_CELLS = 200_000
"""Cells of one table once spans are expanded (a real table has a few thousand)."""

MAX_DOCUMENT_CELLS = 1_000_000
"""Cells of all tables of one document once spans are expanded."""

MAX_TABLE_DEPTH = 32
"""Tables nested inside table cells (Word documents nest two or three)."""

MAX_XML_DEPTH = 512
"""Elements nested inside one another in a .docx part (real documents stay under 40)."""

OUTPUT_FACTOR = 2
"""Text written out may be at most this many times the input read so far, plus OUTPUT_SLACK."""

OUTPUT_SLACK = 4 * 1024 * 1024


class Budget:
    """Counts what a reader materialises and refuses the document past the bounds.

    Parameters
    ----------
    name : str
        File name used in the error.

    Examples
    --------
    >>> b = Budget(name="x.html")
    >>> b.cells(3, table=0)
    >>> b.table_cells[0], b.document_cells
    (3, 3)
    """

    def __init__(self, *, name: str):
        self.name = name
        self.document_cells = 0
        self.table_cells: dict[int, int] = {}
        self.input_chars = 0
        self.output_chars = 0

    def cells(self, n: int, *, table: int) -> None:
        """Count ``n`` more cells in table number ``table``."""
        t = self.table_cells.get(table, 0) + n
        self.table_cells[table] = t
        self.document_cells += n
        if t > MAX_TABLE_CELLS:
            raise InputError(
                f"a table holds more than {MAX_TABLE_CELLS:,} cells once its row and column spans are "
                "expanded; refused as a hostile file",
                source=self.name,
            )
        if self.document_cells > MAX_DOCUMENT_CELLS:
            raise InputError(
                f"the tables hold more than {MAX_DOCUMENT_CELLS:,} cells once their row and column spans are "
                "expanded; refused as a hostile file",
                source=self.name,
            )

    def consumed(self, n: int) -> None:
        """Count ``n`` more characters (or bytes) of input read."""
        self.input_chars += n

    def output(self, n: int) -> None:
        """Count ``n`` more characters of text written out."""
        self.output_chars += n
        if self.output_chars > OUTPUT_FACTOR * self.input_chars + OUTPUT_SLACK:
            raise InputError(
                "cells spanning rows repeat more text than the file holds "
                f"(over {OUTPUT_FACTOR}x its size); refused as a hostile file",
                source=self.name,
            )
