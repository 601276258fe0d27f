"""Benchmark: time from load to a drawn network in headless Chromium, ours vs pyvis defaults.

For the seed document's three views (bipartite, co-responsibility clusters, ego of the busiest
unit) and for a 5,000-node bipartite graph (1,000 units, 4,000 tasks), each page is opened
offline in headless Chromium (/usr/bin/chromium, network blocked) and timed from navigation
start to the first frame of the finished network:

* ours — :mod:`xialu_graph.viz.interactive`: positions computed in Python, physics off; "drawn"
  is vis-network's first ``afterDrawing`` event (``window.xialuDrawnAt``);
* pyvis defaults — ``pyvis.network.Network(cdn_resources="in_line")`` with the same nodes,
  edges and tooltips, default options (physics on, barnesHut, stabilisation 1000 iterations,
  dynamic smooth edges); "drawn" is the first ``afterDrawing`` after
  ``stabilizationIterationsDone``, bounded to 120 s. ``in_line`` is pyvis's only mode that can
  draw offline at all (its Bootstrap links are blocked and recorded).

Python-side build time (layout + page) is reported separately. Prints a table and appends it
to benchmarks/results.md under "Interactive views".

Usage::

    .venv/bin/python benchmarks/bench_views.py [--runs 3] [--no-append]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import xialu_graph as xg  # noqa: E402
from xialu_graph.graph import build_graph, project_units, unit_nodes  # noqa: E402
from xialu_graph.model import Assignment, Document, Metadata, Task  # noqa: E402
from xialu_graph.viz.interactive import bipartite_view, cluster_view, ego_view  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
BOUND_MS = 120_000

# Hooks pyvis's global `network` (declared with var, assigned once) to time its drawing.
PYVIS_HOOK = """
(() => {
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      window.__benchCreated = performance.now();
      let stabilised = !(v.physics && v.physics.options && v.physics.options.enabled);
      v.on('stabilizationIterationsDone', () => { stabilised = true; window.__benchStab = performance.now(); });
      v.on('afterDrawing', () => {
        if (stabilised && !window.__benchDrawn) { window.__benchDrawn = performance.now(); }
      });
    },
  });
})();
"""


def big_graph(n_units: int = 1000, n_tasks: int = 4000, seed: int = 1):
    """A seeded bipartite graph with n_units + n_tasks nodes, skewed unit popularity."""
    rng = random.Random(seed)
    units = [f"单位{i:04d}" for i in range(n_units)]
    weights = [1.0 / (i + 1) ** 0.7 for i in range(n_units)]
    doc = Document(metadata=Metadata(title="合成 5000 节点网络", source="<bench>"))
    for k in range(1, n_tasks + 1):
        tid = str(k)
        t = Task(task_id=tid, number=k, numbering=f"{k}、", text=f"合成任务{k}，推进重点工作落实。",
                 section_no="一", section="合成")
        chosen: list[str] = []
        for _ in range(1 + rng.randint(0, 3)):
            u = rng.choices(units, weights=weights)[0]
            if u not in chosen:
                chosen.append(u)
        for j, u in enumerate(chosen):
            t.assignments.append(Assignment(task_id=tid, unit=u, unit_raw=u, role="lead" if j == 0 else "support",
                                            unit_kind="department"))
        doc.tasks.append(t)
    # units never drawn get one task each so that the graph has exactly n_units + n_tasks nodes
    G = build_graph(doc)
    missing = [u for u in units if ("u:" + u) not in G]
    for i, u in enumerate(missing):
        doc.tasks[i].assignments.append(Assignment(task_id=doc.tasks[i].task_id, unit=u, unit_raw=u, role="support",
                                                   unit_kind="department"))
    return build_graph(doc)


def pyvis_page(view) -> str:
    """The same nodes/edges/tooltips through pyvis with its defaults (physics on)."""
    from pyvis.network import Network
    from pyvis.node import Node
    from pyvis.edge import Edge

    net = Network(cdn_resources="in_line")  # height 600px, width 100%, default options
    # Appending pyvis Node/Edge records directly: Network.add_edge is O(E) per edge.
    for n in view.nodes:
        tip = "\n".join(f"{k}: {v}" if k else v for k, v in n["tip"])
        net.nodes.append(Node(n["id"], n["shape"], n["label"], title=tip, color=n["color"], size=n["size"]).options)
    for e in view.edges:
        net.edges.append(Edge(e["from"], e["to"], width=e["width"]).options)
    return net.generate_html()


def _eval(page, expr: str, default):
    """page.evaluate that tolerates the execution context being replaced during navigation."""
    try:
        return page.evaluate(expr)
    except Exception as exc:  # noqa: BLE001
        if "context" in str(exc).lower() or "navigat" in str(exc).lower():
            return default
        raise


def time_page(browser, path: Path, kind: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    blocked = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
               else (blocked.append(r.request.url), r.abort()))
    if kind == "pyvis":
        page.add_init_script(PYVIS_HOOK)
    expr = "window.xialuDrawnAt" if kind == "ours" else "window.__benchDrawn"
    out = {"blocked": len(blocked)}
    page.goto(path.as_uri(), wait_until="commit")
    try:
        # Polling with page.evaluate, not page.wait_for_function: Playwright evaluates that
        # predicate with eval, which our pages' Content-Security-Policy refuses.
        end = time.monotonic() + BOUND_MS / 1000
        while _eval(page, f"{expr} === undefined", True):
            if time.monotonic() > end:
                raise TimeoutError(f"not drawn within {BOUND_MS} ms")
            page.wait_for_timeout(50)
        out["drawn_ms"] = page.evaluate(expr)
        if kind == "pyvis":
            out["stab_ms"] = page.evaluate("window.__benchStab || null")
    except Exception as exc:  # timeout
        print(f"  {kind} {path.name}: not drawn: {str(exc).splitlines()[0]}", file=sys.stderr)
        out["drawn_ms"] = None
    out["blocked"] = len(blocked)
    ctx.close()
    return out


def fmt_ms(v) -> str:
    if v is None:
        return f"> {BOUND_MS / 1000:.0f} s (not drawn)"
    return f"{v / 1000:.2f} s" if v >= 1000 else f"{v:.0f} ms"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per page (median reported); pyvis 5,000 runs once")
    ap.add_argument("--no-append", action="store_true", help="do not append to benchmarks/results.md")
    args = ap.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} missing: run `bash scripts/install-browser.sh`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    seed = xg.read_document(REPO / "data" / "raw" / "xialu_2020.txt")
    G = build_graph(seed)
    top = G.nodes[max(unit_nodes(G), key=G.degree)]["label"]
    cases = []
    for name, make in (
        ("seed bipartite", lambda: bipartite_view(G)),
        ("seed clusters", lambda: cluster_view(project_units(G))),
        (f"seed ego ({top})", lambda: ego_view(G, top)),
    ):
        t0 = time.perf_counter()
        v = make()
        v.html()
        cases.append((name, v, time.perf_counter() - t0))
    t0 = time.perf_counter()
    B = big_graph()
    t_graph = time.perf_counter() - t0
    t0 = time.perf_counter()
    v = bipartite_view(B)
    v.html()
    cases.append((f"5,000-node bipartite ({B.number_of_nodes()} nodes, {B.number_of_edges()} edges)", v,
                  time.perf_counter() - t0))

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        version = browser.version
        for i, (name, view, t_build) in enumerate(cases):
            ours_path = view.save(Path(tmp) / f"ours{i}.html")
            pv_path = Path(tmp) / f"pyvis{i}.html"
            t0 = time.perf_counter()
            pv_path.write_text(pyvis_page(view), encoding="utf-8")
            t_pv_build = time.perf_counter() - t0
            ours = [time_page(browser, ours_path, "ours") for _ in range(args.runs)]
            pv_runs = 1 if view.n_nodes > 1000 else args.runs
            pv = [time_page(browser, pv_path, "pyvis") for _ in range(pv_runs)]
            o_vals = [r["drawn_ms"] for r in ours]
            o_ms = None if any(x is None for x in o_vals) else statistics.median(o_vals)
            pv_vals = [r["drawn_ms"] for r in pv]
            p_ms = None if any(x is None for x in pv_vals) else statistics.median(pv_vals)
            if o_ms is None:
                ratio = "n/a"
            else:
                ratio = f"{p_ms / o_ms:.1f}×" if p_ms else f"> {BOUND_MS / o_ms:.0f}×"
            rows.append((name, view.n_nodes, view.n_edges, t_build, o_ms, t_pv_build, p_ms, ratio,
                         sum(r["blocked"] for r in ours), pv[0]["blocked"]))
            print(f"{name}: ours {fmt_ms(o_ms)} | pyvis defaults {fmt_ms(p_ms)} | ratio {ratio}", flush=True)
        browser.close()

    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    cpu = f"{os.cpu_count()} CPU, {platform.machine()}"
    lines = [
        "",
        "## Interactive views: load → drawn in headless Chromium (bench_views.py)",
        "",
        f"{stamp} · Chromium {version} headless (`--disable-gpu`, network blocked) · {cpu} · "
        f"median of {args.runs} runs (pyvis on the 5,000-node graph: 1 run, bounded to {BOUND_MS // 1000} s) · "
        f"command: `.venv/bin/python benchmarks/bench_views.py`",
        "",
        "| view | nodes | edges | ours: Python build | ours: load → drawn | pyvis defaults: load → drawn | ratio pyvis/ours |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, n, e, tb, o_ms, tpv, p_ms, ratio, ob, pb in rows:
        lines.append(f"| {name} | {n} | {e} | {tb:.2f} s | {fmt_ms(o_ms)} | {fmt_ms(p_ms)} | {ratio} |")
    lines += [
        "",
        f"Synthetic 5,000-node graph generated in {t_graph:.1f} s. \"Ours\": positions computed in Python "
        "(`layout='auto'`), physics off; drawn = first `afterDrawing`. \"pyvis defaults\": "
        "`Network(cdn_resources='in_line')`, physics on (barnesHut, 1000 stabilisation iterations, dynamic "
        "smooth edges), drawn = first `afterDrawing` after `stabilizationIterationsDone`; its 2 Bootstrap CDN "
        f"requests were blocked ({rows[0][9]} blocked per load; ours: {sum(r[8] for r in rows)} in all runs). "
        "Times from navigation start (`performance.now()`).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_append:
        from _results import append_results

        append_results(lines[1], ".venv/bin/python benchmarks/bench_views.py", lines[3:], fenced=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
