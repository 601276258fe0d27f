"""The writers and output folders against hostile text and interrupted runs (issue 16, the
writer half): findings 4, 8, 9 (role weights), 10, 11 and 13.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from xialu_graph.cli import main

MATH_TITLE = "关于$\\foo$与$x$的通知"
BIDI_UNIT = "\u202e局政财区"
MATH_UNIT = "区$\\foo$局"


def hostile_text() -> str:
    return (
        f"名 称: {MATH_TITLE}\n"
        "一、稳增长$x$\n"
        f"1、抓项目。[牵头单位:{MATH_UNIT};责任单位:区财政局、{BIDI_UNIT}]\n"
        f"2、抓项目$x^2$。[牵头单位:$x$局;责任单位:区财政局、{BIDI_UNIT}]\n"
        "3、抓投资。[牵头单位:区发改局;责任单位:区财政局\u2066、区科信局]\n"
    )


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory):
    d = tmp_path_factory.mktemp("outputs_safety")
    src = d / "math.txt"
    src.write_text(hostile_text(), encoding="utf-8")
    out = d / "out"
    assert main(["report", str(src), "--out", str(out), "--quiet"]) == 0
    return out


# ---------------------------------------------------------------- finding 8: no mathtext
def test_dollar_text_does_not_crash_report(hostile_pack):
    figs = hostile_pack / "figures"
    assert sorted(p.name for p in figs.glob("*.png")) == [
        "centrality_vs_load.png", "cluster_keywords.png", "cluster_network.png", "load_ranking.png",
        "lorenz_curve.png", "section_heatmap.png",
    ]
    assert len(list(figs.glob("*.svg"))) == 6 and len(list(figs.glob("*.pdf"))) == 6


def test_literal_text_draws_dollars_as_characters():
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from xialu_graph.viz.style import house_style, literal_text

    def width(s, literal):
        with house_style():
            fig = Figure()
            FigureCanvasAgg(fig)
            t = fig.text(0, 0, s)
            if literal:
                literal_text(fig)
            r = fig.canvas.get_renderer()
            return t.get_window_extent(r).width

    # as mathtext "$x$" is one italic x, literally it is three characters: wider than "x"
    assert width("$x$", True) > 2 * width("x", True)
    with house_style():
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0, 0, "$\\foo$")
        fig.canvas.draw()  # would raise ValueError (unknown symbol) as mathtext


def test_figures_saved_with_math_in_a_unit_name(tmp_path):
    from xialu_graph.viz.style import house_style, new_figure, save_figure

    with house_style():
        fig = new_figure()
    ax = fig.axes[0] if fig.axes else fig.add_subplot()
    ax.set_yticks([0, 1], ["$\\foo$", "$x$"])  # tick labels made outside the house style
    ax.set_title("$\\frac{1}{0$")
    paths = save_figure(fig, tmp_path / "f")
    assert [p.name for p in paths] == ["f.png", "f.svg", "f.pdf"] and all(p.stat().st_size > 0 for p in paths)


# ---------------------------------------------------------------- finding 9: role weights
@pytest.mark.parametrize("content, word", [
    ("[weights]\nlead = nan\n", "nan"),
    ("[weights]\nsupport = inf\n", "inf"),
    ("[weights]\nresponsible = -inf\n", "-inf"),
    ("[weights]\nlead = 0\nsupport = 0\nresponsible = 0\n", "all zero"),
    ("[weights]\nlead = true\n", "True"),
])
def test_bad_role_weights_are_one_line_errors_naming_the_file(tmp_path, capsys, content, word):
    w = tmp_path / "w.toml"
    w.write_text(content, encoding="utf-8")
    src = tmp_path / "d.txt"
    src.write_text("一、甲\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "--out", str(out), "--weights", str(w), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(w) in err and word in err and "Traceback" not in err
    assert not out.exists()


# ---------------------------------------------------------------- finding 13: visible marks
def test_visible_marks_rule_is_the_views_rule():
    from xialu_graph.files import visible_marks
    from xialu_graph.viz.page import clean_text

    # the views' set is a subset of the writers' set; the writers also mark U+FFFE/U+FFFF and surrogates
    for c in range(0x30000):
        ch = chr(c)
        if clean_text(ch) != ch:
            assert visible_marks(ch) == clean_text(ch), hex(c)
    assert visible_marks("\ufffe\uffff\ud800") == "[U+FFFE][U+FFFF][U+D800]"
    assert visible_marks("区财政局\t\n") == "区财政局\t\n"


def _marked(text: str) -> None:
    assert "\u202e" not in text and "\u2066" not in text
    assert "[U+202E]局政财区" in text


def test_bidi_controls_are_visible_in_html_md_csv(hostile_pack):
    html = (hostile_pack / "report.html").read_text(encoding="utf-8")
    _marked(html)
    md = (hostile_pack / "report.md").read_text(encoding="utf-8")
    assert "\u202e" not in md and "\\[U+202E\\]局政财区" in md  # brackets escaped: never a link
    for name in ("assignments", "units", "load"):
        text = (hostile_pack / "tables" / f"{name}.csv").read_text(encoding="utf-8-sig")
        _marked(text)
        rows = list(csv.reader(io.StringIO(text)))
        assert any("[U+202E]局政财区" in c for r in rows for c in r)


def test_bidi_controls_are_visible_in_xlsx_and_docx(hostile_pack):
    import openpyxl

    wb = openpyxl.load_workbook(next(hostile_pack.glob("*.xlsx")))
    cells = [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert "[U+202E]局政财区" in cells
    assert not any("\u202e" in v for v in cells)
    with zipfile.ZipFile(hostile_pack / "report.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    _marked(xml)


def test_title_with_dollars_shown_literally_in_html(hostile_pack):
    html = (hostile_pack / "report.html").read_text(encoding="utf-8")
    assert "关于$\\foo$与$x$的通知" in html
