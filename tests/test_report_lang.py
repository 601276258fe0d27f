"""``report --lang en``: the same report in English, its words from the one glossary."""

from __future__ import annotations

import re

import pytest

import xialu_graph as xg
from xialu_graph import cli
from xialu_graph.analysis import analyse
from xialu_graph.glossary import CONCEPTS, GLOSSARY, current_language, use_language
from xialu_graph.report.findings import findings
from xialu_graph.viz import figures as F

from conftest import RAW

EXCERPT = RAW / "huangshigang_2022_excerpt.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_HEADINGS = ["<h2>要点</h2>", "工作量最重的单位", "工作量是否均衡", "问责提示</h2>", "解析提示</h2>", "集合单位口径</h2>",
               "<dt>基尼系数</dt>", "图1 ", "置信区间", "注意：输入不完整"]
EN_HEADINGS = ["<h2>Key points</h2>", "<h2>Units with the heaviest load</h2>", "<h2>Is the load even?</h2>",
               "<h2>Responsibility checks</h2>", "<h2>Parse warnings</h2>", "<h2>Collective policy</h2>",
               "<dt>Gini</dt>", "Figure 1 ", "95% CI", "Note: the input is incomplete"]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    out = tmp_path_factory.mktemp("en") / "out"
    assert cli.main(["report", str(EXCERPT), "--out", str(out), "--lang", "en", "--quiet"]) == 0
    return out


def _own_text(page: str, doc) -> str:
    """The page's text with every piece of document text (names, titles, task text, keywords) removed."""
    text = re.sub(r"<style>.*?</style>|<[^>]+>|data:image/png;base64,[A-Za-z0-9+/=]+", "\n", page, flags=re.S)
    import html

    text = html.unescape(text)
    pieces = {doc.metadata.title, doc.metadata.place, doc.metadata.issuer, doc.metadata.doc_number, doc.report.truncated}
    pieces |= {w.message for w in doc.report.warnings}  # parse messages quote the document
    pieces |= {t.text for t in doc.tasks} | {a.unit for a in doc.assignments} | {a.unit_raw for a in doc.assignments}
    for p in sorted((p for p in pieces if p), key=len, reverse=True):
        text = text.replace(p, " ")
    return text


def test_english_html(english):
    page = (english / "report.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for h in ZH_HEADINGS:
        assert h not in page, h
    for h in EN_HEADINGS:
        assert h in page, h
    # load table headers are the glossary's English headers
    for k in ("rank", "unit", "weighted_load", "load_share"):
        assert f"<th>{GLOSSARY[k].en}</th>" in page
    assert CONCEPTS["warning.guess_unit_form"].en in page
    # what is left in Chinese is the document's own text: names, titles, tasks, their keywords, quoted excerpts
    doc = xg.read_document(EXCERPT)
    own = _own_text(page, doc)
    keywords = set(analyse(doc, n_boot=20).keywords["keyword"])
    own = re.sub(r"“[^”]*”", " ", own)
    for k in sorted(keywords, key=len, reverse=True):
        own = own.replace(k, " ")
    assert not CJK.search(own), [ln for ln in own.splitlines() if CJK.search(ln)]


def test_english_markdown_and_docx(english):
    import docx

    md = (english / "report.md").read_text(encoding="utf-8")
    assert "## Key points" in md and "## 要点" not in md and "## Parse warnings" in md
    d = docx.Document(str(english / "report.docx"))
    heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[1:4] == ["Note: the input is incomplete; read the numbers with care", "Overview", "Key points"]
    assert not any(CJK.search(h) for h in heads[1:])


def test_english_figure_labels():
    doc = xg.read_document(EXCERPT)
    data = analyse(doc, n_boot=20)
    units = {a.unit for a in doc.assignments}
    with use_language("en"):
        figs = [F.plot_load_ranking(data.load, source=doc), F.plot_lorenz(data.balance, source=doc),
                F.plot_centrality_vs_load(data.centrality, data.load, source=doc)]
    assert current_language() == "zh"
    from matplotlib.text import Text

    for fig in figs:
        texts = [t.get_text() for t in fig.findobj(Text) if t.get_text()]
        own = [t for t in texts if t not in units and not t.startswith("Source: ")]
        assert not [t for t in own if CJK.search(t)], own
        assert any(t.startswith(f"Source: {doc.metadata.title}") for t in texts)


def test_default_stays_chinese():
    doc = xg.read_document(EXCERPT)
    f = findings(analyse(doc, n_boot=20))
    assert f["facts"][0][0] == "文件" and f["bullets"][0].startswith("共 ")
    fig = F.plot_load_ranking(analyse(doc, n_boot=20).load)
    assert fig.axes[0].get_xlabel().startswith("任务数")


def test_unknown_language_refused():
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["report", "x.txt", "--lang", "fr"])
    with pytest.raises(ValueError):
        with use_language("fr"):
            pass
