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


# ---------------------------------------------------------------------------------------------
# views, workbook and check labels follow the language (the glossary's concepts), Chinese default


def _doc_pieces(doc) -> list:
    """Every piece of document text a view, a table or a workbook may show, longest first."""
    data = analyse(doc, n_boot=20)
    pieces = {doc.metadata.title, doc.metadata.place, doc.metadata.date, doc.report.truncated}
    pieces |= {t.text for t in doc.tasks} | {a.unit for a in doc.assignments} | {a.unit_raw for a in doc.assignments}
    pieces |= {a.assignment_raw for a in doc.tasks if getattr(a, "assignment_raw", None)}
    pieces |= {s for t in doc.tasks for s in (t.section, t.section_no, t.subsection, t.subsection_no, t.heading)}
    pieces |= set(data.keywords["keyword"]) | {w.message for w in doc.report.warnings}
    pieces |= {v for v in doc.units_frame().astype(str).to_numpy().ravel()}
    pieces |= {v for v in doc.assignments_frame().astype(str).to_numpy().ravel()}
    return sorted((str(p) for p in pieces if p), key=len, reverse=True)


def _strip(text: str, pieces) -> str:
    for p in pieces:
        text = text.replace(p, " ")
    return text


def _view_strings(page: str) -> list:
    """What a view shows: its visible markup text and every string of its JSON data blocks."""
    import html as _h
    import json

    out = []
    for block in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, flags=re.S):
        def walk(o):
            if isinstance(o, str):
                out.append(o)
            elif isinstance(o, dict):
                for k, v in o.items():
                    out.append(str(k))
                    walk(v)
            elif isinstance(o, list):
                for v in o:
                    walk(v)
        walk(json.loads(block))
    body = re.sub(r"<script.*?</script>|<style>.*?</style>", " ", page, flags=re.S)
    out += [_h.unescape(t) for t in re.findall(r">([^<]+)<", body)]
    out += [_h.unescape(v) for v in re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', body)]
    return out


def test_english_views_have_no_chinese_of_their_own(english):
    doc = xg.read_document(EXCERPT)
    pieces = _doc_pieces(doc)
    pages = sorted((english / "views").glob("*.html"))
    assert len(pages) >= 3
    for p in pages:
        page = p.read_text(encoding="utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">'), p.name
        assert ">Save as PNG</button>" in page and 'placeholder="Find a unit…"' in page
        left = [s for s in (_strip(x, pieces) for x in _view_strings(page)) if CJK.search(s)]
        assert not left, (p.name, left[:5])
    bip = (english / "views" / "bipartite.html").read_text(encoding="utf-8")
    assert '"Task nos."' in bip and '"Unit size: number of tasks; Zoom in to see the task numbers"' in bip and '"not_found":"No unit found: "' in bip


def test_views_follow_the_language_and_default_to_chinese():
    from xialu_graph.viz.interactive import bipartite_view, cluster_view, ego_view

    doc = xg.read_document(EXCERPT)
    data = analyse(doc, n_boot=20)
    unit = data.top_units[0]
    zh = [bipartite_view(data.G), cluster_view(data.P, data.clusters, data.load, cluster_names=data.cluster_names),
          ego_view(data.G, unit)]
    with use_language("en"):
        en = [bipartite_view(data.G), cluster_view(data.P, data.clusters, data.load, cluster_names=data.cluster_names),
              ego_view(data.G, unit)]
    # the language is the view's own: rendering later, outside the block, keeps it
    assert current_language() == "zh"
    for v in zh:
        page = v.html()
        assert '<html lang="zh-CN">' in page and ">保存为图片</button>" in page and 'placeholder="查找单位…"' in page
        assert v._repr_mimebundle_()["text/plain"].endswith(CONCEPTS["view.fallback_hint"].zh)
    for v in en:
        page = v.html()
        assert '<html lang="en">' in page and ">Save as PNG</button>" in page
        bundle = v._repr_mimebundle_()
        assert bundle["text/plain"].endswith(CONCEPTS["view.fallback_hint"].en)
        assert CONCEPTS["view.fallback_hint"].en.replace("→", "&rarr;") in bundle["text/html"] \
            or CONCEPTS["view.fallback_hint"].en in bundle["text/html"]
    assert zh[0].legend["note"] == "单位大小：任务数；放大后显示任务编号" and en[0].legend["note"] == "Unit size: number of tasks; Zoom in to see the task numbers"
    assert zh[2].title == f"{unit} 的任务与协作单位" and en[2].title == f"{unit}: tasks and partner units"
    tip_keys_zh = {r[0] for n in zh[0].nodes for r in n["tip"] if r[0]}
    tip_keys_en = {r[0] for n in en[0].nodes for r in n["tip"] if r[0]}
    assert {"类型", "任务数", "任务编号", "章节", "任务"} <= tip_keys_zh
    assert not any(CJK.search(k) for k in tip_keys_en) and {"Kind", "Tasks", "Task nos.", "Section"} <= tip_keys_en
    # the role counts say 责任, the word of the report and the legend (not 负责)
    counts = [r[1] for n in zh[0].nodes for r in n["tip"] if r[0] == "任务数"]
    assert counts and all("责任" in c and "负责" not in c for c in counts)


def test_views_count_units_as_the_report_ranks_them(seed_doc):
    from xialu_graph.graph import is_collective, unit_nodes
    from xialu_graph.viz.interactive import bipartite_view, cluster_view

    data = analyse(seed_doc, n_boot=20)
    n_ranked = int(data.load["ranked"].sum())
    n_coll = sum(1 for u in unit_nodes(data.G) if is_collective(data.G, u))
    assert n_coll > 0 and n_ranked + n_coll == len(list(unit_nodes(data.G)))
    words = f"{n_ranked} 个单位，另 {n_coll} 个集合主体"
    assert bipartite_view(data.G).subtitle.startswith(words + " · ")
    assert cluster_view(data.P, data.clusters, data.load).subtitle.startswith(words + " · ")
    with use_language("en"):
        assert bipartite_view(data.G).subtitle.startswith(f"{n_ranked} units and {n_coll} collectives · ")
    # the report ranks the same number of units
    text = " ".join(b for b in findings(data)["bullets"]) + " ".join(str(v) for _, v in findings(data)["facts"])
    assert f"{n_ranked} 个单位" in text or f"{n_ranked} 个参与排名" in text


def test_english_workbook_and_check_labels(english):
    import openpyxl
    import pandas as pd

    from xialu_graph.export.workbook import read_workbook

    doc = xg.read_document(EXCERPT)
    pieces = set(_doc_pieces(doc))
    book = openpyxl.load_workbook(next(english.glob("*.xlsx")))
    assert "Legend" in book.sheetnames and "说明" not in book.sheetnames
    for ws in book.worksheets:
        assert not CJK.search(ws.title)
        heads = [c.value for c in ws[1] if isinstance(c.value, str)]
        left = [h for h in heads if CJK.search(h) and h not in pieces]
        assert not left, (ws.title, left)
    for name in ("checks", "unit_checks"):
        labels = [c.value for c in book[name]["B"][1:]]
        assert (labels or name == "unit_checks") and not any(CJK.search(str(v)) for v in labels), name
    en_labels = {t.en for k, t in CONCEPTS.items() if k.startswith("check.")}
    csv = pd.read_csv(english / "tables" / "checks.csv", encoding="utf-8-sig")
    assert len(csv) and set(csv["label"]) <= en_labels
    assert [c.value for c in book["Legend"][1]] == ["Sheet", "English header", "Column"]
    back = read_workbook(next(english.glob("*.xlsx")))
    assert back["load"].columns[:2].tolist() == ["unit", "kind"]


def test_chinese_workbook_and_check_labels_unchanged(tmp_path):
    import openpyxl

    from xialu_graph.export import write_xlsx
    from xialu_graph.metrics.checks import CHECK_LABELS_ZH

    doc = xg.read_document(EXCERPT)
    data = analyse(doc, n_boot=20)
    assert set(data.checks["label"]) <= set(CHECK_LABELS_ZH.values()) and len(data.checks)
    p = write_xlsx(data.G, tmp_path / "a.xlsx", doc=doc, load=data.load, checks=data.checks)
    book = openpyxl.load_workbook(p)
    assert book.sheetnames[-1] == "说明"
    assert [c.value for c in book["说明"][1]] == ["工作表", "中文列名", "列名", "英文列名", "说明"]
    assert [c.value for c in book["load"][1]][:3] == ["单位", "单位类型", "牵头任务数"]


def test_compare_view_and_figures_follow_the_language():
    """compare's switchable view and figures: English under use_language("en"), Chinese by default."""
    from matplotlib.text import Text

    from xialu_graph.compare import compare_corpus, read_corpus
    from xialu_graph.viz.compare_figures import network_small_multiples, slope_chart
    from xialu_graph.viz.compare_view import compare_view

    corpus = read_corpus([RAW / "huangshigang_2021_excerpt.txt", RAW / "huangshigang_2022_excerpt.txt"], progress=False)
    cmp = compare_corpus(corpus)
    pieces = sorted({str(p) for e in corpus for p in _doc_pieces(e.document)} | set(cmp.labels), key=len, reverse=True)
    trunc = {e.label: e.truncated for e in corpus}

    def build():
        view = compare_view(cmp.graphs, clusters=cmp.clusters, loads=cmp.unit_loads, truncated=trunc, seed=cmp.seed)
        figs = [slope_chart(cmp.unit_loads, labels=cmp.labels, source="数据来源: " + "；".join(cmp.labels)),
                network_small_multiples(cmp.graphs, clusters=cmp.clusters, loads=cmp.unit_loads, seed=cmp.seed)]
        return view, figs

    zh_view, zh_figs = build()
    with use_language("en"):
        en_view, en_figs = build()
    zh_page, en_page = zh_view.html(), en_view.html()
    assert '<html lang="zh-CN">' in zh_page and "本版本未出现" in zh_page and zh_view.title == "协同网络：按版本切换"
    assert zh_figs[0].axes[0].get_ylabel() == "加权工作量"
    assert '<html lang="en">' in en_page and en_view.title == "Co-responsibility network by edition"
    left = [s for s in (_strip(x, pieces) for x in _view_strings(en_page)) if CJK.search(s)]
    assert not left, left[:5]
    for fig in en_figs:
        texts = [_strip(t.get_text(), pieces) for t in fig.findobj(Text) if t.get_text().strip()]
        assert not [t for t in texts if CJK.search(t)], [t for t in texts if CJK.search(t)]
    assert en_figs[0].axes[0].get_ylabel() == "Weighted load"
