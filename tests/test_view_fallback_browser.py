"""View fallbacks in a browser: the 保存为图片 button downloads a PNG, offline, in a saved page
and in the notebook iframe; a saved, untrusted notebook in a real JupyterLab and in a real Jupyter
Notebook 7 shows the static picture of each view (``_repr_mimebundle_``) instead of an empty output.

Needs /usr/bin/chromium (see tests/test_browser.py) and, for the notebook tests, the ``jupyterlab``
and ``notebook`` (7) packages of the environment.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from xialu_graph.graph import project_units
from xialu_graph.viz.interactive import bipartite_view, cluster_view, ego_view
from xialu_graph.viz.page import FALLBACK_HINT

from test_browser import ALLOWED_SCHEMES, browser, wait_until  # noqa: F401  (fixture)
from view_helpers import hostile_graph, small_graph

pytestmark = pytest.mark.browser

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _views():
    G = small_graph()
    return {"bipartite": bipartite_view(G), "cluster": cluster_view(project_units(G)), "ego": ego_view(G, "区财政局")}


@pytest.mark.parametrize("kind", ["bipartite", "cluster", "ego"])
def test_save_png_button_downloads(browser, tmp_path, kind):  # noqa: F811
    view = _views()[kind]
    path = view.save(tmp_path / f"{kind}.html")
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    blocked, errors = [], []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(ALLOWED_SCHEMES)
               else (blocked.append(r.request.url), r.abort()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri())
        wait_until(page, "document.body !== null && document.body.getAttribute('data-drawn') === '1'")
        assert page.locator("#xialu-png").text_content() == "保存为图片"
        with page.expect_download(timeout=10_000) as info:
            page.click("#xialu-png")
        dl = info.value
        assert dl.suggested_filename.endswith(".png")
        data = Path(dl.path()).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 2_000
        assert page.locator("#xialu-status").text_content().startswith("已保存图片")
        assert blocked == [] and errors == []
    finally:
        ctx.close()


def test_save_png_button_in_notebook_iframe(browser, tmp_path):  # noqa: F811
    """In the sandboxed srcdoc iframe a notebook shows, the button still downloads."""
    view = bipartite_view(hostile_graph())
    host = tmp_path / "nb.html"
    host.write_text("<!DOCTYPE html><meta charset='utf-8'><body>" + view._repr_html_() + "</body>", encoding="utf-8")
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe.xialu-view")
        frame.locator("body[data-drawn='1']").wait_for(timeout=20_000)
        with page.expect_download(timeout=10_000) as info:
            frame.locator("#xialu-png").click()
        assert Path(info.value.path()).read_bytes().startswith(PNG_MAGIC)
    finally:
        ctx.close()


# --------------------------------------------------------------------------- JupyterLab


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _notebook(views: dict) -> dict:
    """A saved notebook whose outputs hold the views' mime bundles, not signed (untrusted)."""
    cells = []
    for i, (name, view) in enumerate(views.items()):
        cells.append({
            "cell_type": "code", "execution_count": i + 1, "id": f"c{i}", "metadata": {},
            "source": [f"view_{name}"],
            "outputs": [{"output_type": "execute_result", "execution_count": i + 1, "metadata": {},
                         "data": view._repr_mimebundle_()}],
        })
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


FRONT_ENDS = {
    # front end: (module run with ``python -m``, its options, the notebook's URL path)
    "jupyterlab": ("jupyterlab", ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
                   "/lab/tree/"),
    "notebook7": ("notebook", [], "/notebooks/"),
}


@pytest.fixture(scope="module", params=sorted(FRONT_ENDS))
def lab(tmp_path_factory, request):
    """A running JupyterLab, then a running Jupyter Notebook 7 (package ``notebook``), on a local port."""
    module, options, path = FRONT_ENDS[request.param]
    root = tmp_path_factory.mktemp(request.param)
    port, token = _free_port(), "xialu-test-" + os.urandom(8).hex()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / "config"), JUPYTER_DATA_DIR=str(root / "data"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"))
    nbdir = root / "notebooks"
    nbdir.mkdir()
    cmd = [sys.executable, "-m", module, "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={nbdir}",
           "--ServerApp.disable_check_xsrf=True", *options]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(root / "lab.log", "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > end:
                    pytest.fail(f"{module} did not start:\n" + (root / "lab.log").read_text(errors="replace")[-3000:])
                time.sleep(0.5)
        yield base, token, nbdir, path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        log.close()


def test_untrusted_saved_notebook_shows_static_pictures(browser, lab):  # noqa: F811
    base, token, nbdir, path = lab
    views = _views()
    (nbdir / "saved.ipynb").write_text(json.dumps(_notebook(views), ensure_ascii=False), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:")) else outside.append(r.url))
    try:
        page.goto(f"{base}{path}saved.ipynb?token={token}")
        page.locator(".jp-OutputArea-output").first.wait_for(timeout=60_000)
        wait_until(page, f"document.querySelectorAll('.jp-OutputArea-output img.xialu-static').length === {len(views)}",
                   timeout_ms=30_000)
        info = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img.xialu-static')].map(
            i => ({w: i.naturalWidth, h: i.naturalHeight, shown: i.getBoundingClientRect().width > 100,
                   src: i.getAttribute('src').slice(0, 22)}))""")
        assert all(d["w"] > 200 and d["h"] > 100 for d in info), info
        assert all(d["src"] == "data:image/png;base64," for d in info), info
        # the first output is on screen and visible
        assert info[0]["shown"], info
        hints = page.evaluate("[...document.querySelectorAll('.jp-OutputArea-output .xialu-hint')].map(e => e.textContent)")
        assert hints == [FALLBACK_HINT] * len(views)
        # untrusted: the sanitizer removed the live view (no iframe, no running script)
        assert page.evaluate("document.querySelectorAll('.jp-OutputArea-output iframe').length") == 0
        assert outside == []
    finally:
        ctx.close()


def test_trusted_output_shows_live_view_only(browser, tmp_path):  # noqa: F811
    """Rendered as is (a trusted notebook), the bundle's HTML shows the iframe and hides the picture."""
    view = _views()["cluster"]
    host = tmp_path / "trusted.html"
    host.write_text("<!DOCTYPE html><meta charset='utf-8'><body>" + view._repr_mimebundle_()["text/html"] + "</body>",
                    encoding="utf-8")
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        page.goto(host.as_uri())
        page.frame_locator("iframe.xialu-view").locator("body[data-drawn='1']").wait_for(timeout=20_000)
        assert page.evaluate("getComputedStyle(document.querySelector('.xialu-fallback')).display") == "none"
        assert page.locator("img.xialu-static").is_visible() is False
    finally:
        ctx.close()
