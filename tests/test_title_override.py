"""``--title`` on ``report`` and ``compare`` replaces the document's title in every output."""

from __future__ import annotations

import csv
import json

import pytest

import xialu_graph as xg
from xialu_graph import cli
from xialu_graph.viz import style

from conftest import RAW

EXCERPT = RAW / "huangshigang_2021_excerpt.txt"
NEW = "某区2021年重点工作（审定稿）"
TEXT_SUFFIXES = {".html", ".md", ".csv", ".json", ".gexf", ".graphml", ".txt"}


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    old = xg.read_document(EXCERPT).metadata.title
    assert old and old != NEW
    out = tmp_path_factory.mktemp("titled") / "out"
    lines = []
    real = style.source_line
    mp = pytest.MonkeyPatch()
    mp.setattr(style, "source_line", lambda src: (lambda s: (lines.append(s), s)[1])(real(src)))
    try:
        # one process: the spy on source_line sees the figures only where they are drawn
        rc = cli.main(["report", str(EXCERPT), "--out", str(out), "--title", NEW, "--quiet", "--jobs", "1"])
    finally:
        mp.undo()
    return rc, out, old, lines


def test_report_title_in_every_output(titled):
    rc, out, old, lines = titled
    assert rc == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"<h1>{NEW}</h1>" in page and f"<title>{NEW} · " in page
    assert (out / "report.md").read_text(encoding="utf-8").startswith(f"# {NEW}\n")
    meta = json.loads((out / "parse_report.json").read_text(encoding="utf-8"))
    assert meta["metadata"]["title"] == NEW
    # the covering notice's own title (关于印发…的通知) is kept as the document printed it
    assert old in meta["metadata"]["notice_title"]
    views = sorted((out / "views").glob("*.html"))
    assert views and all(NEW in v.read_text(encoding="utf-8") for v in views)
    # every figure's source line names the new title
    src = [s for s in lines if s]
    assert src and all(s.startswith(f"数据来源: {NEW}") for s in src), src
    # the title read from the document appears in no text output
    for p in sorted(out.rglob("*")):
        if p.suffix in TEXT_SUFFIXES and p.name != "parse_report.json":
            assert old not in p.read_text(encoding="utf-8", errors="replace"), p


def test_report_title_in_docx_and_workbook(titled):
    import docx
    import openpyxl

    _, out, old, _ = titled
    d = docx.Document(str(out / "report.docx"))
    assert d.core_properties.title == NEW and d.paragraphs[0].text.startswith(NEW)
    assert all(old not in p.text for p in d.paragraphs)
    wb = openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert NEW in cells or any(NEW in c for c in cells)
    assert not any(old in c for c in cells)


def test_title_option_is_one_visible_line():
    p = cli.build_parser()
    assert p.parse_args(["report", "x.txt", "--title", "甲"]).title == "甲"
    assert p.parse_args(["compare", "a", "b", "--title", "甲", "--title", "乙"]).title == ["甲", "乙"]
    with pytest.raises(xg.InputError):
        cli._title_arg("  \n ")


def test_compare_titles_one_per_document(tmp_path, capsys):
    hsg = [str(RAW / f"huangshigang_{y}_excerpt.txt") for y in (2021, 2022)]
    out = tmp_path / "cmp"
    assert cli.main(["compare", *hsg, "--out", str(out), "--title", "甲文件", "--title", "乙文件", "--quiet"]) == 0
    with open(out / "tables" / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        docs = list(csv.DictReader(fh))
    assert [d["title"] for d in docs] == ["甲文件", "乙文件"]
    olds = [xg.read_document(h).metadata.title for h in hsg]
    for p in sorted(out.rglob("*")):
        if p.suffix in TEXT_SUFFIXES:
            text = p.read_text(encoding="utf-8", errors="replace")
            assert not any(o in text for o in olds), p
    # a wrong count is one clear line, nothing written
    assert cli.main(["compare", *hsg, "--out", str(tmp_path / "x"), "--title", "甲文件", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--title given 1 time(s) for 2 document(s)" in err
    assert not (tmp_path / "x").exists()
