"""Issue 14 item 5: a report on an excerpt or on a document with parse warnings says so first, in
Chinese (what is missing, what that means for the numbers); clusters of one unit are not groups."""

from __future__ import annotations

import pytest

import xialu_graph as xg
from xialu_graph.analysis import analyse
from xialu_graph.report.docx import write_docx
from xialu_graph.report.findings import findings, input_caveats
from xialu_graph.report.html import CAVEAT_HEADING, report_html, report_markdown

from conftest import RAW

EXCERPT = RAW / "huangshigang_2022_excerpt.txt"

CUT = ("本文件是节选，不是完整文件：原文在第 11 项（“11.启动建设方家墩高端商务综合体,打造集跨境电商、甲级商…”）处中断，"
       "其后的任务和单位都没有读到，本报告只分析中断前的 10 项任务。")
MEANING = ("因此：各单位的任务数和加权工作量只计节选部分，可能偏低；排名、基尼系数、群组和问责提示描述的是节选，"
           "不代表整份文件；某个单位没有出现，不等于它在整份文件中没有任务。请取得完整文件后重新分析。")
WARNED = ("解析时有 1 条提示（推测的单位简称 1 条），明细见文末“解析提示”。涉及的任务可能漏读、或单位识别有误，"
          "相关单位的任务数、工作量和排名可能有偏差；引用前请对照原文核对。")


@pytest.fixture(scope="module")
def excerpt_findings():
    return findings(analyse(xg.read_document(EXCERPT), n_boot=50))


def test_caveats_exact_for_an_excerpt_with_a_warning():
    assert input_caveats(xg.read_document(EXCERPT)) == [CUT, MEANING, WARNED]


def test_no_caveats_for_a_whole_document(seed_doc):
    assert input_caveats(seed_doc) == []


def test_html_says_it_first(excerpt_findings):
    page = report_html(excerpt_findings, {})
    body = page[page.index("<body>"):]
    box = body.index('id=input-caveats')
    # before the facts, the bullets and any number
    facts = body.index('<dl class="facts">')
    assert body.index("<h1>") < box < facts < body.index("<h2>要点</h2>")
    top = body[box:facts]
    assert top.startswith(f"id=input-caveats role=note><p><b>{CAVEAT_HEADING}</b></p><ul>")
    assert top.count("<li>") == 3
    for s in (CUT, MEANING, WARNED):
        assert f"<li>{s}</li>" in top
    # the facts (基尼系数 …) come only after the notice
    assert "<dt>基尼系数</dt>" in body[facts:]


def test_markdown_and_docx_say_it_first(excerpt_findings, tmp_path):
    import docx

    md = report_markdown(excerpt_findings, {})
    assert md.index(CAVEAT_HEADING) < md.index("## 要点")
    assert f"> - {CUT}" in md.replace("\\", "")
    d = docx.Document(str(write_docx(excerpt_findings, {}, tmp_path / "r.docx")))
    texts = [p.text for p in d.paragraphs]
    assert texts[1] == CAVEAT_HEADING and texts[2:5] == [CUT, MEANING, WARNED] and texts[5] == "基本情况"


def test_single_unit_clusters_are_not_groups(excerpt_findings):
    f = excerpt_findings
    assert all(c["n_units"] >= 2 for c in f["clusters"])
    n_groups = len(f["clusters"])
    bullet = [b for b in f["bullets"] if b.startswith("识别出")]
    if f["n_single"]:
        assert bullet and bullet[0].startswith(f"识别出 {n_groups} 个经常共同承担任务的单位群组（另有 {f['n_single']} 个单位单独成组，不列为群组）")


def test_cluster_view_counts_groups_of_two_or_more():
    from xialu_graph.graph import project_units
    from xialu_graph.viz.interactive import cluster_view

    G = xg.build_graph(xg.read_document("一、甲\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\n2、丙。[责任单位:区科信局]\n"))
    view = cluster_view(project_units(G), clusters_df={"区发改局": 1, "区财政局": 1, "区科信局": 2})
    assert view.subtitle == "3 个单位 · 1 对协作 · 1 个群组（另 1 个单位单独成组）"


def test_whole_seed_report_has_no_notice(seed_pack):
    page = (seed_pack.out / "report.html").read_text(encoding="utf-8")
    assert "input-caveats" not in page and CAVEAT_HEADING not in page
