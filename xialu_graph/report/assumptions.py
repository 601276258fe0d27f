"""What each headline number of the briefing assumes and how sure it is, as plain data.

The collective policy in one sentence (and why the top units are where they are), the Gini
and top-5 share with their task-bootstrap intervals, the sensitivity table (one row per
collective policy), the co-responsibility pairs that beat the null model, and the
responsibility checks with task number, text and units. :func:`xialu_graph.report.findings`
merges these into the findings shared by report.html, report.md and report.docx; the methods
are in ``docs/methods.md``.
"""

from __future__ import annotations

from ..analysis import Analysis
from ..glossary import CONCEPTS, concept, current_language

__all__ = [
    "POLICY_LABELS",
    "SENSITIVITY_HEADERS",
    "BACKBONE_HEADERS",
    "CHECK_HEADERS",
    "headers",
    "policy_label",
    "collective_tasks",
    "policy_text",
    "with_interval",
    "sensitivity_rows",
    "backbone_summary",
    "responsibility_lists",
    "assumptions",
]

POLICY_LABELS = {
    "expand": "展开到成员",
    "keep": "作为一个单位",
    "drop": "不计入",
    "share": "按成员分摊",
}
"""The collective policies (``xialu_graph.graph.COLLECTIVE_MODES``) as the reader sees them."""

SENSITIVITY_HEADERS = ["集合单位口径", "排名单位数", "基尼系数（95% 置信区间）", "前5名占比（95% 置信区间）", "工作量最重的5个单位"]
BACKBONE_HEADERS = ["单位甲", "单位乙", "共同任务", "随机预期", "q 值"]
CHECK_HEADERS = ["任务", "任务内容", "责任单位（按原文顺序）"]

_HEADERS_EN = {
    "sensitivity": ["Collective policy", "Units ranked", "Gini (95% CI)", "Top-5 share (95% CI)", "Five heaviest units"],
    "backbone": ["Unit A", "Unit B", "Shared tasks", "Expected by chance", "q value"],
    "check": ["Task", "Task text", "Units (document order)"],
}


def headers(table: str) -> list:
    """Headers of the ``sensitivity``, ``backbone`` or ``check`` table in the current language.

    Examples
    --------
    >>> headers("backbone")[-1]
    'q 值'
    """
    if current_language() == "en":
        return list(_HEADERS_EN[table])
    return list({"sensitivity": SENSITIVITY_HEADERS, "backbone": BACKBONE_HEADERS, "check": CHECK_HEADERS}[table])


def policy_label(mode: str) -> str:
    """The collective policy as the reader sees it, in the current language.

    Examples
    --------
    >>> policy_label("share")
    '按成员分摊'
    """
    return concept(f"policy.{mode}") if f"policy.{mode}" in CONCEPTS else mode


def collective_tasks(doc) -> dict:
    """Collective name → number of tasks that name it, from the document (any policy).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:各街办(新区)]\\n", place="下陆区")
    >>> collective_tasks(doc)
    {'各街办(新区)': 1}
    """
    out: dict = {}
    for t in doc.tasks:
        names = {a.via for a in t.assignments if a.via}
        names |= {a.unit for a in t.assignments if not a.via and a.unit_kind == "collective"}
        for n in names:
            out[n] = out.get(n, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def with_interval(est: float, lo: float, hi: float, *, percent: bool = False, level: float = 0.95) -> str:
    """A figure with its interval, the way the briefing writes it.

    Examples
    --------
    >>> with_interval(0.5985, 0.586, 0.651)
    '0.60（95% 置信区间 0.59–0.65）'
    >>> with_interval(0.4946, 0.4625, 0.5329, percent=True)
    '49%（95% 置信区间 46%–53%）'
    """
    f = (lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:.2f}")
    if lo != lo or hi != hi:
        return f(est)
    if current_language() == "en":
        return f"{f(est)} ({level:.0%} CI {f(lo)}–{f(hi)})"
    return f"{f(est)}（{level:.0%} 置信区间 {f(lo)}–{f(hi)}）"


def policy_text(data: Analysis) -> str:
    """One paragraph: the collective policy used, what it does to the named collectives, and
    why the heaviest units are at the top (from the sensitivity table)."""
    mode = data.collectives
    counts = collective_tasks(data.doc)
    G = data.G
    if current_language() == "en":
        return _policy_text_en(data, mode, counts, G)
    label = POLICY_LABELS.get(mode, mode)
    top = data.top_units[:5]
    sens = data.sensitivity
    alt = {}
    if sens is not None and len(sens):
        alt = {r.collectives: str(r.top_units).split("、") for r in sens.itertuples(index=False)}

    def n_of(names):
        return "、".join(f"{c}（{counts.get(c, 0)} 项任务）" for c in names)

    if mode in ("expand", "share"):
        expanded = list(G.graph.get("collectives_expanded", []))
        unexpanded = sorted(G.graph.get("collectives_unexpanded", []), key=lambda c: (-counts.get(c, 0), c))
        how = "每个成员各计一次全部任务" if mode == "expand" else "每个成员分摊 1/成员数 项任务，集合单位合计一项"
        s = f"集合单位口径：{label}（{mode}）。成员已知的集合单位{n_of(expanded) or '（无）'}按成员计算，{how}。"
        if unexpanded:
            s += (f"成员未知的 {len(unexpanded)} 个集合单位（如 {n_of(unexpanded[:2])}）无法落到具体单位，"
                  "另列，不计入排名和基尼系数。")
    elif mode == "keep":
        colls = sorted(counts, key=lambda c: (-counts[c], c))
        s = (f"集合单位口径：{label}（keep）。{len(colls)} 个集合单位（如 {n_of(colls[:2])}）各作为一个节点，"
             "不拆分到成员；集合单位另列，不计入排名和基尼系数。")
    else:
        s = (f"集合单位口径：{label}（drop）。{len(counts)} 个集合单位及经由它们的分工都不计入；"
             "只由集合单位承担的任务没有责任单位。")
    # why the top units are at the top
    members: dict = {}
    for u, t, d in G.edges(data=True):
        if d.get("via"):
            unit = u if G.nodes[u].get("bipartite") == 0 else t
            members.setdefault(G.nodes[unit].get("label", unit), d["via"])
    via_top = [u for u in top if u in members]
    if via_top and mode == "expand":
        c = members[via_top[0]]
        s += (f"{'、'.join(via_top)}排在前列，是因为“{c}”出现在 {counts.get(c, 0)} 项任务中，"
              f"展开后每个成员各计一次。")
        for m in ("share", "keep"):
            first = [u for u in alt.get(m, []) if u not in counts]
            if first:
                s += f"若按“{POLICY_LABELS[m]}”（{m}）计算，工作量最重的是{first[0]}（见口径对比表）。"
                break
    elif top:
        s += f"此口径下工作量最重的是 {top[0]}。"
    return s


def _policy_text_en(data: Analysis, mode: str, counts: dict, G) -> str:
    label = policy_label(mode)

    def n_of(names):
        return "、".join(f"{c} ({counts.get(c, 0)} tasks)" for c in names)

    if mode in ("expand", "share"):
        expanded = list(G.graph.get("collectives_expanded", []))
        unexpanded = sorted(G.graph.get("collectives_unexpanded", []), key=lambda c: (-counts.get(c, 0), c))
        how = ("each member counts every task once" if mode == "expand"
               else "each member counts 1/(number of members) of each task, the collective one task in all")
        s = f"Collectives: {label} ({mode}). Collectives with known members, {n_of(expanded) or '(none)'}, count through their members: {how}."
        if unexpanded:
            s += (f" {len(unexpanded)} collective(s) with unknown members (such as {n_of(unexpanded[:2])}) cannot be "
                  "placed on units; they are listed apart and left out of the ranking and the Gini.")
    elif mode == "keep":
        colls = sorted(counts, key=lambda c: (-counts[c], c))
        s = (f"Collectives: {label} (keep). {len(colls)} collective(s) (such as {n_of(colls[:2])}) are one node each, not "
             "split into members; they are listed apart and left out of the ranking and the Gini.")
    else:
        s = (f"Collectives: {label} (drop). {len(counts)} collective(s) and the assignments through them are not "
             "counted; tasks given to collectives only have no unit.")
    top = data.top_units[:5]
    if top:
        s += f" Under this policy the heaviest unit is {top[0]}."
    return s


def sensitivity_rows(data: Analysis) -> list:
    """Rows of the sensitivity table as lists of display strings (``SENSITIVITY_HEADERS``);
    the policy of the analysis is marked 「本报告」."""
    rows = []
    s = data.sensitivity
    if s is None:
        return rows
    for r in s.itertuples(index=False):
        en = current_language() == "en"
        mark = (" (this report)" if en else "（本报告）") if r.collectives == data.collectives else ""
        if mark and bool(r.collectives_ranked):  # the analysis itself ranks units without collectives
            mark = " (this report's policy; collectives ranked in this row)" if en else "（本报告口径；此行集合单位参与排名）"
        rows.append([
            (f"{policy_label(r.collectives)} ({r.collectives}){mark}" if en
             else f"{POLICY_LABELS.get(r.collectives, r.collectives)}（{r.collectives}）{mark}"),
            str(int(r.n_units)) + ((" (with collectives)" if en else "（含集合单位）") if bool(r.collectives_ranked) else ""),
            with_interval(float(r.gini), float(r.gini_ci_low), float(r.gini_ci_high)),
            with_interval(float(r.top5_share), float(r.top5_ci_low), float(r.top5_ci_high), percent=True),
            str(r.top_units),
        ])
    return rows


def backbone_summary(data: Analysis, *, top: int = 10) -> dict:
    """The backbone in numbers and one sentence.

    Keys: ``alpha``, ``n_tested`` (unit pairs tested), ``n_sharing`` (pairs sharing at least one
    task), ``n_significant``, ``pairs`` (up to ``top`` significant pairs as display rows,
    ``BACKBONE_HEADERS``), ``text``.
    """
    bb = data.backbone
    a = bb.attrs
    alpha = float(a.get("alpha", float("nan")))
    n_t, n_s, n_sig = int(a.get("n_pairs_tested", 0)), int(len(bb)), int(a.get("n_significant", 0))
    sig = bb[bb["significant"].astype(bool)].head(top)
    pairs = [[r.unit_a, r.unit_b, str(int(r.observed)), f"{float(r.expected):.1f}", f"{float(r.q_value):.3f}"]
             for r in sig.itertuples(index=False)]
    if current_language() == "en":
        text = (f"Under a null model that keeps every unit's and every task's number of tasks (stochastic degree sequence "
                f"model, SDSM), all {n_t} unit pairs were tested ({n_s} of them share at least one task), with the false "
                f"discovery rate (Benjamini–Hochberg) at {alpha:.0%}: ")
        if n_sig:
            text += (f"only {n_sig} pair(s) share significantly more tasks than chance: "
                     + "、".join(f"{p[0]}—{p[1]}" for p in pairs[:5]) + (" and others" if n_sig > 5 else "")
                     + ". The other shared responsibilities are explained by how many tasks each unit has and do not "
                     "show a particular collaboration.")
        else:
            text += ("no pair shares significantly more tasks than chance: every shared responsibility is explained by "
                     "how many tasks each unit has.")
        return dict(alpha=alpha, n_tested=n_t, n_sharing=n_s, n_significant=n_sig, pairs=pairs, text=text)
    text = (f"在保持每个单位、每项任务的任务数不变的随机模型（随机度序列模型 SDSM）下，"
            f"检验全部 {n_t} 对单位（其中 {n_s} 对至少共同承担一项任务），控制错误发现率（Benjamini–Hochberg）"
            f"在 {alpha:.0%}，")
    if n_sig:
        text += (f"只有 {n_sig} 对单位共同承担的任务显著多于随机：" + "、".join(f"{p[0]}—{p[1]}" for p in pairs[:5])
                 + ("等" if n_sig > 5 else "") + "。其余共同责任关系可由各单位的任务多少解释，并不说明它们特别协作。")
    else:
        text += "没有一对单位共同承担的任务显著多于随机：共同责任关系都可由各单位的任务多少解释。"
    return dict(alpha=alpha, n_tested=n_t, n_sharing=n_s, n_significant=n_sig, pairs=pairs, text=text)


def responsibility_lists(data: Analysis) -> list:
    """The responsibility checks grouped by check: a list of (label, rows), rows being
    [task number, task text, units in document order] in task order."""
    r = data.checks
    out = []
    if r is None or not len(r):
        return out
    for check in dict.fromkeys(r["check"]):
        sub = r[r["check"] == check]
        label = str(sub["label"].iloc[0])
        if current_language() == "en" and f"check.{check}" in CONCEPTS:
            label = concept(f"check.{check}")
        task = "Task " if current_language() == "en" else "任务"
        out.append((label, [[f"{task}{x.task_id}", str(x.task_text), str(x.units)] for x in sub.itertuples(index=False)]))
    return out


def assumptions(data: Analysis) -> dict:
    """Everything of this module for one analysis.

    Keys: ``collectives``, ``policy_label``, ``policy_text``, ``gini_ci`` (low, high),
    ``gini_with_ci``, ``top5_ci``, ``top5_with_ci``, ``n_boot``, ``gini_corrected``,
    ``sensitivity`` (rows), ``backbone`` (:func:`backbone_summary`), ``responsibility``
    (:func:`responsibility_lists`).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.analysis import analyse
    >>> a = analyse(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"), n_boot=50)
    >>> f = assumptions(a)
    >>> f["policy_label"], f["gini_with_ci"], f["backbone"]["n_tested"]
    ('展开到成员', '0.17（95% 置信区间 0.17–0.17）', 1)
    """
    ci = data.balance_ci.set_index("measure")
    g, t5 = ci.loc["gini"], ci.loc["top5_share"]
    lvl = float(data.balance_ci.attrs.get("level", 0.95))
    return dict(
        collectives=data.collectives,
        policy_label=policy_label(data.collectives),
        policy_text=policy_text(data),
        gini_ci=(float(g["ci_low"]), float(g["ci_high"])),
        gini_with_ci=with_interval(float(g["estimate"]), float(g["ci_low"]), float(g["ci_high"]), level=lvl),
        top5_ci=(float(t5["ci_low"]), float(t5["ci_high"])),
        top5_with_ci=with_interval(float(t5["estimate"]), float(t5["ci_low"]), float(t5["ci_high"]), percent=True,
                                   level=lvl),
        gini_corrected=float(ci.loc["gini_corrected", "estimate"]),
        n_boot=int(data.balance_ci.attrs.get("n_boot", 0)),
        sensitivity=sensitivity_rows(data),
        backbone=backbone_summary(data),
        responsibility=responsibility_lists(data),
    )
