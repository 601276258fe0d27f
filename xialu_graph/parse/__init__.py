"""Text → Document: the grammar of the genre (重点工作责任分解).

:func:`parse_document` (:mod:`.document`) runs the passes, each with plain data in and out:

* :mod:`.layout` removes page markup, breaks run-in enumerators, normalises the lines;
* :mod:`.numbering` finds the enumerator level that carries the assignments;
* :mod:`.items` classifies every line and assembles task spans, table rows and the structure;
* :mod:`.tasks` reads each span's assignment into a Task;
* :mod:`.ids` gives tasks their ids and checks numbering and units;

and the grammar they share:

* :mod:`.lines` classifies single lines (chrome, metadata, headings, numbered items);
* :mod:`.tables` reads table headers and rows;
* :mod:`.assignments` reads the unit assignment of one task (:mod:`.grammar`: its words, as data);
* :mod:`.meta` reads the document's metadata;
* :mod:`.review` gives each task a confidence and its reasons, the review table, and applies corrections.
"""

from .document import parse_document
from .assignments import parse_assignment, split_units, find_trailing_bracket
from .review import (
    apply_corrections,
    diagnose_unreadable,
    read_corrections,
    review_frame,
    review_rows,
    score_document,
)

__all__ = [
    "parse_document", "parse_assignment", "split_units", "find_trailing_bracket",
    "score_document", "review_rows", "review_frame", "read_corrections", "apply_corrections", "diagnose_unreadable",
]
