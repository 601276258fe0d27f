"""Screenshot an interactive view (or any saved page) in headless Chromium, offline.

Used for the README image ``docs/img/cluster_view.png``::

    .venv/bin/python scripts/screenshot_view.py                       # the seed's cluster view
    .venv/bin/python scripts/screenshot_view.py PAGE.html OUT.png --width 1200 --height 900

Without PAGE the script builds the co-responsibility view of ``data/raw/xialu_2020.txt``
(seed 0) with the package and saves it to a temporary file first. Network access is blocked
(every request that is not ``file:`` is aborted), so the picture shows what a reader sees
offline. Needs /usr/bin/chromium (``make browser-deps``) and playwright (in .venv).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def seed_view_page(folder: Path) -> Path:
    """Save the seed document's cluster view into ``folder``; returns the page."""
    import xialu_graph as xg
    from xialu_graph.viz.interactive import cluster_view

    doc = xg.read_document(ROOT / "data/raw/xialu_2020.txt")
    G = xg.build_graph(doc)
    clusters = xg.co_responsibility_clusters(G, seed=0)
    view = cluster_view(xg.project_units(G, method="product"), clusters, xg.unit_load(G), seed=0, height="640px")
    return view.save(folder / "cluster_view.html")


def screenshot(page: Path, out: Path, *, width: int = 1200, height: int = 900, wait_ms: int = 800) -> Path:
    """Open ``page`` offline in headless Chromium and save a PNG of the viewport."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            pg = ctx.new_page()
            pg.goto(page.resolve().as_uri(), wait_until="load")
            try:  # the vis network is drawn at once (physics off); wait for its canvas
                pg.wait_for_selector("canvas", timeout=10000)
            except Exception:
                pass
            pg.wait_for_timeout(wait_ms)
            pg.screenshot(path=str(out), full_page=False)
        finally:
            browser.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("page", nargs="?", help="saved HTML page (default: the seed's cluster view)")
    ap.add_argument("out", nargs="?", default=str(ROOT / "docs/img/cluster_view.png"), help="PNG to write")
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--height", type=int, default=780)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(a.page) if a.page else seed_view_page(Path(tmp))
        out = screenshot(page, Path(a.out), width=a.width, height=a.height)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
