"""The briefing pack: findings as plain data (:mod:`.findings`), the summary page and Markdown
(:mod:`.html`), the Word appendix (:mod:`.docx`), the whole pack written all-or-nothing
(:mod:`.pack`) and the comparison of editions (:mod:`.compare_pack`).

Examples
--------
>>> import tempfile, pathlib
>>> import xialu_graph as xg
>>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
>>> res = build_pack(doc, pathlib.Path(tempfile.mkdtemp()) / "out")
>>> sorted(p.name for p in res["out"].glob("report.*"))
['report.docx', 'report.html', 'report.md']
"""

from .compare_pack import summary_html, write_comparison
from .findings import FIGURES, findings
from .pack import (
    TOP_EGO,
    briefing_figures,
    build_pack,
    owned_folder,
    report_stem,
    safe_filename,
    staged_folder,
    write_report,
    write_tables,
    write_views,
)

__all__ = [
    "FIGURES",
    "TOP_EGO",
    "findings",
    "build_pack",
    "briefing_figures",
    "write_views",
    "write_tables",
    "write_report",
    "safe_filename",
    "staged_folder",
    "owned_folder",
    "report_stem",
    "write_comparison",
    "summary_html",
]
