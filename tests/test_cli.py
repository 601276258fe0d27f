"""The command line: outputs, exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from xialu_graph.cli import main

from conftest import REPO, SEED

EXE = [sys.executable, "-m", "xialu_graph.cli"]


def run(*args, cwd=None):
    return subprocess.run(EXE + list(args), capture_output=True, text=True, cwd=cwd or REPO, timeout=120)


def test_help_explains_itself():
    r = run("--help")
    assert r.returncode == 0
    assert "parse" in r.stdout and "report" in r.stdout and "compare" in r.stdout
    r = run("parse", "--help")
    assert r.returncode == 0
    for word in ("--out", "--format", "csv", "json", "xlsx", "--strict"):
        assert word in r.stdout


def test_parse_csv(tmp_path):
    assert main(["parse", str(SEED), "--out", str(tmp_path), "--quiet"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"xialu_2020_{n}" for n in ("tasks.csv", "assignments.csv", "units.csv", "people.csv", "warnings.csv", "parse_report.json")
    )
    tasks = pd.read_csv(tmp_path / "xialu_2020_tasks.csv", encoding="utf-8-sig", dtype=str)
    assert len(tasks) == 106
    ass = pd.read_csv(tmp_path / "xialu_2020_assignments.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    t22 = ass[ass.task_id == "22"]
    assert list(t22.role) == ["lead"] + ["support"] * 4
    rep = json.loads((tmp_path / "xialu_2020_parse_report.json").read_text(encoding="utf-8"))
    assert rep["n_tasks"] == 106 and rep["warnings"] == []


def test_parse_json_and_xlsx(tmp_path):
    assert main(["parse", str(SEED), "--out", str(tmp_path), "--format", "json", "--quiet"]) == 0
    data = json.loads((tmp_path / "xialu_2020.json").read_text(encoding="utf-8"))
    assert len(data["tasks"]) == 106 and data["parse_report"]["n_sections"] == 8
    assert main(["parse", str(SEED), "--out", str(tmp_path), "--format", "xlsx", "--quiet"]) == 0
    sheets = pd.read_excel(tmp_path / "xialu_2020.xlsx", sheet_name=None)
    assert set(sheets) == {"tasks", "assignments", "units", "people", "warnings", "说明"}
    assert len(sheets["tasks"]) == 106


@pytest.mark.parametrize(
    "content, expect",
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"\x00\x00binary", "binary file"),
        ("Ã©tÃ© déjà vu ça".encode("latin-1"), "cannot decode"),
        ("没有任务的一段话。".encode("utf-8"), "no tasks found"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, content, expect):
    p = tmp_path / "in.txt"
    if content is not None:
        p.write_bytes(content)
    out = tmp_path / "out"
    r = run("parse", str(p), "--out", str(out))
    assert r.returncode == 2
    err = [line for line in r.stderr.splitlines() if not line.startswith("[xialu-graph]")]
    assert len(err) == 1, r.stderr
    assert err[0].startswith(f"xialu-graph: error: {p}") and expect in err[0]
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_strict_names_file_and_line(tmp_path):
    r = run("parse", str(REPO / "data/raw/huangshigang_2021_excerpt.txt"), "--strict", "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert "huangshigang_2021_excerpt.txt:47:" in r.stderr
    assert not (tmp_path / "o").exists()


def test_failed_write_leaves_previous_outputs(tmp_path, monkeypatch):
    assert main(["parse", str(SEED), "--out", str(tmp_path), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    import xialu_graph.files as atomic

    calls = {"n": 0}
    real = os.replace

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    assert main(["parse", str(SEED), "--out", str(tmp_path), "--quiet"]) == 2  # "disk full": one line, exit 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(after) == set(before)  # no temporary file left behind
    assert all(after[k] == before[k] for k in after)


def test_parse_does_not_import_heavy_libraries(tmp_path):
    code = (
        "import sys, xialu_graph.cli as c;"
        f"c.main(['parse', {str(SEED)!r}, '--out', {str(tmp_path)!r}, '--quiet']);"
        "bad=[m for m in ('matplotlib','pyvis','jieba') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_error_is_the_only_line_on_stderr(tmp_path):
    r = run("parse", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"xialu-graph: error: {tmp_path / 'missing.txt'}: no such file"]


def test_unwritable_output_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run("parse", str(SEED), "--out", str(blocker / "sub"))
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"xialu-graph: error: {blocker / 'sub'}: cannot write: Not a directory"]


def test_report_out_that_is_a_file_says_so(tmp_path):
    """`report --out FILE`: one line saying it is a file (not that the folder is someone else's)."""
    from xialu_graph.cli import main

    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["report", "data/raw/xialu_2020.txt", "--out", str(target), "--quiet"])
    assert code == 2
    assert err.getvalue().strip() == f"xialu-graph: error: {target}: is a file, not a folder; choose another --out"
    assert target.read_text(encoding="utf-8") == "mine"
