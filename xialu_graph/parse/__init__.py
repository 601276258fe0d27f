"""Text → Document: the grammar of the genre (重点工作责任分解).

* :mod:`.lines` classifies single lines (chrome, metadata, headings, numbered items);
* :mod:`.items` assembles tasks from lines;
* :mod:`.assignments` reads the unit assignment of one task;
* :mod:`.meta` reads the document's metadata.
"""

from .items import parse_text
from .assignments import parse_assignment, split_units, find_trailing_bracket

__all__ = ["parse_text", "parse_assignment", "split_units", "find_trailing_bracket"]
