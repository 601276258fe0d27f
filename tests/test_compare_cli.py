"""``xialu-graph compare``: exit codes, files written, confirmed matches passed back."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xialu_graph import cli

REPO = Path(__file__).resolve().parent.parent
HSG = [str(REPO / "data" / "raw" / f"huangshigang_{y}_excerpt.txt") for y in (2021, 2022, 2025)]


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp")
    rc = cli.main(["compare", *HSG, "--out", str(out), "--quiet"])
    return rc, out


def test_compare_writes_tables_figures_view_and_summary(first_run):
    rc, out = first_run
    assert rc == 0
    for name in ("documents", "editions", "unit_matches", "unit_loads", "unit_changes", "task_matches", "lead_changes"):
        assert (out / "tables" / f"{name}.csv").is_file(), name
    for stem in ("slope_chart", "networks"):
        for ext in ("png", "svg", "pdf"):
            assert (out / "figures" / f"{stem}.{ext}").stat().st_size > 1000
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert "节选：" in page and "集合单位口径：展开到成员（expand）" in page
    assert "<th title=\"gini_a\">前版基尼系数</th>" in page and "Excerpts" not in page
    assert {r["collectives"] for r in _rows(out / "tables" / "editions.csv")} == {"expand"}
    view = (out / "compare_view.html").read_text(encoding="utf-8")
    assert "xialu-editions-data" in view and not re.search(r"(src|href)=[\"']?(https?:)?//", view)
    rows = _rows(out / "unit_matches.csv")
    pairs = {(r["unit_a"], r["unit_b"]) for r in rows}
    assert ("花湖街道办事处", "花湖街办") in pairs and {r["confirmed"] for r in rows} == {"no"}
    docs = _rows(out / "tables" / "documents.csv")
    assert [d["label"] for d in docs] == ["黄石港区2021", "黄石港区2022", "黄石港区2025"]
    assert {d["truncated"] for d in docs} == {"True"}


def test_confirmed_matches_are_applied(first_run, tmp_path):
    _, out = first_run
    rows = _rows(out / "unit_matches.csv")
    for r in rows:
        r["confirmed"] = "yes" if r["unit_b"] in ("花湖街办", "区发改局", "区商务办") else "no"
    m = tmp_path / "confirmed.csv"
    with open(m, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out2 = tmp_path / "out"
    assert cli.main(["compare", *HSG, "--out", str(out2), "--matches", str(m), "--quiet"]) == 0
    units = {r["unit"] for r in _rows(out2 / "tables" / "unit_loads.csv")}
    assert "花湖街办" in units and "花湖街道办事处" not in units and "区发改(商务)局" not in units
    notes = {r["unit"]: r["note"] for r in _rows(out2 / "tables" / "unit_changes.csv") if r["label_a"] == "黄石港区2021"}
    assert notes["区商务办"].startswith("split from 区发改局")
    kept = {(r["unit_a"], r["unit_b"]): r["confirmed"] for r in _rows(out2 / "unit_matches.csv")}
    zs = kept.get(("区招商中心", "区招商服务中心"), kept.get(("区招商服务中心", "区招商中心")))
    assert kept[("花湖街道办事处", "花湖街办")] == "yes" and zs == "no"


def test_formula_cells_are_neutralised(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("一、甲\n1、=HYPERLINK(\"x\")建设产业园。[牵头单位:区发改局]\n", encoding="utf-8")
    b.write_text("一、甲\n1、建设产业园区。[牵头单位:区发改局]\n", encoding="utf-8")
    out = tmp_path / "o"
    assert cli.main(["compare", str(a), str(b), "--out", str(out), "--quiet"]) == 0
    text = (out / "tables" / "task_matches.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_user_errors_exit_2_with_one_line(tmp_path, capsys):
    assert cli.main(["compare", HSG[0], "--out", str(tmp_path / "x"), "--quiet"]) == 2
    assert "at least two documents" in capsys.readouterr().err
    assert cli.main(["compare", HSG[0], str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("xialu-graph: error:") and "nope.txt" in err
    assert cli.main(["compare", *HSG[:2], "--threshold", "1.5", "--out", str(tmp_path / "x")]) == 2
    bad = tmp_path / "m.csv"
    bad.write_text("unit_a,unit_b,confirmed\n甲,乙,perhaps\n", encoding="utf-8")
    assert cli.main(["compare", *HSG[:2], "--matches", str(bad), "--out", str(tmp_path / "x")]) == 2
    assert "m.csv:2" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_console_script_subprocess(tmp_path):
    exe = Path(sys.executable).with_name("xialu-graph")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "xialu_graph.cli"]
    r = subprocess.run(cmd + ["compare", HSG[0], str(tmp_path / "missing.txt")], capture_output=True, text=True)
    last = r.stderr.strip().splitlines()[-1]
    assert r.returncode == 2 and last.startswith("xialu-graph: error:") and "missing.txt: file does not exist" in last


def test_compare_collective_policy_is_one_for_all_editions(tmp_path):
    out = tmp_path / "keep"
    assert cli.main(["compare", *HSG, "--out", str(out), "--quiet", "--collectives", "keep"]) == 0
    eds = _rows(out / "tables" / "editions.csv")
    assert {r["collectives"] for r in eds} == {"keep"}
    assert "集合单位口径：作为一个单位（keep）" in (out / "summary.html").read_text(encoding="utf-8")
