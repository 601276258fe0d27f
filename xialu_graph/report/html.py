"""report.html and report.md from :func:`xialu_graph.report.findings`.

The HTML page is self-contained: figures are embedded as PNG ``data:`` URIs, the CSS is
inline, a Content-Security-Policy forbids scripts and every remote load, and every string
that comes from the document is escaped with :func:`html.escape` (text is shown literally,
bidi controls are isolated). Links to the interactive views are relative (``views/…``).
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
from pathlib import Path

from ..files import visible_marks
from ..glossary import current_language, pick
from .assumptions import headers
from .findings import figure_captions, format_number, load_headers, load_rows

__all__ = ["markdown_text", "report_html", "html_image", "report_markdown", "CSS", "CAVEAT_HEADING", "CAVEAT_HEADING_EN",
           "caveat_heading", "subtitle"]

CSS = """*{box-sizing:border-box}
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;
margin:0 auto;max-width:960px;padding:12px 16px 40px;color:#222;font-size:15px;line-height:1.6;
-webkit-text-size-adjust:100%}
h1{font-size:1.45em;line-height:1.3;margin:.6em 0 .3em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
p,li,td,th,dd,figcaption{unicode-bidi:plaintext;overflow-wrap:anywhere}
.lead{background:#f3f7fb;border-left:4px solid #0072B2;padding:8px 12px 8px 2.2em}
.lead li{margin:.25em 0}
.warn{background:#fff6e0;border-left:4px solid #E69F00;padding:6px 10px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0}
table{border-collapse:collapse;font-size:.86em;min-width:50%}
td,th{border:1px solid #e2e2e2;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:12px 0}figure img{width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#444}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
dl.facts dt{color:#666}dl.facts dd{margin:0}
.kw{display:inline-block;background:#eef3ee;border-radius:3px;padding:0 5px;margin:1px 2px;font-size:.9em}
.note{color:#555;font-size:.88em}
h3{font-size:1em;margin:1.2em 0 .3em}
td.n{white-space:nowrap}
@media (max-width:600px){body{font-size:14px;padding:8px 10px 30px}td,th{padding:2px 4px}}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _esc(v) -> str:
    return html.escape(visible_marks(v), quote=True)


HTML_IMAGE_WIDTH = 1400
"""Figures are embedded at most this many pixels wide (the 300-dpi PNG is ~1900 px)."""


def html_image(png, *, pixels=None) -> bytes:
    """The PNG file ``png`` as the page embeds it: scaled down to HTML_IMAGE_WIDTH and quantised
    (deterministic; Pillow ships with matplotlib). ``pixels``: the file's pixels, already in
    memory as a Pillow image (:func:`~xialu_graph.viz.style.save_figure`'s ``pixels``), so that
    the file is not decoded again — the report pack's workers make these images beside the
    figures (:func:`report_html`'s ``images``), from the pixels they have just drawn."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        return Path(png).read_bytes()
    if pixels is None or pixels.width <= HTML_IMAGE_WIDTH:
        raw = Path(png).read_bytes()
        with Image.open(io.BytesIO(raw)) as im:
            if im.width <= HTML_IMAGE_WIDTH:
                return raw
            return _html_png(im)
    return _html_png(pixels)


def _html_png(im) -> bytes:
    from PIL import Image

    h = round(im.height * HTML_IMAGE_WIDTH / im.width)
    # the figures' pixels are RGB already: convert() to the same mode would only copy them
    rgb = im if im.mode == "RGB" else im.convert("RGB")
    small = rgb.resize((HTML_IMAGE_WIDTH, h), Image.LANCZOS)
    # 128-colour palette: a third of the size, no visible loss on flat-colour charts
    small = small.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    # zlib's default level, not optimize=True (level 9): the same pixels, 4 % larger, a third faster
    small.save(buf, format="PNG")
    return buf.getvalue()


def _figure(name, caption, note, png, image=None) -> str:
    data = base64.b64encode(image if image is not None else html_image(png)).decode("ascii")
    return (f'<figure id="fig-{_esc(name)}"><img alt="{_esc(caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_esc(caption)}{pick('。', '. ')}{_esc(note)}</figcaption></figure>")


def report_html(f: dict, pngs: dict, *, views: dict | None = None, files: dict | None = None, root=None,
                images: dict | None = None) -> str:
    """The summary page as a string (see the module docstring).

    ``f``: :func:`xialu_graph.report.findings`; ``pngs``: figure name → PNG path (embedded);
    ``images``: figure name → the embedded bytes, :func:`html_image` of that PNG, made
    already (by the process that drew the figure); a figure missing there is made here;
    ``views``: :func:`xialu_graph.report.write_views` output (linked relatively from
    ``root``); ``files``: name → path of the other outputs (listed).
    """

    root = Path(root) if root is not None else None
    caps = {name: (f"{pick('图', 'Figure ')}{i} {cap}", note)
            for i, (name, (cap, note)) in enumerate(figure_captions().items(), 1) if name in pngs}
    en = current_language() == "en"
    LOAD_HEADERS = load_headers()
    CHECK_HEADERS = headers("check")

    def fig(name):
        return _figure(name, *caps[name], pngs[name], (images or {}).get(name)) if name in pngs else ""

    def rel(p):
        return os.path.relpath(p, root).replace(os.sep, "/") if root is not None else Path(p).name

    p = [
        f"<!DOCTYPE html>\n<html lang=\"{'en' if en else 'zh-CN'}\"><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{_esc(f['title'])} · {pick('工作量分析', 'workload analysis')}</title><style>{CSS}</style></head><body>",
        f"<h1>{_esc(f['title'])}</h1><p class=note>{_esc(subtitle())}</p>",
        _caveats_html(f),
        '<dl class="facts">' + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in f["facts"]) + "</dl>",
        f"<h2>{pick('要点', 'Key points')}</h2><ul class=lead>" + "".join(f"<li>{_esc(b)}</li>" for b in f["bullets"]) + "</ul>",
        f"<h2>{pick('工作量最重的单位', 'Units with the heaviest load')}</h2><div class=scroll><table><thead><tr>"
        + "".join(f"<th>{_esc(h)}</th>" for h in LOAD_HEADERS.values()) + "</tr></thead><tbody>",
    ]
    for d in load_rows(f["top_units"]):
        p.append("<tr>" + "".join(
            f"<td>{_esc(d[k])}</td>" if k == "unit" else f"<td class=n>{_esc(format_number(d[k]))}</td>" for k in LOAD_HEADERS
        ) + "</tr>")
    p.append("</tbody></table></div><p class=note>" + pick("加权工作量：牵头、配合、责任任务数乘以角色权重后相加。",
             "Weighted load: lead, support and responsible tasks, each multiplied by its role weight, added up.") + "</p>")
    p.append(fig("load_ranking"))
    p.append(f"<h2>{pick('工作量是否均衡', 'Is the load even?')}</h2><p>{_esc(f['gini_text'])}</p>")
    p.append(fig("lorenz_curve"))
    p.append(_sensitivity_html(f))
    p.append(fig("section_heatmap"))
    p.append(_backbone_html(f))
    p.append(f"<h2>{pick('经常共同承担任务的单位群组', 'Clusters of units that often share tasks')}</h2>")
    p.append(f"<p class=note>{_esc(cluster_note(f))}</p>")
    heads = (["Cluster", "Units", "Tasks", "Bootstrap stability", "Dissolved", "Keywords", "Units (by load)"] if en
             else ["群组", "单位数", "任务数", "重抽样稳定性", "解散比例", "关键词", "单位（按工作量）"])
    p.append("<div class=scroll><table><thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead><tbody>")
    for c in f["clusters"]:
        units = "、".join(c["units"][:12]) + ((f" and {c['n_units'] - 12} more" if en else f" 等{c['n_units']}个")
                                              if c["n_units"] > 12 else "")
        p.append(
            f"<tr><td>{_esc(pick(c['title'], c['title_en']))}</td><td class=n>{c['n_units']}</td><td class=n>{c['n_tasks']}</td>"
            f"<td class=n>{_esc(format_number(c['jaccard']))}</td><td class=n>{_esc(_pct(c['dissolved']))}</td>"
            f"<td>{''.join(f'<span class=kw>{_esc(k)}</span>' for k in c['keywords'])}</td><td>{_esc(units)}</td></tr>"
        )
    p.append("</tbody></table></div>")
    p.append(fig("cluster_network"))
    p.append(fig("cluster_keywords"))
    p.append(f"<h2>{pick('经纪人与主力', 'Brokers and workhorses')}</h2>")
    p.append(fig("centrality_vs_load"))
    p.append(f"<h2>{pick('问责提示', 'Responsibility checks')}</h2>")
    if f["checks"] or f.get("unit_checks"):
        p.append("<p class=note>" + pick("每项检查回答一个问题；一项任务可能出现在几项检查中。单位按原文顺序列出，集合单位用原文名称。",
                 "Each check answers one question; a task may appear under several checks. Units are listed in the "
                 "document's order, collectives under their name in the document.") + "</p>")
        for label, rows in f["checks"]:
            p.append(f"<h3>{_esc(label)}{pick('：', ': ')}{len(rows)}{pick(' 项', '')}</h3><div class=scroll><table><thead><tr>"
                     + "".join(f"<th>{_esc(h)}</th>" for h in CHECK_HEADERS) + "</tr></thead><tbody>")
            for r in rows:
                p.append("<tr><td style=white-space:nowrap>" + "</td><td>".join(_esc(x) for x in r) + "</td></tr>")
            p.append("</tbody></table></div>")
        for label, n, units in f.get("unit_checks", []):
            p.append(f"<h3>{_esc(label)}{pick('：', ': ')}{n}{pick(' 个', '')}</h3><p>{_esc('、'.join(units))}</p>")
        p.append("<p class=note>" + pick("明细见 tables/checks.csv。", "Details in tables/checks.csv.") + "</p>")
    else:
        p.append("<p>" + pick("未发现需要关注的分工问题。", "No problem found in the division of responsibility.") + "</p>")
    p.append(f"<h2>{pick('解析提示', 'Parse warnings')}</h2>")
    if f["warnings"]:
        p.append("<p class=warn>" + (f"Parsing left {len(f['warnings'])} warning(s); check them against the original "
                                     "(line numbers are those of the original)." if en else
                                     f"解析时有 {len(f['warnings'])} 条提示，请对照原文核对（行号为原文行号）。") + "</p>"
                 "<div class=scroll><table><thead><tr>" + "".join(f"<th>{h}</th>" for h in (
                     ["Line", "Kind", "Message"] if en else ["行", "类型", "说明"])) + "</tr></thead><tbody>")
        for line, code, msg in f["warnings"][:100]:
            p.append(f"<tr><td class=n>{_esc(line)}</td><td>{_esc(code)}</td><td>{_esc(msg)}</td></tr>")
        p.append("</tbody></table></div>")
        if len(f["warnings"]) > 100:
            p.append("<p class=note>" + pick(f"另有 {len(f['warnings']) - 100} 条，见 tables/warnings.csv。",
                                             f"{len(f['warnings']) - 100} more in tables/warnings.csv.") + "</p>")
    else:
        p.append("<p>" + pick("没有解析提示：每一行都已识别。", "No parse warning: every line was recognised.") + "</p>")
    if views:
        p.append(f"<h2>{pick('交互网络（离线网页）', 'Interactive networks (offline pages)')}</h2><ul>")
        p.append(f'<li><a href="{_esc(rel(views["bipartite"]))}">{pick("单位—任务网络", "Unit–task network")}</a></li>')
        p.append(f'<li><a href="{_esc(rel(views["clusters"]))}">{pick("共同责任网络（按群组）", "Co-responsibility network (by cluster)")}</a></li>')
        for unit, path in views.get("ego", {}).items():
            p.append(f'<li><a href="{_esc(rel(path))}">{_esc(unit)}{pick(" 的任务与协作单位", ": tasks and partners")}</a></li>')
        p.append("</ul><p class=note>" + pick("这些网页在 views/ 文件夹中，与本页一同保存即可离线打开。",
                 "These pages are in the views/ folder; kept with this page they open offline.") + "</p>")
    if files:
        p.append(f"<h2>{pick('文件', 'Files')}</h2><p class=note>" + "、".join(
            _esc(rel(v)) for k, v in sorted(files.items()) if not k.startswith("csv:")
        ) + pick("；表格（CSV）在 tables/。", "; tables (CSV) are in tables/.") + "</p>")
    p.append("</body></html>\n")
    return "".join(p)


CAVEAT_HEADING = "注意：输入不完整，数字须谨慎解读"
CAVEAT_HEADING_EN = "Note: the input is incomplete; read the numbers with care"


def caveat_heading() -> str:
    """:data:`CAVEAT_HEADING` in the current language.

    Examples
    --------
    >>> caveat_heading() == CAVEAT_HEADING
    True
    """
    return pick(CAVEAT_HEADING, CAVEAT_HEADING_EN)


def subtitle() -> str:
    """The line under the report's title, in the current language.

    Examples
    --------
    >>> subtitle()
    '重点工作责任分解 · 单位工作量与协作分析（xialu-graph）'
    """
    return pick("重点工作责任分解 · 单位工作量与协作分析（xialu-graph）",
                "Breakdown of key tasks · unit workload and co-responsibility analysis (xialu-graph)")
"""Heading of the notice at the top of a report on an excerpt or on a document with parse warnings."""


def _caveats_html(f: dict) -> str:
    if not f.get("caveats"):
        return ""
    return ('<div class=warn id=input-caveats role=note><p><b>' + _esc(caveat_heading()) + "</b></p><ul>"
            + "".join(f"<li>{_esc(c)}</li>" for c in f["caveats"]) + "</ul></div>")


def _pct(v) -> str:
    return "" if v != v else f"{v:.0%}"


def cluster_note(f: dict) -> str:
    """How the clusters were found and how stable they are (shared by HTML, Markdown, Word)."""
    mod, ari = f.get("modularity", math.nan), f.get("stability_ari", math.nan)
    if current_language() == "en":
        return _cluster_note_en(f, mod, ari)
    s = f"群组由共同责任网络的社区发现（Louvain）得出；模块度 {format_number(mod)}。"
    if ari == ari:
        s += f"不同随机种子之间的一致性（调整兰德指数）为 {format_number(ari)}，这只说明算法可重复。"
    m, lo, hi = f.get("ari_mean", math.nan), f.get("ari_p05", math.nan), f.get("ari_p95", math.nan)
    if m == m:
        s += (f"对任务做自助重抽样后重新分组，与原分组的调整兰德指数平均 {m:.2f}（5%–95%：{lo:.2f}–{hi:.2f}）。"
              "重抽样稳定性为群组在重抽样中最相近群组的平均 Jaccard 重合度（高于 0.75 稳定，低于 0.5 已解散），"
              "解散比例为重合度不超过 0.5 的重抽样所占比例。")
    if f.get("n_single"):
        s += f"另有 {f['n_single']} 个单位单独成组，没有固定协作伙伴，不列为群组。"
    return s


def _cluster_note_en(f: dict, mod: float, ari: float) -> str:
    s = f"Clusters come from community detection (Louvain) on the co-responsibility network; modularity {format_number(mod)}."
    if ari == ari:
        s += (f" Agreement between random seeds (adjusted Rand index) is {format_number(ari)}, which only shows the "
              "algorithm is repeatable.")
    m, lo, hi = f.get("ari_mean", math.nan), f.get("ari_p05", math.nan), f.get("ari_p95", math.nan)
    if m == m:
        s += (f" Re-clustering bootstrap resamples of the tasks gives a mean adjusted Rand index of {m:.2f} with the "
              f"original (5%–95%: {lo:.2f}–{hi:.2f}). Bootstrap stability is the mean Jaccard overlap of a cluster with "
              "its closest cluster in each resample (above 0.75 stable, below 0.5 dissolved); dissolved is the share "
              "of resamples with an overlap of 0.5 or less.")
    if f.get("n_single"):
        s += f" Another {f['n_single']} unit(s) stand alone, with no regular partner, and are not counted as clusters."
    return s


def _sensitivity_html(f: dict) -> str:
    rows = f.get("sensitivity") or []
    if not rows:
        return ""
    p = [f"<h2>{pick('集合单位口径', 'Collective policy')}</h2><p>{_esc(f['policy_text'])}</p>",
         "<div class=scroll><table><thead><tr>" + "".join(f"<th>{_esc(h)}</th>" for h in headers("sensitivity"))
         + "</tr></thead><tbody>"]
    for r in rows:
        p.append("<tr>" + "".join(f"<td>{_esc(x)}</td>" for x in r) + "</tr>")
    p.append("</tbody></table></div><p class=note>" + pick(
        "同一文件在四种集合单位口径下的结果：展开到成员（每个成员各计一次）、"
        "作为一个单位（集合单位与其他单位一同排名）、不计入、按成员分摊（每个成员计 1/成员数）。"
        "置信区间由任务自助重抽样得出。明细见 tables/sensitivity.csv、tables/balance_ci.csv。",
        "The same document under the four collective policies: expanded to members (each member counts once), kept "
        "as one unit (ranked with the other units), dropped, shared among members (each member counts 1/members). "
        "Intervals from a task bootstrap. Details in tables/sensitivity.csv, tables/balance_ci.csv.") + "</p>")
    return "".join(p)


def _backbone_html(f: dict) -> str:
    bb = f.get("backbone")
    if not bb:
        return ""
    p = [f"<h2>{pick('共同责任是否多于随机', 'Is co-responsibility more than chance?')}</h2><p>{_esc(bb['text'])}</p>"]
    if bb["pairs"]:
        p.append("<div class=scroll><table><thead><tr>" + "".join(f"<th>{_esc(h)}</th>" for h in headers("backbone"))
                 + "</tr></thead><tbody>")
        for r in bb["pairs"]:
            p.append("<tr>" + "".join(f"<td>{_esc(x)}</td>" if j < 2 else f"<td class=n>{_esc(x)}</td>"
                                      for j, x in enumerate(r)) + "</tr>")
        p.append("</tbody></table></div>")
    p.append("<p class=note>" + pick(
        "随机预期：随机模型下两个单位共同承担任务数的期望；q 值：经错误发现率校正的 p 值。明细见 tables/backbone.csv。",
        "Expected by chance: the number of shared tasks the null model expects for the pair; q value: the p value "
        "corrected for the false discovery rate. Details in tables/backbone.csv.") + "</p>")
    return "".join(p)


def markdown_text(v) -> str:
    """Document text as literal Markdown: markup characters escaped, raw HTML as entities,
    invisible controls as visible marks.

    Examples
    --------
    >>> print(markdown_text("**区发改局**<img src=x>"))
    \\*\\*区发改局\\*\\*&lt;img src=x&gt;
    """
    s = visible_marks(v)  # before escaping: the marks' brackets are escaped too
    s = " ".join(s.split())
    for ch in "\\|*_`[]#":
        s = s.replace(ch, "\\" + ch)
    # raw HTML never reaches a Markdown renderer: angle brackets as entities
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_table(headers, rows) -> list:
    return (["| " + " | ".join(markdown_text(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
            + ["| " + " | ".join(markdown_text(x) for x in r) + " |" for r in rows])


def report_markdown(f: dict, figure_paths: dict) -> str:
    """The findings as Markdown (figures referenced by the relative paths given)."""

    en = current_language() == "en"
    colon = ": " if en else "："
    LOAD_HEADERS = load_headers()
    caps = {name: f"{pick('图', 'Figure ')}{i} {cap}" for i, (name, (cap, _)) in enumerate(figure_captions().items(), 1)}
    out = [f"# {markdown_text(f['title'])}", "", subtitle(), ""]
    if f.get("caveats"):
        out += [f"> **{caveat_heading()}**", ">"] + [f"> - {markdown_text(c)}" for c in f["caveats"]] + [""]
    out += [f"- **{markdown_text(k)}**{colon}{markdown_text(v)}" for k, v in f["facts"]] + ["", pick("## 要点", "## Key points"), ""]
    out += [f"- {markdown_text(b)}" for b in f["bullets"]] + ["", pick("## 工作量最重的单位", "## Units with the heaviest load"), ""]
    out.append("| " + " | ".join(LOAD_HEADERS.values()) + " |")
    out.append("|" + "|".join("---" if k == "unit" else "---:" for k in LOAD_HEADERS) + "|")
    for d in load_rows(f["top_units"]):
        out.append("| " + " | ".join(markdown_text(format_number(d[k])) for k in LOAD_HEADERS) + " |")
    out += ["", pick("## 工作量是否均衡", "## Is the load even?"), "", markdown_text(f["gini_text"]), ""]
    if f.get("sensitivity"):
        out += [pick("## 集合单位口径", "## Collective policy"), "", markdown_text(f["policy_text"]), ""]
        out += _md_table(headers("sensitivity"), f["sensitivity"]) + [""]
    bb = f.get("backbone")
    if bb:
        out += [pick("## 共同责任是否多于随机", "## Is co-responsibility more than chance?"), "", markdown_text(bb["text"]), ""]
        if bb["pairs"]:
            out += _md_table(headers("backbone"), bb["pairs"]) + [""]
    out += [pick("## 群组", "## Clusters"), "", markdown_text(cluster_note(f)), ""]
    for c in f["clusters"]:
        if en:
            out.append(f"- **{c['title_en']}** ({c['n_units']} units, {c['n_tasks']} tasks, bootstrap stability "
                       f"{format_number(c['jaccard'])}) keywords: {markdown_text('、'.join(c['keywords']))}; "
                       f"units: {markdown_text('、'.join(c['units'][:12]))}{' …' if c['n_units'] > 12 else ''}")
        else:
            out.append(f"- **{c['title']}**（{c['n_units']} 个单位，{c['n_tasks']} 项任务，重抽样稳定性 "
                       f"{format_number(c['jaccard'])}）关键词：{markdown_text('、'.join(c['keywords']))}；"
                       f"单位：{markdown_text('、'.join(c['units'][:12]))}{' 等' if c['n_units'] > 12 else ''}")
    out += ["", pick("## 问责提示", "## Responsibility checks"), ""]
    if not f["checks"] and not f.get("unit_checks"):
        out.append(pick("- 无", "- None"))
    for label, rows in f["checks"]:
        out += [f"### {markdown_text(label)}{colon}{len(rows)}{pick(' 项', '')}", ""] + _md_table(headers("check"), rows) + [""]
    for label, n, units in f.get("unit_checks", []):
        out += [f"### {markdown_text(label)}{colon}{n}{pick(' 个', '')}", "", markdown_text("、".join(units)), ""]
    out += ["", pick("## 解析提示", "## Parse warnings"), ""]
    out += [(f"- Line {line} ({markdown_text(code)}): {markdown_text(msg)}" if en else
             f"- 第 {line} 行（{markdown_text(code)}）：{markdown_text(msg)}") for line, code, msg in f["warnings"][:100]] \
        or [pick("- 无", "- None")]
    out += ["", pick("## 图", "## Figures"), ""]
    for name, path in figure_paths.items():
        out.append(f"![{caps.get(name, name)}]({str(path).replace(os.sep, '/')})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
