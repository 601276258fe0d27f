"""The edition-switching view in headless Chromium: drawn offline, switches, runs no payload."""

from __future__ import annotations

import pytest

import xialu_graph as xg
from xialu_graph.viz.compare_view import compare_view

from conftest import RAW
from test_browser import ALLOWED_SCHEMES, browser, wait_until  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

HOSTILE = "一、稳增长\n1、抓项目<img src=x onerror=window.__xss=1>。[牵头单位:区发改局;责任单位:<b>区财政局]\n"


def test_compare_view_switches_offline_and_runs_nothing(browser, tmp_path):  # noqa: F811
    graphs = {str(y): xg.build_graph(xg.read_document(RAW / f"huangshigang_{y}_excerpt.txt")) for y in (2021, 2022)}
    graphs["<script>window.__xss=1</script>"] = xg.build_graph(xg.read_document(HOSTILE))
    path = compare_view(graphs).save(tmp_path / "cmp.html")
    ctx = browser.new_context()
    page = ctx.new_page()
    blocked, errors, dialogs = [], [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(ALLOWED_SCHEMES) else (blocked.append(r.request.url), r.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(path.as_uri())
        wait_until(page, "document.querySelectorAll('#xialu-editions button').length === 3")
        labels = page.evaluate("[...document.querySelectorAll('#xialu-editions button')].map(b => b.textContent)")
        assert labels == ["2021", "2022", "<script>window.__xss=1</script>"]
        for i in range(3):
            page.click(f"#xialu-editions button >> nth={i}")
            page.wait_for_timeout(150)
            info = page.evaluate("document.getElementById('xialu-edinfo').textContent")
            assert info.startswith(labels[i])
        assert "12 项任务" in page.evaluate("(() => { document.querySelector('#xialu-editions button').click();"
                                             " return document.getElementById('xialu-edinfo').textContent; })()")
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert blocked == [] and errors == [] and dialogs == []
    finally:
        ctx.close()
