"""Interactive views without a browser: offline, escaped, deterministic, notebook display, atomic save."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

from xialu_graph.graph import project_units, unit_nodes
from xialu_graph.viz import interactive as iv
from xialu_graph import files
from xialu_graph.viz import page
from xialu_graph.viz.interactive import NetworkView, bipartite_view, cluster_view, ego_view

from view_helpers import PAYLOADS, hostile_graph, small_graph


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    p.close()
    return p


def data_block(page: str) -> dict:
    p = parse(page)
    idx = [i for i, (t, a) in enumerate(t for t in p.tags if t[0] == "script") if a.get("id") == "xialu-data"]
    assert len(idx) == 1
    return json.loads(p.scripts[idx[0]])


@pytest.fixture(scope="module")
def G():
    return small_graph()


@pytest.fixture(scope="module")
def H():
    return hostile_graph()


def all_views(G):
    P = project_units(G)
    unit = G.nodes[unit_nodes(G)[0]]["label"]
    return [bipartite_view(G), cluster_view(P), ego_view(G, unit)]


# --------------------------------------------------------------------------- offline


@pytest.mark.parametrize("which", ["small", "hostile"])
def test_no_external_reference(which):
    graph = small_graph() if which == "small" else hostile_graph()
    for view in all_views(graph):
        page = view.html()
        p = parse(page)
        for tag, attrs in p.tags:
            for name in ("src", "href", "action", "formaction", "poster", "data"):
                assert name not in attrs, f"<{tag} {name}=...> in an offline page"
            if tag == "link":
                raise AssertionError("a <link> element in an offline page")
        # url(...) in style sheets: data: only
        for m in re.finditer(r"url\(\s*['\"]?([^'\")]*)", page):
            assert m.group(1).startswith("data:"), m.group(0)
        # no http(s) reference outside comments/licence strings of the inlined library
        assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//", page, re.I)
        assert "cdn" not in " ".join(a.get("src", "") + a.get("href", "") for _, a in p.tags).lower()
        assert "sourceMappingURL" not in page
        csp = [a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in csp[0] and "unsafe-inline" not in csp[0].split("script-src")[1].split(";")[0]


def test_vis_assets_inlined(G):
    html = bipartite_view(G).html()
    js, css = page.vis_assets()
    assert js.strip()[:200] in html and css[:200] in html
    p = parse(html)
    assert [a.get("type") for t, a in p.tags if t == "script"] == ["application/json", None, None]


# --------------------------------------------------------------------------- hostile text


def test_payloads_never_reach_markup(H):
    for view in all_views(H):
        page = view.html()
        p = parse(page)
        tags = [t for t, _ in p.tags]
        # exactly our elements: 3 scripts, no img/svg/a/iframe/textarea from the data
        assert tags.count("script") == 3
        for bad in ("img", "svg", "a", "iframe", "textarea", "object", "embed"):
            assert bad not in tags, bad
        for t, attrs in p.tags:
            assert not any(k.startswith("on") for k in attrs), (t, attrs)
        for raw in ("<img src=x", "</script><script>window", "<svg onload", "</textarea>", "<!--<script"):
            assert raw not in page
        # the JSON block never contains <, > or & as such
        block = p.scripts[0]
        assert not re.search(r"[<>&\u2028\u2029]", block)


def test_payloads_round_trip_as_text(H):
    """The page data carries the hostile strings literally (they are shown, not run)."""
    data = data_block(bipartite_view(H).html())
    labels = {n["label"] for n in data["nodes"] if n["xk"] == "unit"}
    for p in PAYLOADS:
        assert page.clean_text(p) in labels
    tips = json.dumps([n["tip"] for n in data["nodes"]], ensure_ascii=False)
    assert "任务文本</script><script>window.__xss=1</script>结束" in tips
    assert "[U+202E]局政财区" in labels  # bidi override shown, not applied
    assert not any("\u202e" in n["label"] for n in data["nodes"])


def test_title_escaped(H):
    page = bipartite_view(H).html()
    h1 = re.search(r'<h1 id="xialu-title">(.*?)</h1>', page, re.S).group(1)
    assert "<" not in h1 and html.unescape(h1).startswith("<script>window.__xss=1</script>标题")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title


def test_clean_text():
    assert page.clean_text("a\u202eb\u2066c\x00d\te") == "a[U+202E]b[U+2066]c[U+0000]d\te"
    assert page.clean_text(None) == ""
    assert page.script_json({"a": "</script><!--&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}'


# --------------------------------------------------------------------------- content


def test_bipartite_content(G):
    view = bipartite_view(G)
    assert (view.n_nodes, view.n_edges) == (G.number_of_nodes(), G.number_of_edges())
    data = data_block(view.html())
    nodes = {n["id"]: n for n in data["nodes"]}
    t1 = nodes["t:1"]
    tip = dict((k, v) for k, v in t1["tip"][1:])
    assert t1["tip"][0][1] == "任务1"
    assert tip["任务"] == "抓项目建设"
    assert tip["牵头单位"] == "区发改局" and set(tip["配合单位"].split("、")) == {"区财政局", "老街办"}
    assert tip["章节"] == "一 稳增长"
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False
    assert {e["label"] for e in data["legend"]["nodes"]} >= {"部门", "街道办事处", "任务"}
    assert [e["label"].split()[0] for e in data["legend"]["edges"]] == ["牵头", "责任", "配合"]
    styles = {(e["from"], e["to"]): e for e in data["edges"]}
    assert styles[("u:区发改局", "t:1")]["width"] > styles[("u:区财政局", "t:1")]["width"]
    assert styles[("u:区财政局", "t:1")]["dashes"] is True


def test_physics_option(G):
    data = data_block(bipartite_view(G, physics=True).html())
    assert data["options"]["physics"]["enabled"] is True


def test_deterministic(G):
    assert bipartite_view(G).html() == bipartite_view(small_graph()).html()
    P = project_units(G)
    assert cluster_view(P).html() == cluster_view(project_units(small_graph())).html()


def test_layouts(G):
    for layout in ("auto", "spring", "fast", "kamada_kawai", "circular", "bipartite"):
        view = bipartite_view(G, layout=layout)
        assert len({(n["x"], n["y"]) for n in view.nodes}) == G.number_of_nodes()
    with pytest.raises(ValueError):
        bipartite_view(G, layout="nope")


def test_cluster_view_frames(G):
    P = project_units(G)
    clusters = pd.DataFrame({"unit": ["区发改局", "区财政局", "老街办", "区住建局"], "cluster": [1, 1, 2, 2]})
    load = pd.DataFrame({"unit": ["区发改局", "区财政局", "老街办", "区住建局", "区市场监管局", "区审计局"],
                         "weighted_load": [2.0, 1.5, 2.0, 1.0, 0.5, 9.0]})
    view = cluster_view(P, clusters, load)
    nodes = {n["id"]: n for n in view.nodes}
    assert nodes["u:区发改局"]["color"] == nodes["u:区财政局"]["color"] != nodes["u:老街办"]["color"]
    assert nodes["u:区审计局"]["color"] == iv.UNCLUSTERED_COLOR
    assert nodes["u:区审计局"]["size"] == max(n["size"] for n in view.nodes)
    assert nodes["u:区市场监管局"]["size"] == min(n["size"] for n in view.nodes)
    tip = dict(nodes["u:区发改局"]["tip"][1:])
    assert tip["群组"] == "群组1" and tip["加权工作量"] == "2"
    assert [e["label"] for e in view.legend["nodes"]] == ["群组1", "群组2", "未归类"]
    # node ids accepted as well as names; a dict works too
    v2 = cluster_view(P, {"u:区发改局": "甲"})
    assert dict(v2.nodes[[n["id"] for n in v2.nodes].index("u:区发改局")]["tip"][1:])["群组"] == "甲"
    with pytest.raises(ValueError, match="cluster"):
        cluster_view(P, pd.DataFrame({"name": ["区发改局"], "cluster": [0]}))


def test_cluster_view_default_clusters(G):
    view = cluster_view(project_units(G))
    assert view.n_nodes == 6
    assert all(dict(n["tip"][1:])["群组"] != "未归类" for n in view.nodes)


def test_ego_view(G):
    view = ego_view(G, "区财政局")
    ids = {n["id"] for n in view.nodes}
    assert ids == {"u:区财政局", "t:1", "t:3", "u:区发改局", "u:老街办"}
    assert view.nodes[0]["id"] == "u:区财政局" and (view.nodes[0]["x"], view.nodes[0]["y"]) == (0.0, 0.0)
    assert ego_view(G, "u:区财政局").html() == view.html()
    with pytest.raises(KeyError, match="区财政局"):
        ego_view(G, "区财政")


# --------------------------------------------------------------------------- notebook, save


def test_repr_html_is_srcdoc_iframe(H):
    view = bipartite_view(H)
    out = view._repr_html_()
    p = parse(out)
    assert [t for t, _ in p.tags] == ["iframe"]
    attrs = p.tags[0][1]
    assert attrs["srcdoc"] == view.html()
    assert attrs["sandbox"] == "allow-scripts allow-downloads"
    assert "src" not in attrs
    # nothing of the page escapes the attribute
    assert out.count('"') == 2 * len(attrs)


def test_show_displays(monkeypatch, G):
    import IPython.display

    seen = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: seen.append(obj))
    view = bipartite_view(G)
    assert view.show() is view and seen == [view]


def test_save_atomic(tmp_path, G, monkeypatch):
    view = bipartite_view(G)
    out = view.save(tmp_path / "sub" / "v.html")
    assert out.read_text(encoding="utf-8") == view.html()
    assert os.listdir(out.parent) == ["v.html"]

    other = ego_view(G, "区财政局")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        other.save(out)
    assert out.read_text(encoding="utf-8") == view.html()  # old page intact
    assert os.listdir(out.parent) == ["v.html"]  # no temp file left


def test_import_is_light():
    code = ("import sys, xialu_graph, xialu_graph.viz.interactive; "
            "bad = [m for m in ('pyvis', 'jinja2', 'matplotlib', 'IPython') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_repr(G):
    assert repr(bipartite_view(G)) == f"<NetworkView bipartite: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges>"
    assert isinstance(bipartite_view(G), NetworkView)


# --------------------------------------------------------------------------- seed


def test_seed_views(seed_doc):
    from xialu_graph.graph import build_graph

    G = build_graph(seed_doc)
    assert len(seed_doc.tasks) == 106
    view = bipartite_view(G)
    assert view.n_nodes == G.number_of_nodes() and sum(n["xk"] == "task" for n in view.nodes) == 106
    P = project_units(G)
    assert cluster_view(P).n_nodes == P.number_of_nodes()
    top = max(unit_nodes(G), key=G.degree)
    expected = set(G[top]) | {u for t in G[top] for u in G[t]}  # its tasks, their units (itself included)
    assert ego_view(G, G.nodes[top]["label"]).n_nodes == len(expected)


# --------------------------------------------------------------------------- notebook fallbacks


@pytest.mark.parametrize("make", ["bipartite", "cluster", "ego"])
def test_mimebundle_has_html_png_and_text(make, G):
    import base64
    import io

    from PIL import Image

    view = {"bipartite": lambda: bipartite_view(G), "cluster": lambda: cluster_view(project_units(G)),
            "ego": lambda: ego_view(G, "区财政局")}[make]()
    bundle = view._repr_mimebundle_()
    assert sorted(bundle) == ["image/png", "text/html", "text/plain"]
    png = base64.b64decode(bundle["image/png"], validate=True)
    img = Image.open(io.BytesIO(png))
    img.load()
    assert img.format == "PNG" and img.size[0] >= 600 and img.size[1] >= 400
    # not a blank picture
    assert sum(1 for n in img.convert("L").histogram() if n) > 10
    assert bundle["text/plain"].endswith(page.FALLBACK_HINT)
    assert "File → Trust Notebook" in bundle["text/plain"]
    # the HTML: the hiding style, the live iframe, then the fallback picture with the same PNG
    p = parse(bundle["text/html"])
    assert [t for t, _ in p.tags] == ["style", "iframe", "div", "img", "p"]
    img_attrs = p.tags[3][1]
    assert img_attrs["src"] == "data:image/png;base64," + bundle["image/png"]
    key = [c for c in p.tags[2][1]["class"].split() if c.startswith("xialu-fallback-")][0]
    assert f".{key}{{display:none}}" in bundle["text/html"]
    assert p.tags[1][1]["srcdoc"] == view.html()


def test_static_figure_same_layout_and_palette(G):
    view = bipartite_view(G)
    fig = page.static_figure(view)
    ax = fig.axes[0]
    # every node drawn at the page's position (y flipped), in the page's colours
    offsets = [tuple(o) for coll in ax.collections[1:] for o in coll.get_offsets()]
    assert sorted(offsets) == sorted((float(n["x"]), -float(n["y"])) for n in view.nodes)
    labels = {t.get_text() for t in ax.texts}
    assert {n["label"] for n in view.nodes if n["xk"] == "unit"} <= labels
    assert fig._suptitle.get_text() == view.title


def test_static_png_hostile_text_is_literal():
    view = bipartite_view(hostile_graph())
    assert view.static_png().startswith(b"\x89PNG")


def test_one_word_for_weighted_load_in_every_view_and_figure():
    """The glossary's 加权工作量 everywhere a reader sees the weighted load (issue 14: 负荷 drifted in)."""
    from pathlib import Path

    import xialu_graph

    pkg = Path(xialu_graph.__file__).parent
    for p in list((pkg / "viz").glob("*.py")) + list((pkg / "report").glob("*.py")):
        assert "加权负荷" not in p.read_text(encoding="utf-8"), p.name


def test_the_seeds_street_offices_do_not_stand_on_each_other(seed_doc):
    # named together on almost every task (各街办(新区)), the four street offices were laid out within
    # 7-22 px of each other: one green blot with four names over it
    import itertools
    import math

    import xialu_graph as xg
    from xialu_graph.layout import OVERLAP_GAP

    G = xg.build_graph(seed_doc)
    view = iv.bipartite_view(G)
    at = {r["label"]: (r["x"], r["y"]) for r in view.nodes if r["xk"] == "unit"}
    offices = [at[u] for u in ("东街办", "老街办", "团街办", "新街办")]
    assert min(math.dist(a, b) for a, b in itertools.combinations(offices, 2)) >= OVERLAP_GAP - 0.5
    units = list(at.values())
    assert min(math.dist(a, b) for a, b in itertools.combinations(units, 2)) >= OVERLAP_GAP / 2 - 0.5
