"""workload_balance: values worked by hand, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_helpers import HAND, make_graph
from xialu_graph.metrics import BALANCE_COLUMNS, gini, herfindahl, lorenz_curve, unit_load, workload_balance


def test_gini_hand():
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)
    assert gini([5, 5, 5]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)  # (n-1)/n
    assert math.isnan(gini([]))
    assert math.isnan(gini([0, 0]))
    with pytest.raises(ValueError):
        gini([1, -1])


def test_herfindahl_hand():
    assert herfindahl([1, 1, 1, 1]) == pytest.approx(0.25)
    # shares .1 .2 .3 .4 → .01 + .04 + .09 + .16
    assert herfindahl([1, 2, 3, 4]) == pytest.approx(0.30)


def test_summary_hand():
    b = workload_balance([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    assert list(b.columns) == BALANCE_COLUMNS
    r = b.iloc[0]
    assert r.total == 78 and r.n_units == 12 and r["max"] == 12
    # top 5: 12+11+10+9+8 = 50; top 10: 78 - 1 - 2 = 75
    assert r.top5_share == pytest.approx(50 / 78)
    assert r.top10_share == pytest.approx(75 / 78)
    assert r["mean"] == pytest.approx(6.5)
    # population std of 1..12 = sqrt((n²-1)/12) = sqrt(143/12)
    assert r["std"] == pytest.approx(math.sqrt(143 / 12))
    assert r.cv == pytest.approx(math.sqrt(143 / 12) / 6.5)
    # Gini of 1..n = (n-1)/(3n)
    assert r.gini == pytest.approx(11 / 36)


def test_lorenz_hand():
    lz = lorenz_curve([1, 2, 3, 4])
    assert lz.population_share.tolist() == [0, 0.25, 0.5, 0.75, 1.0]
    assert lz.load_share.tolist() == pytest.approx([0, 0.1, 0.3, 0.6, 1.0])
    # Gini = 1 - 2 × area under the Lorenz curve (trapezoids)
    x, y = lz.population_share.to_numpy(), lz.load_share.to_numpy()
    area = float(((y[1:] + y[:-1]) / 2 * np.diff(x)).sum())
    assert 1 - 2 * area == pytest.approx(0.25)


def test_from_load_table_excludes_collectives():
    load = unit_load(make_graph(HAND))
    b = workload_balance(load)
    assert b.measure.tolist() == ["weighted_load", "n_lead"]
    wl = b.set_index("measure").loc["weighted_load"]
    # ranked loads: A 2.5, B 1.5, C 1.5, D 1.5, 东街办 0.5, 老街办 0.5 (collective 1.0 left out)
    assert wl.n_units == 6 and wl.total == 8.0
    assert wl.gini == pytest.approx(gini([2.5, 1.5, 1.5, 1.5, 0.5, 0.5]))
    assert wl.top5_share == pytest.approx(7.5 / 8)
    leads = b.set_index("measure").loc["n_lead"]
    assert leads.total == 3  # A 2, D 1
    lz = b.attrs["lorenz"]
    assert set(lz.measure) == {"weighted_load", "n_lead"} and len(lz) == 14
    both = workload_balance(load, include_collectives=True).set_index("measure").loc["weighted_load"]
    assert both.n_units == 7 and both.total == 9.0


def test_empty():
    b = workload_balance([])
    assert b.loc[0, "n_units"] == 0 and math.isnan(b.loc[0, "gini"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6)), min_size=1, max_size=40), st.floats(0.1, 100))
def test_properties(values, k):
    # loads are 0 or ordinary numbers; subnormal floats (5e-324 * 0.5 == 0) would only test underflow
    g = gini(values)
    n = len(values)
    if sum(values) == 0:
        assert math.isnan(g)
        return
    assert -1e-9 <= g <= (n - 1) / n + 1e-9
    assert gini([v * k for v in values]) == pytest.approx(g, abs=1e-9)
    assert gini(list(reversed(values))) == pytest.approx(g, abs=1e-12)
    h = herfindahl(values)
    assert 1 / n - 1e-9 <= h <= 1 + 1e-9
    lz = lorenz_curve(values)
    assert lz.load_share.is_monotonic_increasing and lz.load_share.iloc[-1] == 1.0


def test_seed_balance(seed_doc):
    from xialu_graph.graph import build_graph

    load = unit_load(build_graph(seed_doc))
    b = workload_balance(load).set_index("measure")
    # 86 tasks name a lead, 9 of them two leads → 95 lead assignments among ranked units
    assert b.loc["n_lead", "total"] == 95
    assert 0.4 < b.loc["weighted_load", "gini"] < 0.8
    assert isinstance(b, pd.DataFrame)
