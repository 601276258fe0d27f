"""`analyse`: the collective policy it was given, the sensitivity table, the bootstrap intervals,
the backbone and the responsibility checks, on a worked example and on the seed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import xialu_graph as xg
from xialu_graph.analysis import ALPHA, N_BOOT, analyse, sensitivity_table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data/raw/xialu_2020.txt"

SMALL = "一、甲\n1、乙。[牵头单位:区发改局;责任单位:各街办(新区)]\n2、丙。[牵头单位:区财政局]\n3、丁。[责任单位:区财政局、区科信局]\n"


@pytest.fixture(scope="module")
def small():
    return xg.read_document(SMALL, place="下陆区")


@pytest.fixture(scope="module")
def seed():
    doc = xg.read_document(SEED)
    return doc, analyse(doc)


@pytest.mark.parametrize("mode", ["expand", "keep", "drop", "share"])
def test_the_policy_is_passed_on_and_recorded(small, mode):
    a = analyse(small, collectives=mode, n_boot=50)
    assert a.collectives == mode == a.G.graph["collectives"]
    units = set(a.load["unit"])
    assert ("东街办" in units) == (mode in ("expand", "share"))
    assert ("各街办(新区)" in units) == (mode == "keep")


def test_share_divides_the_collective_among_its_four_members(small):
    load = analyse(small, collectives="share", n_boot=50).load.set_index("unit")
    assert load.loc["东街办", "weighted_load"] == pytest.approx(0.5 / 4)
    assert load.loc["区财政局", "weighted_load"] == pytest.approx(2.0)  # lead of 2, responsible on 3


def test_unknown_policy_is_refused(small):
    with pytest.raises(ValueError, match="collectives"):
        analyse(small, collectives="all")


def test_sensitivity_table_by_hand(small):
    s = sensitivity_table(small, n_boot=50).set_index("collectives")
    assert list(s.index) == ["expand", "keep", "drop", "share"]
    # drop: 区发改局 1, 区财政局 2, 区科信局 1 → Gini of (1, 1, 2) = 2·(|1−2|+|1−2|)/(2·9·4/3) = 1/6
    assert s.loc["drop", "gini"] == pytest.approx(1 / 6)
    assert s.loc["drop", "top_units"] == "区财政局、区发改局、区科信局"
    assert s.loc["keep", "n_units"] == 4 and bool(s.loc["keep", "collectives_ranked"])
    assert ((s["gini_ci_low"] <= s["gini"] + 1e-12) & (s["gini"] <= s["gini_ci_high"] + 1e-12)).all()
    assert s.attrs == {"n_boot": 50, "seed": 0, "level": 0.95}


def test_intervals_are_seeded(small):
    a, b = analyse(small, n_boot=80, seed=3), analyse(small, n_boot=80, seed=3)
    pd.testing.assert_frame_equal(a.balance_ci, b.balance_ci)
    assert a.balance_ci.attrs["n_boot"] == 80 and a.balance_ci.attrs["seed"] == 3


def test_defaults(small):
    a = analyse(small)
    assert (N_BOOT, ALPHA) == (500, 0.05)
    assert a.balance_ci["n_boot"].unique().tolist() == [500]
    assert a.backbone.attrs["alpha"] == 0.05 and a.backbone.attrs["method"] == "sdsm"
    assert a.checks[["check", "task_id", "units"]].values.tolist() == [
        ["several_no_lead", "3", "区财政局、区科信局"]]


def test_seed_headline_with_interval_backbone_and_checks(seed):
    doc, a = seed
    assert a.collectives == "expand"
    ci = a.balance_ci.set_index("measure")
    assert ci.loc["gini", "estimate"] == pytest.approx(float(a.balance.set_index("measure").loc["weighted_load", "gini"]))
    assert ci.loc["gini", ["estimate", "ci_low", "ci_high"]].round(2).tolist() == [0.60, 0.59, 0.65]
    assert ci.loc["top5_share", ["estimate", "ci_low", "ci_high"]].round(2).tolist() == [0.49, 0.46, 0.53]
    assert a.backbone.attrs["n_pairs_tested"] == 946 and a.backbone.attrs["n_significant"] == 3 and len(a.backbone) == 307
    assert a.checks.groupby("check").size().to_dict() == {
        "several_no_lead": 10, "one_responsible": 10, "diffuse": 28, "only_collectives": 1, "many_leads": 9,
        "many_units": 1}
    s = a.sensitivity.set_index("collectives")
    assert s["gini"].round(2).to_dict() == {"expand": 0.60, "keep": 0.56, "drop": 0.47, "share": 0.48}
    assert s.loc["expand", "top_units"] == "东街办、团街办、老街办、新街办、区发改局"
    assert s.loc["share", "top_units"].split("、")[0] == "区发改局"
    st = a.cluster_stability.attrs
    assert (round(st["ari_mean"], 2), round(st["ari_p05"], 2), round(st["ari_p95"], 2)) == (0.41, 0.20, 0.66)


def test_seed_keep_policy_removes_every_significant_pair(seed):
    doc, _ = seed
    a = analyse(doc, collectives="keep", n_boot=100)
    assert a.backbone.attrs["n_significant"] == 0 and len(a.backbone) == 211
    assert a.top_units[0] == "区发改局"


def test_task_tokens_given_give_the_same_keywords(seed):
    """Tokens computed elsewhere (as the report pack's worker computes them, from its own graph of
    the document) give the keywords the analysis computes itself; a function is called for them."""
    from xialu_graph.text import task_tokens

    doc, data = seed
    tokens = task_tokens(xg.build_graph(doc))
    calls = []

    def later():
        calls.append(1)
        return tokens

    given = analyse(doc, tokens=later, stability=False)
    assert calls == [1]
    pd.testing.assert_frame_equal(given.keywords, data.keywords)
    assert given.cluster_names == data.cluster_names
