"""Hypothesis strategies that write documents of the genre, and remember what they wrote.

A generated document is a pair (text, expected) where expected lists, per task, its
number, section number, subsection number, text and (role, unit) pairs, so a test can check
that parsing recovers exactly what was generated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

CN = "一二三四五六七八九十"
WORDS = [
    "推进", "产业", "建设", "完善", "机制", "加快", "项目", "城市", "服务", "改革", "创新", "发展", "生态", "治理",
    "民生", "招商", "园区", "社区", "教育", "医疗", "环境", "安全", "监管", "就业", "养老", "交通", "文化", "旅游",
]
UNITS = [
    "区发改局", "区财政局", "区科信局", "区住保局", "区建设局", "区教育局", "区卫健局", "区民政局", "区人社局",
    "区城管执法局", "区招商服务中心", "区项目办", "区政府办", "区统计局", "区审计局", "下陆公安分局", "下陆税务局",
    "区政务服务和大数据管理局", "区市场监管局", "区文旅局", "区应急管理局", "区司法局", "区金融办",
]
PAREN_UNITS = ["区财政(国资)局", "东街办(工业新区)"]
PAREN_RESOLVED = {"区财政(国资)局": "区财政局", "东街办(工业新区)": "东街办"}


@dataclass
class GenTask:
    number: int
    section_no: str
    subsection_no: str
    text: str
    pairs: list = field(default_factory=list)  # (role, canonical unit)


@st.composite
def sentence(draw):
    n = draw(st.integers(2, 6))
    parts = []
    for _ in range(n):
        k = draw(st.integers(1, 3))
        parts.append("".join(draw(st.sampled_from(WORDS)) for _ in range(k)))
    return ",".join(parts)


@st.composite
def assignment(draw, allow_paren_units=True):
    pool = UNITS + (PAREN_UNITS if allow_paren_units else [])
    units = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))
    resolved = [PAREN_RESOLVED.get(u, u) for u in units]
    if len(set(resolved)) != len(resolved):
        units = [u for u in units if u not in PAREN_UNITS]
        resolved = units[:]
    has_lead = draw(st.booleans()) and len(units) >= 2
    n_lead = draw(st.integers(1, min(2, len(units) - 1))) if has_lead else 0
    fw = draw(st.booleans())
    colon = "：" if fw else ":"
    semi = draw(st.sampled_from(["；", ";"] if fw else [";", "；"]))
    sep = draw(st.sampled_from(["、", "、", ",", "，"])) if not fw else draw(st.sampled_from(["、", "，"]))
    leads, rest = units[:n_lead], units[n_lead:]
    if has_lead:
        content = f"牵头单位{colon}{sep.join(leads)}{semi}责任单位{colon}{sep.join(rest)}"
        pairs = [("lead", PAREN_RESOLVED.get(u, u)) for u in leads] + [("support", PAREN_RESOLVED.get(u, u)) for u in rest]
    else:
        content = f"责任单位{colon}{sep.join(units)}"
        pairs = [("responsible", PAREN_RESOLVED.get(u, u)) for u in units]
    has_paren = any("(" in u for u in units)
    brackets = [("[", "]"), ("【", "】"), ("［", "］")] + ([] if has_paren else [("(", ")"), ("（", "）")])
    o, c = draw(st.sampled_from(brackets))
    return f"{o}{content}{c}", pairs


@st.composite
def document(draw):
    """(text, [GenTask]) for a document of sections, subsections and tasks."""
    lines = ["名 称: 区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知", "", "2020年区政府重点工作责任分解"]
    number_style = draw(st.sampled_from(["、", ".", "．"]))
    tasks: list[GenTask] = []
    n = 0
    n_sections = draw(st.integers(1, 4))
    for s in range(n_sections):
        sno = CN[s]
        lines.append(f"{sno}、{draw(sentence())}")
        n_sub = draw(st.integers(0, 3))
        groups = [""] if n_sub == 0 else [CN[i] for i in range(n_sub)]
        for sub in groups:
            if sub:
                paren = draw(st.sampled_from([("(", ")"), ("（", "）")]))
                lines.append(f"{paren[0]}{sub}{paren[1]}{draw(sentence())}")
            for _ in range(draw(st.integers(1, 4))):
                n += 1
                text = draw(sentence())
                bracket, pairs = draw(assignment())
                stop = draw(st.sampled_from(["before", "after", "none"]))
                if stop == "before":
                    body, expected_text = f"{text}。{bracket}", f"{text}。"
                elif stop == "after":
                    body, expected_text = f"{text}{bracket}。", f"{text}。"
                else:
                    body, expected_text = f"{text}{bracket}", text
                first = f"{n}{number_style}{body}"
                # a line break inside the item text (never inside the bracket)
                cut_max = len(str(n)) + 1 + len(text)
                if draw(st.booleans()) and cut_max - (len(str(n)) + 2) > 1:
                    cut = draw(st.integers(len(str(n)) + 2, cut_max - 1))
                    if first[cut] not in ",，" and first[cut - 1] not in ",，":
                        lines.append(first[:cut])
                        lines.append(first[cut:])
                    else:
                        lines.append(first)
                else:
                    lines.append(first)
                if draw(st.integers(0, 4)) == 0:
                    lines.append("")
                tasks.append(GenTask(n, sno, sub, expected_text, pairs))
    return "\n".join(lines) + "\n", tasks
