"""Collective policy of build_graph (expand / keep / drop / share) and its sensitivity table."""

from __future__ import annotations

import pytest

from xialu_graph.graph import COLLECTIVE_MODES, build_graph
from xialu_graph.metrics import unit_load
from xialu_graph.metrics.policy import SENSITIVITY_COLUMNS, collective_sensitivity

from metrics_helpers import HAND, make_doc, make_graph


def loads(G, **kw):
    df = unit_load(G, **kw)
    return dict(zip(df.unit, df.weighted_load))


def test_expand_is_default_and_recorded():
    G = make_graph(HAND)
    assert G.graph["collectives"] == "expand" and G.graph["expand_collectives"] is True
    assert G.graph["collectives_expanded"] == ["各街办(新区)"]
    assert G.graph["collectives_unexpanded"] == ["区政府各部门"]
    assert G.edges["u:东街办", "t:4"]["weight"] == 0.5 and G.edges["u:东街办", "t:4"]["via"] == "各街办(新区)"


def test_keep_one_node_per_collective():
    G = make_graph(HAND, collectives="keep")
    assert "u:东街办" not in G and G.nodes["u:各街办(新区)"]["kind"] == "collective"
    assert G.edges["u:各街办(新区)", "t:4"]["weight"] == 0.5
    assert G.graph["collectives_unexpanded"] == []
    assert loads(G, include_collectives=True)["各街办(新区)"] == 0.5


def test_drop_leaves_collectives_out():
    G = make_graph(HAND, collectives="drop")
    assert not any(n in G for n in ("u:东街办", "u:老街办", "u:区政府各部门", "u:各街办(新区)"))
    assert G.degree("t:5") == 0 and G.degree("t:4") == 2
    # A 2.5, B 1.5, C 1.5, D 1.5
    assert loads(G) == {"A": 2.5, "B": 1.5, "C": 1.5, "D": 1.5}


def test_share_divides_among_members():
    G = make_graph(HAND, collectives="share")
    e = G.edges["u:东街办", "t:4"]
    assert (e["share"], e["weight"]) == (0.5, 0.25)  # support 0.5 shared by 2 members
    assert G.edges["u:A", "t:1"]["share"] == 1.0
    # the collective carries exactly one support of task 4 in total
    assert loads(G)["东街办"] + loads(G)["老街办"] == 0.5
    assert "u:区政府各部门" in G  # members unknown: stays one node, as under expand


def test_direct_naming_beats_collective():
    spec = [("1", "一", "x", [("东街办", "support"), ("老街办", "support", "street_office", "各街办(新区)"),
                              ("东街办", "support", "street_office", "各街办(新区)")])]
    G = make_graph(spec, collectives="share")
    assert G.edges["u:东街办", "t:1"]["via"] == "" and G.edges["u:东街办", "t:1"]["weight"] == 0.5


def test_deprecated_alias():
    with pytest.warns(DeprecationWarning):
        G = make_graph(HAND, expand_collectives=False)
    assert G.graph["collectives"] == "keep"
    with pytest.warns(DeprecationWarning):
        assert make_graph(HAND, expand_collectives=True).graph["collectives"] == "expand"
    with pytest.raises(ValueError), pytest.warns(DeprecationWarning):
        make_graph(HAND, expand_collectives=False, collectives="expand")
    with pytest.raises(ValueError):
        make_graph(HAND, collectives="merge")


def test_sensitivity_hand():
    s = collective_sensitivity(make_doc(HAND)).set_index("collectives")
    assert list(s.reset_index().columns) == SENSITIVITY_COLUMNS
    assert list(s.index) == list(COLLECTIVE_MODES)
    assert s.loc["keep", "n_units"] == 6 and bool(s.loc["keep", "collectives_ranked"])
    assert s.loc["drop", "top_units"] == "A、B、C、D"
    assert s.loc["expand", "n_units"] == 6 and s.loc["share", "n_units"] == 6


def test_seed_sensitivity(seed_doc):
    # the figures of the issue: expand 0.60 (street offices top), drop / share ≈ 0.47–0.48
    s = collective_sensitivity(seed_doc).set_index("collectives")
    assert s.loc["expand", "gini"] == pytest.approx(0.5985, abs=5e-4)
    assert s.loc["keep", "gini"] == pytest.approx(0.5592, abs=5e-4)
    assert s.loc["drop", "gini"] == pytest.approx(0.4730, abs=5e-4)
    assert s.loc["share", "gini"] == pytest.approx(0.4780, abs=5e-4)
    assert s.loc["expand", "top_units"].split("、")[:4] == ["东街办", "团街办", "老街办", "新街办"]
    assert s.loc["drop", "top_units"].startswith("区发改局")
    assert s.loc["keep", "n_units"] == 58 and s.loc["expand", "n_units"] == 44
    G = build_graph(seed_doc)
    assert len(G.graph["collectives_unexpanded"]) == 13 and "区政府各部门" in G.graph["collectives_unexpanded"]
