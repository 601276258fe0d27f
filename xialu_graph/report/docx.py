"""report.docx: a briefing appendix in Word (python-docx).

The key figures with captions (图1 …), the load table and the findings, ready to paste into a
briefing. Chinese text is set in an East-Asian font (``w:rFonts w:eastAsia``) on every style
used, so Word shows it in a Chinese face rather than a fallback; characters XML cannot hold
(control characters from a hostile document) are dropped.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..files import atomic_path, visible_marks
from ..glossary import current_language, pick
from .assumptions import headers
from .findings import figure_captions, format_number, load_headers, load_rows
from .html import caveat_heading, cluster_note

__all__ = ["write_docx", "EAST_ASIA_FONT", "LATIN_FONT"]

EAST_ASIA_FONT = "SimSun"  # 宋体: present on every Chinese Windows; Word maps it elsewhere
LATIN_FONT = "Times New Roman"


def _t(v) -> str:
    return visible_marks(v)  # marks invisible characters; leaves nothing XML cannot hold


def _set_fonts(style_or_run, east_asia: str = EAST_ASIA_FONT, latin: str = LATIN_FONT) -> None:
    """Set Latin and East-Asian font names on a style or run (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)




def _table(d, caption: str, headers, rows, *, numeric_from=None) -> None:
    """A captioned table of display strings (right-aligned from column ``numeric_from``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cap = d.add_paragraph(_t(caption), style="Caption")
    cap.paragraph_format.keep_with_next = True
    table = d.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = d.styles["Table Grid"]
    # row by row: table.cell(i, j) rebuilds the list of every cell of the table on each call
    # (python-docx), which made the tables quadratic (0.4 s of the seed's report.docx)
    grid = list(table.rows)
    for cell, h in zip(grid[0].cells, headers):
        cell.text = _t(h)
    for row, r in zip(grid[1:], rows):
        for j, (cell, x) in enumerate(zip(row.cells, r)):
            cell.text = _t(x)
            if numeric_from is not None and j >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def write_docx(f: dict, pngs: dict, path) -> Path:
    """Write the Word appendix to ``path`` atomically; returns the path.

    ``f``: :func:`xialu_graph.report.findings`; ``pngs``: figure name → PNG path.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt


    d = Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption", "List Bullet", "Table Grid"):
        try:
            st = d.styles[name]
        except KeyError:  # pragma: no cover - the default template has them all
            continue
        _set_fonts(st)
    d.styles["Normal"].font.size = Pt(10.5)
    d.styles["Caption"].font.size = Pt(9)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    cp = d.core_properties  # fixed, so two runs differ only in the zip container
    cp.title = _t(f["title"])[:250]
    cp.author = "xialu-graph"
    cp.last_modified_by = "xialu-graph"
    cp.created = cp.modified = _dt.datetime(2000, 1, 1)
    cp.revision = 1

    en = current_language() == "en"
    colon = ": " if en else "："
    LOAD_HEADERS = load_headers()
    d.add_heading(_t(f"{f['title']} · " + pick("附录：单位工作量与协作分析", "Appendix: unit workload and co-responsibility")),
                  level=1)
    if f.get("caveats"):
        d.add_heading(caveat_heading(), level=2)
        for c in f["caveats"]:
            d.add_paragraph(_t(c), style="List Bullet")
    d.add_heading(pick("基本情况", "Overview"), level=2)
    for k, v in f["facts"]:
        d.add_paragraph(_t(f"{k}{colon}{v}"), style="List Bullet")
    d.add_heading(pick("要点", "Key points"), level=2)
    for b in f["bullets"]:
        d.add_paragraph(_t(b), style="List Bullet")
    d.add_paragraph(_t(f["gini_text"]))

    d.add_heading(pick("工作量最重的单位", "Units with the heaviest load"), level=2)
    cap = d.add_paragraph(pick("表1 工作量最重的单位（加权工作量 = 牵头、配合、责任任务数 × 角色权重）",
                               "Table 1 Units with the heaviest load (weighted load = lead, support and responsible "
                               "tasks × role weights)"), style="Caption")
    rows = list(load_rows(f["top_units"]))
    table = d.add_table(rows=1 + len(rows), cols=len(LOAD_HEADERS))
    table.style = d.styles["Table Grid"]
    grid = list(table.rows)  # row by row, as in _table
    for cell, h in zip(grid[0].cells, LOAD_HEADERS.values()):
        cell.text = h
    for row, r in zip(grid[1:], rows):
        for cell, k in zip(row.cells, LOAD_HEADERS):
            cell.text = _t(r[k] if k == "unit" else format_number(r[k]))
            if k != "unit":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cap.paragraph_format.keep_with_next = True

    n_table = 2
    if f.get("sensitivity"):
        d.add_heading(pick("集合单位口径", "Collective policy"), level=2)
        d.add_paragraph(_t(f["policy_text"]))
        _table(d, pick(f"表{n_table} 不同集合单位口径下的工作量分布（置信区间：任务自助重抽样）",
                       f"Table {n_table} Load distribution under each collective policy (intervals: task bootstrap)"),
               headers("sensitivity"), f["sensitivity"])
        n_table += 1
    bb = f.get("backbone")
    if bb:
        d.add_heading(pick("共同责任是否多于随机", "Is co-responsibility more than chance?"), level=2)
        d.add_paragraph(_t(bb["text"]))
        if bb["pairs"]:
            _table(d, pick(f"表{n_table} 共同承担任务显著多于随机的单位对",
                           f"Table {n_table} Unit pairs sharing significantly more tasks than chance"),
                   headers("backbone"), bb["pairs"], numeric_from=2)
            n_table += 1

    d.add_heading(pick("图", "Figures"), level=2)
    for i, (name, (caption, note)) in enumerate(figure_captions().items(), 1):
        if name not in pngs:
            continue
        d.add_picture(str(pngs[name]), width=Cm(16))
        d.paragraphs[-1].paragraph_format.keep_with_next = True
        d.add_paragraph(_t(f"Figure {i} {caption}. {note}" if en else f"图{i} {caption}。{note}"), style="Caption")

    d.add_heading(pick("群组", "Clusters"), level=2)
    d.add_paragraph(_t(cluster_note(f)))
    for c in f["clusters"]:
        more = (" …" if en else " 等") if c["n_units"] > 12 else ""
        d.add_paragraph(
            _t(f"{c['title_en']} ({c['n_units']} units, {c['n_tasks']} tasks, bootstrap stability "
               f"{format_number(c['jaccard'])}) keywords: {'、'.join(c['keywords'])}; units: {'、'.join(c['units'][:12])}{more}"
               if en else
               f"{c['title']}（{c['n_units']}个单位，{c['n_tasks']}项任务，重抽样稳定性 {format_number(c['jaccard'])}）"
               f"关键词：{'、'.join(c['keywords'])}；单位：{'、'.join(c['units'][:12])}{more}"),
            style="List Bullet",
        )
    d.add_heading(pick("问责提示", "Responsibility checks"), level=2)
    if not f["checks"] and not f.get("unit_checks"):
        d.add_paragraph(pick("无", "None"), style="List Bullet")
    for label, rows in f["checks"]:
        _table(d, pick(f"表{n_table} {label}：{len(rows)} 项", f"Table {n_table} {label}: {len(rows)}"), headers("check"), rows)
        n_table += 1
    for label, n, units in f.get("unit_checks", []):
        d.add_paragraph(_t(f"{label}{colon}{n}" + (f" ({'、'.join(units)})" if en else f" 个（{'、'.join(units)}）")),
                        style="List Bullet")
    d.add_heading(pick("解析提示", "Parse warnings"), level=2)
    for line, code, msg in f["warnings"][:100] or [(0, "", pick("无", "None"))]:
        d.add_paragraph(_t((f"Line {line} ({code}): {msg}" if en else f"第{line}行（{code}）：{msg}") if code else msg),
                        style="List Bullet")

    path = Path(path)
    with atomic_path(path) as tmp:
        d.save(str(tmp))
    return path
