"""Screenshots of the briefing pack as a reader sees it, made on this machine, offline.

    .venv/bin/python scripts/screenshots.py [OUT]        # default OUT: reports/screenshots

Writes into OUT:

* ``report_zh.png`` and ``report_en.png``: report.html of ``xialu-graph report`` on the bundled
  2020 document, default language and ``--lang en``, top of the page (headless Chromium);
* ``notebook_untrusted.png``: a notebook holding the three views' outputs, saved and reopened
  untrusted in a real JupyterLab (own config and data folders, so nothing signs it): the static
  pictures and the one-line hint stand in for the live views;
* ``workbook.txt``: the workbook opened with openpyxl — per sheet the Chinese header row (the
  English column keys are on its 说明 sheet), widths, number formats, frozen panes and autofilter.

Network access of the browser is limited to the local files and the local JupyterLab server.
Needs /usr/bin/chromium (``make browser-deps``), playwright and jupyterlab (in .venv).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "xialu_2020.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def make_reports(tmp: Path) -> dict:
    """Run ``xialu-graph report`` twice (zh, en); returns language → report folder."""
    out = {}
    for lang in ("zh", "en"):
        folder = tmp / f"report_{lang}"
        cmd = [sys.executable, "-m", "xialu_graph.cli", "report", str(SEED), "--out", str(folder), "--quiet"]
        if lang == "en":
            cmd += ["--lang", "en"]
        subprocess.run(cmd, check=True, cwd=ROOT)
        out[lang] = folder
    return out


def untrusted_notebook(folder: Path) -> Path:
    """A saved notebook whose outputs are the seed's three views (mime bundles), unsigned."""
    import xialu_graph as xg
    from xialu_graph.viz.interactive import bipartite_view, cluster_view, ego_view

    doc = xg.read_document(SEED)
    G = xg.build_graph(doc)
    P = xg.project_units(G, method="product")
    views = {"bipartite_view(G)": bipartite_view(G, seed=0),
             "cluster_view(P, backbone=pairs)": cluster_view(P, xg.co_responsibility_clusters(G), xg.unit_load(G),
                                                             backbone=xg.backbone(G)[0]),
             "ego_view(G, '区发改局')": ego_view(G, "区发改局")}
    cells = [{"cell_type": "markdown", "id": "intro", "metadata": {},
              "source": ["A notebook received from a colleague: saved with its outputs, not trusted here."]}]
    for i, (src, view) in enumerate(views.items(), 1):
        cells.append({"cell_type": "code", "execution_count": i, "id": f"c{i}", "metadata": {}, "source": [src],
                      "outputs": [{"output_type": "execute_result", "execution_count": i, "metadata": {},
                                   "data": view._repr_mimebundle_()}]})
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    path = folder / "received.ipynb"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(root: Path, nbdir: Path):
    """Start JupyterLab on a free local port with its own folders; returns (process, base URL, token)."""
    port, token = _free_port(), "xialu-shots-" + os.urandom(8).hex()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / "config"), JUPYTER_DATA_DIR=str(root / "data"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={nbdir}", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).read()
            return proc, base, token
        except OSError:
            if proc.poll() is not None or time.monotonic() > end:
                proc.kill()
                raise SystemExit("jupyter lab did not start")
            time.sleep(0.5)


def workbook_summary(path: Path) -> str:
    """The workbook as openpyxl reads it: per sheet the headers and their display formats."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lines = [f"{path.name}: sheets {', '.join(wb.sheetnames)}", ""]
    for ws in wb.worksheets:
        lines.append(f"[{ws.title}] {ws.max_row} rows × {ws.max_column} columns; frozen at {ws.freeze_panes}; "
                     f"autofilter {ws.auto_filter.ref}")
        for col in range(1, min(ws.max_column, 8) + 1):
            head = ws.cell(1, col)
            val = ws.cell(2, col)
            letter = head.column_letter
            lines.append(f"  {letter}: {head.value!s:<14} | bold {bool(head.font.b)!s:<5} | "
                         f"width {ws.column_dimensions[letter].width or '-'} | format {val.number_format!r} "
                         f"| first value {val.value!r}")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    out = Path((argv or sys.argv[1:] or [str(ROOT / "reports" / "screenshots")])[0])
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        reports = make_reports(tmp)
        (out / "workbook.txt").write_text(workbook_summary(next(reports["zh"].glob("*.xlsx"))), encoding="utf-8")
        nbdir = tmp / "lab_notebooks"
        nbdir.mkdir()
        untrusted_notebook(nbdir)
        proc, base, token = start_lab(tmp / "lab", nbdir)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                ctx = browser.new_context(viewport={"width": 1200, "height": 1400})
                page = ctx.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "about:", base))
                           else r.abort())
                for lang, folder in reports.items():
                    page.goto((folder / "report.html").as_uri())
                    page.wait_for_timeout(500)
                    page.screenshot(path=str(out / f"report_{lang}.png"))
                page.goto(f"{base}/lab/tree/received.ipynb?token={token}")
                page.locator(".jp-OutputArea-output img.xialu-static").first.wait_for(timeout=90_000)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(out / "notebook_untrusted.png"))
                browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    for p in sorted(out.iterdir()):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
