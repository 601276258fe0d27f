"""What the batch's speed rests on: unit_load's lean options give the same numbers, the panel
is the same whether its slices are assembled here or in the worker processes, and options
that do not change the panel are not offered."""

from __future__ import annotations

import filecmp
import inspect
import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import xialu_graph as xg
from xialu_graph.batch_runs import write_synthetic_corpus
from xialu_graph.metrics import LOAD_COLUMNS, unit_load
from conftest import REPO

REAL = sorted(p for p in (REPO / "data" / "raw").glob("*.txt"))


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen")
    files = write_synthetic_corpus(folder, 4, seed=11, n_tasks=40)
    out = []
    for f in [*files, *REAL]:
        doc = xg.read_document(f)
        out.append(xg.build_graph(doc))
        out.append(xg.build_graph(doc, weights={"support": 0.25}, collectives="keep"))
    return out


@pytest.mark.parametrize("inc", [False, True])
def test_lean_unit_load_has_the_same_numbers(graphs, inc):
    assert len(graphs) >= 10
    for G in graphs:
        full = unit_load(G, include_collectives=inc)
        lean = unit_load(G, include_collectives=inc, sections=False, partners=False)
        assert list(lean.columns) == [c for c in LOAD_COLUMNS if c not in ("n_sections", "n_partners")]
        assert_frame_equal(lean, full.drop(columns=["n_sections", "n_partners"]), check_exact=True)
        assert list(unit_load(G, sections=False).columns) == [c for c in LOAD_COLUMNS if c != "n_sections"]
        assert list(unit_load(G, partners=False).columns) == [c for c in LOAD_COLUMNS if c != "n_partners"]
        assert lean.attrs["n_sections_total"] is None and lean.attrs["total_weighted_load"] == full.attrs["total_weighted_load"]


def test_unit_load_columns_are_the_frame_as_lists(graphs):
    for G in graphs:
        frame = unit_load(G)
        cols = unit_load(G, as_frame=False)
        assert list(cols) == list(frame.columns) and cols.attrs == frame.attrs
        for c in frame.columns:
            assert cols[c] == [None if v is pd.NA else v for v in frame[c].tolist()], c
        assert all(type(v) is int for v in cols["n_lead"]) and all(type(v) is bool for v in cols["ranked"])
        ranked = [s for s, r in zip(cols["load_share"], cols["ranked"]) if r]
        assert math.isclose(sum(ranked), 1.0) and all(s is None for s, r in zip(cols["load_share"], cols["ranked"]) if not r)


def test_panel_is_the_same_from_slices_in_workers(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    write_synthetic_corpus(folder, 7, seed=3, n_tasks=20)
    (folder / "notasks.txt").write_text("下陆区人民政府\n没有任务。\n", encoding="utf-8")
    here = xg.batch(folder, out=tmp_path / "one", n_jobs=1, progress=False)
    pool = xg.batch(folder, out=tmp_path / "two", n_jobs=2, progress=False)
    assert (here.n_analysed, here.n_failed, pool.n_analysed, pool.n_failed) == (7, 1, 7, 1)
    # the resumed run again, its slices of 3 documents assembled by the two worker processes
    from xialu_graph.batch_runs import run as run_module

    original = run_module.write_panel
    sliced = []

    def write_panel_in_threes(*args, map_slices=None, **kwargs):
        sliced.append(map_slices is not None)  # the local pool is used
        return original(*args, group=3, map_slices=map_slices, **kwargs)

    monkeypatch.setattr(run_module, "write_panel", write_panel_in_threes)
    again = xg.batch(folder, out=tmp_path / "three", n_jobs=2, progress=False)
    assert sliced == [True] and again.n_analysed == 7
    one = tmp_path / "one" / "panel"
    for t in ("units", "tasks", "documents", "failures"):
        a = pd.read_parquet(one / f"{t}.parquet")
        for other in (tmp_path / "two" / "panel", tmp_path / "three" / "panel"):
            assert filecmp.cmp(one / f"{t}.csv", other / f"{t}.csv", shallow=False), (t, other)
            assert_frame_equal(a, pd.read_parquet(other / f"{t}.parquet"), check_exact=True)
    assert len(pd.read_parquet(one / "units.parquet")["document"].unique()) == 7
    assert (one / "units.csv").read_bytes().startswith(b"\xef\xbb\xbfdocument,doc_key,")


def test_cluster_runs_is_not_an_option():
    # the panel holds the clusters of one seed, not their stability: more runs changed nothing
    assert "cluster_runs" not in inspect.signature(xg.batch).parameters
    with pytest.raises(TypeError):
        xg.batch([], out="unused", cluster_runs=3)
