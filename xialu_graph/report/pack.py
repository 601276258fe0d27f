"""One document → the whole briefing pack (``xialu-graph report``).

An orchestrator: every number, table, figure and view comes from a package function
(:mod:`xialu_graph.metrics`, :mod:`xialu_graph.text`, :mod:`xialu_graph.viz`,
:mod:`xialu_graph.export`); this module only decides what goes where.

Files written (``--out``, default ``reports/<document name>``)
--------------------------------------------------------------
report.html
    the summary page: self-contained (figures embedded as PNG ``data:`` URIs, CSS inline, no
    external URL, a Content-Security-Policy that forbids scripts), responsive (readable on a
    phone), every document string HTML-escaped
report.md, report.docx
    the same findings as Markdown (for pasting) and as a Word appendix (figures with captions
    图1 …, the load table, the findings; East-Asian font set so Word shows the Chinese)
<stem>.xlsx
    one workbook (:func:`xialu_graph.export.write_xlsx` sheets)
<stem>.gexf, <stem>.graphml, <stem>.json
    the graph for Gephi, yEd / networkx, and as node-link JSON
parse_report.json
    what the parser saw: line kinds, conventions, warnings with line numbers
tables/*.csv
    tasks, assignments, units, people, warnings, load, balance, lorenz, centrality, clusters,
    cluster_summary, cluster_keywords, task_clusters, unit_task, unit_section, and the
    statistics behind the headline: sensitivity (figures under each collective policy, with
    intervals), balance_ci (task-bootstrap intervals of Gini, HHI, top-k shares), backbone (unit
    pairs tested against the null model, q-values, significance), checks (the responsibility
    checks: Chinese label, task number, text, units in document order) — UTF-8 with BOM
    (Excel), formula cells neutralised
views/*.html
    bipartite.html, clusters.html and ``ego_<unit>_<hash>.html`` for the five heaviest units
    (standalone, offline); file names from :func:`safe_filename`
figures (``--figures``, default ``<out>/figures``)
    load_ranking, lorenz_curve, section_heatmap, cluster_network, centrality_vs_load,
    cluster_keywords — each as PNG (300 dpi), SVG and PDF

Nothing half-written
--------------------
Everything is built in a staging folder beside the target (``.<name>.new-…``); only when
every file is written is it swapped in (``renameat2(RENAME_EXCHANGE)`` where the system has
it, so ``--out`` is never missing; else two renames) and the old folder removed. A crash midway
leaves the previous outputs (or none) and no staging folder; what a killed run left is cleaned
(or put back) by the next run. A separate figures folder is built beside its target and both
are swapped together with SIGINT and SIGTERM held back. A lock beside each target refuses a
second concurrent run. A folder that exists and holds no ``.xialu-graph`` marker — however
many figures are in it — is never replaced (an InputError says so).

Deterministic: same input, weights and seed → the same bytes in CSV, SVG, PDF, PNG and HTML
(no timestamps; the XLSX, DOCX and GEXF containers carry dates of their own).
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import signal
import unicodedata
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Optional

from ..analysis import Analysis, analyse, cluster_stability
from ..cache import FIGURE_FORMATS, MANIFEST, report_stem, write_manifest
from ..errors import InputError
from ..export import parse_report_dict, write_csv, write_gexf, write_graphml, write_json, write_xlsx
from ..files import MARKER, atomic_write_text, owned_folder, staged_folders
from ..glossary import current_language, use_language
from ..graph import build_graph
from ..layout import network_layout, remember_layout
from ..metrics import unit_centrality, unit_section_matrix, unit_task_matrix
from ..text import task_tokens
from ..viz import figures as F
from ..viz.interactive import bipartite_view, cluster_view, ego_view
from ..viz.style import house_style, new_figure, save_figure
from .docx import write_docx
from .findings import findings
from .html import html_image, report_html, report_markdown

__all__ = [
    "build_pack",
    "briefing_figures",
    "write_views",
    "write_tables",
    "write_report",
    "safe_filename",
    "staged_folder",
    "owned_folder",
    "report_stem",
    "TOP_EGO",
    "MANIFEST",
    "report_jobs",
]

MARKER_TEXT = "Written by `xialu-graph report`. The whole folder is replaced on each run.\n"
TOP_EGO = 5

def _quiet(msg: str) -> None:  # default progress sink
    pass


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_filename(name: str, *, prefix: str = "", suffix: str = ".html", max_chars: int = 40) -> str:
    """A file name derived from document text that is safe on every system and unique.

    Letters and digits (Chinese included) are kept; everything else — ``/``, ``\\``, ``.``,
    control and bidi characters, spaces — becomes ``_``; the slug is cut to ``max_chars`` and
    followed by 8 hex digits of the name's SHA-1, so two names never share a file.

    Examples
    --------
    >>> safe_filename("区发改局", prefix="ego_")
    'ego_区发改局_a1be5053.html'
    >>> safe_filename("../etc/passwd")[:11]
    'etc_passwd_'
    >>> safe_filename("CON", suffix="")
    'CON_7679a072'
    """
    text = unicodedata.normalize("NFKC", str(name))
    slug = "".join(ch if (ch.isalnum() and unicodedata.category(ch)[0] in "LN") else "_" for ch in text)
    slug = re.sub(r"_+", "_", slug).strip("_")[:max_chars].strip("_") or "unit"
    digest = hashlib.sha1(str(name).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    stem = f"{prefix}{slug}_{digest}"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:  # cannot happen with the hash; belt and braces
        stem = "_" + stem
    return stem + suffix


# ---------------------------------------------------------------------------- writers
def briefing_figures(data: Analysis, folder, *, say: Callable = _quiet, names=None,
                     formats=FIGURE_FORMATS, pixels: Optional[dict] = None) -> dict:
    """Draw the six briefing figures and save each as PNG, SVG and PDF (``formats``; PNG
    first) in ``folder``; ``names`` draws only those (default all, in :data:`FIGURES` order).

    Returns name → [png, svg, pdf] paths (names in :data:`FIGURES`). ``pixels`` (a dict)
    receives name → the PNG's pixels (a Pillow image; :func:`~xialu_graph.viz.style.save_figure`).
    """
    folder = Path(folder)
    src = data.doc
    makers = {
        "load_ranking": lambda: F.plot_load_ranking(data.load, source=src),
        "lorenz_curve": lambda: F.plot_lorenz(data.balance, source=src, band=data.lorenz_band,
                                              intervals=data.balance_ci),
        "section_heatmap": lambda: F.plot_section_heatmap(data.G, source=src),
        "cluster_network": lambda: F.plot_cluster_network(data.P, data.clusters, data.load, seed=data.seed, source=src,
                                                     cluster_names=data.cluster_names, backbone=data.backbone),
        "centrality_vs_load": lambda: F.plot_centrality_vs_load(data.centrality, data.load, source=src),
        "cluster_keywords": lambda: F.plot_cluster_keywords(data.keywords, clusters_df=data.clusters, source=src),
    }
    out = {}
    for name, make in makers.items():
        if names is not None and name not in names:
            continue
        say(f"figure {name}")
        fig = make()
        got: dict = {}
        out[name] = save_figure(fig, folder / name, formats, pixels=got if pixels is not None else None)
        if pixels is not None:
            pixels[name] = got["png"]
        fig.clear()
    return out


def write_views(data: Analysis, folder, *, top: int = TOP_EGO, say: Callable = _quiet,
                which=("bipartite", "clusters", "ego")) -> dict:
    """The interactive views as standalone offline pages in ``folder``: bipartite.html,
    clusters.html and one ego view per heaviest unit (``top`` of them); ``which`` writes only
    those kinds.

    Returns a dict: ``"bipartite"``, ``"clusters"`` → path; ``"ego"`` → {unit: path}.
    """
    folder = Path(folder)
    out: dict = {}
    if "bipartite" in which:
        say("view bipartite")
        out["bipartite"] = bipartite_view(data.G, seed=data.seed).save(folder / "bipartite.html")
    if "clusters" in which:
        say("view clusters")
        out["clusters"] = cluster_view(data.P, data.clusters, data.load, seed=data.seed, backbone=data.backbone,
                                       cluster_names=data.cluster_names).save(folder / "clusters.html")
    if "ego" not in which:
        return out
    out["ego"] = {}
    for unit in data.top_units[:top]:
        say(f"view ego {unit}")
        out["ego"][unit] = ego_view(data.G, unit, seed=data.seed).save(folder / safe_filename(unit, prefix="ego_"))
    return out


def _tables(data: Analysis) -> dict:
    import pandas as pd

    doc = data.doc
    return {
        "tasks": (doc.tasks_frame(), False),
        "assignments": (doc.assignments_frame(), False),
        "units": (doc.units_frame(), False),
        "people": (doc.people_frame(), False),
        "warnings": (doc.report.warnings_frame(), False),
        "load": (data.load, False),
        "balance": (data.balance, False),
        "lorenz": (data.balance.attrs.get("lorenz", pd.DataFrame()), False),
        "centrality": (data.centrality, False),
        "clusters": (data.clusters, False),
        "cluster_summary": (data.summary, False),
        "cluster_keywords": (data.keywords, False),
        "task_clusters": (data.task_clusters, False),
        "checks": (data.checks, False),
        "unit_checks": (data.unit_checks, False),
        "unit_task": (unit_task_matrix(data.G), True),
        "unit_section": (unit_section_matrix(data.G), True),
        "sensitivity": (data.sensitivity, False),
        "balance_ci": (data.balance_ci, False),
        "backbone": (data.backbone, False),
    }


def write_tables(data: Analysis, folder, *, stem: str = "xialu", say: Callable = _quiet) -> dict:
    """CSV tables (``tables/``), the XLSX workbook, GEXF, GraphML, JSON and parse_report.json."""
    folder = Path(folder)
    out = {}
    say("tables (CSV)")
    for name, (df, index) in _tables(data).items():
        df = df.copy()
        df.attrs = {}
        out[f"csv:{name}"] = write_csv(df, folder / "tables" / f"{name}.csv", index=index, encoding="utf-8-sig")
    say("workbook (XLSX)")
    out["xlsx"] = write_xlsx(
        data.G, folder / f"{stem}.xlsx", doc=data.doc, load=data.load, balance=data.balance,
        centrality=data.centrality, clusters=data.clusters, checks=data.checks, seed=data.seed,
    )
    say("graph exports (GEXF, GraphML, JSON)")
    out["gexf"] = write_gexf(data.G, folder / f"{stem}.gexf", load=data.load, clusters=data.clusters, seed=data.seed)
    out["graphml"] = write_graphml(data.G, folder / f"{stem}.graphml")
    out["json"] = write_json(data.G, folder / f"{stem}.json")
    out["parse_report"] = _write_text(
        folder / "parse_report.json", json.dumps(parse_report_dict(data.doc), ensure_ascii=False, indent=2) + "\n"
    )
    return out


def _write_text(path, text: str) -> Path:
    return atomic_write_text(path, text)


def write_report(data: Analysis, folder, *, figures: dict, views: dict, files: dict,
                 final_folder=None, final_path: Callable = Path, say: Callable = _quiet,
                 parts=("html", "md", "docx"), images: Optional[dict] = None) -> dict:
    """report.html, report.md and report.docx in ``folder`` (``parts``: only those).

    ``figures``: name → [png, svg, pdf] paths as written; ``final_path`` maps such a path to
    where it lies once the folders are swapped in, and ``final_folder`` is where ``folder``
    ends up (default: ``folder`` itself) — report.md links the figures relative to it.
    ``images``: name → the page's image of that figure (:func:`~xialu_graph.report.html.html_image`
    of its PNG) where already made; the others are made here.
    """
    folder = Path(folder)
    f = findings(data)
    pngs = {name: paths[0] for name, paths in figures.items()}
    out = {}
    if "html" in parts:
        say("report.html")
        out["html"] = _write_text(folder / "report.html", report_html(f, pngs, views=views, files=files, root=folder,
                                                                       images=images))
    if "md" in parts:
        say("report.md")
        final = Path(final_folder) if final_folder is not None else folder
        rel = {name: os.path.relpath(final_path(p), final) for name, p in pngs.items()}
        out["md"] = _write_text(folder / "report.md", report_markdown(f, rel))
    if "docx" in parts:
        say("report.docx")
        out["docx"] = write_docx(f, pngs, folder / "report.docx")
    return out


# ---------------------------------------------------------------------------- folders
@contextmanager
def staged_folder(target):
    """Yield a fresh staging folder beside ``target``; on success swap it into place
    (:func:`xialu_graph.files.staged_folders`: locked, leftovers of a killed run cleaned,
    swapped in one step where the system can). On any exception the staging folder is
    removed and ``target`` is untouched.
    """
    with staged_folders(target) as (tmp,):
        yield tmp


# ---------------------------------------------------------------------------- worker processes
# The stages after the analysis (figures, views, tables/exports, report documents) depend only
# on the Analysis, so they run in forked worker processes, which write their files into the
# staging folder; the parent waits, merges the returned paths and says the workers' progress
# lines. The workers are forked before the analysis, holding the parsed document: while the
# parent analyses, they compute the centrality (the step that imports igraph) and the graph's
# layout from the document, and load what every figure needs (matplotlib's renderers, the CJK
# font). The Analysis then reaches them pickled, once per worker (~0.3 MB, milliseconds). They
# are forked before the folder locks are taken (so none holds a lock), ignore Ctrl-C (the
# parent stops them), and die with the parent.
_WORK: dict = {}
FIGURE_ORDER = ("cluster_keywords", "load_ranking", "section_heatmap", "cluster_network", "centrality_vs_load",
                "lorenz_curve")  # the longest first, so two workers finish together
DRAW_ORDER = ("load_ranking", "lorenz_curve", "section_heatmap", "cluster_network", "centrality_vs_load",
              "cluster_keywords")  # the order of briefing_figures, which the report documents follow


def report_jobs(jobs=None) -> int:
    """Worker processes a pack uses: ``jobs``, or (None) one per CPU — at most the number of
    independent stages (figures, views, tables/exports, report documents: 4); 1 means none.

    Examples
    --------
    >>> report_jobs(1), report_jobs(64), report_jobs(None) >= 1
    (1, 4, True)
    """
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(int(jobs), 4))


def _init_worker(parent: int) -> None:
    import gc
    import signal

    # Everything the worker inherits (the imported libraries, the parsed document) lives as long
    # as the worker: frozen, the collector leaves it alone (Python's advice for fork without exec,
    # `gc.freeze`). Unfrozen, each full collection of a figure task walked that whole heap and, by
    # writing the objects' collector fields, copied their shared pages (~0.4 s of a pack's ~5.8 s
    # of worker CPU). What a task makes after this is collected as before.
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked with SIGTERM held back (see _workers): a pending one kills us now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    try:  # Linux: die with the parent (a SIGKILLed run must not leave writers behind)
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _figures_task(data: Analysis, *, say: Callable, **kwargs) -> dict:
    """Figures, and the report page's image of each (made here, where the figure was drawn,
    so the page's task, which waits for every figure, is left with little to do)."""
    pixels: dict = {}
    paths = briefing_figures(data, say=say, pixels=pixels, **kwargs) or {}
    return {"paths": paths, "images": {name: html_image(files[0], pixels=pixels[name]) for name, files in paths.items()}}


def _worker_graph(weights, collectives):
    """The unit–task graph of the document the workers hold: the graph the parent's analysis
    builds (same function, same arguments)."""
    return build_graph(_WORK["doc"], weights=weights, collectives=collectives)


def _layout_task(data, *, say: Callable, weights, collectives, seed: int) -> dict:
    """The unit–task graph's layout, which the bipartite view and the GEXF export share: one
    worker computes it while the parent analyses, and the parent hands it to the tasks that
    place the graph (remembered for that graph only: were the graphs to differ, they would lay
    it out again, never use another graph's positions)."""
    return network_layout(_worker_graph(weights, collectives), seed=seed)


def _centrality_task(data, *, say: Callable, weights, collectives, seed: int):
    """:func:`xialu_graph.metrics.unit_centrality` of the document's graph, for the parent's
    analysis (``analyse(centrality=…)``)."""
    return unit_centrality(_worker_graph(weights, collectives), seed=seed)


def _tokens_task(data, *, say: Callable, weights, collectives) -> dict:
    """:func:`xialu_graph.text.task_tokens` of the document's graph, for the parent's analysis
    (``analyse(tokens=…)``): jieba is imported and its dictionary read here, while the parent
    computes the clusters, instead of in the parent after them."""
    return task_tokens(_worker_graph(weights, collectives))


def _warm_task(data, *, say: Callable) -> None:
    """Load what every figure task needs first — matplotlib's Agg, SVG and PDF renderers and
    the CJK font, measured once — while the parent analyses (idempotent: a worker that runs it
    twice pays once; the pool gives a task to whichever worker is free, and one worker often
    takes both warm-ups)."""
    if _WORK.get("warm"):
        return
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    from PIL import PngImagePlugin  # noqa: F401

    with house_style():
        fig = new_figure(3)
        fig.suptitle("数据来源 0123456789 %")
        fig.add_subplot().set_xlabel("任务数")
        fig.draw_without_rendering()
    _WORK["warm"] = True


def _stability_task(data: Analysis, *, say: Callable):
    """The cluster stability (:func:`xialu_graph.analysis.cluster_stability`): only the report
    documents need it, so it runs in a worker beside the figures instead of before them."""
    say("cluster stability under task resampling")
    return cluster_stability(data.G, data.clusters, seed=data.seed)


def _analysis(blob: Optional[bytes]):
    """The Analysis pickled in ``blob``, unpickled once per worker (the same bytes come with
    every task of a pack)."""
    import pickle

    if blob is None:
        return None
    if _WORK.get("blob") != blob:
        _WORK.update(blob=blob, data=pickle.loads(blob))
    return _WORK["data"]


def _task(name: str, kwargs: dict, given: Optional[dict] = None):
    """Run one stage in a worker; returns (result, progress lines) or ("error", exception).

    ``given``: ``data`` (the pickled Analysis, for the stages after it) and results of earlier
    tasks this one builds on — ``layout`` (the graph's :func:`network_layout`, remembered so
    that it is not computed again) and ``cluster_stability`` (set on the worker's copy of the
    analysis)."""
    lines: list = []
    try:
        given = given or {}
        data = _analysis(given.get("data"))
        if "layout" in given:
            remember_layout(data.G, given["layout"], seed=data.seed)
        if "cluster_stability" in given:
            data.cluster_stability = given["cluster_stability"]
        with use_language(_WORK["lang"]):
            fn = {"figures": _figures_task, "views": write_views, "tables": write_tables, "report": write_report,
                  "layout": _layout_task, "stability": _stability_task, "centrality": _centrality_task,
                  "tokens": _tokens_task, "warm": _warm_task}[name]  # looked up now: tests patch them
            res = fn(data, say=lines.append, **kwargs)
        return "ok", res, lines
    except BaseException as e:  # noqa: BLE001 - handed back to the parent, which raises it
        import pickle

        try:
            pickle.dumps(e)
        except Exception:  # noqa: BLE001
            e = RuntimeError(f"{type(e).__name__}: {e}")
        return "error", e, lines


@contextmanager
def _workers(n: int, doc):
    """A pool of ``n`` forked workers holding the parsed document ``doc``; stopped (killed,
    waited for) on exit."""
    import multiprocessing as mp

    _WORK.update(doc=doc, lang=current_language())
    # A worker is forked with the parent's SIGTERM handler (the CLI's, which raises
    # KeyboardInterrupt) until _init_worker resets it: a terminate() in that window (a run
    # stopped right after starting its pool) was caught there, and the worker went on to wait
    # for tasks while the parent waited for it, forever. SIGTERM is therefore held back while
    # the workers are forked; each worker lets it through once its own handler is the default.
    held = hasattr(signal, "pthread_sigmask")
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}) if held else None
    try:
        pool = mp.get_context("fork").Pool(n, initializer=_init_worker, initargs=(os.getpid(),))
    finally:
        _WORK.clear()
        if held:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    try:
        yield pool
    finally:
        pool.terminate()  # SIGTERM to every worker, then join: nothing writes after this
        pool.join()


def _preload() -> None:
    """Import, before the workers are forked, the libraries every one of them needs (matplotlib
    with its PDF and SVG renderers — the PDF one brings fontTools, ~0.1 s — and scipy's optimiser
    for the layouts): imported once here instead of once per worker."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import scipy.optimize  # noqa: F401


class _FinalPath:
    """Where a file written in a staging folder lies once the folders are swapped in
    (picklable, for the workers)."""

    def __init__(self, finals: dict):
        self.finals = finals

    def __call__(self, p) -> Path:
        return self.finals[Path(p).resolve().parent] / Path(p).name


class _Stages:
    """The tasks of one pack on the worker pool, each under a tag; results are taken in the
    order the tasks finish, with their progress lines said and a worker's error raised."""

    def __init__(self, pool, say: Callable):
        self.pool, self.say = pool, say
        self.done: queue.Queue = queue.Queue()
        self.pending: dict = {}
        self.arrived: dict = {}  # finished, not yet taken

    def submit(self, tag: str, name: str, given: Optional[dict] = None, **kwargs) -> None:
        self.pending[tag] = self.pool.apply_async(
            _task, (name, kwargs, given), callback=lambda r, t=tag: self.done.put((t, r)),
            error_callback=lambda e, t=tag: self.done.put((t, ("error", e, []))))

    def _receive(self) -> None:
        while True:
            try:
                tag, (status, res, lines) = self.done.get(timeout=0.2)
            except queue.Empty:
                continue
            del self.pending[tag]
            for line in lines:
                self.say(line)
            if status == "error":
                raise res
            self.arrived[tag] = res
            return

    def next(self) -> tuple:
        """(tag, result) of a finished task, waiting for one if none is."""
        if not self.arrived:
            self._receive()
        tag = next(iter(self.arrived))
        return tag, self.arrived.pop(tag)

    def result(self, tag: str):
        """The result of the task ``tag``, waiting for it (others that finish first are kept)."""
        while tag not in self.arrived:
            self._receive()
        return self.arrived.pop(tag)


def _start_stages(pool, n: int, *, weights, collectives, seed: int, say: Callable) -> _Stages:
    """The tasks that can start before the analysis: the task tokens of its cluster keywords
    (the parent takes them once the clusters are computed), its centrality (taken at the end of
    :func:`~xialu_graph.analysis.analyse`), the graph's layout and a warm-up for each of the
    ``n`` workers, in that order."""
    stages = _Stages(pool, say)
    args = dict(weights=weights, collectives=collectives, seed=seed)
    stages.submit("tokens", "tokens", weights=weights, collectives=collectives)
    stages.submit("centrality", "centrality", **args)
    stages.submit("layout", "layout", **args)
    for k in range(n):
        stages.submit(f"warm:{k}", "warm")
    return stages


def _run_stages(stages: _Stages, data: Analysis, tmp_out: Path, tmp_fig: Path, *, stem: str, formats,
                finals: dict, out_abs: Path) -> tuple:
    """Figures, views, tables and the report documents on the pool, with the step of the
    analysis that only the report documents need (the cluster stability), after the tasks of
    :func:`_start_stages`. Returns the files dict and the cluster stability.

    The pool hands out tasks in the order submitted: the figures, longest first, with the
    stability after the first; the views and tables join the queue when the layout is back, the
    report documents when all they need is."""
    import pickle

    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    for k, fig_name in enumerate(FIGURE_ORDER):
        stages.submit(f"figure:{fig_name}", "figures", given={"data": blob}, folder=tmp_fig, names=(fig_name,),
                      formats=formats)
        if k == 0:
            stages.submit("stability", "stability", given={"data": blob})
    figs: dict = {}
    images: dict = {}
    results: dict = {}
    report_parts = {"report:html": ("html", "md"), "report:docx": ("docx",)}
    final_path = _FinalPath(finals)
    while stages.pending or stages.arrived:
        tag, res = stages.next()
        if tag.startswith("figure:"):
            figs.update(res["paths"])
            images.update(res["images"])
        elif not tag.startswith("warm:"):
            results[tag] = res
        if tag == "layout":
            given = {"data": blob, "layout": res}
            stages.submit("views", "views", given=given, folder=tmp_out / "views")
            stages.submit("tables", "tables", given=given, folder=tmp_out, stem=stem)
        figures_done = not any(t.startswith("figure:") for t in stages.pending)
        if figures_done:
            figs = {**{n: figs[n] for n in DRAW_ORDER if n in figs}, **figs}
        if "stability" not in results or not figures_done:
            continue
        given = {"data": blob, "cluster_stability": results["stability"]}
        if "report:docx" not in results and "report:docx" not in stages.pending:
            stages.submit("report:docx", "report", given=given, folder=tmp_out, figures=dict(figs), views={},
                          files={}, final_folder=out_abs, parts=report_parts["report:docx"])
        if ("views" in results and "tables" in results and "report:html" not in results
                and "report:html" not in stages.pending):
            stages.submit("report:html", "report", given=given, folder=tmp_out, figures=dict(figs),
                          views=results["views"], files=results["tables"], final_folder=out_abs,
                          final_path=final_path, parts=report_parts["report:html"], images=dict(images))
    files = dict(results["tables"] or {})
    for tag in report_parts:
        files.update(results[tag] or {})
    return files, results["stability"]


def build_pack(doc, out, *, figures_dir=None, weights=None, seed: int = 0, stem: str = "xialu",
               collectives=None, say: Callable = _quiet, formats=FIGURE_FORMATS, jobs: Optional[int] = 1,
               manifest: Optional[dict] = None, lang: Optional[str] = None) -> dict:
    """Compute and write the whole pack for a parsed document (see the module docstring).

    ``figures_dir`` None → ``<out>/figures``; ``collectives`` is the collective policy of
    :func:`xialu_graph.analysis.analyse` (default ``"expand"``); ``formats`` the figure formats
    (PNG always). ``jobs``: worker processes for the stages after the analysis (figures,
    views, tables/exports, report documents; :func:`report_jobs`, None = one per CPU; 1 = all
    in this process) — the files are the same either way. ``manifest``: the key of
    :func:`xialu_graph.cache.report_key`, written with the file hashes into each folder
    (:data:`MANIFEST`) so that a re-run can be skipped. ``lang``: the report language
    (default: the current one, :func:`xialu_graph.glossary.use_language`). Returns ``out``,
    ``figures`` (folders) and ``data`` (the :class:`~xialu_graph.analysis.Analysis`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> res = build_pack(doc, pathlib.Path(tempfile.mkdtemp()) / "out")
    >>> (res["out"] / "report.html").is_file(), sorted(p.name for p in res["figures"].glob("*.png"))[:2]
    (True, ['centrality_vs_load.png', 'cluster_keywords.png'])
    """
    out = Path(out)
    fig_target = Path(figures_dir) if figures_dir is not None else out / "figures"
    out_abs, fig_abs = out.resolve(), fig_target.resolve()
    fig_inside = fig_abs == out_abs or out_abs in fig_abs.parents
    if not fig_inside and fig_abs in out_abs.parents:
        raise InputError("the output folder cannot be inside the figures folder", source=str(out))
    if fig_abs == out_abs:
        raise InputError("the figures folder must differ from the output folder", source=str(out))
    if out.exists() and not out.is_dir():
        raise InputError("is a file, not a folder; choose another --out", source=str(out))
    if fig_target.exists() and not fig_target.is_dir():
        raise InputError("is a file, not a folder; choose another --figures", source=str(fig_target))
    if not owned_folder(out):
        raise InputError("folder exists and was not written by xialu-graph report; choose another --out or empty it",
                         source=str(out))
    if not fig_inside and not owned_folder(fig_target):
        raise InputError("figures folder exists and was not written by xialu-graph report (no .xialu-graph "
                         "marker); choose another --figures or empty it", source=str(fig_target))
    lang = lang or current_language()
    n_jobs = report_jobs(jobs)
    with ExitStack() as stack:
        pool = stages = None
        if n_jobs > 1:  # forked here, before the analysis and the folder locks (see _workers)
            _preload()
            with use_language(lang):
                pool = stack.enter_context(_workers(n_jobs, doc))
            stages = _start_stages(pool, n_jobs, weights=weights, collectives=collectives, seed=seed, say=say)
        with use_language(lang):
            # with workers, the centrality and the task tokens come from them, and the cluster stability is
            # one of their tasks after the analysis (see _run_stages)
            data = analyse(doc, collectives=collectives, weights=weights, seed=seed, say=say, stability=pool is None,
                           centrality=(lambda: stages.result("centrality")) if stages else None,
                           tokens=(lambda: stages.result("tokens")) if stages else None)
        with staged_folders(*([out] if fig_inside else [out, fig_target])) as staging:
            tmp_out = staging[0]
            tmp_fig = tmp_out / fig_abs.relative_to(out_abs) if fig_inside else staging[1]
            if fig_inside:
                tmp_fig.mkdir(parents=True, exist_ok=True)
                (tmp_fig / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            finals = {tmp_out.resolve(): out_abs, tmp_fig.resolve(): fig_abs}
            if pool is not None:
                say(f"figures, views, tables and report documents in {n_jobs} worker processes")
                try:
                    _, data.cluster_stability = _run_stages(stages, data, tmp_out, tmp_fig, stem=stem,
                                                            formats=formats, finals=finals, out_abs=out_abs)
                except BaseException:
                    pool.terminate()  # no worker may write into the staging folder once it is removed
                    pool.join()
                    raise
            else:
                with use_language(lang):
                    figs = briefing_figures(data, tmp_fig, say=say, formats=formats)
                    views = write_views(data, tmp_out / "views", say=say)
                    files = write_tables(data, tmp_out, stem=stem, say=say)
                    write_report(data, tmp_out, figures=figs, views=views, files=files, say=say, final_folder=out_abs,
                                 final_path=_FinalPath(finals))
            if manifest is not None:
                if fig_inside:
                    write_manifest(tmp_out, manifest)
                else:
                    write_manifest(tmp_fig, manifest)
                    write_manifest(tmp_out, manifest)
            say(f"moving the new outputs into place: {out}" + ("" if fig_inside else f" and {fig_target}"))
    return {"out": out, "figures": fig_target, "data": data}


