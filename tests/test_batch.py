"""Batch runs: a generated corpus through xg.batch and `xialu-graph batch`, resumability,
failures, the panel in pandas, and the same run on a two-worker Dask LocalCluster."""

from __future__ import annotations

import shutil
import sys

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import xialu_graph as xg
from xialu_graph import cli
from xialu_graph.batch_runs import (
    DOCUMENT_PANEL_COLUMNS,
    FAILURE_COLUMNS,
    PANEL_TABLES,
    TASK_PANEL_COLUMNS,
    UNIT_PANEL_COLUMNS,
    write_synthetic_corpus,
)
from conftest import REPO

N_DOCS = 12
N_TASKS = 30
COLUMNS = {
    "units": UNIT_PANEL_COLUMNS,
    "tasks": TASK_PANEL_COLUMNS,
    "documents": DOCUMENT_PANEL_COLUMNS,
    "failures": FAILURE_COLUMNS,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_synthetic_corpus(folder, N_DOCS, seed=7, n_tasks=N_TASKS)
    return folder


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    result = xg.batch(corpus, out=out, n_jobs=1, progress=False)
    return result


def _panel(out):
    return {t: pd.read_parquet(out / "panel" / f"{t}.parquet") for t in PANEL_TABLES}


def _assert_same_panel(a, b):
    for t in PANEL_TABLES:
        assert_frame_equal(a[t], b[t], check_exact=True)


def test_counts_and_documents_table(local_run):
    r = local_run
    assert (r.n_documents, r.n_analysed, r.n_skipped, r.n_failed) == (N_DOCS, N_DOCS, 0, 0)
    docs = r.read("documents")
    assert list(docs.columns) == list(DOCUMENT_PANEL_COLUMNS)
    assert len(docs) == N_DOCS
    # 12 documents over six places in turn: two editions each, 2015 (i < 6) and 2016
    assert sorted(docs["place"].unique()) == sorted(["下陆区", "黄石港区", "西塞山区", "铁山区", "阳新县", "大冶市"])
    assert docs[["place", "year", "edition", "n_editions"]].head(2).values.tolist() == [
        ["下陆区", 2015, 1, 2],
        ["下陆区", 2016, 2, 2],
    ]
    levels = dict(zip(docs["place"], docs["level"]))
    assert (levels["下陆区"], levels["阳新县"], levels["大冶市"]) == ("district", "county", "city")
    assert (docs["n_tasks"] == N_TASKS).all()


def test_units_match_the_single_document_metrics(local_run, corpus):
    units = local_run.read("units")
    assert list(units.columns) == list(UNIT_PANEL_COLUMNS)
    name = "下陆区_2016_00006.txt"
    doc = xg.read_document(corpus / name)
    G = xg.build_graph(doc)
    load = xg.unit_load(G)
    mine = units[units["document"] == name].reset_index(drop=True)
    assert mine["unit"].tolist() == load["unit"].tolist()
    assert mine["n_lead"].tolist() == load["n_lead"].tolist()
    assert mine["n_support"].tolist() == load["n_support"].tolist()
    assert mine["weighted_load"].tolist() == load["weighted_load"].tolist()
    assert mine["load_rank"].tolist() == load["rank"].tolist()
    assert mine["degree"].tolist() == (load["n_tasks"] / N_TASKS).tolist()
    assert (mine["canonical_unit"] == mine["unit"]).all()
    assert mine["betweenness"].isna().all()  # off by default
    cl = xg.co_responsibility_clusters(G, n_runs=1)
    assert mine["cluster"].tolist() == [dict(zip(cl["unit"], cl["cluster"]))[u] for u in mine["unit"]]
    docs = local_run.read("documents").set_index("document")
    ranked = load[load["ranked"]]
    assert docs.loc[name, "gini"] == pytest.approx(xg.gini(ranked["weighted_load"]), abs=1e-12)
    assert docs.loc[name, "n_units"] == len(load)
    # 下陆区 expands 各街办(新区) into the four street offices: those edges are the collective share
    edges = [(u, d) for u, t, d in G.edges(data=True)]
    via = sum(1 for _, d in edges if d["via"])
    assert via > 0
    assert docs.loc[name, "collective_share"] == pytest.approx(via / len(edges), abs=1e-12)


def test_tasks_table(local_run):
    tasks = local_run.read("tasks")
    assert list(tasks.columns) == list(TASK_PANEL_COLUMNS)
    assert len(tasks) == N_DOCS * N_TASKS
    assert (tasks["has_lead"] == (tasks["n_lead"] > 0)).all()
    assert (tasks["n_units"] == tasks["n_lead"] + tasks["n_support"] + tasks["n_responsible"]).all()
    first = tasks[tasks["document"] == tasks["document"].iloc[0]]
    assert first["task_id"].tolist() == [str(k) for k in range(1, N_TASKS + 1)]


def test_panel_reads_back_in_pandas(local_run):
    out = local_run.out
    for t, cols in COLUMNS.items():
        pq_df = pd.read_parquet(out / "panel" / f"{t}.parquet")
        csv_df = pd.read_csv(out / "panel" / f"{t}.csv", encoding="utf-8-sig")
        assert list(pq_df.columns) == list(cols) == list(csv_df.columns)
        assert len(pq_df) == len(csv_df)
    d_pq = pd.read_parquet(out / "panel" / "documents.parquet")
    d_csv = pd.read_csv(out / "panel" / "documents.csv", encoding="utf-8-sig")
    assert d_csv["document"].tolist() == d_pq["document"].tolist()
    assert d_csv["gini"].tolist() == pytest.approx(d_pq["gini"].tolist(), abs=1e-12)


def test_data_dictionary_lists_every_column():
    text = (REPO / "docs" / "panel.md").read_text(encoding="utf-8")
    for t, cols in COLUMNS.items():
        section = text.split(f"## {t}", 1)[1].split("\n## ", 1)[0]
        for c in cols:
            assert f"| `{c}` |" in section, (t, c)


def test_second_run_skips_everything(local_run, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(local_run.out, out)
    before = _panel(out)
    stamps = {p: p.stat().st_mtime_ns for p in (out / "parts").rglob("*.arrow")}
    r = xg.batch(corpus, out=out, n_jobs=1, progress=False)
    assert (r.n_analysed, r.n_skipped, r.n_failed) == (0, N_DOCS, 0)
    assert {p: p.stat().st_mtime_ns for p in (out / "parts").rglob("*.arrow")} == stamps
    _assert_same_panel(before, _panel(out))


def test_damaged_or_partial_parts_are_redone(local_run, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(local_run.out, out)
    before = _panel(out)
    parts = sorted(p for p in (out / "parts").glob("*/*") if p.is_dir())
    assert len(parts) == N_DOCS
    units_file = parts[0] / "units.arrow"
    units_file.write_bytes(units_file.read_bytes()[:-10])  # truncated
    (parts[1] / "part.json").unlink()  # stopped before the part was complete
    (parts[2] / "part.json").write_text("{not json", encoding="utf-8")
    r = xg.batch(corpus, out=out, n_jobs=1, progress=False)
    assert (r.n_analysed, r.n_skipped, r.n_failed) == (3, N_DOCS - 3, 0)
    _assert_same_panel(before, _panel(out))


def test_bad_documents_go_to_the_failures_table(corpus, tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notasks.txt").write_text("下陆区人民政府\n没有任何任务的一段话。\n", encoding="utf-8")
    r = xg.batch(folder, out=tmp_path / "out", n_jobs=1, progress=True)
    assert (r.n_analysed, r.n_failed) == (N_DOCS, 3)
    fail = r.read("failures")
    assert fail["document"].tolist() == ["binary.txt", "empty.txt", "notasks.txt"]
    assert all("\n" not in x and x for x in fail["reason"])
    assert "binary" in fail["reason"][0] and "empty" in fail["reason"][1] and "no tasks" in fail["reason"][2]
    assert len(r.read("documents")) == N_DOCS
    err = capsys.readouterr().err
    assert "batch [" in err and f"{N_DOCS + 3}/{N_DOCS + 3}" in err and "ETA" in err and "3 failed" in err


def test_options_are_part_of_the_key(local_run, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(local_run.out, out)
    r = xg.batch(corpus, out=out, n_jobs=1, progress=False, weights={"support": 0.25})
    assert (r.n_analysed, r.n_skipped) == (N_DOCS, 0)
    key = ["document", "unit"]
    old = local_run.read("units").sort_values(key).reset_index(drop=True)
    new = r.read("units").sort_values(key).reset_index(drop=True)
    assert new[key + ["n_lead", "n_support"]].equals(old[key + ["n_lead", "n_support"]])
    assert (new["weighted_load"] != old["weighted_load"]).any()
    expected = new["n_lead"] + 0.25 * new["n_support"] + new["n_responsible"]
    assert new["weighted_load"].tolist() == pytest.approx(expected.tolist())


def test_confirmed_matches_give_canonical_unit(local_run, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(local_run.out, out)
    m = tmp_path / "unit_matches.csv"
    m.write_text(
        "unit_a,unit_b,relation,canonical,confirmed\n"
        "区发改局,区发展和改革局,same,区发展和改革局,yes\n"
        "区财政局,区财政所,same,区财政所,no\n",
        encoding="utf-8",
    )
    r = xg.batch(corpus, out=out, n_jobs=1, progress=False, matches=m)
    assert r.n_analysed == 0
    units = r.read("units")
    assert set(units.loc[units["unit"] == "区发改局", "canonical_unit"]) == {"区发展和改革局"}
    assert set(units.loc[units["unit"] == "区财政局", "canonical_unit"]) == {"区财政局"}
    others = units[~units["unit"].isin(["区发改局"])]
    assert (others["canonical_unit"] == others["unit"]).all()


def test_cli_batch_glob_two_workers_same_panel(local_run, corpus, tmp_path, capsys):
    out = tmp_path / "cli"
    assert cli.main(["batch", str(corpus / "*.txt"), "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    _assert_same_panel(_panel(local_run.out), _panel(out))
    assert cli.main(["batch", str(corpus), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"{N_DOCS} documents: 0 analysed, {N_DOCS} already done, 0 failed" in captured.out


def test_cli_user_errors_exit_2_with_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    cases = [
        ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
        ["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "o")],
        ["batch", str(tmp_path / "*.docx"), "--out", str(tmp_path / "o")],
        ["batch", str(REPO / "data" / "raw"), "--out", str(tmp_path / "o"), "--jobs", "0"],
        ["batch", str(REPO / "data" / "raw"), "--out", str(tmp_path / "o"), "--weights", str(tmp_path / "w.toml")],
    ]
    for argv in cases:
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("xialu-graph: error: ") and err.count("\n") == 1, err
    assert not (tmp_path / "o" / "panel").exists()


def test_dask_local_cluster_gives_the_same_panel(local_run, corpus, tmp_path):
    import joblib
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            r = xg.batch(corpus, out=tmp_path / "client", scheduler=client, progress=False)
            assert (r.n_analysed, r.n_failed) == (N_DOCS, 0)
            _assert_same_panel(_panel(local_run.out), _panel(tmp_path / "client"))
            # the documents really ran on the cluster's workers
            loaded = client.run(lambda: "xialu_graph.batch_runs" in sys.modules)
            assert list(loaded.values()) == [True, True]
            with joblib.parallel_config(backend="dask"):
                r2 = xg.batch(corpus, out=tmp_path / "ctx", progress=False)
            assert r2.n_analysed == N_DOCS
            _assert_same_panel(_panel(local_run.out), _panel(tmp_path / "ctx"))
        assert cli.main(["batch", str(corpus), "--out", str(tmp_path / "addr"), "--scheduler",
                         cluster.scheduler_address, "--quiet"]) == 0
    _assert_same_panel(_panel(local_run.out), _panel(tmp_path / "addr"))


def test_same_file_name_in_two_folders_are_two_documents(tmp_path):
    from xialu_graph.batch_runs import expand_inputs

    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text("一、甲\n1、乙。[责任单位:区发改局]\n", encoding="utf-8")
    docs = expand_inputs([tmp_path / "a", tmp_path / "b"])
    assert docs == [(str(tmp_path / "b" / "x.txt"), str(tmp_path / "b" / "x.txt")), ("x.txt", str(tmp_path / "a" / "x.txt"))]
    r = xg.batch([tmp_path / "a", tmp_path / "b"], out=tmp_path / "out", n_jobs=1, progress=False)
    # identical bytes: one part, two rows
    assert (r.n_documents, r.n_analysed, len(r.read("documents"))) == (2, 1, 2)
    assert len(list((tmp_path / "out" / "parts").glob("*/*"))) == 1


# --------------------------------------------------------------------------- what_if (notebook 06)


@pytest.fixture(scope="module")
def seed_document():
    return xg.read_document(REPO / "data" / "raw" / "xialu_2020.txt")


def test_what_if_defaults_are_the_metrics(seed_document):
    from xialu_graph.scenarios import TOP_COLUMNS, what_if

    w = what_if(seed_document, n_runs=2)
    G = xg.build_graph(seed_document)
    assert_frame_equal(w.load, xg.unit_load(G))
    assert list(w.top.columns) == TOP_COLUMNS and len(w.top) == 10
    assert (w.top["rank_change"] == 0).all()
    assert w.gini == pytest.approx(xg.gini(w.load.loc[w.load["ranked"], "weighted_load"]), abs=1e-12)
    assert w.settings["projection"] == "product"


def test_what_if_moves_with_the_assumptions(seed_document):
    from xialu_graph.scenarios import what_if

    w = what_if(seed_document, weights={"support": 0.25}, n_runs=2)
    expected = xg.unit_load(xg.build_graph(seed_document, weights={"lead": 1.0, "support": 0.25, "responsible": 1.0}))
    assert_frame_equal(w.load, expected)
    assert round(w.gini, 3) == 0.551
    one = what_if(seed_document, expand_collectives=False, n_runs=2)
    assert one.top["unit"].iloc[0] == "区发改局" and one.top["rank_change"].iloc[0] == 4
    assert not one.top["unit"].str.endswith("街办").any()
    assert round(one.gini, 3) == 0.473
    zero = what_if(seed_document, weights={"lead": 0, "support": 0, "responsible": 0}, n_runs=1)
    assert zero.settings["projection"] == "count" and len(zero.cluster_summary) > 0


def test_what_if_panel_recomputes_on_change(seed_document):
    from xialu_graph.scenarios import what_if_panel

    panel = what_if_panel(seed_document, n_runs=1)
    assert panel.result.top["unit"].iloc[0] == "东街办"
    panel.controls["expand_collectives"].value = False
    assert panel.result.top["unit"].iloc[0] == "区发改局"
    panel.controls["support"].value = 1.0
    assert panel.result.settings["weights"] == {"lead": 1.0, "support": 1.0, "responsible": 1.0}
    assert panel.result.settings["expand_collectives"] is False
