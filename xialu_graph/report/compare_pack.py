"""Write a comparison of editions (``xialu-graph compare``) — tables, figures, the switchable view and a
summary page — into one folder.

Files written (``--out``, default ``reports/compare``)
-----------------------------------------------------
tables/*.csv
    documents, editions, unit_matches (suggestions to confirm), unit_loads, unit_changes,
    task_matches, lead_changes — UTF-8 with BOM, formula-safe cells
    (:func:`xialu_graph.export.write_csv`), each written atomically
unit_matches.csv
    the suggestions again at the top of the folder: edit ``confirmed`` (yes/no) and pass the
    file back with ``--matches``
figures/slope_chart.{png,svg,pdf}, figures/networks.{png,svg,pdf}
compare_view.html
    the co-responsibility network, editions switchable (self-contained)
summary.html
    the summary page (self-contained: figures inlined, every document string escaped)
"""

from __future__ import annotations

import base64
import html
import math
from pathlib import Path

import pandas as pd

from ..export import write_csv
from ..files import atomic_write_text
from ..glossary import CONCEPTS, concept, current_language, phrase, pick, term
from ..viz.compare_figures import network_small_multiples, slope_chart
from ..viz.compare_view import compare_view
from ..viz.style import save_figure
from .assumptions import POLICY_LABELS
from .pack import staged_folder

__all__ = ["write_comparison", "summary_html"]


def _write_csv(path, df) -> None:
    write_csv(df, path, encoding="utf-8-sig")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return f"{v:.3f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:g}"
    if v is pd.NA:
        return ""
    return str(v)


def _header(column: str, table: str) -> str:
    """The column's Chinese header (the glossary's one name for it), raw key as tooltip."""
    try:
        t = term(column, table=table)
        shown = t.en if current_language() == "en" else t.zh
    except KeyError:
        shown = column
    return f"<th title=\"{html.escape(column, quote=True)}\">{html.escape(shown)}</th>"


def _table(df, columns=None, max_rows: int = 40, *, table: str = "") -> str:
    cols = list(columns or df.columns)
    out = ["<table><thead><tr>", "".join(_header(str(c), table) for c in cols), "</tr></thead><tbody>"]
    for r in df[cols].head(max_rows).itertuples(index=False):
        out.append("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in r) + "</tr>")
    out.append("</tbody></table>")
    if len(df) > max_rows:
        out.append(f"<p class=note>{html.escape(phrase('compare.more_rows', n=len(df) - max_rows))}</p>")
    return "".join(out)


_CSS = """body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;
margin:24px auto;max-width:1100px;color:#222;font-size:14px;line-height:1.5;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px;margin:6px 0}td,th{border:1px solid #e2e2e2;padding:2px 6px;text-align:left;
vertical-align:top;unicode-bidi:isolate;max-width:360px;overflow-wrap:anywhere}th{background:#f4f4f4}
.note{color:#555;font-size:12px}.warn{background:#fff6e0;border-left:4px solid #E69F00;padding:6px 10px}
img{max-width:100%;border:1px solid #eee}"""


def summary_html(cmp, figures: dict | None = None, *, view_name: str = "compare_view.html") -> str:
    """The summary page as a string: self-contained (figures as data: URIs), escaped.

    Parameters
    ----------
    cmp : Comparison
    figures : dict, optional
        caption → PNG path, inlined as base64.

    Examples
    --------
    >>> from xialu_graph.compare import read_corpus, compare_corpus
    >>> c = read_corpus(["data/raw/huangshigang_2021_excerpt.txt", "data/raw/huangshigang_2022_excerpt.txt"], progress=False)
    >>> page = summary_html(compare_corpus(c))
    >>> page.startswith("<!DOCTYPE html>"), "http://" in page or "https://" in page
    (True, False)
    """
    esc = html.escape
    labels = cmp.labels
    parts = [
        f"<!DOCTYPE html>\n<html lang=\"{'en' if current_language() == 'en' else 'zh-CN'}\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(phrase('compare.title', labels=' / '.join(labels)))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(phrase('compare.heading', labels=' → '.join(labels)))}</h1>",
    ]
    docs = cmp.documents
    excerpts = [lab for lab, tr in zip(docs["label"], docs["truncated"]) if tr]
    if excerpts:
        parts.append(f"<p class=warn>{esc(phrase('compare.excerpts', labels=concept('caveat.kind_sep').join(excerpts)))}</p>")
    mode = getattr(cmp, "collectives", "expand")
    policy = concept(f"policy.{mode}") if f"policy.{mode}" in CONCEPTS else POLICY_LABELS.get(mode, mode)
    parts.append(f"<p class=note>{esc(phrase('compare.policy', policy=policy, mode=mode))}</p>")
    parts.append(f"<h2>{esc(concept('compare.documents'))}</h2>" + _table(docs, ["label", "source", "place", "year", "date", "n_tasks", "n_units", "truncated", "warning_codes"], table="documents"))
    parts.append(f"<h2>{esc(concept('compare.editions'))}</h2>" + _table(cmp.editions, table="editions"))
    if figures:
        for cap, path in figures.items():
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
            parts.append(f"<h2>{esc(cap)}</h2><img alt=\"{esc(cap, quote=True)}\" src=\"data:image/png;base64,{data}\">")
    parts.append(f"<p class=note>{esc(phrase('compare.view_note', name=view_name))}</p>")
    um = cmp.unit_matches
    n_yes = int((um["confirmed"] == "yes").sum()) if len(um) else 0
    parts.append(
        f"<h2>{esc(concept('compare.matches'))}</h2>"
        f"<p class=note>{esc(phrase('compare.matches_note', n_yes=n_yes, n=len(um)))}</p>"
        + _table(um, ["unit_a", "unit_b", "relation", "score", "reason", "canonical", "docs_a", "docs_b", "confirmed"], table="unit_matches")
    )
    ch = cmp.unit_changes
    parts.append(f"<h2>{esc(concept('compare.top_changes'))}</h2>" + _table(ch[ch["status"] == "continued"].head(20), table="unit_changes"))
    parts.append(f"<h2>{esc(concept('compare.new_gone'))}</h2>" + _table(ch[ch["status"] != "continued"], table="unit_changes"))
    parts.append(f"<h2>{esc(concept('compare.lead_changes'))}</h2>" + _table(cmp.lead_changes, table="lead_changes"))
    tm = cmp.task_matches
    parts.append(
        f"<h2>{esc(phrase('compare.task_matches', threshold=f'{cmp.threshold:g}'))}</h2>"
        + _table(tm, ["label_a", "label_b", "task_id_a", "task_id_b", "status", "score", "scope", "best_task", "best_score", "text_a", "text_b", "caveat"], max_rows=60, table="task_matches")
    )
    parts.append(f"<p class=note>{esc(concept('compare.footer'))}</p></body></html>\n")
    return "".join(parts)


def write_comparison(cmp, out, *, figures: bool = True, say=None) -> dict:
    """Write tables, figures, the switchable view and summary.html into ``out``.

    The folder is built beside ``out`` and swapped in when complete (nothing half-written).

    Returns
    -------
    dict
        name → path of every file written.
    """
    say = say or (lambda msg: None)
    final = Path(out)
    with staged_folder(final) as tmp:
        written = _write_comparison(cmp, tmp, figures=figures, say=say)
    return {k: final / Path(v).relative_to(tmp) for k, v in written.items()}


def _write_comparison(cmp, out: Path, *, figures: bool, say) -> dict:
    written: dict = {}
    for name, df in cmp.tables().items():
        p = out / "tables" / f"{name}.csv"
        _write_csv(p, df)
        written[name] = p
    _write_csv(out / "unit_matches.csv", cmp.unit_matches)
    written["unit_matches_to_confirm"] = out / "unit_matches.csv"
    say(f"tables → {out / 'tables'}")
    trunc = {e.label: e.truncated for e in cmp.corpus}
    figs: dict = {}
    if figures:
        labels = pick("；", "; ").join(e.label + (concept("figure.excerpt") if e.truncated else "") for e in cmp.corpus)
        src = "数据来源: " + phrase("figure.compare_source", labels=labels)
        fig = slope_chart(cmp.unit_loads, labels=cmp.labels, source=src)
        paths = save_figure(fig, out / "figures" / "slope_chart")
        figs[concept("figure.slope_title")] = paths[0]
        written["slope_chart"] = paths[0]
        fig = network_small_multiples(cmp.graphs, clusters=cmp.clusters, loads=cmp.unit_loads, seed=cmp.seed, source=src)
        paths = save_figure(fig, out / "figures" / "networks")
        figs[concept("figure.networks_caption")] = paths[0]
        written["networks"] = paths[0]
        say(f"figures → {out / 'figures'}")
    view = compare_view(cmp.graphs, clusters=cmp.clusters, loads=cmp.unit_loads, truncated=trunc, seed=cmp.seed)
    written["compare_view"] = view.save(out / "compare_view.html")
    atomic_write_text(out / "summary.html", summary_html(cmp, figs))
    written["summary"] = out / "summary.html"
    say(f"summary → {out / 'summary.html'}")
    return written
