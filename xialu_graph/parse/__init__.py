"""Text → Document: the grammar of the genre (重点工作责任分解).

* :mod:`.lines` classifies single lines (chrome, metadata, headings, numbered items);
* :mod:`.items` assembles tasks from lines;
* :mod:`.assignments` reads the unit assignment of one task;
* :mod:`.meta` reads the document's metadata;
* :mod:`.review` gives each task a confidence and its reasons, the review table, and applies corrections.
"""

from .items import parse_text
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
    "parse_text", "parse_assignment", "split_units", "find_trailing_bracket",
    "score_document", "review_rows", "review_frame", "read_corrections", "apply_corrections", "diagnose_unreadable",
]
