"""A document full of payloads through the whole `report`: in headless Chromium nothing runs,
nothing is fetched, and the text is shown literally (issue 8, point 5); spreadsheet cells are
neutralised and file names are safe (points 3 and 4).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from xialu_graph.cli import main

from test_browser import ALLOWED_SCHEMES, browser, wait_until  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

UNIT_PAYLOADS = [
    "<b>粗体局",
    "</script><script>window.__xss=1</script>办",
    '"><svg onload=window.__xss=1>中心',
    "=HYPERLINK(\"http://evil.example\")局",
    "@SUM(1+1)局",
    "../../etc/passwd局",
    "CON",
    "\u202e局政财区",
]
TEXT_PAYLOADS = [
    "<script>window.__xss=1</script>",
    "javascript:window.__xss=1",
    "</textarea><img src=x onerror=window.__xss=1>",
    "<a href=\"javascript:window.__xss=1\">点我</a>",
    "+cmd|' /C calc'!A0",
    "-2+3",
]


def hostile_text() -> str:
    lines = [
        "名 称: 关于印发<script>window.__xss=1</script>重点工作责任分解的通知",
        "2020年<img src=x onerror=window.__xss=1>重点工作责任分解",
        "一、<svg onload=window.__xss=1>章节",
    ]
    n = 0
    for i, text in enumerate(TEXT_PAYLOADS):
        for j in range(2):
            n += 1
            a = UNIT_PAYLOADS[(i + j) % len(UNIT_PAYLOADS)]
            b = UNIT_PAYLOADS[(i + j + 3) % len(UNIT_PAYLOADS)]
            lines.append(f"{n}、任务{text}结束。[牵头单位:{a};责任单位:{b}、区财政局]")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    src = d / "hostile.txt"
    src.write_text(hostile_text(), encoding="utf-8")
    out, figs = d / "out", d / "figs"
    assert main(["report", str(src), "--out", str(out), "--figures", str(figs), "--quiet"]) == 0
    return out


def _open(browser, path: Path):  # noqa: F811
    blocked, dialogs, errors = [], [], []
    ctx = browser.new_context()
    page = ctx.new_page()

    def route(r):
        if r.request.url.startswith(ALLOWED_SCHEMES):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dlg: (dialogs.append(dlg.message), dlg.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return ctx, page, blocked, dialogs, errors


def test_report_html_runs_nothing_and_shows_text_literally(browser, pack):  # noqa: F811
    ctx, page, blocked, dialogs, errors = _open(browser, pack / "report.html")
    try:
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert dialogs == [] and blocked == []
        body = page.evaluate("document.body.innerText")
        assert "2020年<img src=x onerror=window.__xss=1>重点工作责任分解" in body
        assert "<b>粗体局" in body
        injected = "[...document.querySelectorAll('b')].filter(e => e.textContent.startsWith('粗体局')).length"
        assert page.evaluate(injected) == 0
        assert page.evaluate("document.querySelectorAll('script, svg[onload], img[onerror], iframe').length") == 0
    finally:
        ctx.close()


def test_every_view_runs_nothing(browser, pack):  # noqa: F811
    views = sorted((pack / "views").glob("*.html"))
    assert len(views) >= 3
    for v in views:
        ctx, page, blocked, dialogs, errors = _open(browser, v)
        try:
            wait_until(page, "document.body !== null && document.body.getAttribute('data-drawn') === '1'")
            # open every node's tooltip source by selecting each node in turn
            page.evaluate(
                "() => { const n = window.xialuNetwork; for (const id of Object.keys(n.getPositions())) n.selectNodes([id]); }"
            )
            page.wait_for_timeout(100)
            assert page.evaluate("typeof window.__xss") == "undefined", v.name
            assert dialogs == [] and blocked == [] and errors == [], (v.name, dialogs, blocked, errors)
            assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload], a[href^=javascript]').length") == 0
            if v.name in ("bipartite.html", "clusters.html"):  # the document title, as literal text
                assert "<img src=x onerror=window.__xss=1>" in page.evaluate("document.title")
        finally:
            ctx.close()


def test_view_file_names_are_safe(pack):
    for p in (pack / "views").iterdir():
        name = p.name
        assert "/" not in name and ".." not in name and "\u202e" not in name
        assert all(ord(c) >= 32 for c in name)
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_spreadsheet_cells_are_neutralised(pack):
    import openpyxl

    rows = list(csv.reader((pack / "tables" / "assignments.csv").open(encoding="utf-8-sig")))
    cells = [c for r in rows[1:] for c in r]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    tasks = list(csv.reader((pack / "tables" / "tasks.csv").open(encoding="utf-8-sig")))
    assert not any(c.startswith(("=", "+", "-", "@")) for r in tasks[1:] for c in r if c and not c.lstrip("-").isdigit())
    wb = openpyxl.load_workbook(next(pack.glob("*.xlsx")))
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    assert not v.startswith(("=", "+", "@")), (ws.title, v)
