"""Every notebook in notebooks/ runs in a fresh kernel without error or missing glyph, the
interactive views show inline in 03, and notebooks are committed without outputs."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))
GLYPH = re.compile(r"missing from font|Glyph \d+", re.I)

pytestmark = pytest.mark.notebook


def execute(path: Path, env: dict | None = None, timeout: int = 180):
    """Run a notebook in a fresh kernel of its own kernelspec (the project's registered `xialu-graph`
    kernel, cwd = notebooks/); returns the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        NotebookClient(nb, timeout=timeout, kernel_name=nb.metadata.kernelspec.name,
                       resources={"metadata": {"path": str(NB_DIR)}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def _outputs(nb):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            yield cell, out


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    figs = tmp_path_factory.mktemp("nb_figures")
    env = {"XIALU_FIGURES_DIR": str(figs), "PYTHONWARNINGS": "default"}
    return {p.name: execute(p, env) for p in NOTEBOOKS}, figs


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    for n in ("01_read_and_check.ipynb", "02_workload_balance.ipynb", "03_centrality_and_clusters.ipynb",
              "05_briefing_figures.ipynb"):
        assert n in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_tells_a_story(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    last = "".join(nb["cells"][-1]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown" and nb["cells"][-1]["cell_type"] == "markdown"
    if path.name != "04_compare_years.ipynb":  # 04 belongs to the comparison issue
        assert "question" in first.lower() and "found" in last.lower()
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert not re.search(r"^\s*(def|class) ", code, re.M), "analysis belongs in the package"


def test_no_errors_no_missing_glyphs(executed):
    nbs, _ = executed
    for name, nb in nbs.items():
        for cell, out in _outputs(nb):
            assert out.get("output_type") != "error", (name, out.get("ename"), out.get("evalue"))
            if out.get("output_type") == "stream":
                assert not GLYPH.search(out.get("text", "")), (name, out["text"][:300])


def test_views_inline_in_03(executed):
    nbs, _ = executed
    nb = nbs["03_centrality_and_clusters.ipynb"]
    frames = [out["data"]["text/html"] for _, out in _outputs(nb)
              if out.get("output_type") in ("execute_result", "display_data") and "text/html" in out.get("data", {})]
    views = [h for h in frames if "<iframe" in h and "srcdoc=" in h and "vis.Network" in h.replace("&quot;", '"')]
    assert len(views) >= 3, f"{len(views)} views inline"
    # no external reference (URLs inside the embedded library's comments are not loads)
    assert not any(re.search(r"""(src|href)\s*=\s*(&quot;|&#x27;|["'])?(https?:)?//""", h) for h in views)


def test_05_draws_the_report_figures(executed, seed_pack):
    """Notebook 05 saves the same figures as `xialu-graph report`: the same files, and (made on
    this machine in this run) the same bytes — the figures are deterministic."""
    _, figs = executed
    names = sorted(p.name for p in figs.iterdir())
    committed = sorted(p.name for p in (ROOT / "figures").iterdir() if not p.name.startswith("."))
    assert names == committed
    for n in names:
        if n.endswith(".svg"):
            assert (figs / n).read_bytes() == (seed_pack.figures / n).read_bytes(), n


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_use_the_projects_registered_kernel(path):
    """`make setup` registers the kernel `xialu-graph` (this venv); the notebooks ask for it, so
    JupyterLab and VS Code open them with the package installed."""
    from jupyter_client.kernelspec import KernelSpecManager

    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "xialu-graph"
    spec = KernelSpecManager().get_kernel_spec("xialu-graph")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
