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


# ---------------------------------------------------------------- the notebooks' claims about the seed
# Every sentence of a "What we found" cell that states a figure of the seed is checked twice: the
# phrase is in the notebook (so editing the text without the test fails) and the library call the
# notebook makes gives that figure (so a change in the code without the text fails).

SEED = ROOT / "data" / "raw" / "xialu_2020.txt"


def _markdown(name: str) -> str:
    nb = json.loads((NB_DIR / name).read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return " ".join(text.split())


def _claims(name: str, *phrases):
    text = _markdown(name)
    missing = [p for p in phrases if " ".join(p.split()) not in text]
    assert not missing, f"{name} no longer says: {missing}"


@pytest.fixture(scope="module")
def seed_graph():
    import xialu_graph as xg

    doc = xg.read_document(SEED)
    G = xg.build_graph(doc)
    return doc, G, xg.unit_load(G)


def test_02_claims_about_the_seed(seed_graph):
    import xialu_graph as xg
    import xialu_graph.metrics as M
    from xialu_graph.analysis import N_BOOT, sensitivity_table
    from xialu_graph.report.assumptions import collective_tasks

    doc, G, load = seed_graph
    name = "02_workload_balance.ipynb"
    # section 1: one collective expanded, 13 listed apart
    _claims(name, "here only `各街办(新区)`, the four street offices", "the 13 collectives whose members the plan does not define")
    assert G.graph["collectives_expanded"] == ["各街办(新区)"] and len(G.graph["collectives_unexpanded"]) == 13
    # concentration with its interval (the notebook's own call: N_BOOT replicates, seed 0)
    _claims(name, "the Gini of the weighted load is **0.60 (95% CI 0.59–0.65)**",
            "the five heaviest units carry **49% (95% CI 46%–53%)** of it (500 task-bootstrap replicates, seed 0)",
            "With the small-sample correction the Gini is 0.61.")
    assert N_BOOT == 500
    ci = M.bootstrap_balance(G, n_boot=N_BOOT, seed=0).set_index("measure")
    assert ci.loc["gini", ["estimate", "ci_low", "ci_high"]].round(2).tolist() == [0.60, 0.59, 0.65]
    assert ci.loc["top5_share", ["estimate", "ci_low", "ci_high"]].round(2).tolist() == [0.49, 0.46, 0.53]
    assert round(ci.loc["gini_corrected", "estimate"], 2) == 0.61
    # the street offices: why they lead, and how sure their ranks are
    _claims(name, "`各街办(新区)` names them together on **61 tasks**", "(each supports 60–63 tasks)",
            "They are in the top five in every bootstrap replicate; 区发改局 (rank 5) in about two thirds of them.",
            "Among the bureaus, 区发改局 leads the most tasks (8).")
    assert collective_tasks(doc)["各街办(新区)"] == 61
    offices = ["东街办", "团街办", "老街办", "新街办"]
    top4 = load.head(4).set_index("unit")
    assert sorted(top4.index) == sorted(offices)
    assert top4["n_support"].between(60, 63).all() and (top4["n_support"] > top4["n_lead"] + top4["n_responsible"]).all()
    assert top4["n_support"].min() == 60 and top4["n_support"].max() == 63
    ranks = M.bootstrap_ranks(G, n_boot=N_BOOT, seed=0).set_index("unit")
    assert (ranks.loc[offices, "p_top5"] == 1.0).all()
    assert ranks.loc["区发改局", "load_rank"] == 5 and 0.6 < ranks.loc["区发改局", "p_top5"] < 0.7
    by_lead = load.sort_values(["n_lead", "unit"], ascending=[False, True])
    assert by_lead["unit"].iloc[0] == "区发改局" and by_lead["n_lead"].iloc[0] == 8 and by_lead["n_lead"].iloc[1] < 8
    # support, never lead
    _claims(name, "**Eleven units** support tasks and lead none (区创新发展服务中心, 区长乐投资公司 …)")
    never = load.query("ranked and n_lead == 0 and n_support > 0")["unit"].tolist()
    assert len(never) == 11 and {"区创新发展服务中心", "区长乐投资公司"} <= set(never)
    # the collective policy
    _claims(name, "Gini 0.60 under `expand`, 0.56 under `keep` (where `各街办(新区)` itself is the heaviest unit), "
                  "0.47 under `drop` and 0.48 under `share`",
            "Under every policy but `expand` the street offices lose the top places and **区发改局 is the heaviest department**.")
    s = sensitivity_table(doc, n_boot=N_BOOT, seed=0).set_index("collectives")
    assert s["gini"].round(2).to_dict() == {"expand": 0.60, "keep": 0.56, "drop": 0.47, "share": 0.48}
    counts = collective_tasks(doc)
    tops = {m: str(s.loc[m, "top_units"]).split("、") for m in s.index}
    assert tops["keep"][0] == "各街办(新区)"
    assert tops["expand"][:4] == ["东街办", "团街办", "老街办", "新街办"]
    for m in ("keep", "drop", "share"):
        assert [u for u in tops[m] if u not in counts][0] == "区发改局", m
        assert not set(tops[m][:2]) & set(offices), m
    # the role weights
    _claims(name, "Weighting support at 0.25 instead of 0.5 lowers the Gini to 0.55; at 1.0 it rises to 0.65 — the street "
                  "offices stay on top in all three.")
    for support, g in ((0.25, 0.55), (0.5, 0.60), (1.0, 0.65)):
        lw = xg.unit_load(xg.build_graph(doc, weights={"support": support}))
        assert round(float(xg.workload_balance(lw).set_index("measure").loc["weighted_load", "gini"]), 2) == g, support
        assert set(lw["unit"].head(3)) <= set(offices), support


def test_03_claims_about_the_seed(seed_graph):
    import xialu_graph as xg
    import xialu_graph.metrics as M

    doc, G, load = seed_graph
    name = "03_centrality_and_clusters.ipynb"
    # brokers
    _claims(name, "区科信局 and 区人社局 rank 6th and 10th by load but 2nd and 5th by weighted betweenness")
    cen = xg.unit_centrality(G, seed=0).merge(load[["unit", "load_rank"]], on="unit")
    cen["b_rank"] = cen["betweenness_w"].rank(ascending=False, method="min").astype(int)
    got = cen.set_index("unit").loc[["区科信局", "区人社局"], ["load_rank", "b_rank"]].values.tolist()
    assert got == [[6, 2], [10, 5]]
    assert load["unit"].iloc[4] == "区发改局"  # the ego view: the heaviest unit that is not a street office
    # backbone
    _claims(name, "Of the 946 unit pairs tested, 307 share at least one task, but only **3** share more tasks than the "
                  "null model allows at a false discovery rate of 5% — all of them pairs of street offices (老街办, 团街办, 新街办)",
            "With `各街办(新区)` kept as one unit, **none** of the 211 co-responsible pairs is significant")
    pairs, B = M.backbone(G, alpha=0.05)
    assert (pairs.attrs["n_pairs_tested"], len(pairs), pairs.attrs["n_significant"]) == (946, 307, 3)
    sig = pairs[pairs["significant"]]
    assert set(sig["unit_a"]) | set(sig["unit_b"]) == {"老街办", "团街办", "新街办"} and B.number_of_edges() == 3
    keep, _ = M.backbone(xg.build_graph(doc, collectives="keep"), alpha=0.05)
    assert (len(keep), keep.attrs["n_significant"]) == (211, 0)
    # two-mode clusters, null model, resampling
    _claims(name, "The two-mode method finds 13 clusters (Barber modularity 0.380), 5 of them single units.",
            "(0.372 against 0.330 ± 0.005, z ≈ 7.8)",
            "mean adjusted Rand index 0.34 (5–95%: 0.17–0.50)",
            "every cluster of two or more units has a mean Jaccard between 0.40 and 0.56 and dissolves in 53–83% of replicates")
    cl = M.bipartite_clusters(G, seed=0)
    sizes = cl.groupby("cluster").size()
    assert cl.attrs["n_clusters"] == 13 and round(cl.attrs["barber_modularity"], 3) == 0.380 and (sizes == 1).sum() == 5
    ms = M.modularity_significance(G, n_null=100, seed=0)
    assert (round(ms["observed"], 3), round(ms["null_mean"], 3), round(ms["null_std"], 3), round(ms["z"], 1)) == (
        0.372, 0.330, 0.005, 7.8)
    stab = M.resampling_stability(G, cl, n_boot=100, seed=0)
    assert tuple(round(stab.attrs[k], 2) for k in ("ari_mean", "ari_p05", "ari_p95")) == (0.34, 0.17, 0.50)
    multi = stab.attrs["clusters"].query("n_units > 1")
    assert multi["jaccard"].round(2).between(0.40, 0.56).all()
    assert (multi["jaccard"].min().round(2), multi["jaccard"].max().round(2)) == (0.40, 0.56)
    assert (multi["dissolved"].min(), multi["dissolved"].max()) == (0.53, 0.83)
    # projection clusters: seeds against resampling
    _claims(name, "agree across seeds (`stability_ari` 0.93) but not across task resamples (mean ARI 0.42)")
    pc = xg.co_responsibility_clusters(G, seed=0)
    ps = M.resampling_stability(G, pc, n_boot=100, seed=0, method="projection")
    assert round(pc.attrs["stability_ari"], 2) == 0.93 and round(ps.attrs["ari_mean"], 2) == 0.42


def test_02_and_03_show_the_new_statistics(executed):
    """The executed notebooks display the sensitivity table, the Gini interval, the backbone and the
    resampling stability (not only compute them)."""
    nbs, _ = executed

    def shown(name):
        return "\n".join(o.get("data", {}).get("text/plain", "") for _, o in _outputs(nbs[name])
                         if o.get("output_type") == "execute_result")

    s02 = shown("02_workload_balance.ipynb")
    assert "gini_ci_low" in s02 and "各街办(新区)、区发改局" in s02 and "gini_corrected" in s02 and "p_top5" in s02
    s03 = shown("03_centrality_and_clusters.ipynb")
    assert "(946, 307, 3)" in s03 and "(211, 0)" in s03
    assert "{'ari_mean': 0.34, 'ari_p05': 0.17, 'ari_p95': 0.5}" in s03 and "dissolved" in s03


def test_notebooks_show_document_text_as_literal_markdown():
    """Document text (unit names, task text, captions) shown with IPython's Markdown goes through
    `markdown_text`, so `**`, `<img>` or `[x](y)` in a document are shown, not rendered (issue 16 #13)."""
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            for line in "".join(cell["source"]).splitlines():
                if "Markdown(" in line and "import" not in line:
                    assert "markdown_text(" in line, (path.name, line)
