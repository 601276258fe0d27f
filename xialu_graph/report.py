"""``xialu-graph report``: one document → the whole briefing pack.

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
    cluster_summary, cluster_keywords, task_clusters, checks, unit_task, unit_section —
    UTF-8 with BOM (Excel), formula cells neutralised
views/*.html
    bipartite.html, clusters.html and ``ego_<unit>_<hash>.html`` for the five heaviest units
    (standalone, offline); file names from :func:`safe_filename`
figures (``--figures``, default ``<out>/figures``)
    load_ranking, lorenz_curve, section_heatmap, cluster_network, centrality_vs_load,
    cluster_keywords — each as PNG (300 dpi), SVG and PDF

Nothing half-written
--------------------
Everything is built in a temporary folder beside the target (``.<name>.new-…``); only when
every file is written is the old folder renamed aside, the new one renamed in and the old one
removed. A crash midway leaves the previous outputs (or none) and no temporary folder. A
separate figures folder is built and swapped the same way. A folder that exists and was not
made by this command is never replaced (an InputError says so).

Deterministic: same input, weights and seed → the same bytes in CSV, SVG, PDF, PNG and HTML
(no timestamps; the XLSX, DOCX and GEXF containers carry dates of their own).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .errors import InputError

__all__ = [
    "run_report",
    "ReportData",
    "compute",
    "findings",
    "briefing_figures",
    "write_views",
    "write_tables",
    "write_report",
    "safe_filename",
    "load_weights",
    "FIGURES",
    "TOP_EGO",
]

MARKER = ".xialu-graph"
"""File left in each folder the command owns: only such folders are ever replaced."""
MARKER_TEXT = "Written by `xialu-graph report`. The whole folder is replaced on each run.\n"
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
TOP_EGO = 5

FIGURES = {
    # name: (caption, what it shows)
    "load_ranking": ("工作量排名：牵头、配合与责任任务数", "加权工作量最重的单位，按牵头、配合、责任分段。"),
    "lorenz_curve": ("工作量分布的洛伦兹曲线", "曲线离对角线越远，工作量越集中在少数单位。"),
    "section_heatmap": ("各单位在各部分的任务数", "任务最多的单位在文件各部分的任务数。"),
    "cluster_network": ("共同责任网络", "经常共同承担任务的单位连在一起，颜色为群组，大小为工作量。"),
    "centrality_vs_load": ("中心性与工作量", "经纪人（连接多、负担轻）与主力（负担重、连接少）。"),
    "cluster_keywords": ("各群组任务关键词", "每个群组所承担任务的特征词（TF-IDF）。"),
}


def _quiet(msg: str) -> None:  # default progress sink
    pass


# ---------------------------------------------------------------------------- inputs
def load_weights(path):
    """Role weights from a TOML file; a bad file raises InputError naming it.

    Examples
    --------
    >>> load_weights(None).support
    0.5
    """
    from .graph import RoleWeights

    if path is None:
        return RoleWeights()
    import tomllib

    try:
        return RoleWeights.from_file(path)
    except FileNotFoundError:
        raise InputError("weights file does not exist", source=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"weights file is not valid TOML ({e})", source=str(path)) from None
    except (ValueError, TypeError) as e:
        raise InputError(f"bad role weights: {e}", source=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read weights file ({e.strerror or e})", source=str(path)) from None


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_filename(name: str, *, prefix: str = "", suffix: str = ".html", max_chars: int = 40) -> str:
    """A file name derived from document text that is safe on every system and unique.

    Letters and digits (Chinese included) are kept; everything else — ``/``, ``\\``, ``.``,
    control and bidi characters, spaces — becomes ``_``; the slug is cut to ``max_chars`` and
    followed by 8 hex digits of the name's SHA-1, so two names never share a file.

    Examples
    --------
    >>> safe_filename("区发改局", prefix="ego_")
    'ego_区发改局_ef1c4fd1.html'
    >>> safe_filename("../etc/passwd")[:12]
    'etc_passwd_2'
    >>> safe_filename("CON", suffix="")
    'CON_b3e5b5b1'
    """
    text = unicodedata.normalize("NFKC", str(name))
    slug = "".join(ch if (ch.isalnum() and unicodedata.category(ch)[0] in "LN") else "_" for ch in text)
    slug = re.sub(r"_+", "_", slug).strip("_")[:max_chars].strip("_") or "unit"
    digest = hashlib.sha1(str(name).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    stem = f"{prefix}{slug}_{digest}"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:  # cannot happen with the hash; belt and braces
        stem = "_" + stem
    return stem + suffix


# ---------------------------------------------------------------------------- analysis
@dataclass
class ReportData:
    """Everything the pack is made of (all computed by package functions)."""

    doc: object
    G: object
    P: object
    load: object
    balance: object
    centrality: object
    clusters: object
    summary: object
    checks: object
    keywords: object
    task_clusters: object
    seed: int = 0
    weights: dict = field(default_factory=dict)

    @property
    def top_units(self) -> list:
        ranked = self.load[self.load["ranked"].astype(bool)]
        return ranked["unit"].tolist()


def compute(doc, *, weights=None, seed: int = 0, say: Callable = _quiet) -> ReportData:
    """Graph, projection, load, balance, centrality, clusters, checks and keywords of a document.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> d = compute(xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> d.top_units
    ['区发改局', '区财政局']
    """
    from . import metrics as M
    from . import text
    from .graph import build_graph, project_units

    say("building the unit–task graph")
    G = build_graph(doc, weights=weights)
    P = project_units(G, method="product")
    say("computing load, balance and centrality")
    load = M.unit_load(G)
    balance = M.workload_balance(load)
    centrality = M.unit_centrality(G, seed=seed)
    say("finding co-responsibility clusters")
    clusters = M.co_responsibility_clusters(G, seed=seed)
    summary = M.cluster_summary(G, clusters)
    checks = M.accountability_checks(G)
    tclusters = M.task_clusters(G, clusters)
    say("extracting cluster keywords")
    keywords = text.cluster_keywords(G, clusters)
    return ReportData(
        doc=doc, G=G, P=P, load=load, balance=balance, centrality=centrality, clusters=clusters,
        summary=summary, checks=checks, keywords=keywords, task_clusters=tclusters, seed=seed,
        weights=dict(G.graph.get("weights", {})),
    )


CHECK_LABELS = {
    "no_units": "未写明任何单位的任务",
    "no_lead": "没有牵头单位的任务",
    "several_leads": "有多个牵头单位的任务",
    "only_collectives": "只由集合单位（如各街办）承担的任务",
    "many_units": "单位过多（超过8个）的任务",
    "support_never_leads": "只配合、从不牵头的单位",
}


def _gini_words(g: float) -> str:
    if g != g:
        return "无法计算"
    if g < 0.2:
        return "各单位的工作量较为均衡"
    if g < 0.35:
        return "各单位的工作量有一定差距"
    if g < 0.5:
        return "工作量明显集中在部分单位"
    return "工作量高度集中在少数单位"


def findings(data: ReportData, *, top: int = 10) -> dict:
    """The headline findings as plain data (numbers and sentences), shared by the HTML,
    Markdown and Word outputs.

    Keys: ``title``, ``facts`` (list of (label, value)), ``top_units`` (DataFrame, top
    ``top`` rows of the load table), ``gini``, ``gini_text``, ``top5_share``,
    ``top10_share``, ``clusters`` (list of dicts: id, n_units, units, keywords, n_tasks,
    stability), ``checks`` (list of (label, count, examples)), ``warnings`` (list of
    (line, code, message)), ``bullets`` (the key sentences).
    """
    doc, load, bal = data.doc, data.load, data.balance
    md = doc.metadata
    ranked = load[load["ranked"].astype(bool)]
    row = bal[bal["measure"] == "weighted_load"].iloc[0]
    g, t5, t10, n = float(row["gini"]), float(row["top5_share"]), float(row["top10_share"]), int(row["n_units"])
    lead_row = bal[bal["measure"] == "n_lead"]
    g_lead = float(lead_row["gini"].iloc[0]) if len(lead_row) else float("nan")
    gini_text = (
        f"加权工作量的基尼系数为 {g:.2f}，{_gini_words(g)}。基尼系数在 0 到 1 之间：0 表示每个单位的工作量完全相同，"
        f"越接近 1 表示工作越集中在少数单位。{n} 个单位中，最重的 5 个承担了 {t5:.0%} 的加权工作量，"
        f"最重的 10 个承担了 {t10:.0%}。"
    )
    if g_lead == g_lead:
        gini_text += f"只看牵头任务，基尼系数为 {g_lead:.2f}。"
    kw = data.keywords
    clusters = []
    for r in data.summary.itertuples(index=False):
        words = kw[kw["group"] == r.cluster].sort_values("rank")["keyword"].head(6).tolist() if len(kw) else []
        units = str(r.units).split("、")
        clusters.append(
            dict(id=int(r.cluster) + 1, n_units=int(r.n_units), units=units, keywords=words,
                 n_tasks=int(r.n_tasks), stability=float(r.mean_stability))
        )
    checks = []
    for code, label in CHECK_LABELS.items():
        sub = data.checks[data.checks["check"] == code]
        if len(sub):
            ex = [f"任务{t}" if t else u for t, u in zip(sub["task_id"], sub["unit"])]
            checks.append((label, len(sub), ex))
    warns = [(w.line, w.code, w.message) for w in doc.report.warnings]
    top_df = ranked.head(top)[["rank", "unit", "n_lead", "n_support", "n_responsible", "n_tasks", "weighted_load", "load_share"]]
    top3 = "、".join(ranked["unit"].head(3))
    bullets = [
        f"共 {len(doc.tasks)} 项任务、{len(doc.sections)} 个部分，涉及 {n} 个单位（集合单位另计）。",
        f"工作量最重的单位：{top3}。",
        gini_text.split("。")[0] + "。" + gini_text.split("。")[2] + "。",
    ]
    if clusters:
        c0 = clusters[0]
        bullets.append(
            f"识别出 {len(clusters)} 个经常共同承担任务的单位群组；最大的群组有 {c0['n_units']} 个单位"
            + (f"，关键词：{'、'.join(c0['keywords'][:4])}。" if c0["keywords"] else "。")
        )
    if checks:
        bullets.append("问责提示：" + "；".join(f"{lab} {cnt} 项" for lab, cnt, _ in checks) + "。")
    bullets.append(
        f"解析提示 {len(warns)} 条" + ("（见文末，请核对原文）。" if warns else "，文件已完整解析。")
    )
    facts = [
        ("文件", md.title or md.source),
        ("地区", md.place or "—"),
        ("年份", str(md.year or "—")),
        ("发布日期", md.date or "—"),
        ("发布机构", md.issuer or "—"),
        ("文号", md.doc_number or "—"),
        ("任务 / 部分 / 单位", f"{len(doc.tasks)} / {len(doc.sections)} / {n}"),
        ("角色权重", "牵头 {lead:g}，配合 {support:g}，责任 {responsible:g}".format(**data.weights)),
        ("随机种子", str(data.seed)),
    ]
    return dict(
        title=md.title or md.source, facts=facts, top_units=top_df, gini=g, gini_lead=g_lead,
        gini_text=gini_text, top5_share=t5, top10_share=t10, n_units=n, clusters=clusters,
        checks=checks, warnings=warns, bullets=bullets,
        modularity=float(data.clusters.attrs.get("modularity", float("nan"))),
        stability_ari=float(data.clusters.attrs.get("stability_ari", float("nan"))),
    )


# ---------------------------------------------------------------------------- writers
def briefing_figures(data: ReportData, folder, *, say: Callable = _quiet) -> dict:
    """Draw the six briefing figures and save each as PNG, SVG and PDF in ``folder``.

    Returns name → [png, svg, pdf] paths (names in :data:`FIGURES`).
    """
    from .viz import figures as F
    from .viz.style import save_figure

    folder = Path(folder)
    src = data.doc
    makers = {
        "load_ranking": lambda: F.load_ranking(data.load, source=src),
        "lorenz_curve": lambda: F.lorenz_curve(data.balance, source=src),
        "section_heatmap": lambda: F.section_heatmap(data.G, source=src),
        "cluster_network": lambda: F.cluster_network(data.P, data.clusters, data.load, seed=data.seed, source=src),
        "centrality_vs_load": lambda: F.centrality_vs_load(data.centrality, data.load, source=src),
        "cluster_keywords": lambda: F.cluster_keywords(data.keywords, clusters_df=data.clusters, source=src),
    }
    out = {}
    for name, make in makers.items():
        say(f"figure {name}")
        fig = make()
        out[name] = save_figure(fig, folder / name)
        fig.clear()
    return out


def write_views(data: ReportData, folder, *, top: int = TOP_EGO, say: Callable = _quiet) -> dict:
    """The interactive views as standalone offline pages in ``folder``: bipartite.html,
    clusters.html and one ego view per heaviest unit (``top`` of them).

    Returns a dict: ``"bipartite"``, ``"clusters"`` → path; ``"ego"`` → {unit: path}.
    """
    from .viz.interactive import bipartite_view, cluster_view, ego_view

    folder = Path(folder)
    say("view bipartite")
    out: dict = {"bipartite": bipartite_view(data.G, seed=data.seed).save(folder / "bipartite.html")}
    say("view clusters")
    out["clusters"] = cluster_view(data.P, data.clusters, data.load, seed=data.seed).save(folder / "clusters.html")
    out["ego"] = {}
    for unit in data.top_units[:top]:
        say(f"view ego {unit}")
        out["ego"][unit] = ego_view(data.G, unit, seed=data.seed).save(folder / safe_filename(unit, prefix="ego_"))
    return out


def _tables(data: ReportData) -> dict:
    from .export import unit_section_matrix, unit_task_matrix
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
        "unit_task": (unit_task_matrix(data.G), True),
        "unit_section": (unit_section_matrix(data.G), True),
    }


def write_tables(data: ReportData, folder, *, stem: str = "xialu", say: Callable = _quiet) -> dict:
    """CSV tables (``tables/``), the XLSX workbook, GEXF, GraphML, JSON and parse_report.json."""
    from .cli import parse_report_dict
    from .export import write_csv, write_gexf, write_graphml, write_json, write_xlsx

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
    """Atomic text write with ordinary file permissions (export.atomic_path)."""
    from .export import atomic_path

    with atomic_path(path) as tmp:
        Path(tmp).write_bytes(text.encode("utf-8"))
    return Path(path)


def write_report(data: ReportData, folder, *, figures: dict, views: dict, files: dict,
                 final_folder=None, final_path: Callable = Path, say: Callable = _quiet) -> dict:
    """report.html, report.md and report.docx in ``folder``.

    ``figures``: name → [png, svg, pdf] paths as written; ``final_path`` maps such a path to
    where it lies once the folders are swapped in, and ``final_folder`` is where ``folder``
    ends up (default: ``folder`` itself) — report.md links the figures relative to it.
    """
    from .report_docx import write_docx
    from .report_html import report_html, report_markdown

    folder = Path(folder)
    f = findings(data)
    say("report.html")
    pngs = {name: paths[0] for name, paths in figures.items()}
    out = {"html": _write_text(folder / "report.html", report_html(f, pngs, views=views, files=files, root=folder))}
    say("report.md")
    final = Path(final_folder) if final_folder is not None else folder
    rel = {name: os.path.relpath(final_path(p), final) for name, p in pngs.items()}
    out["md"] = _write_text(folder / "report.md", report_markdown(f, rel))
    say("report.docx")
    out["docx"] = write_docx(f, pngs, folder / "report.docx")
    return out


# ---------------------------------------------------------------------------- folders
def _owned(folder: Path, *, figures: bool = False) -> bool:
    """True when ``folder`` may be replaced: missing, empty, marked, or (figures) only figures."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    entries = list(folder.iterdir())
    if not entries or (folder / MARKER).is_file():
        return True
    return figures and all(p.is_file() and (p.suffix.lower() in FIGURE_SUFFIXES or p.name == ".gitkeep") for p in entries)


@contextmanager
def staged_folder(target):
    """Yield a fresh temporary folder beside ``target``; on success swap it into place.

    The swap renames the old folder aside, renames the new one in and removes the old one.
    On any exception the temporary folder is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield tmp
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(tmp, 0o755)
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
            os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _stem(path) -> str:
    s = unicodedata.normalize("NFKC", Path(path).stem)
    s = re.sub(r"[^\w\-]+", "_", s).strip("_.")
    return s[:60] or "document"


def build_pack(doc, out, *, figures_dir=None, weights=None, seed: int = 0, stem: str = "xialu",
               say: Callable = _quiet) -> dict:
    """Compute and write the whole pack for a parsed document (see the module docstring).

    ``figures_dir`` None → ``<out>/figures``. Returns name → path of the main files.
    """
    out = Path(out)
    fig_target = Path(figures_dir) if figures_dir is not None else out / "figures"
    out_abs, fig_abs = out.resolve(), fig_target.resolve()
    fig_inside = fig_abs == out_abs or out_abs in fig_abs.parents
    if not fig_inside and fig_abs in out_abs.parents:
        raise InputError("the output folder cannot be inside the figures folder", source=str(out))
    if fig_abs == out_abs:
        raise InputError("the figures folder must differ from the output folder", source=str(out))
    if not _owned(out):
        raise InputError("folder exists and was not written by xialu-graph report; choose another --out or empty it",
                         source=str(out))
    if not fig_inside and not _owned(fig_target, figures=True):
        raise InputError("figures folder holds files other than figures; choose another --figures",
                         source=str(fig_target))
    data = compute(doc, weights=weights, seed=seed, say=say)
    with ExitStack() as stack:
        tmp_out = stack.enter_context(staged_folder(out))
        tmp_fig = tmp_out / fig_abs.relative_to(out_abs) if fig_inside else stack.enter_context(staged_folder(fig_target))
        if fig_inside:
            tmp_fig.mkdir(parents=True, exist_ok=True)
            (tmp_fig / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        figs = briefing_figures(data, tmp_fig, say=say)
        views = write_views(data, tmp_out / "views", say=say)
        files = write_tables(data, tmp_out, stem=stem, say=say)
        finals = {tmp_out.resolve(): out_abs, tmp_fig.resolve(): fig_abs}
        files.update(write_report(data, tmp_out, figures=figs, views=views, files=files, say=say,
                                  final_folder=out_abs, final_path=lambda p: finals[Path(p).resolve().parent] / Path(p).name))
        say(f"moving the new outputs into place: {out}" + ("" if fig_inside else f" and {fig_target}"))
    return {"out": out, "figures": fig_target, "data": data}


def run_report(args, say: Callable = _quiet) -> int:
    """The ``report`` subcommand (see :mod:`xialu_graph.cli`). Returns 0.

    Raises InputError (one line, exit 2) for a user's mistake, before anything is written.
    """
    from .pipeline import read_document

    weights = load_weights(getattr(args, "weights", None))
    tables = None
    if getattr(args, "units", None):
        from .units import load_unit_tables

        tables = load_unit_tables(args.units)
    src = Path(args.input)
    out = Path(args.out) if args.out else Path("reports") / _stem(src)
    fig = Path(args.figures) if getattr(args, "figures", None) else None
    say(f"reading {args.input}")
    doc = read_document(args.input, strict=bool(getattr(args, "strict", False)), unit_tables=tables,
                        place=getattr(args, "place", None))
    say(f"{len(doc.tasks)} tasks, {len(doc.assignments)} assignments, {len(doc.report.warnings)} parse warnings")
    res = build_pack(doc, out, figures_dir=fig, weights=weights, seed=int(getattr(args, "seed", 0) or 0),
                     stem=_stem(src), say=say)
    say(f"done: {res['out'] / 'report.html'}")
    return 0
