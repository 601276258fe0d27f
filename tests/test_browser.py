"""Saved views opened in headless Chromium with the network blocked.

Needs the Debian ``chromium`` package at /usr/bin/chromium (``make browser-deps`` /
``scripts/install-browser.sh`` installs it with a CJK font). When it is missing these tests
FAIL, on purpose: CI installs it through ``make test``.

Checks, for each view of a small hand-made graph, of the seed document and of a document whose
every text carries a script payload:

* nothing is fetched (every request but file:/data:/about: is aborted and recorded; none may
  be attempted), no console error and no uncaught exception;
* ``window.xialuNetwork`` exists with the expected number of nodes, and the canvas is not blank;
* nothing runs: ``window.__xss`` stays undefined and no dialog opens, before and after hovering
  a node to open its tooltip, whose text shows the payload literally;
* the search box finds, selects and focuses a unit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xialu_graph.graph import project_units, unit_nodes
from xialu_graph.viz.interactive import bipartite_view, cluster_view, ego_view
from xialu_graph.viz.page import clean_text as _clean

from view_helpers import PAYLOADS, hostile_graph, small_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ALLOWED_SCHEMES = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` (bash scripts/install-browser.sh) "
                    "to install the Debian chromium package and a CJK font", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_until(page, expr: str, timeout_ms: int = 20_000) -> None:
    """Poll a JS expression with page.evaluate until truthy.

    Not ``page.wait_for_function``: Playwright evaluates that predicate with ``eval`` in the
    page, which the views' Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    """
    import time

    end = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expr):
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout_ms} ms waiting for {expr}")
        page.wait_for_timeout(50)


class Opened:
    """A page opened offline, with what it tried to do recorded."""

    def __init__(self, browser, path: Path):
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = page = self.context.new_page()

        def route(r):
            url = r.request.url
            if url.startswith(ALLOWED_SCHEMES):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(path.as_uri())
        wait_until(page, "document.body !== null && document.body.getAttribute('data-drawn') === '1'")

    def node_count(self) -> int:
        return self.page.evaluate("Object.keys(window.xialuNetwork.getPositions()).length")

    def painted_pixels(self) -> int:
        return self.page.evaluate(
            """() => {
                const c = document.querySelector('#xialu-net canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                    if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) n++;
                }
                return n;
            }"""
        )

    def xss(self):
        return self.page.evaluate("typeof window.__xss === 'undefined' ? null : String(window.__xss)")

    def hover(self, node_id: str) -> str:
        """Move the mouse onto a node; return the tooltip's text."""
        page = self.page
        xy = page.evaluate(
            """(id) => {
                const net = window.xialuNetwork;
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const r = document.getElementById('xialu-net').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            node_id,
        )
        page.mouse.move(xy[0] - 40, xy[1] - 40)
        page.mouse.move(xy[0], xy[1], steps=5)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        return page.eval_on_selector("div.vis-tooltip", "e => e.textContent")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Saved views: name -> (path, expected node count, a task node id, a unit label)."""
    out = tmp_path_factory.mktemp("views")
    import xialu_graph as xg

    graphs = {"small": small_graph(), "hostile": hostile_graph(), "seed": xg.build_graph(xg.read_document(
        Path(__file__).resolve().parent.parent / "data" / "raw" / "xialu_2020.txt"))}
    made = {}
    for name, G in graphs.items():
        P = project_units(G)
        top = max(unit_nodes(G), key=G.degree)
        label = G.nodes[top]["label"]
        task = next(iter(G[top]))
        ego = ego_view(G, label)
        for kind, view, n, t in (
            ("bipartite", bipartite_view(G), G.number_of_nodes(), task),
            ("cluster", cluster_view(P), P.number_of_nodes(), None),
            ("ego", ego, ego.n_nodes, task),
        ):
            made[f"{name}-{kind}"] = (view.save(out / f"{name}-{kind}.html"), n, t, label)
    return made


VIEWS = [f"{g}-{k}" for g in ("small", "seed", "hostile") for k in ("bipartite", "cluster", "ego")]


@pytest.mark.parametrize("name", VIEWS)
def test_drawn_offline(browser, pages, name):
    path, n, _, _ = pages[name]
    o = Opened(browser, path)
    try:
        assert o.node_count() == n
        assert o.painted_pixels() > 2_000, "canvas is blank"
        assert o.page.evaluate("window.xialuNetwork.physics.options.enabled") is False
        assert o.blocked == [], f"network requests attempted: {o.blocked}"
        assert o.errors == [], o.errors
        assert o.xss() is None and o.dialogs == []
    finally:
        o.close()


def test_seed_has_106_tasks(browser, pages):
    o = Opened(browser, pages["seed-bipartite"][0])
    try:
        n_tasks = o.page.evaluate("window.xialuNetwork.body.data.nodes.get({filter: n => n.xk === 'task'}).length")
        assert n_tasks == 106
    finally:
        o.close()


def test_task_numbers_are_drawn_once_zoomed_in(browser, pages):
    # the whole plan at once: a hundred task numbers would cover the dense centre; zoomed in they show
    # (labelModule.visible() is vis-network's own test of its drawThreshold before it draws a label)
    o = Opened(browser, pages["seed-bipartite"][0])
    try:
        seen = o.page.evaluate("""() => {
            const n = window.xialuNetwork, ids = n.body.data.nodes.getIds();
            const task = ids.find(i => n.body.data.nodes.get(i).xk === 'task');
            const unit = ids.find(i => n.body.data.nodes.get(i).xk === 'unit' && n.body.nodes[i].options.size >= 20);
            const shown = () => [n.body.nodes[task].labelModule.visible(), n.body.nodes[unit].labelModule.visible()];
            const fit = shown();
            n.moveTo({scale: 2.5, animation: false});
            return [fit, shown()];
        }""")
        assert seen == [[False, True], [True, True]]  # fitted: units named, tasks not; zoomed in: both
        assert "放大后显示任务编号" in o.page.text_content("#xialu-legend")
    finally:
        o.close()


@pytest.mark.parametrize("kind", ["bipartite", "ego"])
def test_hostile_nothing_runs(browser, pages, kind):
    path, _, task, label = pages[f"hostile-{kind}"]
    o = Opened(browser, path)
    try:
        assert o.xss() is None and o.dialogs == []
        text = o.hover(task)
        assert "任务文本" in text and "结束" in text
        # the payloads are shown as text
        shown = [p for p in PAYLOADS if _clean(p) in text]
        assert shown, text
        o.page.wait_for_timeout(300)
        assert o.xss() is None, "a payload ran"
        assert o.dialogs == [], f"dialogs opened: {o.dialogs}"
        assert o.page.evaluate("document.querySelectorAll('img, svg, iframe, textarea, a').length") == 0
        assert o.page.evaluate("document.scripts.length") == 3
        h1 = o.page.text_content("#xialu-title")  # shown literally
        expected = "<script>window.__xss=1</script>标题" if kind == "bipartite" else _clean(label)
        assert h1.startswith(expected)
        # a hostile unit name is found by the search
        assert o.page.evaluate("window.xialuFind(%r)" % _clean(PAYLOADS[0])) == "u:" + PAYLOADS[0]
        assert o.xss() is None and o.blocked == [] and o.errors == []
    finally:
        o.close()


def test_hostile_unit_tooltip(browser, pages):
    o = Opened(browser, pages["hostile-cluster"][0])
    try:
        text = o.hover("u:" + PAYLOADS[1])
        assert PAYLOADS[1] in text
        o.page.wait_for_timeout(200)
        assert o.xss() is None and o.dialogs == [] and o.blocked == []
    finally:
        o.close()


def test_search_box(browser, pages):
    path, _, _, label = pages["seed-bipartite"]
    o = Opened(browser, path)
    try:
        page = o.page
        page.fill("#xialu-search", label)
        page.press("#xialu-search", "Enter")
        assert page.evaluate("window.xialuNetwork.getSelectedNodes()") == ["u:" + label]
        assert page.text_content("#xialu-status") == "已定位：" + label
        page.fill("#xialu-search", "不存在的单位")
        page.click("#xialu-go")
        assert page.evaluate("window.xialuNetwork.getSelectedNodes()") == []
        assert page.text_content("#xialu-status").startswith("未找到")
        assert page.evaluate("document.querySelectorAll('#xialu-units option').length") >= 50
        legend = page.text_content("#xialu-legend")
        assert "牵头" in legend and "部门" in legend
    finally:
        o.close()


def test_physics_view_stabilises(browser, tmp_path):
    view = bipartite_view(small_graph(), physics=True)
    o = Opened(browser, view.save(tmp_path / "physics.html"))
    try:
        assert o.page.evaluate("window.xialuNetwork.physics.options.enabled") is True
        assert o.node_count() == view.n_nodes and o.painted_pixels() > 1_000
    finally:
        o.close()


def test_notebook_iframe(browser, tmp_path):
    """The _repr_html_ iframe (as a notebook shows it) draws the network, offline."""
    view = bipartite_view(hostile_graph())
    host = tmp_path / "nb.html"
    host.write_text("<!DOCTYPE html><meta charset='utf-8'><body>" + view._repr_html_() + "</body>", encoding="utf-8")
    o = Opened.__new__(Opened)
    o.blocked, o.dialogs, o.errors = [], [], []
    o.context = browser.new_context()
    page = o.context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(ALLOWED_SCHEMES)
               else (o.blocked.append(r.request.url), r.abort()))
    page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe.xialu-view")
        frame.locator("body[data-drawn='1']").wait_for(timeout=20_000)
        inner = page.frames[1]
        assert inner.evaluate("Object.keys(window.xialuNetwork.getPositions()).length") == view.n_nodes
        assert inner.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert o.blocked == [] and o.dialogs == []
    finally:
        o.context.close()
