"""Exports: read every file back and check counts; atomic writes; formula neutralisation."""

from __future__ import annotations

import json
import os

import networkx as nx
import pandas as pd
import pytest

from metrics_helpers import HAND, make_doc
from xialu_graph.export.workbook import read_workbook
from xialu_graph.export import (
    export_all,
    neutralise_frame,
    write_csv,
    write_gexf,
    write_graphml,
    write_json,
    write_xlsx,
)
from xialu_graph.files import atomic_path
from xialu_graph.files import safe_cell as neutralise
from xialu_graph.graph import build_graph
from xialu_graph.metrics import unit_section_matrix, unit_task_matrix

SHEETS = [
    "tasks", "assignments", "units", "load", "balance", "centrality", "clusters",
    "unit_task", "unit_section",
]


def _hand_graph():
    spec = [list(t) for t in HAND]
    spec[0][2] = "=HYPERLINK(\"http://x\")"  # a task text that looks like a formula
    return build_graph(make_doc([tuple(t) for t in spec]))


@pytest.fixture(scope="module")
def hand():
    return _hand_graph()


def counts(G):
    units = sum(1 for _, d in G.nodes(data=True) if d["bipartite"] == 0)
    return units, G.number_of_nodes() - units, G.number_of_edges()


def test_gexf_roundtrip(hand, tmp_path):
    p = write_gexf(hand, tmp_path / "g.gexf")
    H = nx.read_gexf(p)
    assert (H.number_of_nodes(), H.number_of_edges()) == (hand.number_of_nodes(), hand.number_of_edges())
    a = H.nodes["u:A"]
    assert a["label"] == "A" and a["kind"] == "department"
    viz = a["viz"]
    assert {"size", "color", "position"} <= set(viz)
    # A carries the largest load → the largest unit
    unit_sizes = {n: d["viz"]["size"] for n, d in H.nodes(data=True) if d["bipartite"] == 0}
    assert max(unit_sizes, key=unit_sizes.get) == "u:A"
    assert H.nodes["u:区政府各部门"]["cluster"] == -1  # collective: not clustered, grey
    e = H.edges["u:A", "t:1"]
    assert e["role"] == "lead" and float(e["weight"]) == 1.0


def test_graphml_roundtrip(hand, tmp_path):
    H = nx.read_graphml(write_graphml(hand, tmp_path / "g.graphml"))
    assert (H.number_of_nodes(), H.number_of_edges()) == (hand.number_of_nodes(), hand.number_of_edges())
    assert H.nodes["t:4"]["section_no"] == "二"
    assert H.edges["u:东街办", "t:4"]["via"] == "各街办(新区)"
    assert json.loads(H.graph["weights"]) == {"lead": 1.0, "support": 0.5, "responsible": 1.0}


def test_json_roundtrip(hand, tmp_path):
    p = write_json(hand, tmp_path / "g.json")
    data = json.loads(p.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert counts(H) == counts(hand)
    assert "区政府各部门" in p.read_text(encoding="utf-8")  # not \u-escaped


def test_xlsx_sheets_and_counts(hand, tmp_path):
    doc = make_doc(HAND)
    p = write_xlsx(hand, tmp_path / "w.xlsx", doc=doc)
    book = read_workbook(p)
    assert set(SHEETS) <= set(book)
    n_units, n_tasks, n_edges = counts(hand)
    assert len(book["tasks"]) == n_tasks == 5
    assert len(book["assignments"]) == n_edges
    assert len(book["load"]) == n_units
    assert len(book["centrality"]) == n_units
    assert len(book["clusters"]) == n_units - 1  # the collective is not clustered
    ut = book["unit_task"].set_index("unit")
    assert ut.shape == (n_units, n_tasks)
    assert ut.to_numpy().sum() == pytest.approx(sum(d["weight"] for *_, d in hand.edges(data=True)))
    us = book["unit_section"].set_index("unit")
    assert us.to_numpy().sum() == n_edges
    assert book["balance"].measure.tolist() == ["weighted_load", "n_lead"]
    info = dict(zip(book["info"].key, book["info"].value))
    assert "clusters.modularity" in info and info["graph.tasks"] == "5"


def test_xlsx_without_doc_and_neutralised(hand, tmp_path):
    p = write_xlsx(hand, tmp_path / "w.xlsx")
    tasks = pd.read_excel(p, sheet_name="tasks")
    assert tasks.loc[0, "任务内容"] == "'=HYPERLINK(\"http://x\")"
    # openpyxl stored it as text, not as a formula
    import openpyxl

    ws = openpyxl.load_workbook(p)["tasks"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_neutralise():
    assert [neutralise(v) for v in ["=1", "+1", "-1", "@x", "\tx", "ok", "a=b", -1, None]] == [
        "'=1", "'+1", "'-1", "'@x", "'\tx", "ok", "a=b", -1, None,
    ]
    df = pd.DataFrame({"=a": ["-x", "y"], "n": [-1.5, 2.0]}, index=pd.Index(["@i", "j"]))
    out = neutralise_frame(df)
    assert list(out.columns) == ["'=a", "n"] and out.index.tolist() == ["'@i", "j"]
    assert out["'=a"].tolist() == ["'-x", "y"] and out.n.tolist() == [-1.5, 2.0]
    assert df.loc["@i", "=a"] == "-x"  # input untouched


def test_csv(tmp_path):
    df = pd.DataFrame({"unit": ["=cmd|' /C calc'!A0", "区发改局"], "v": [1, -2]})
    p = write_csv(df, tmp_path / "x.csv")
    back = pd.read_csv(p)
    assert back.unit.tolist() == ["'=cmd|' /C calc'!A0", "区发改局"] and back.v.tolist() == [1, -2]


def test_atomic_failure_keeps_old_file(tmp_path):
    target = tmp_path / "keep.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["keep.csv"]  # temp file removed


def test_atomic_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "m.json"
    target.write_text("{}", encoding="utf-8")
    os.chmod(target, 0o640)
    G = nx.Graph()
    G.add_edge("u:a", "t:1")
    write_json(G, target)
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert json.loads(target.read_text(encoding="utf-8"))["edges"]


def test_matrices(hand):
    ut = unit_task_matrix(hand)
    assert ut.loc["A"].tolist() == [1.0, 1.0, 0.0, 0.5, 0.0]
    us = unit_section_matrix(hand)
    assert list(us.columns) == ["一", "二"] and us.loc["A"].tolist() == [2, 1]


def test_export_all_seed(seed_doc, tmp_path):
    G = build_graph(seed_doc)
    out = export_all(G, tmp_path / "out", doc=seed_doc, stem="xialu_2020")
    assert {"gexf", "graphml", "json", "xlsx", "csv:load", "csv:unit_task"} <= set(out)
    n_units, n_tasks, n_edges = counts(G)
    assert n_tasks == 106
    H = nx.read_gexf(out["gexf"])
    assert H.number_of_nodes() == n_units + 106 and H.number_of_edges() == n_edges
    assert nx.read_graphml(out["graphml"]).number_of_edges() == n_edges
    J = json.loads(out["json"].read_text(encoding="utf-8"))
    assert len(J["nodes"]) == n_units + 106 and len(J["edges"]) == n_edges
    book = read_workbook(out["xlsx"])
    assert len(book["tasks"]) == 106
    assert len(book["assignments"]) == len(seed_doc.assignments)
    assert book["unit_task"].shape == (n_units, 106 + 1)
    assert book["unit_section"].shape == (n_units, 8 + 1)
    t22 = book["assignments"][book["assignments"].task_id.astype(str) == "22"]
    assert sorted(t22.unit) == sorted(["区应急管理局", "区科信局", "下陆生态环境分局", "下陆消防救援大队", "下陆公安分局"])
    load = pd.read_csv(out["csv:load"])
    assert len(load) == n_units
    r = load.set_index("unit").loc["区发改局"]
    assert (r.n_lead, r.n_support, r.n_responsible) == (8, 14, 3)
    assert not [f for f in os.listdir(tmp_path / "out") if f.endswith(".tmp")]


def test_graph_exports_survive_control_characters(tmp_path):
    """Document text with control characters (web pages carry them) still exports."""
    import networkx as nx

    import xialu_graph as xg
    from xialu_graph.export import write_gexf, write_graphml

    doc = xg.read_document("一、甲\n1、抓\x07项目\x1b。[牵头单位:区发\x0c改局;责任单位:区财政局]\n")
    G = xg.build_graph(doc)
    H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert H.number_of_nodes() == 3 and H.number_of_edges() == 2
    assert "\x07" not in H.nodes["t:1"]["text"] and H.nodes["t:1"]["text"] == "抓项目。"
    K = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert K.number_of_nodes() == 3


def test_gexf_colours_are_the_palettes_without_alpha(tmp_path):
    """Gephi shows each cluster in the colour the figures and views give it (package palette),
    written as r/g/b only (Gephi Lite ignores colours that carry an alpha)."""
    import re

    from xialu_graph.palette import GREY, cluster_color, hex_rgb

    G = build_graph(make_doc(HAND))
    p = write_gexf(G, tmp_path / "g.gexf")
    text = p.read_text(encoding="utf-8")
    assert re.findall(r"<viz:color[^>]*>", text) and ' a="' not in "".join(re.findall(r"<viz:color[^>]*>", text))
    H = nx.read_gexf(p)
    for n, d in H.nodes(data=True):
        c = int(d["cluster"])
        want = hex_rgb(cluster_color(c) if c >= 1 else GREY)
        assert {k: d["viz"]["color"][k] for k in "rgb"} == want, n
    assert min(int(d["cluster"]) for _, d in H.nodes(data=True) if int(d["cluster"]) >= 0) == 1


def test_graph_exports_keep_units_whose_names_clean_to_the_same_text(tmp_path):
    """A control character in a unit name is dropped for XML, and a unit that then reads like
    another one stays a separate node (no KeyError, no silent merge)."""
    G = nx.Graph()
    for u in ("u:区\x1b局", "u:区局"):
        G.add_node(u, bipartite=0, label=u[2:], kind="department")
    G.add_node("t:1", bipartite=1, task_id="1", text="x")
    G.add_edge("u:区\x1b局", "t:1", role="lead", weight=1.0, via="")
    G.add_edge("u:区局", "t:1", role="support", weight=0.5, via="")
    H = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert sorted(H.nodes) == ["t:1", "u:区局", "u:区局~2"]
    K = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert K.number_of_nodes() == 3 and K.number_of_edges() == 2
