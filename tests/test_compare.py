"""Comparing documents: corpus, unit matching, task matching, change tables, figures, views, notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import xialu_graph as xg
from xialu_graph.compare import (
    Corpus,
    CorpusEntry,
    apply_unit_matches,
    compare_corpus,
    match_tasks,
    read_corpus,
    read_unit_matches,
    suggest_unit_matches,
    unit_mapping,
)
from xialu_graph.errors import InputError

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "data" / "raw"
HSG = [RAW / f"huangshigang_{y}_excerpt.txt" for y in (2021, 2022, 2025)]

# Two hand-made editions: 区发改(商务)局 splits into 区发改局 + 区商务办, 花湖街道办事处 is
# abbreviated to 花湖街办, 区招商中心 becomes 区招商服务中心, tasks are reworded, one dropped,
# one new, one moved to another section, and task 3's lead changes.
OLD = (
    "2021年区政府重点工作分解意见\n"
    "一、稳增长\n"
    "(一)抓项目\n"
    "1、加快建设临空商务产业园,完成一期厂房主体工程。[牵头单位:区发改(商务)局;责任单位:区财政局、花湖街道办事处]\n"
    "2、社会消费品零售总额增长10%左右。[牵头单位:区发改(商务)局]\n"
    "3、深化招商引资,引进亿元以上项目十个。[牵头单位:区招商中心;责任单位:区发改(商务)局]\n"
    "二、惠民生\n"
    "4、新建城市社区养老服务中心三个,完善居家养老服务网络。[牵头单位:区民政局;责任单位:花湖街道办事处]\n"
    "5、完成老旧小区改造二十个。[牵头单位:区住建局;责任单位:花湖街道办事处]\n"
)
NEW = (
    "2022年区政府重点工作分解意见\n"
    "一、稳增长\n"
    "(一)抓项目\n"
    "1、全力建设临空商务产业园,确保一期厂房主体完工。[牵头单位:区发改局;责任单位:区财政局、花湖街办]\n"
    "2、社会消费品零售总额增长12%以上。[牵头单位:区商务办]\n"
    "3、大力招商引资,引进亿元以上项目十五个。[牵头单位:区发改局;责任单位:区招商服务中心]\n"
    "二、惠民生\n"
    "4、开展全民健身运动,新建健身步道。[牵头单位:区文旅局]\n"
    "三、强治理\n"
    "5、完善居家养老服务网络,新建城市社区养老服务中心两个。[牵头单位:区民政局;责任单位:花湖街办]\n"
)


def _corpus(*texts, labels=None):
    labels = labels or [f"E{i}" for i in range(len(texts))]
    return Corpus(CorpusEntry(lab, xg.read_document(t)) for lab, t in zip(labels, texts))


@pytest.fixture(scope="module")
def pair():
    return _corpus(OLD, NEW, labels=["2021", "2022"])


@pytest.fixture(scope="module")
def hsg():
    return read_corpus(HSG, progress=False)


def _pairs(df, relation=None):
    if relation:
        df = df[df["relation"] == relation]
    return {(a, b) for a, b in zip(df["unit_a"], df["unit_b"])}


def _yes(df):
    df = df.copy()
    df["confirmed"] = "yes"
    return df


# ------------------------------------------------------------------ corpus
def test_read_corpus_labels_order_and_reports(hsg):
    assert hsg.labels == ["黄石港区2021", "黄石港区2022", "黄石港区2025"]
    assert [e.truncated for e in hsg] == [True, True, True]
    assert all("truncated_item" in e.report.codes() for e in hsg)
    df = hsg.documents_frame()
    assert df["n_tasks"].tolist() == [12, 10, 10]
    assert hsg["黄石港区2022"].document.metadata.year == 2022


def test_read_corpus_folder_given_labels_and_errors(tmp_path):
    for i, text in enumerate((NEW, OLD)):
        (tmp_path / f"d{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    c = read_corpus(tmp_path, progress=False)
    assert [Path(e.path).name for e in c] == ["d1.txt", "d0.txt"]  # oldest first (by year)
    assert c.labels == ["d1", "d0"]  # no place in metadata: file stem
    c2 = read_corpus([tmp_path / "d1.txt", tmp_path / "d0.txt"], labels=["旧", "新"], progress=False)
    assert c2.labels == ["旧", "新"]
    with pytest.raises(InputError, match="label"):
        read_corpus([tmp_path / "d1.txt"], labels=["a", "b"], progress=False)
    with pytest.raises(InputError, match="does not exist"):
        read_corpus([tmp_path / "missing.txt"], progress=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no documents"):
        read_corpus(empty, progress=False)


def test_read_corpus_parallel_matches_sequential_and_shows_progress(tmp_path, capsys):
    for i in range(8):
        (tmp_path / f"x{i}.txt").write_text(OLD if i % 2 else NEW, encoding="utf-8")
    par = read_corpus(tmp_path, processes=2)
    err = capsys.readouterr().err
    assert "reading [" in err and "8/8" in err
    seq = read_corpus(tmp_path, processes=1, progress=False)
    assert capsys.readouterr().err == ""
    assert par.labels == seq.labels
    assert [d.assignments_frame().equals(e.assignments_frame()) for d, e in zip(par.documents, seq.documents)] == [True] * 8



@pytest.mark.parametrize("bad", [0, 39])
def test_read_corpus_parallel_names_a_bad_file_whoever_reads_it(tmp_path, bad):
    # 40 files on 2 processes: the worker takes chunks from the front, this process from the back
    for i in range(40):
        (tmp_path / f"x{i:02d}.txt").write_text("没有任务的文本\n" if i == bad else (OLD if i % 2 else NEW),
                                                encoding="utf-8")
    with pytest.raises(InputError, match=f"x{bad:02d}.txt"):
        read_corpus(tmp_path, processes=2, progress=False)


@pytest.mark.parametrize("bad", [None, 0])
def test_read_corpus_workers_hand_over_files_and_leave_none_behind(tmp_path, monkeypatch, bad):
    """Workers write their chunks' Documents into a private temporary folder (issue 17): the
    documents are those of a sequential read, and the folder is gone afterwards, also when a
    file is bad."""
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(40):
        (docs / f"x{i:02d}.txt").write_text("没有任务的文本\n" if i == bad else (OLD if i % 2 else NEW), encoding="utf-8")
    if bad is None:
        par = read_corpus(docs, processes=2, progress=False)
        seq = read_corpus(docs, processes=1, progress=False)
        assert [e.path for e in par] == [e.path for e in seq]
        assert all(d.assignments_frame().equals(e.assignments_frame()) for d, e in zip(par.documents, seq.documents))
    else:
        with pytest.raises(InputError, match="x00.txt"):
            read_corpus(docs, processes=2, progress=False)
    assert list(scratch.iterdir()) == []


def test_read_corpus_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    for i in range(12):
        (tmp_path / f"x{i}.txt").write_text(OLD if i % 2 else NEW, encoding="utf-8")
    for processes in (1, 2):
        assert len(read_corpus(tmp_path, processes=processes, progress=False)) == 12
        assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        read_corpus(tmp_path, processes=2, progress=False)
        assert not gc.isenabled()
    finally:
        gc.enable()

# ------------------------------------------------------------------ unit matching
def test_unit_suggestions_hand_made(pair):
    s = suggest_unit_matches(pair)
    assert _pairs(s, "same") == {
        ("花湖街道办事处", "花湖街办"),
        ("区发改(商务)局", "区发改局"),
        ("区招商中心", "区招商服务中心"),
    }
    assert _pairs(s, "part") == {("区发改(商务)局", "区商务办")}
    assert set(s["confirmed"]) == {"no"}
    row = s[s["unit_a"] == "花湖街道办事处"].iloc[0]
    assert row["score"] == 0.95 and "街道办事处 → 街办" in row["reason"] and row["canonical"] == "花湖街办"
    # nothing is applied without confirmation
    assert apply_unit_matches(pair, s)[0].document.tasks[0].units() == pair[0].document.tasks[0].units()


def test_unit_suggestions_real_excerpts(hsg):
    s = suggest_unit_matches(hsg)
    same = _pairs(s, "same")
    assert ("花湖街道办事处", "花湖街办") in same
    # the parser now joins the long and short form inside 2022; the row is still proposed
    assert ("区招商中心", "区招商服务中心") in same or ("区招商服务中心", "区招商中心") in same
    assert ("区发改(商务)局", "区发改局") in same
    assert ("区发改(商务)局", "区商务办") in _pairs(s, "part")
    r = s[s.unit_a.isin(["区招商中心", "区招商服务中心"]) & s.unit_b.isin(["区招商中心", "区招商服务中心"])].iloc[0]
    assert "黄石港区2022" in r["docs_a"] + r["docs_b"] and r["confirmed"] == "no"
    # no false friends among the street offices and bureaus of the excerpts
    assert len(s) == 4


def test_prefix_and_company_and_collectives_and_named_together():
    a = "一、甲\n1、乙。[责任单位:区长乐投资公司、各街道办事处]\n2、丙。[责任单位:区第一中学、区第二中学]\n"
    b = "一、甲\n1、乙。[责任单位:长乐投资有限公司、花湖街道办事处]\n"
    s = suggest_unit_matches(_corpus(a, b))
    row = s[s.unit_a == "区长乐投资公司"].iloc[0]
    assert row["unit_b"] == "长乐投资有限公司" and "区 prefix" in row["reason"] and row["score"] == 0.85
    assert "各街道办事处" not in set(s.unit_a) | set(s.unit_b)  # collectives are never matched
    both = s[(s.unit_a == "区第一中学") & (s.unit_b == "区第二中学")]
    assert len(both) == 1 and "named together on 1 task" in both.iloc[0]["reason"]
    assert both.iloc[0]["score"] < 0.6


def test_confirmed_csv_roundtrip_and_mapping(pair, tmp_path):
    s = suggest_unit_matches(pair)
    p = tmp_path / "m.csv"
    s.assign(confirmed=["yes" if a != "区招商中心" else "no" for a in s.unit_a]).to_csv(p, index=False, encoding="utf-8-sig")
    m = read_unit_matches(p)
    assert unit_mapping(m) == {"区发改(商务)局": "区发改局", "花湖街道办事处": "花湖街办"}
    c = apply_unit_matches(pair, m)
    assert c[0].document.tasks[0].units() == ["区发改局", "区财政局", "花湖街办"]
    assert pair[0].document.tasks[0].units()[0] == "区发改(商务)局"  # original untouched
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_a,unit_b,confirmed\n甲,乙,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:2: confirmed must be yes or no"):
        read_unit_matches(bad)
    with pytest.raises(InputError, match="missing column"):
        bad.write_text("unit_a,confirmed\n甲,yes\n", encoding="utf-8")
        read_unit_matches(bad)


# ------------------------------------------------------------------ task matching
def test_task_matching_hand_made(pair):
    c = apply_unit_matches(pair, _yes(suggest_unit_matches(pair)))
    m = match_tasks(c[0].document, c[1].document, label_a="2021", label_b="2022")
    got = {(a, b, st) for a, b, st in zip(m.task_id_a, m.task_id_b, m.status)}
    assert got == {("1", "1", "continued"), ("2", "2", "continued"), ("3", "3", "continued"),
                   ("4", "5", "continued"), ("5", "", "dropped"), ("", "4", "new")}
    cont = m[m.status == "continued"].set_index("task_id_a")
    assert cont.loc["4", "scope"] == "across_sections" and cont.loc["1", "scope"] == "within_section"
    assert (cont["score"] >= 0.3).all()
    # lead changes after unit matching: 2 区发改局 → 区商务办 (the split), 3 区招商服务中心 → 区发改局
    assert sorted(cont.index[cont.lead_changed]) == ["2", "3"]
    assert cont.loc["1", "lead_a"] == cont.loc["1", "lead_b"] == "区发改局"


def test_task_matching_threshold_and_real_excerpts(hsg):
    a, b = hsg[0].document, hsg[1].document
    m = match_tasks(a, b)
    cont = m[m.status == "continued"]
    assert list(zip(cont.task_id_a, cont.task_id_b)) == [
        ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("6", "6"), ("8", "7"), ("9", "8")]
    assert set(m[m.status == "dropped"].caveat) == {"other document is an excerpt"}
    strict = match_tasks(a, b, threshold=0.99)
    assert (strict.status == "continued").sum() == 0
    with pytest.raises(ValueError):
        match_tasks(a, b, threshold=1.5)


# ------------------------------------------------------------------ what changed
def test_compare_corpus_changes(pair):
    cmp = compare_corpus(pair, matches=_yes(suggest_unit_matches(pair)))
    ch = cmp.unit_changes.set_index("unit")
    assert ch.loc["区发改局", "load_a"] == 2.5 and ch.loc["区发改局", "load_b"] == 2.0
    assert ch.loc["区发改局", "rank_a"] == 1 and ch.loc["区发改局", "rank_change"] == 0
    assert ch.loc["区商务办", "status"] == "appeared" and ch.loc["区商务办", "note"] == "split from 区发改局"
    assert ch.loc["区住建局", "status"] == "disappeared"
    assert ch.loc["区文旅局", "status"] == "appeared"
    ed = cmp.editions.iloc[0]
    assert (ed.n_tasks_continued, ed.n_tasks_new, ed.n_tasks_dropped, ed.n_lead_changed) == (4, 1, 1, 2)
    assert ed.n_units_shared == 5 and ed.n_units_appeared == 2 and ed.n_units_disappeared == 1
    assert ed.gini_change == pytest.approx(ed.gini_b - ed.gini_a)
    assert -1.0 <= ed.ari_shared_units <= 1.0
    assert list(cmp.lead_changes.task_id_a) == ["2", "3"]
    # deterministic
    again = compare_corpus(pair, matches=_yes(suggest_unit_matches(pair)))
    for k, df in cmp.tables().items():
        pd.testing.assert_frame_equal(df, again.tables()[k])


def test_compare_needs_two_documents(pair):
    with pytest.raises(InputError, match="at least two"):
        compare_corpus(pair[:1])
    with pytest.raises(InputError, match="threshold"):
        compare_corpus(pair, threshold=2)


# ------------------------------------------------------------------ figures and views
def test_figures_return_figures(pair):
    from matplotlib.figure import Figure

    from xialu_graph.viz.compare_figures import network_small_multiples, shared_layout, slope_chart

    cmp = compare_corpus(pair, matches=_yes(suggest_unit_matches(pair)))
    f1 = slope_chart(cmp.unit_loads, labels=cmp.labels)
    f2 = network_small_multiples(cmp.graphs, clusters=cmp.clusters, loads=cmp.unit_loads)
    assert isinstance(f1, Figure) and isinstance(f2, Figure) and len(f2.axes) == 2
    pos = shared_layout(cmp.graphs)
    # one position per unit, shared: the offsets of a unit in both panels are the same point
    xy = {t.get_text(): t.get_position() for ax in f2.axes for t in ax.texts}
    assert set(pos) >= set(xy)


def test_compare_view_is_self_contained_and_escaped():
    from xialu_graph.viz.compare_view import compare_view

    evil = '区</script><img src=x onerror=alert(1)>局'
    a = xg.read_document(f"一、甲\n1、乙。[牵头单位:{evil};责任单位:区财政局]\n")
    b = xg.read_document("一、甲\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\n")
    v = compare_view({"A&<1>": xg.build_graph(a), "B": xg.build_graph(b)})
    page = v.html()
    assert "<img src=x" not in page and "</script><img" not in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    data = re.search(r'<script type="application/json" id="xialu-editions-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and "&" not in data
    ed = json.loads(data)
    assert [e["label"] for e in ed["editions"]] == ["A&<1>", "B"]


# ------------------------------------------------------------------ notebook
@pytest.mark.notebook
@pytest.mark.slow
def test_notebook_04_executes_without_errors_or_missing_glyphs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = REPO / "notebooks" / "04_compare_years.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(nb, kernel_name=nb.metadata.kernelspec.name, timeout=300, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    text = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert o.get("output_type") != "error", o
            text.append(str(o.get("text", "")) + json.dumps(o.get("data", {}), ensure_ascii=False)[:2000])
    joined = "\n".join(text)
    assert "missing from" not in joined.lower() and "glyph" not in joined.lower()
