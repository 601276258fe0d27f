"""The project's set-up files agree with each other and the package stays light to import."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from conftest import REPO


def _pyproject_deps() -> dict:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    deps = list(data["project"]["dependencies"]) + list(data["project"]["optional-dependencies"]["test"])
    out = {}
    for d in deps:
        m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", d)
        out[m.group(1).lower().replace("_", "-")] = m.group(2).replace(" ", "").replace("==", "=")
    return out


def _conda_deps() -> dict:
    out = {}
    in_deps = False
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*(.*)$", line)
        if in_deps and m:
            out[m.group(1).lower()] = m.group(2).replace(" ", "").replace("==", "=")
    out.pop("python", None)
    out.pop("pip", None)
    return out


def test_environment_yml_matches_pyproject():
    assert _conda_deps() == _pyproject_deps()


def test_required_stack_is_declared():
    deps = _pyproject_deps()
    for name in ("networkx", "pandas", "matplotlib", "pyvis", "jupyterlab", "jieba"):
        assert name in deps


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme


def test_import_is_light():
    code = "import sys, xialu_graph; print([m for m in ('matplotlib','pyvis','jieba','pandas') if m in sys.modules])"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


@pytest.mark.slow
def test_wheel_carries_unit_and_text_tables(tmp_path):
    """A non-editable install has the unit tables, the jieba tables and the font."""
    import zipfile

    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    for want in (
        "xialu_graph/resources/units/aliases.csv",
        "xialu_graph/resources/units/collectives.csv",
        "xialu_graph/resources/units/units.csv",
        "xialu_graph/resources/units/kind_rules.csv",
        "xialu_graph/resources/text/userdict.txt",
        "xialu_graph/resources/text/stopwords.txt",
        "xialu_graph/resources/fonts/XialuSansSC-Regular.ttf",
    ):
        assert want in names


def _run_readme_block(heading: str, prelude: str = "") -> dict:
    """Execute the first ```python block after ``heading`` in the README, from the repository root."""
    import os

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(heading, 1)[1].split("```python", 1)[1].split("```", 1)[0]
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        ns: dict = {}
        exec(compile(prelude + block, "README.md", "exec"), ns)
        return ns
    finally:
        os.chdir(cwd)


def test_readme_api_block_runs():
    """The 'API in ten lines' of the README runs as written."""
    ns = _run_readme_block("## The API in ten lines")
    assert len(ns["doc"].tasks) == 106
    assert ns["P"].graph["projection"] == "newman"
    assert {"weighted_load", "n_lead"} <= set(ns["load"].columns)
    assert 0 < float(ns["bal"].set_index("measure").loc["weighted_load", "gini"]) < 1
    assert len(ns["cent"]) == ns["load"].shape[0]


def test_bundled_weights_file_holds_the_defaults():
    from xialu_graph.graph import RoleWeights

    assert RoleWeights.from_file(REPO / "data" / "weights.toml") == RoleWeights()


def test_readme_compare_block_runs():
    ns = _run_readme_block("## Compare editions", prelude="import xialu_graph as xg\n")
    assert len(ns["corpus"]) == 2


def test_version_in_one_place_and_citation_agrees():
    """The version is written once, in pyproject.toml; the package reads it from the installed
    metadata, and CITATION.cff (for researchers) carries the same number."""
    from importlib.metadata import version

    import xialu_graph

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert xialu_graph.__version__ == version("xialu-graph") == data["project"]["version"]
    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(data["project"]["version"])}"$', cff, re.M)
    hits = [p for p in (REPO / "xialu_graph").rglob("*.py") if data["project"]["version"] in p.read_text(encoding="utf-8")]
    assert hits == []


def test_requires_python_is_true_to_the_code():
    """graph.py reads TOML with the standard library's tomllib (3.11+)."""
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["requires-python"] == ">=3.11"
    assert "import tomllib" in (REPO / "xialu_graph" / "graph.py").read_text(encoding="utf-8")
    assert (REPO / "xialu_graph" / "py.typed").is_file()
