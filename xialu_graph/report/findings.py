"""The headline findings of a briefing pack as plain data (numbers and Chinese sentences),
shared by report.html, report.md and report.docx; the captions of the briefing figures."""

from __future__ import annotations

import math

import pandas as pd

from ..analysis import Analysis
from ..glossary import CONCEPTS, concept, current_language, header, phrase
from ..text import cluster_title
from .assumptions import assumptions

__all__ = ["FIGURES", "FIGURES_EN", "figure_captions", "load_headers", "LOAD_HEADERS", "WARNING_LABELS", "findings", "format_number", "load_rows",
           "input_caveats"]

FIGURES_EN = {
    "load_ranking": ("Load ranking: lead, support and responsible tasks", "The units with the heaviest weighted load, by role."),
    "lorenz_curve": ("Lorenz curve of the load", "The further the curve from the diagonal, the more the load sits with a few units."),
    "section_heatmap": ("Tasks per unit in each section", "Tasks of the busiest units in each part of the document."),
    "cluster_network": ("Co-responsibility network", "Only ties beyond chance are drawn (SDSM null model, FDR 5%); each cluster stands in a block of its own, its units placed by all their shared tasks; colour = cluster, size = load."),
    "cluster_keywords": ("Keywords of each cluster", "Characteristic words (TF-IDF) of the tasks each cluster carries."),
    "centrality_vs_load": ("Centrality and load", "Brokers (many ties, light load) and workhorses (heavy load, few ties)."),
}


def figure_captions() -> dict:
    """name → (caption, note) of the briefing figures in the current language.

    Examples
    --------
    >>> figure_captions()["lorenz_curve"][0]
    '工作量分布的洛伦兹曲线'
    """
    return FIGURES_EN if current_language() == "en" else FIGURES


FIGURES = {
    # name: (caption, what it shows)
    "load_ranking": ("工作量排名：牵头、配合与责任任务数", "加权工作量最重的单位，按牵头、配合、责任分段。"),
    "lorenz_curve": ("工作量分布的洛伦兹曲线", "曲线离对角线越远，工作量越集中在少数单位。"),
    "section_heatmap": ("各单位在各部分的任务数", "任务最多的单位在文件各部分的任务数。"),
    "cluster_network": ("共同责任网络", "只画出超出随机预期的共同责任（SDSM 零模型，FDR 5%）；每个群组自成一块，块内单位的位置按全部共同任务排列，颜色为群组，大小为工作量。"),
    "cluster_keywords": ("各群组任务关键词", "每个群组所承担任务的特征词（TF-IDF）。"),
    "centrality_vs_load": ("中心性与工作量", "经纪人（连接多、负担轻）与主力（负担重、连接少）。"),
}



def format_number(v) -> str:
    """A table cell as text: floats with up to three decimals, missing values empty.

    Examples
    --------
    >>> format_number(0.59853), format_number(float("nan")), format_number(3)
    ('0.599', '', '3')
    """
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".")
    return str(v)


LOAD_HEADERS = {
    "rank": "排名", "unit": "单位", "n_lead": "牵头", "n_support": "配合", "n_responsible": "责任",
    "n_tasks": "任务数", "weighted_load": "加权工作量", "load_share": "占比",
}


def load_headers() -> dict:
    """Column → header of the load table in the current language.

    Examples
    --------
    >>> load_headers()["weighted_load"]
    '加权工作量'
    """
    if current_language() == "en":
        return {k: header(k) for k in LOAD_HEADERS}
    return dict(LOAD_HEADERS)


def load_rows(df):
    """Rows of the load table as dicts, ``load_share`` formatted as a percentage."""
    for r in df.itertuples(index=False):
        d = r._asdict()
        d["load_share"] = f"{float(d['load_share']):.1%}" if d["load_share"] == d["load_share"] else ""
        yield d



WARNING_LABELS = {k.split(".", 1)[1]: t.zh for k, t in CONCEPTS.items() if k.startswith("warning.")}
"""Chinese name of each parse-warning code (the report's top notice and warning table)."""


def _warning_word(code: str) -> str:
    return concept(f"warning.{code}") if f"warning.{code}" in CONCEPTS else code


def input_caveats(doc) -> list:
    """What the report must say first when the input is partial: sentences in the current language
    (the glossary's ``caveat.*`` templates).

    Empty when the document was read whole and without parse warnings. For an excerpt (the
    text stops mid-item, ``doc.report.truncated``) it says where the text stops, how many tasks
    were read and what that means for the numbers; for parse warnings it counts them by kind
    and says which numbers they can bias.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> input_caveats(xg.read_document("data/raw/xialu_2020.txt"))
    []
    >>> print(input_caveats(xg.read_document("data/raw/huangshigang_2021_excerpt.txt"))[0])
    本文件是节选，不是完整文件：原文在第 13 项（“13.”）处中断，其后的任务和单位都没有读到，本报告只分析中断前的 12 项任务。
    """
    rep = doc.report
    out = []
    cut = str(rep.truncated or "").strip()
    if cut:
        import re

        m = re.match(r"\s*[（(]?\s*(\d+)", cut)
        shown = cut if len(cut) <= 30 else cut[:29] + "…"
        where = phrase("caveat.where_item", n=m.group(1)) if m else concept("caveat.where_last")
        out.append(phrase("caveat.excerpt", where=where, shown=shown, n=len(doc.tasks)))
        out.append(concept("caveat.excerpt_means"))
    others = [w for w in rep.warnings if w.code != "truncated_item"]
    if others:
        counts: dict = {}
        for w in others:
            counts[w.code] = counts.get(w.code, 0) + 1
        kinds = concept("caveat.kind_sep").join(phrase("caveat.warning_kind", word=_warning_word(c), n=n)
                                                for c, n in counts.items())
        out.append(phrase("caveat.warnings", n=len(others), kinds=kinds))
    return out


def _gini_words(g: float) -> str:
    if g != g:
        return concept("finding.gini_words.nan")
    key = "even" if g < 0.2 else "some" if g < 0.35 else "clear" if g < 0.5 else "high"
    return concept(f"finding.gini_words.{key}")


def findings(data: Analysis, *, top: int = 10) -> dict:
    """The headline findings as plain data (numbers and sentences), shared by the HTML,
    Markdown and Word outputs.

    Keys: ``title``, ``caveats`` (:func:`input_caveats`: what the report says first when the
    input is an excerpt or has parse warnings), ``facts`` (list of (label, value)), ``top_units`` (DataFrame, top
    ``top`` rows of the load table), ``gini``, ``gini_text``, ``top5_share``,
    ``top10_share``, ``clusters`` (list of dicts: id, n_units, units, keywords, n_tasks,
    stability; clusters of two or more units only), ``n_single`` (units clustered alone, not
    presented as groups), ``checks`` (list of (label, rows): the responsibility checks, rows of
    [task number, task text, units in document order]), ``unit_checks`` (list of (label,
    count, units): units that support and never lead), ``warnings`` (list of (line, code,
    message)), ``bullets`` (the key sentences), and the keys of
    :func:`xialu_graph.report.assumptions.assumptions` (``policy_text``, ``gini_with_ci``,
    ``sensitivity``, ``backbone`` …).
    """
    doc, load, bal = data.doc, data.load, data.balance
    md = doc.metadata
    ranked = load[load["ranked"].astype(bool)]
    row = bal[bal["measure"] == "weighted_load"].iloc[0]
    g, t5, t10, n = float(row["gini"]), float(row["top5_share"]), float(row["top10_share"]), int(row["n_units"])
    lead_row = bal[bal["measure"] == "n_lead"]
    g_lead = float(lead_row["gini"].iloc[0]) if len(lead_row) else float("nan")
    a = assumptions(data)
    gini_text = phrase("finding.gini_text", gini_ci=a["gini_with_ci"], words=_gini_words(g), n=n,
                       top5_ci=a["top5_with_ci"], top10=f"{t10:.0%}", n_boot=a["n_boot"], seed=data.seed,
                       gini_corrected=f"{a['gini_corrected']:.2f}")
    if g_lead == g_lead:
        gini_text += phrase("finding.gini_lead", g=f"{g_lead:.2f}")
    gini_text += phrase("finding.gini_policy", label=a["policy_label"], key=a["collectives"])
    kw = data.keywords
    clusters = []
    n_single = 0
    stab = data.cluster_stability
    per = stab.attrs.get("clusters") if stab is not None else None
    per = per.set_index("cluster") if per is not None and len(per) else None
    ari = ({k: float(stab.attrs.get(k, math.nan)) for k in ("ari_mean", "ari_p05", "ari_p95")}
           if stab is not None else dict(ari_mean=math.nan, ari_p05=math.nan, ari_p95=math.nan))
    for r in data.summary.itertuples(index=False):
        if int(r.n_units) < 2:  # a unit clustered alone is not a group
            n_single += int(r.n_units)
            continue
        words = kw[kw["group"] == r.cluster].sort_values("rank")["keyword"].head(6).tolist() if len(kw) else []
        units = str(r.units).split("、")
        clusters.append(
            dict(id=int(r.cluster), title=cluster_title(r.cluster, data.cluster_names),
                 title_en=f"Cluster {int(r.cluster)}" + (f" ({data.cluster_names[int(r.cluster)]})" if data.cluster_names.get(int(r.cluster)) else ""),
                 n_units=int(r.n_units), units=units, keywords=words,
                 n_tasks=int(r.n_tasks), stability=float(r.mean_stability),
                 jaccard=float(per.loc[r.cluster, "jaccard"]) if per is not None and r.cluster in per.index else math.nan,
                 dissolved=float(per.loc[r.cluster, "dissolved"]) if per is not None and r.cluster in per.index else math.nan)
        )
    checks = a["responsibility"]
    unit_checks = []
    sub = data.unit_checks
    if len(sub):
        unit_checks.append((concept("check.support_never_leads"), len(sub), sub["unit"].tolist()))
    warns = [(w.line, w.code, w.message) for w in doc.report.warnings]
    top_df = ranked.head(top)[["rank", "unit", "n_lead", "n_support", "n_responsible", "n_tasks", "weighted_load", "load_share"]]
    top3 = "、".join(ranked["unit"].head(3))
    bb = a["backbone"]
    sentences = gini_text.split(concept("finding.sentence_sep"))
    bullets = [
        phrase("finding.overview", tasks=len(doc.tasks), sections=len(doc.sections), n=n),
        a["policy_text"],
        phrase("finding.top_units", units=top3, policy=a["policy_label"]),
        sentences[0] + concept("finding.sentence_sep") + sentences[2] + concept("finding.sentence_end"),
        phrase("finding.backbone", tested=bb["n_tested"], significant=bb["n_significant"], alpha=f"{bb['alpha']:.0%}"),
    ]
    if clusters:
        c0 = clusters[0]
        bullets.append(
            phrase("finding.clusters", k=len(clusters), single=n_single, size=c0["n_units"])
            + (phrase("finding.cluster_keywords", words="、".join(c0["keywords"][:4])) if c0["keywords"]
               else concept("finding.sentence_end"))
            + (phrase("finding.cluster_ari", mean=f"{ari['ari_mean']:.2f}", p05=f"{ari['ari_p05']:.2f}",
                      p95=f"{ari['ari_p95']:.2f}")
               + concept("finding.cluster_loose" if ari["ari_mean"] < 0.75 else "finding.cluster_stable")
               if ari["ari_mean"] == ari["ari_mean"] else "")
        )
    if checks:
        bullets.append(phrase("finding.checks", items=concept("finding.list_sep").join(
            phrase("finding.check_item", label=lab, n=len(rows)) for lab, rows in checks)))
    bullets.append(phrase("finding.warnings" if warns else "finding.no_warnings", n=len(warns)))
    facts = [
        (concept("fact.document"), md.title or md.source),
        (concept("fact.place"), md.place or "—"),
        (concept("fact.year"), str(md.year or "—")),
        (concept("fact.date"), md.date or "—"),
        (concept("fact.issuer"), md.issuer or "—"),
        (concept("fact.doc_number"), md.doc_number or "—"),
        (concept("fact.counts"), f"{len(doc.tasks)} / {len(doc.sections)} / {n}"),
        (concept("fact.weights"), phrase("fact.weights_value", **data.weights)),
        (concept("fact.collectives"), phrase("fact.collectives_value", label=a["policy_label"], key=a["collectives"])),
        (concept("fact.gini"), a["gini_with_ci"]),
        (concept("fact.seed"), str(data.seed)),
    ]
    return dict(
        title=md.title or md.source, caveats=input_caveats(doc), facts=facts, top_units=top_df, gini=g, gini_lead=g_lead,
        gini_text=gini_text, top5_share=t5, top10_share=t10, n_units=n, clusters=clusters, n_single=n_single,
        checks=checks, unit_checks=unit_checks, warnings=warns, bullets=bullets, **ari, **a,
        modularity=float(data.clusters.attrs.get("modularity", float("nan"))),
        stability_ari=float(data.clusters.attrs.get("stability_ari", float("nan"))),
    )
