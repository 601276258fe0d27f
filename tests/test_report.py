"""The `report` command: files, counts, self-contained HTML, Word appendix, workbook, errors,
crash safety, and the committed figures being up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data/raw/xialu_2020.txt"
FIGURES = ["load_ranking", "lorenz_curve", "section_heatmap", "cluster_network", "centrality_vs_load", "cluster_keywords"]
TABLES = ["tasks", "assignments", "units", "people", "warnings", "load", "balance", "lorenz", "centrality", "clusters",
          "cluster_summary", "cluster_keywords", "task_clusters", "checks", "unit_checks", "unit_task", "unit_section",
          "sensitivity", "balance_ci", "backbone"]
SHEETS = ["tasks", "assignments", "units", "load", "balance", "lorenz", "centrality", "clusters", "cluster_summary",
          "checks", "unit_checks", "unit_task", "unit_section", "info", "说明"]

pytestmark = pytest.mark.slow  # builds the seed's whole briefing pack (once per session)


def _args(inp, out, figures=None, **kw):
    base = dict(input=str(inp), out=str(out), figures=str(figures) if figures else None, weights=None, seed=0,
                units=None, place=None, strict=False, quiet=True)
    base.update(kw)
    return SimpleNamespace(**base)


@pytest.fixture(scope="module")
def pack(seed_pack):
    """The session's one report on the seed (conftest.seed_pack)."""
    return seed_pack


@pytest.fixture(scope="module")
def seed_tables():
    import xialu_graph as xg

    doc = xg.read_document(SEED)
    G = xg.build_graph(doc)
    load = xg.unit_load(G)
    return SimpleNamespace(doc=doc, G=G, load=load, balance=xg.workload_balance(load))


def test_full_set_of_files(pack):
    out = pack.out
    for name in ["report.html", "report.md", "report.docx", "parse_report.json", "xialu_2020.xlsx",
                 "xialu_2020.gexf", "xialu_2020.graphml", "xialu_2020.json"]:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert sorted(p.stem for p in (out / "tables").glob("*.csv")) == sorted(TABLES)
    views = sorted(p.name for p in (out / "views").iterdir())
    assert "bipartite.html" in views and "clusters.html" in views
    assert len([v for v in views if v.startswith("ego_")]) == 5
    figs = sorted(p.name for p in pack.figures.iterdir() if not p.name.startswith("."))
    assert figs == sorted(f"{n}.{ext}" for n in FIGURES for ext in ("png", "svg", "pdf"))
    assert not (out / "figures").exists()  # --figures given: nothing duplicated
    # no temporary folders left beside the targets
    assert [p.name for p in pack.base.iterdir() if p.name.startswith(".")] == []
    # a progress line per step
    assert any("figure cluster_network" in s for s in pack.lines) and any("report.docx" in s for s in pack.lines)


def test_counts_in_tables(pack, seed_tables):
    s = seed_tables
    read = lambda n: pd.read_csv(pack.out / "tables" / f"{n}.csv", encoding="utf-8-sig")  # noqa: E731
    assert len(read("tasks")) == len(s.doc.tasks) == 106
    assert len(read("assignments")) == len(s.doc.assignments)
    load = read("load")
    assert len(load) == len(s.load)
    assert load["unit"].tolist() == s.load["unit"].tolist()
    assert load["weighted_load"].round(6).tolist() == s.load["weighted_load"].round(6).tolist()
    assert read("unit_section").shape[0] == len(s.load)


def test_csv_and_html_are_deterministic(pack, tmp_path):
    """A second run gives the same bytes for CSV, SVG, PDF, PNG and HTML."""
    from xialu_graph.cli import run_report

    assert run_report(_args(SEED, tmp_path / "out", tmp_path / "figures")) == 0
    for a in sorted(pack.out.rglob("*")) + sorted(pack.figures.rglob("*")):
        if a.suffix in {".csv", ".svg", ".pdf", ".png", ".html", ".md"}:
            root = pack.out if pack.out in a.parents else pack.figures
            b = (tmp_path / root.name) / a.relative_to(root)
            assert a.read_bytes() == b.read_bytes(), a.name


def test_report_html_self_contained(pack, seed_tables):
    page = (pack.out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)
    assert not re.search(r"(?i)(https?:)?//[a-z0-9]", text)
    assert "<script" not in page.lower()
    assert 'name="viewport"' in page and "@media" in page
    assert page.count("data:image/png;base64,") == len(FIGURES)
    ranked = seed_tables.load[seed_tables.load["ranked"]]
    for unit in ranked["unit"].head(5):
        assert unit in page
    g = float(seed_tables.balance.loc[seed_tables.balance["measure"] == "weighted_load", "gini"].iloc[0])
    assert f"{g:.2f}" in page and "基尼系数" in page
    for href in re.findall(r'href="([^"]+)"', page):
        assert not href.startswith(("/", "file:", "javascript:")) and (pack.out / href).is_file(), href
    md = (pack.out / "report.md").read_text(encoding="utf-8")
    assert f"{g:.2f}" in md and "](../figures/load_ranking.png)" in md


def test_views_offline_and_safely_named(pack):
    for p in (pack.out / "views").iterdir():
        name = p.name
        assert "/" not in name and ".." not in name and not any(ord(c) < 32 for c in name)
        page = p.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page), name


def test_safe_filename():
    from xialu_graph.report import safe_filename

    names = ["../../etc/passwd", "a/b", "a_b", "CON", "aux.txt", "区\x00发改局", "区发改局", "区发改局 ", "‮exe.txt",
             "." * 5, ""]
    out = [safe_filename(n, prefix="ego_") for n in names]
    assert len(set(out)) == len(out)  # two units never share a file
    for n in out:
        assert "/" not in n and "\\" not in n and ".." not in n and not any(ord(c) < 32 for c in n)
        assert n.endswith(".html") and n.count(".") == 1
        assert n.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_docx_has_captions_table_and_east_asian_font(pack, seed_tables):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(pack.out / "report.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    for i in range(1, len(FIGURES) + 1):
        assert re.search(rf"^图{i} ", text, re.M), i
    assert "表1" in text and "基尼系数" in text
    assert len(d.inline_shapes) == len(FIGURES)
    t = d.tables[0]
    assert t.cell(0, 1).text == "单位"
    ranked = seed_tables.load[seed_tables.load["ranked"]]
    assert t.cell(1, 1).text == ranked["unit"].iloc[0]
    rfonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert rfonts is not None and rfonts.get(qn("w:eastAsia"))


def test_xlsx_sheets(pack):
    import openpyxl

    wb = openpyxl.load_workbook(pack.out / "xialu_2020.xlsx", read_only=True)
    assert wb.sheetnames == SHEETS
    wb.close()
    assert len(pd.read_excel(pack.out / "xialu_2020.xlsx", sheet_name="tasks")) == 106


@pytest.mark.parametrize("content", ["[weights\nlead = ", "[weights]\nlead = -1\n", "[weights]\nboss = 2\n", None])
def test_bad_weights_exit_2_one_line_nothing_written(tmp_path, content):
    w = tmp_path / "w.toml"
    if content is not None:
        w.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "xialu_graph.cli", "report", str(SEED), "--out", str(out),
                        "--weights", str(w)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2, r.stderr
    err = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(err) == 1 and "w.toml" in err[0] and "Traceback" not in r.stderr, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == (["w.toml"] if content is not None else [])


def test_good_weights_change_the_load(tmp_path, seed_tables):
    from xialu_graph.analysis import analyse
    from xialu_graph.graph import load_weights

    w = tmp_path / "w.toml"
    w.write_text("[weights]\nlead = 1.0\nsupport = 0.25\nresponsible = 1.0\n", encoding="utf-8")
    load = analyse(seed_tables.doc, weights=load_weights(w)).load
    expect = load["n_lead"] + 0.25 * load["n_support"] + load["n_responsible"]
    assert (load["weighted_load"] - expect).abs().max() < 1e-9


def test_refuses_to_replace_a_foreign_folder(tmp_path):
    from xialu_graph.errors import InputError
    from xialu_graph.cli import run_report

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(InputError):
        run_report(_args(SEED, tmp_path / "mine"))
    assert (tmp_path / "mine" / "thesis.docx").read_bytes() == b"precious"


def test_crash_midway_keeps_previous_outputs(pack, tmp_path, monkeypatch):
    """A step that fails after figures and views were written leaves the previous pack as it
    was, and no temporary folder."""
    from xialu_graph.report import pack as report
    from xialu_graph.cli import run_report

    out, figs = tmp_path / "out", tmp_path / "figures"
    shutil.copytree(pack.out, out)
    shutil.copytree(pack.figures, figs)
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}

    def boom(*a, **k):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(report, "write_tables", boom)
    with pytest.raises(RuntimeError, match="simulated crash"):
        run_report(_args(SEED, out, figs, no_cache=True))  # a copied pack is otherwise found unchanged
    after = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "out"]


def test_default_figures_inside_out(tmp_path, monkeypatch):
    """Without --figures the figures land in <out>/figures (one folder swapped)."""
    from xialu_graph.cli import run_report
    from xialu_graph.report import pack as report

    monkeypatch.setattr(report, "write_views", lambda data, folder, **k: {})
    monkeypatch.setattr(report, "write_report", lambda *a, **k: {})
    monkeypatch.setattr(report, "write_tables", lambda data, folder, **k: {})
    monkeypatch.setattr(report, "briefing_figures", lambda data, folder, **k: (Path(folder) / "x.png").write_bytes(b"") and {})
    assert run_report(_args(SEED, tmp_path / "out")) == 0
    assert (tmp_path / "out" / "figures" / "x.png").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_committed_figures_are_up_to_date(pack):
    """`make report` output in figures/ matches what the code produces now: the same files, and
    each SVG the same drawing — same elements, text and ids, coordinates equal within 0.5 pt —
    so figures committed from another machine (whose layouts differ in the 6th decimal) pass,
    while a changed figure does not."""
    from figure_compare import svg_difference

    committed = ROOT / "figures"
    names = sorted(p.name for p in committed.iterdir() if not p.name.startswith("."))
    fresh = sorted(p.name for p in pack.figures.iterdir() if not p.name.startswith("."))
    assert names == fresh, "figures/ is out of date: run `make report` and commit figures/"
    stale = {n: d for n in names if n.endswith(".svg")
             if (d := svg_difference((committed / n).read_text(encoding="utf-8"), (pack.figures / n).read_text(encoding="utf-8")))}
    assert not stale, f"figures/ is out of date ({stale}): run `make report` and commit figures/"


HOSTILE = """2020年区政府重点工作责任分解
一、稳增长<script>window.__xss=1</script>
1、抓项目<img src=x onerror=alert(1)>。[牵头单位:区发改局<img src=x onerror=alert(1)>;责任单位:=HYPERLINK("http://evil")局、区财政局]
2、javascript:alert(1) </textarea><script>alert(2)</script>\u202egnp.exe 推进改革。[牵头单位:区财政局;责任单位:区科信局、../../etc局]
3、防风险。[牵头单位:区科信局;责任单位:区发改局<img src=x onerror=alert(1)>]
"""


def test_hostile_document_is_escaped_everywhere(tmp_path):
    import docx
    from xialu_graph.cli import run_report

    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    assert run_report(_args(src, out)) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "</textarea>" not in page
    assert "<imgsrc" not in page and "<img src=x" not in page and "onerror=alert(1)>" not in page
    assert "&lt;img" in page and "区发改局" in page
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "<img" not in md and "<script" not in md
    assert "区发改局" in "\n".join(p.text for p in docx.Document(str(out / "report.docx")).paragraphs)
    for p in (out / "views").iterdir():
        assert p.parent == out / "views" and "/" not in p.name and ".." not in p.name
    assert (out / "tables" / "assignments.csv").read_text(encoding="utf-8-sig").count("'=HYPERLINK") >= 1


# ------------------------------------------------------------------ assumptions and uncertainty
TASK_101 = "深入推进政府系统党风廉政建设,落实全面从严治党主体责任。"
POLICY = ("集合单位口径：展开到成员（expand）。成员已知的集合单位各街办(新区)（61 项任务）按成员计算，每个成员各计一次全部任务。"
          "成员未知的 13 个集合单位（如 区政府各部门（16 项任务）、各市级垂管单位（12 项任务））无法落到具体单位，"
          "另列，不计入排名和基尼系数。东街办、团街办、老街办、新街办排在前列，是因为“各街办(新区)”出现在 61 项任务中，"
          "展开后每个成员各计一次。若按“按成员分摊”（share）计算，工作量最重的是区发改局（见口径对比表）。")


def _texts(pack):
    import html as _html

    import docx

    page = (pack.out / "report.html").read_text(encoding="utf-8")
    page = _html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)))
    md = (pack.out / "report.md").read_text(encoding="utf-8").replace("\\", "")
    d = docx.Document(str(pack.out / "report.docx"))
    word = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells])
    return {"html": page, "md": md, "docx": word}


def test_report_states_the_collective_policy_and_why_the_street_offices_lead(pack):
    for name, text in _texts(pack).items():
        assert POLICY in text, name
        assert "以上数字的集合单位口径为“展开到成员”（expand）" in text, name


def test_report_shows_the_gini_and_top5_share_with_their_intervals(pack):
    for name, text in _texts(pack).items():
        assert "基尼系数为 0.60（95% 置信区间 0.59–0.65）" in text, name
        assert "最重的 5 个承担了 49%（95% 置信区间 46%–53%）的加权工作量" in text, name
        assert "任务自助重抽样（500 次，随机种子 0）" in text and "小样本校正后基尼系数为 0.61" in text, name


def test_report_has_the_sensitivity_table(pack):
    rows = [
        ("展开到成员（expand）（本报告）", "0.60（95% 置信区间 0.59–0.65）", "东街办、团街办、老街办、新街办、区发改局"),
        ("作为一个单位（keep）", "0.56（95% 置信区间 0.56–0.63）", "各街办(新区)、区发改局、区科信局、区建设局、区卫健局"),
        ("不计入（drop）", "0.47（95% 置信区间 0.47–0.56）", "区发改局、区科信局、区建设局、区卫健局、区招商服务中心"),
        ("按成员分摊（share）", "0.48（95% 置信区间 0.46–0.55）", "区发改局、区科信局、东街办、区建设局、团街办"),
    ]
    md = _texts(pack)["md"]
    for policy, gini, top in rows:
        assert re.search(rf"\| {re.escape(policy)} \| \d+(（含集合单位）)? \| {re.escape(gini)} \| [^|]+ \| {re.escape(top)} \|", md), policy
    s = pd.read_csv(pack.out / "tables" / "sensitivity.csv", encoding="utf-8-sig")
    assert s["collectives"].tolist() == ["expand", "keep", "drop", "share"]
    assert s["gini"].round(2).tolist() == [0.60, 0.56, 0.47, 0.48]
    assert s["n_units"].tolist() == [44, 58, 44, 44]
    assert (s["gini_ci_low"] <= s["gini"] + 1e-12).all() and (s["gini"] <= s["gini_ci_high"]).all()


def test_report_gives_the_backbone_with_its_alpha(pack):
    sentence = ("检验全部 946 对单位（其中 307 对至少共同承担一项任务），控制错误发现率（Benjamini–Hochberg）在 5%，"
                "只有 3 对单位共同承担的任务显著多于随机：老街办—新街办、团街办—新街办、老街办—团街办。")
    for name, text in _texts(pack).items():
        assert sentence in text, name
    b = pd.read_csv(pack.out / "tables" / "backbone.csv", encoding="utf-8-sig")
    assert len(b) == 307 and int(b["significant"].sum()) == 3
    assert b.loc[b["significant"], ["unit_a", "unit_b"]].values.tolist() == [
        ["老街办", "新街办"], ["团街办", "新街办"], ["老街办", "团街办"]]
    ci = pd.read_csv(pack.out / "tables" / "balance_ci.csv", encoding="utf-8-sig").set_index("measure")
    assert ci.loc["gini", ["estimate", "ci_low", "ci_high"]].round(2).tolist() == [0.60, 0.59, 0.65]
    assert (ci["n_boot"] == 500).all()


def test_report_lists_the_checks_with_task_text_and_units_in_document_order(pack):
    for name, text in _texts(pack).items():
        assert "只由集合单位承担：1 项" in text, name
        assert "多个单位、无牵头单位：10 项" in text and "交给全体/各部门（责任泛化）：28 项" in text, name
        assert "仅一个责任单位（责任明确，非缺口）：10 项" in text and "多个牵头单位：9 项" in text, name
        assert TASK_101 in text and "区政府各部门、各市级垂管单位、各街办(新区)" in text, name
        assert "区科信局、区市场监管局" in text, name  # task 5: document order, not alphabetical
    md = _texts(pack)["md"]
    assert re.search(r"\| 任务101 \| " + re.escape(TASK_101) + r"[^|]*\| 区政府各部门、各市级垂管单位、各街办\(新区\) \|", md)
    c = pd.read_csv(pack.out / "tables" / "checks.csv", encoding="utf-8-sig", dtype={"task_id": str})
    assert list(c.columns) == ["check", "label", "task_id", "task_text", "units", "n_units", "n_leads"]
    assert c.groupby("check").size().to_dict() == {
        "several_no_lead": 10, "one_responsible": 10, "diffuse": 28, "only_collectives": 1, "many_leads": 9,
        "many_units": 1}
    assert c[c["check"] == "many_units"][["task_id", "n_units"]].values.tolist() == [["8", 9]]
    u = pd.read_csv(pack.out / "tables" / "unit_checks.csv", encoding="utf-8-sig")
    assert list(u.columns) == ["check", "label", "unit", "n_support", "n_responsible", "n_lead"]
    assert set(u["label"]) == {"只配合、从不牵头的单位"} and (u["n_lead"] == 0).all()
    row = c[c["check"] == "only_collectives"].iloc[0]
    assert (row["label"], row["task_id"], row["units"]) == ("只由集合单位承担", "101", "区政府各部门、各市级垂管单位、各街办(新区)")
    assert row["task_text"].startswith(TASK_101)


def test_single_unit_clusters_are_not_groups(pack):

    summary = pd.read_csv(pack.out / "tables" / "cluster_summary.csv", encoding="utf-8-sig")
    singles = summary[summary["n_units"] == 1]["cluster"].tolist()
    groups = summary[summary["n_units"] > 1]["cluster"].tolist()
    assert len(singles) == 2 and len(groups) == 3
    for name, text in _texts(pack).items():
        for c in singles:
            assert f"群组{c}" not in text, (name, c)
        for c in groups:
            assert f"群组{c}" in text, (name, c)
        assert "另有 2 个单位单独成组，没有固定协作伙伴，不列为群组" in text, name
        assert "与原分组的调整兰德指数平均 0.41（5%–95%：0.20–0.66）" in text, name


def test_report_collectives_option(tmp_path):
    """`report --collectives share` builds the pack under that policy and says so."""
    src = tmp_path / "plan.txt"
    src.write_text("一、稳增长\n1、抓项目。[牵头单位:区发改局;责任单位:各街办(新区)]\n2、抓招商。[牵头单位:区财政局]\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "xialu_graph.cli", "report", str(src), "--out", str(out), "--place", "下陆区",
                        "--collectives", "share", "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "集合单位口径：按成员分摊（share）" in md and "以上数字的集合单位口径为“按成员分摊”（share）" in md
    load = pd.read_csv(out / "tables" / "load.csv", encoding="utf-8-sig").set_index("unit")
    assert load.loc["东街办", "weighted_load"] == pytest.approx(0.5 / 4)
    s = pd.read_csv(out / "tables" / "sensitivity.csv", encoding="utf-8-sig")
    assert s["collectives"].tolist() == ["expand", "keep", "drop", "share"]
    bad = subprocess.run([sys.executable, "-m", "xialu_graph.cli", "report", str(src), "--collectives", "all"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and "--collectives" in bad.stderr
