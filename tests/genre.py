"""Hypothesis strategies that write documents of the genre, and remember what they wrote.

A generated document is a pair (text, expected) where expected lists, per task, its
number, section number, subsection number, text and (role, unit) pairs, so a test can check
that parsing recovers exactly what was generated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

import xialu_graph as xg
from xialu_graph.parse.lines import nth
from genre_transforms import wrap_cell

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


LEAD_LABELS = ["牵头单位", "牵头责任单位", "主办单位"]  # 主要责任单位 is responsible (CONVENTIONS.md)
SUPPORT_LABELS = ["责任单位", "配合单位", "协同责任单位", "协办单位", "参与单位"]
PEOPLE = ["洪金虎", "张三", "李明", "王强"]
PERSON_LABELS = ["责任领导", "分管领导", "牵头负责领导", "责任人"]
MARKS = {
    "arabic_dun": lambda n: f"{n}、",
    "arabic_dot": lambda n: f"{n}.",
    "arabic_fw_dot": lambda n: f"{n}．",
    "paren": lambda n: f"({n})",
    "fw_paren": lambda n: f"（{n}）",
    "circled": lambda n: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[n - 1],
    "paren_digit": lambda n: "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"[n - 1],
    "arabic_close": lambda n: f"{n}）",
}


@st.composite
def rich_assignment(draw):
    """An assignment in one of the genre's ways of writing it.

    Returns (lines_after_text, bracket_or_empty, pairs, people).
    """
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=5, unique=True))
    n_lead = draw(st.integers(0, min(2, len(units) - 1)))
    leads, rest = units[:n_lead], units[n_lead:]
    fw = draw(st.booleans())
    colon, semi = ("：", "；") if fw else (":", ";")
    seps = ["、", "，", ",", "；"] if fw else ["、", ",", ";"]
    people = draw(st.lists(st.sampled_from(PEOPLE), max_size=1, unique=True))
    person_label = draw(st.sampled_from(PERSON_LABELS))

    def join(names):
        out = names[0]
        for n in names[1:]:
            out += draw(st.sampled_from(seps)) + n
        return out

    style = draw(st.sampled_from(["labels", "label_lines", "unlabeled"] if leads else ["labels", "label_lines"]))
    if leads:
        pairs = [("lead", u) for u in leads] + [("support", u) for u in rest]
    else:
        pairs = [("responsible", u) for u in units]
    if style == "unlabeled":
        content = f"{join(leads)}牵头,{join(rest)}{draw(st.sampled_from(['配合', '按职责分工负责', '协助']))}"
        people = []
    else:
        parts = []
        if people and draw(st.booleans()):
            parts.append(f"{person_label}{colon}{people[0]}")
        if leads:
            parts.append(f"{draw(st.sampled_from(LEAD_LABELS))}{colon}{join(leads)}")
            parts.append(f"{draw(st.sampled_from(SUPPORT_LABELS))}{colon}{join(rest)}")
        else:
            parts.append(f"责任单位{colon}{join(units)}")
        if people and not parts[0].startswith(person_label):
            parts.append(f"{person_label}{colon}{people[0]}")
        if style == "label_lines":
            blank = draw(st.booleans())
            lines = []
            for p in parts:
                lines.append(p)
                if blank:
                    lines.append("")
            return lines, "", pairs, [(person_label, p) for p in people]
        content = semi.join(parts)
    o, c = draw(st.sampled_from([("[", "]"), ("【", "】"), ("(", ")"), ("（", "）")]))
    return [], f"{o}{content}{c}", pairs, [(person_label, p) for p in people]


@st.composite
def rich_document(draw):
    """A document in the genre's other formats: (text, [GenTask]); each GenTask has
    ``task_id`` and ``people`` too. Numbering may restart in each section."""
    mark = MARKS[draw(st.sampled_from(sorted(MARKS)))]
    restart = draw(st.booleans())
    lines = ["关于印发2022年区政府重点工作分解意见的通知", "2022年区政府重点工作分解意见"]
    tasks = []
    n = 0
    for s in range(draw(st.integers(1, 3))):
        sno = CN[s]
        heading = draw(st.sampled_from(["{}、", "第{}部分 "]))
        lines.append(heading.format(sno) + draw(sentence()))
        if restart:
            n = 0
        for _ in range(draw(st.integers(1, 4))):
            n += 1
            text = draw(sentence()) + "。"
            after, bracket, pairs, people = draw(rich_assignment())
            lines.append(f"{mark(n)}{text}{bracket}")
            lines.extend(after)
            if draw(st.booleans()):
                lines.append("")
            g = GenTask(n, sno, "", text, pairs)
            g.people = people
            tasks.append(g)
    restarted = restart and len({t.section_no for t in tasks}) > 1
    for t in tasks:
        t.task_id = f"{t.section_no}-{t.number}" if restarted else str(t.number)
    return "\n".join(lines) + "\n", tasks


# ---------------------------------------------------------------- issue 12: the genre's other layouts
# Layouts and grammar met in real documents of other governments (tests/genre): a whole body on
# one line, one table cell per line (letter-spaced headers, a trailing cell pipe), pipe tables,
# labels inline after the sentence, role words 主办/协办/牵头落实/按职责分工负责/负责部门, the
# lead-by-position rule in several wordings, list tails 等 / 等有关部门, collectives that contain 、,
# top-level 一、 numbering the tasks, traditional characters. Expected pairs are (role, name as
# written), compared with the parse's raw assignments.

TRAD = str.maketrans("区发财务责单头牵协办县卫设负与参导领", "區發財務責單頭牽協辦縣衛設負與參導領")
COLLECTIVE_DUN = "各县、区人民政府"
RULES = [
    "列第一位者为牵头单位",
    "排在第一位的部门为牵头部门",
    "责任单位中排序第一的单位为牵头单位",
    "第一责任单位为牵头单位",
]


@st.composite
def genre_assignment(draw, rule: bool):
    """(how it is written, pairs): labels with the newer words, role suffixes, or (when the document
    states the lead-by-position rule) a bare list."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True))
    n_lead = draw(st.integers(0, min(2, len(units) - 1)))
    leads, rest = units[:n_lead], units[n_lead:]
    if draw(st.booleans()) and (leads or len(rest) > 1):
        rest = rest + [COLLECTIVE_DUN]
    tail = draw(st.sampled_from(["", "", "等", "等有关部门"]))
    written_rest = rest[:-1] + [rest[-1] + tail] if tail and rest[-1] != COLLECTIVE_DUN else rest
    sep = draw(st.sampled_from(["、", "，"]))
    if leads:
        pairs = [("lead", u) for u in leads] + [("support", u) for u in rest]
        kind = draw(st.sampled_from(["labels", "suffix_zhuban", "suffix_luoshi", "suffix_fengong"]))
        if kind == "labels":
            lw = draw(st.sampled_from(["主办单位", "牵头单位", "牵头部门"]))
            sw = draw(st.sampled_from(["协办单位", "参与单位", "配合单位", "责任单位"]))
            text = f"{lw}:{'、'.join(leads)};{sw}:{'、'.join(written_rest)}"
        elif kind == "suffix_zhuban":
            text = f"{'、'.join(leads)}主办{sep}{'、'.join(written_rest)}协办"
        elif kind == "suffix_luoshi":
            text = f"{'、'.join(leads)}牵头落实{sep}{'、'.join(written_rest)}负责落实"
        else:
            text = f"{'、'.join(leads)}牵头{sep}{'、'.join(written_rest)}按职责分工负责"
        return "labels" if kind == "labels" else "suffix", text, pairs
    if rule and len(rest) > 1:  # the stated rule: the first listed unit leads, however written
        pairs = [("lead", rest[0])] + [("support", u) for u in rest[1:]]
        if draw(st.booleans()):
            return "bare", "、".join(written_rest), pairs
    else:
        pairs = [("responsible", u) for u in rest]
    if draw(st.booleans()):
        lw = draw(st.sampled_from(["负责部门", "责任单位"]))
        if rule and len(rest) == 1:  # the one unit listed after the rule is the first listed (下同)
            pairs = [("lead", rest[0])]
        return "labels", f"{lw}:{'、'.join(written_rest)}", pairs
    return "suffix", f"{'、'.join(written_rest)}负责", pairs


@st.composite
def genre_document(draw):
    """(text, [GenTask]) in one of the layouts of issue 12; each GenTask has ``task_id`` and
    ``raw_pairs`` (role, name as written)."""
    layout = draw(st.sampled_from(["lines", "one_line", "flat_table", "pipe_table", "cn_top"]))
    rule = draw(st.booleans()) and layout in ("lines", "one_line", "cn_top")
    trad = draw(st.booleans())
    notice = ["各单位:", "现将重点工作分解如下" + (f",{draw(st.sampled_from(RULES))}" if rule else "") + ",请认真落实。"]
    tasks: list[GenTask] = []
    body: list[str] = []
    n_tasks = draw(st.integers(1, 6))
    if layout in ("flat_table", "pipe_table"):
        spaced = draw(st.booleans())
        pipe_cells = layout == "flat_table" and draw(st.booleans())
        lead_w = draw(st.sampled_from(["牵头单位", "主办单位", "牵头部门"]))
        sup_w = draw(st.sampled_from(["责任单位", "协办单位", "配合单位", "参与单位"]))
        header = ["序号", draw(st.sampled_from(["重点工作", "工作任务", "事项"])), lead_w, sup_w]
        if spaced:
            header = [h if h == "序号" else " ".join(h) for h in header]
        if layout == "pipe_table":
            body.append(" | ".join(header))
        else:
            body.extend(h + (" |" if pipe_cells else "") for h in header)
        for n in range(1, n_tasks + 1):
            units = draw(st.lists(st.sampled_from(UNITS), min_size=2, max_size=4, unique=True))
            leads, rest = units[:1], units[1:]
            text = draw(sentence()) + "。"
            row = [str(n), text, "、".join(leads), "、".join(rest)]
            if layout == "pipe_table":
                body.append(" | ".join(row))
            else:
                body.extend(c + (" |" if pipe_cells else "") for c in row)
            g = GenTask(n, "", "", text, [])
            g.raw_pairs = [("lead", u) for u in leads] + [("support", u) for u in rest]
            g.task_id = str(n)
            tasks.append(g)
    else:
        n_sections = 1 if layout == "cn_top" else draw(st.integers(1, 3))
        n = 0
        for s in range(n_sections):
            if layout != "cn_top":
                body.append(f"{CN[s]}、{draw(sentence())}")
            for _ in range(n_tasks if layout == "cn_top" else draw(st.integers(1, 3))):
                n += 1
                text = draw(sentence()) + "。"
                kind, written, pairs = draw(genre_assignment(rule))
                inline = kind == "labels" and layout != "cn_top" and draw(st.booleans())
                assignment = f"{written}。" if inline else "(" + written + ")"
                mark = f"{CN[n - 1]}、" if layout == "cn_top" else draw(st.sampled_from([f"{n}.", f"{n}、"]))
                body.append(f"{mark}{text}{assignment}")
                g = GenTask(n, "" if layout == "cn_top" else CN[s], "", text, [])
                g.raw_pairs = pairs
                g.task_id = CN[n - 1] if layout == "cn_top" else str(n)
                tasks.append(g)
        if layout == "one_line":
            body = [draw(st.sampled_from([" ", ""])).join(body)] if all(b.endswith(")") for b in body[:-1]) else [" ".join(body)]
    text = "\n".join(notice + body) + "\n"
    if trad:
        text = text.translate(TRAD)
        for g in tasks:
            g.raw_pairs = [(r, u.translate(TRAD)) for r, u in g.raw_pairs]
    return text, tasks


# ---------------------------------------------------------------- tables as web pages and PDFs print them
# Tables copied from a web page or a PDF (tests/genre: chizhou, xiangshan, huaiyuan, jiangmen,
# zhongshan, jishui): a header that may name no number column (工作任务 | 具体要求 | 责任科室 |
# 完成时限), its words letter-spaced or broken over two lines; group cells (一、… or a short
# title) that span rows and are printed only on the group's first row; one cell per line with
# `|`-only lines, blank lines or a trailing cell pipe between cells, or one row per line with
# pipes; task cells that carry their number (1.主动公开…), several of them sharing one unit cell;
# a persons column; a deadline column. Expected pairs are (role, name as written).

TASK_WORDS = ["具体要求", "具体工作要求", "工作任务", "重点任务", "具体工作任务和要求"]
UNIT_WORDS = ["责任单位", "责任科室", "责任部门", "落实科室(部门)", "负责单位"]
DEADLINES = ["年底前", "持续推进", "6月底前", "长期坚持"]
PERSONS = ["张三", "李四", "王五"]


def _spaced(draw, word: str) -> list[str]:
    """A header word as printed: whole, letter-spaced, or broken over two lines."""
    how = draw(st.sampled_from(["whole", "whole", "spaced", "split"]))
    if how == "spaced":
        return [" ".join(word)]
    if how == "split" and len(word) == 4:
        return [word[:2], word[2:]]
    return [word]


@st.composite
def table_document(draw):
    """(text, [GenTask]): a table as a web page or PDF copy prints it; each GenTask has
    ``task_id`` and ``raw_pairs``."""
    flat = draw(st.booleans())
    numbered_text = draw(st.booleans())  # the task cell carries the number; no number column
    has_number_col = not numbered_text and draw(st.booleans())
    grouped = draw(st.booleans())
    with_lead = draw(st.booleans())
    person = draw(st.booleans()) and not numbered_text
    deadline = draw(st.booleans())
    share = flat and numbered_text and draw(st.booleans())  # items sharing one unit cell
    # a header word read by the column word it contains: pipe headers only (a line of a flat header
    # must be a column word itself)
    task_w = draw(st.sampled_from(TASK_WORDS if not flat else TASK_WORDS[:-1]))
    unit_w = draw(st.sampled_from(UNIT_WORDS))
    header = (["序号"] if has_number_col else []) + (["工作任务"] if grouped and not has_number_col else [])
    if grouped and has_number_col:
        header = ["序号", "类别"]
    header.append(task_w if task_w != "工作任务" or not grouped else "具体要求")
    if with_lead:
        header.append("牵头单位")
    header.append(unit_w)
    if person:
        header.append("责任领导")
    if len(header) < 3 - deadline:
        header.append("时限要求")  # a header of fewer than three cells is not read as one
        deadline = True
    elif deadline:
        header.append("完成时限")
    sep = draw(st.sampled_from(["", "|", "blank", "trailing"]))  # between cells of a flat table
    # rows of one width printed with each cell after the first behind a pipe on its own line and a
    # `|` line closing the row (`新乡县` / `| 5.2` / `| 新乡县政府` / `|`, parse/prefixed.py)
    prefixed = flat and not grouped and not share and not numbered_text and draw(st.booleans())

    def cells_out(cells: list[str]) -> list[str]:
        if not flat:
            return [" | ".join(cells)]
        if prefixed:
            return [cells[0]] + [f"| {c}" for c in cells[1:]] + ["|"]
        out = []
        for c in cells:
            out.append(c + " |" if sep == "trailing" else c)
            if sep == "|":
                out.append("|")
            elif sep == "blank":
                out.append("")
        return out

    lines = ["关于印发2025年政务公开工作要点分工方案的通知", "各科室:", "现将分工方案印发给你们,请认真落实。", ""]
    head: list[str] = []
    for h in header:
        head.extend(_spaced(draw, h) if flat and h != "序号" and not prefixed else [h])
    if flat:
        lines.extend(cells_out(head))
    else:
        lines.append(" | ".join(header))
    tasks: list[GenTask] = []
    n = 0
    for gi in range(draw(st.integers(1, 3))):
        group = f"{CN[gi]}、{draw(sentence())}" if draw(st.booleans()) else draw(sentence())[:10]
        rows = draw(st.integers(1, 3))
        units_of = [draw(st.lists(st.sampled_from(UNITS), min_size=2 if with_lead else 1, max_size=3, unique=True))
                    for _ in range(rows)]
        # an item printed with only its task cell shares the cells printed after the next item
        joined = [share and r < rows - 1 and draw(st.booleans()) for r in range(rows)]
        for r in range(rows - 2, -1, -1):
            if joined[r]:
                units_of[r] = units_of[r + 1]
        for r in range(rows):
            n += 1
            text = draw(sentence()) + "。"
            units = units_of[r]
            leads, rest = (units[:1], units[1:]) if with_lead else ([], units)
            row: list[str] = []
            if grouped and not has_number_col:
                row.append(group if r == 0 else "")
            if has_number_col:
                row.append(str(n))
                if grouped:
                    row.append(group if r == 0 else "")
            elif not numbered_text:
                row.append(str(n))
            row.append(f"{n}.{text}" if numbered_text else text)
            if not joined[r]:
                if with_lead:
                    row.append("、".join(leads))
                row.append("、".join(rest))
                if person:
                    row.append(draw(st.sampled_from(PERSONS)))
                if deadline:
                    row.append(draw(st.sampled_from(DEADLINES)))
            g = GenTask(n, "", "", text, [])
            g.raw_pairs = [("lead", u) for u in leads] + [("support" if with_lead else "responsible", u) for u in rest]
            g.task_id = str(n)
            tasks.append(g)
            if flat:
                lines.extend(cells_out([c for c in row if c]))  # a spanning cell is not printed at all
            elif grouped and not has_number_col and r > 0:
                # the row starts with its number; its missing group cell shows as a trailing empty cell
                lines.append(" | ".join(row[1:]) + " |")
            else:
                lines.append(" | ".join(row))
    return "\n".join(lines) + "\n", tasks
# ---------------------------------------------------------------- issue 12: grammar, prose and heading forms
# Forms read through data/grammar/ (headings.csv, prose.csv, synonyms.csv) and the list grammar:
# group headings that name the lead (X牵头的工作) and a person (张三区长负责的工作), a group heading
# over one paragraph that is itself the task, 协同单位 label lines, a unit heading over targets
# numbered afresh (凤台县政府 / 1. 2. …), State Council prose (由X会同Y、Z等部门研究提出落实意见),
# sub-items (1)…(n) before one bracket for the whole task, spun role words (X牵头卖力), 会同 inside a
# bracket, collectives holding brackets (各市(县)、区政府) and level tails (等省直有关部门).

GOVS = ["凤台县政府", "大通区政府", "田家庵区政府", "谢家集区政府", "八公山区政府", "潘集区政府"]
OFFICIALS = [("孟学农", "省长"), ("薛延忠", "常务副省长"), ("张三", "副省长"), ("李明", "区长")]
COLLECTIVE_PAREN = "各市(县)、区政府"


def _expected_ids(tasks: list) -> None:
    """Ids as docs/formats.md describes them: per section (一-1) when numbering restarts per
    section, per subsection (一(三)-1) when it restarts inside a section; a group heading that is
    itself a task is numbered among its section's groups."""
    def group(t):
        return (t.section_no, "" if t.own_group else t.subsection_no)

    sec = any(t.number == 1 and i and tasks[i - 1].section_no != t.section_no for i, t in enumerate(tasks))
    sub = any(t.number == 1 and i and tasks[i - 1].section_no == t.section_no and group(tasks[i - 1]) != group(t)
              for i, t in enumerate(tasks))
    used: dict = {}
    for t in tasks:
        tid = f"{t.section_no}-{t.number}" if sec else str(t.number)
        if sub and t.subsection_no and not t.own_group:
            tid = f"{t.section_no if sec else ''}({t.subsection_no})-{t.number}"
        used[tid] = used.get(tid, 0) + 1
        t.task_id = tid if used[tid] == 1 else f"{tid}#{nth(used[tid])}"  # the same number twice in a group


@st.composite
def grammar_bracket(draw):
    """(bracket content, raw pairs) in the grammar forms of a bracket after the task."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=2, max_size=4, unique=True))
    kind = draw(st.sampled_from(["spun_lead", "spun_share", "convene", "convene_tail", "collective", "level_tail"]))
    if kind == "spun_lead":
        return f"{units[0]}牵头卖力", [("lead", units[0])]
    if kind == "spun_share":
        return f"{'、'.join(units)}按职责分工卖力", [("responsible", u) for u in units]
    if kind == "convene":
        return f"{units[0]}会同{'、'.join(units[1:])}负责", [("lead", units[0])] + [("support", u) for u in units[1:]]
    if kind == "convene_tail":
        return (f"{units[0]}会同{'、'.join(units[1:])}等部门负责落实",
                [("lead", units[0])] + [("support", u) for u in units[1:]])
    if kind == "collective":
        return f"{'、'.join(units)},{COLLECTIVE_PAREN}", [("responsible", u) for u in units + [COLLECTIVE_PAREN]]
    return (f"{'、'.join(units)}等省直有关部门和各市人民政府按职责分工负责",
            [("responsible", u) for u in units + ["各市人民政府"]])


@st.composite
def grammar_document(draw):
    """(text, [GenTask]) in one of the grammar, prose and heading forms; each GenTask has
    ``task_id``, ``raw_pairs`` (role, name as written) and ``people`` (title, name)."""
    kind = draw(st.sampled_from(["groups", "unit_headings", "prose", "sub_items", "brackets"]))
    lines = ["各单位:", "现将工作分解如下,请认真落实。"]
    tasks: list[GenTask] = []

    def task(number, section_no, subsection_no, pairs, people=(), own_group=False):
        g = GenTask(number, section_no, subsection_no, "", [])
        g.raw_pairs, g.people, g.own_group = list(pairs), list(people), own_group
        tasks.append(g)

    if kind == "groups":
        officials = draw(st.lists(st.sampled_from(OFFICIALS), min_size=1, max_size=2, unique=True))
        for s, (name, title) in enumerate(officials):
            lines.append(f"{CN[s]}、{name}{title}{draw(st.sampled_from(['负责的工作', '牵头重点工作']))}")
            people = [(title, name)]
            for g in range(draw(st.integers(1, 3))):
                lead = draw(st.sampled_from(UNITS))
                lines.append(f"({CN[g]}){lead}牵头的工作")
                others = draw(st.lists(st.sampled_from([u for u in UNITS if u != lead]), max_size=2, unique=True))
                if draw(st.booleans()):  # one paragraph: the group heading is the task
                    lines.append(draw(sentence()) + "。")
                    if others:
                        lines.append(f"协同单位:{'、'.join(others)}。")
                    task(g + 1, CN[s], CN[g], [("lead", lead)] + [("support", u) for u in others], people, own_group=True)
                    continue
                for n in range(1, draw(st.integers(1, 3)) + 1):
                    lines.append(f"{n}.{draw(sentence())}。")
                    mine = others if draw(st.booleans()) else []
                    if mine:
                        lines.append(f"协同单位:{'、'.join(mine)}。")
                    task(n, CN[s], CN[g], [("lead", lead)] + [("support", u) for u in mine], people)
        _expected_ids(tasks)
    elif kind == "unit_headings":
        lines.append("县区政府主要工作考核目标")
        govs = draw(st.lists(st.sampled_from(GOVS), min_size=1, max_size=3, unique=True))
        for gov in govs:
            lines.extend(["", f"  {gov}", ""])
            for n in range(1, draw(st.integers(1, 4)) + 1):
                score = draw(st.sampled_from(["", f"(分值:{n + 4}分)"]))
                lines.append(f"  {n}.{draw(sentence())}。{score}")
                task(n, "", "", [("responsible", gov)])
                tasks[-1].task_id = f"{gov}-{n}" if len(govs) > 1 else str(n)
    elif kind == "prose":
        lines.append("一、工作分工")
        for n in range(1, draw(st.integers(1, 5)) + 1):
            units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
            form = draw(st.sampled_from(["convene", "convene_do", "alone", "lead_support"]))
            if len(units) == 1:
                form = "alone"
            if form == "convene":
                said = f"由{units[0]}会同{'、'.join(units[1:])}等部门研究提出落实意见"
                pairs = [("lead", units[0])] + [("support", u) for u in units[1:]]
            elif form == "convene_do":
                said = f"由{units[0]}会同{'、'.join(units[1:])}负责落实"
                pairs = [("lead", units[0])] + [("support", u) for u in units[1:]]
            elif form == "alone":
                said = f"由{'、'.join(units)}负责"
                pairs = [("responsible", u) for u in units]
            else:
                said = f"由{units[0]}牵头,{'、'.join(units[1:])}配合"
                pairs = [("lead", units[0])] + [("support", u) for u in units[1:]]
            lines.append(f"({CN[n - 1]})关于“{draw(sentence())}”的问题,{said}。")
            task(n, "一", "", pairs)
            tasks[-1].task_id = str(n)
    elif kind == "sub_items":
        lines.append("(一)应急体系建设")
        for n in range(1, draw(st.integers(1, 3)) + 1):
            lines.append(f"{n}.{draw(sentence())}")
            for k in range(1, draw(st.integers(1, 4)) + 1):
                lines.append(f"({k}){draw(sentence())}。")
            units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
            units = units + ([COLLECTIVE_PAREN] if draw(st.booleans()) else [])
            lines.append(f"(责任单位:{'、'.join(units)})")
            task(n, "", "", [("responsible", u) for u in units])
            tasks[-1].task_id = str(n)
    else:
        lines.append("一、重点任务")
        for n in range(1, draw(st.integers(1, 5)) + 1):
            content, pairs = draw(grammar_bracket())
            nl = draw(st.sampled_from(["", "\n"]))  # the bracket on the task's line or its own line
            lines.append(f"{n}、{draw(sentence())}。{nl}({content})")
            task(n, "一", "", pairs)
            tasks[-1].task_id = str(n)
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = text.translate(TRAD)
        for g in tasks:
            g.raw_pairs = [(r, u.translate(TRAD)) for r, u in g.raw_pairs]
            g.people = [(t.translate(TRAD), p.translate(TRAD)) for t, p in g.people]
            g.task_id = g.task_id.translate(TRAD)
    return text, tasks


# ---------------------------------------------------------------- ragged tables, one cell per line
# Tables whose rows are ragged once flattened (tests/genre: lueyang, shengsi): a header with a
# number column (序号) and columns a county department's table adds — a group cell printed before
# the number (考核项目) or after it (指标), values (单位, 年度目标), a deadline and a leader cell that
# span rows and are printed on the first row of their span only, a unit column (责任股室, with its
# note (单位) on a line of its own) listing one unit per line or two units glued together
# (文化宣传股文化馆), an assessor column (评分部门: units named, not assigned) and an empty 备注.
# The column of a line cannot be read from its place; parse/cells.py reads it from what it says.

SECTION_UNITS = ["文化宣传股", "旅游股", "文物股", "广电事业股", "执法大队", "文化馆", "图书馆", "县农业农村局",
                 "县海洋与渔业局", "县经济和信息化局", "羌研会", "各股室"]
ASSESSORS = ["市农业农村局", "市商务局", "市资源规划局", "市海洋渔业局"]
GROUP_CELLS = ["公共文化服务", "农业高质高效", "文化市场管理", "旅游宣传和旅游收入", "确保粮食和重要农产品有效供给"]
MEASURES = ["%", "万亩", "万吨", "-"]
TARGETS = ["≥2%", "0.07", "42", "良好以上", "全市统筹"]
RAGGED_DEADLINES = ["12月底前", "年底前", "5月底", "全年"]
RAGGED_PERSONS = ["夏俊贵", "周 斐", "黄文阁"]


@st.composite
def ragged_table_document(draw):
    """(text, [GenTask]): a table printed one cell per line whose rows leave out the cells that
    span rows; each GenTask has ``task_id`` and ``raw_pairs`` (the units of its unit cell)."""
    pre_group = draw(st.booleans())
    group = draw(st.booleans())
    measures = draw(st.booleans())
    deadline = draw(st.booleans())
    person = draw(st.booleans())
    assessor = draw(st.booleans())
    note = draw(st.booleans()) and not pre_group  # an empty last column and a group cell before the next number read alike
    task_w = draw(st.sampled_from(["工作任务", "考核内容", "重点任务"]))
    unit_w = draw(st.sampled_from(["责任单位", "责任部门", "责任股室"]))
    head = (["考核项目"] if pre_group else []) + ["序号"] + (["指标"] if group else []) + [task_w]
    head += (["单位", "年度目标"] if measures else []) + (["完成时限"] if deadline else []) + (["责任领导"] if person else [])
    head += [unit_w] + (["(单位)"] if draw(st.booleans()) else [])
    head += (["评分部门"] if assessor else []) + (["备注"] if note else [])
    # a `|` line after every cell, a cell of several units wrapped after a 、, a group or task cell
    # anywhere (co_minhang_2022: `浦江镇、浦锦街道、` / `马桥镇、华漕镇` / `|`); a spanning cell is left out
    piped = draw(st.booleans())
    blank = not piped and draw(st.booleans())
    lines = ["2021年乡村振兴任务清单", ""]
    tasks: list[GenTask] = []

    def out(cell: str, wrap: bool = False) -> None:
        if piped and wrap and len(cell) >= 6 and draw(st.booleans()):
            lines.extend([cell[:len(cell) // 2], cell[len(cell) // 2:]])  # a wrapped cell
        else:
            lines.append(cell)
        if blank:
            lines.append("")
        if piped:
            lines.append("|")

    for h in head:
        out(h)
    rows = draw(st.integers(1, 8))
    for n in range(1, rows + 1):
        first = n == 1
        if pre_group and (first or draw(st.booleans())):
            out(draw(st.sampled_from(GROUP_CELLS)), wrap=True)
        out(str(n))
        if group and (first or draw(st.booleans())):
            out(draw(st.sampled_from(GROUP_CELLS)), wrap=True)
        text = draw(sentence()) + "。"
        out(text, wrap=True)
        if measures:
            out(draw(st.sampled_from(MEASURES)))
            out(draw(st.sampled_from(TARGETS)))
        if deadline and (first or draw(st.booleans())):
            out(draw(st.sampled_from(RAGGED_DEADLINES)))
        if person and (first or draw(st.booleans())):
            out(draw(st.sampled_from(RAGGED_PERSONS)))
        units = draw(st.lists(st.sampled_from(SECTION_UNITS), min_size=1, max_size=3, unique=True))
        glue = len(units) == 2 and units[0][-1] in "股局馆" and draw(st.booleans())
        if glue:
            out(units[0] + units[1])
        elif piped and len(units) > 1:  # one unit cell, a unit a line
            lines.extend(u + "、" for u in units[:-1])
            out(units[-1])
        else:
            for u in units:
                out(u)
        if assessor:
            out(draw(st.sampled_from(ASSESSORS)))
        g = GenTask(n, "", "", text, [])
        g.raw_pairs = [("responsible", u) for u in units]
        g.task_id = str(n)
        tasks.append(g)
    return "\n".join(lines) + "\n", tasks


# ---------------------------------------------------------------- forms met in the fresh set
# Forms the fresh set (tests/genre/fresh) showed after it was first scored: label lines
# 牵头责任单位: / 主要协作单位: under each item, a chain of role clauses in the task's sentence led
# by a leader named by post (由X副市长负责,Y牵头,Z配合), the lead-by-position rule stated as a
# condition inside the first bracket (…负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同),
# leaders by post inside a bracket (分管副省长、协管副秘书长负责,X牵头), a pipe table whose header
# does not name its task column and whose rows carry no number, with units separated by spaces,
# and a table flattened one row per line with cells separated by spaces and a letter-spaced header.

LEADERS = [("杨志武", "副市长"), ("吴继德", "副市长"), ("王强", "副县长"), ("李明", "区长")]
WATERMARKS = ["秘书之家—全网资源每日更新www.mishuzj.com", "范文网www.fanwen.cn", "http://www.wendang.net"]
POSTS = ["分管副省长", "协管副秘书长", "分管副区长"]
STATIONS = ["安监站", "安监所", "电管所", "民政所", "城建办", "文化站", "卫生院", "林站", "公路站", "交警六中队"]
ROW_TOPICS = ["烟花爆竹", "危险化学品", "电力设施", "养老机构", "特种设备", "林产品加工", "交通运输"]


@st.composite
def fresh_forms_document(draw):
    """(text, [GenTask]) in one of the forms above; each GenTask has ``task_id``, ``raw_pairs``
    (role, name as written) and ``people`` (the persons' names)."""
    kind = draw(st.sampled_from(["label_lines", "prose_chain", "rule_in_bracket", "posts_in_bracket",
                                 "unnamed_pipe", "spaced_table", "glued_table"]))
    lines = ["各单位:", "现将工作分解如下,请认真落实。"]
    tasks: list[GenTask] = []

    def task(number, pairs, people=()):
        g = GenTask(number, "", "", "", [])
        g.raw_pairs, g.people, g.task_id = list(pairs), list(people), str(number)
        tasks.append(g)

    n_tasks = draw(st.integers(1, 5))
    for n in range(1, n_tasks + 1):
        units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True))
        if kind == "label_lines":
            lines += [f"{n}.{draw(sentence())}。", "", f"牵头责任单位:{'、'.join(units[:1])}"]
            pairs = [("lead", units[0])]
            if len(units) > 1:
                lines += ["", f"主要协作单位:{'、'.join(units[1:])}"]
                pairs += [("support", u) for u in units[1:]]
            lines.append("")
            task(n, pairs)
        elif kind == "prose_chain":
            name, post = draw(st.sampled_from(LEADERS))
            said = f"由{name}{post}负责,{units[0]}牵头"
            pairs = [("lead", units[0])]
            if len(units) > 1:
                said += f",{'、'.join(units[1:])}配合"
                pairs += [("support", u) for u in units[1:]]
            lines += [f"{n}、{draw(sentence())}", f"{said},{draw(sentence())}。"]
            task(n, pairs, [name])
        elif kind == "rule_in_bracket":
            rule = "。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同" if n == 1 else ""
            lines.append(f"  {n}、{draw(sentence())}(由{'、'.join(units)}负责{rule})。")
            roles = ["lead"] + ["support"] * (len(units) - 1) if len(units) > 1 else ["responsible"]
            task(n, list(zip(roles, units)))
        elif kind == "posts_in_bracket":
            posts = draw(st.lists(st.sampled_from(POSTS), min_size=1, max_size=2, unique=True))
            note = "。明确牵头部门的,有关部门配合,不逐一列出,下同" if n == 1 else ""
            lines.append(f"{n}.{draw(sentence())}({'、'.join(posts)}负责,{units[0]}牵头{note})。")
            task(n, [("lead", units[0])], posts)
    if kind == "unnamed_pipe":
        lines = ["专项整治行业名称 | 时间安排 | 责任单位 |"]
        for n in range(1, n_tasks + 1):
            stations = draw(st.lists(st.sampled_from(STATIONS), min_size=1, max_size=3, unique=True))
            lines.append(f"{draw(st.sampled_from(ROW_TOPICS))} | {n}月份 | {' '.join(stations)} |")
            task(n, [("responsible", u) for u in stations])
    elif kind == "spaced_table":
        head = draw(st.sampled_from(["牵头负责部门", "牵头单位", "责任单位"]))
        role = "responsible" if head == "责任单位" else "lead"
        lines += ["", f"序号 {draw(st.sampled_from(['工 作 任 务', '工作任务', '重 点 任 务']))} {head}"]
        for n in range(1, n_tasks + 1):
            unit = draw(st.sampled_from(UNITS))
            lines.append(f"{n} {draw(sentence())}{n * 3}% {unit}")
            task(n, [(role, unit)])
    elif kind == "glued_table":
        # a doc-sharing viewer: cells glued, the text cut into chunks numbered 1、 2、 at line starts
        # a deadline column after the unit column (co_zhonglou_2023: 主要责任单位完成期限 … 全年)
        due = draw(st.booleans())
        head = "序号" + draw(st.sampled_from(["工作内容目标任务", "工作任务", "重点任务", "任务名称目标内容"])) + (
            draw(st.sampled_from(["责任单位", "主要责任单位"])) + draw(st.sampled_from(["完成期限", "完成时限"])) if due
            else "责任单位" + draw(st.sampled_from(["备注", ""])))
        run = "分工表" + head
        for n in range(1, n_tasks + 1):
            units = draw(st.lists(st.sampled_from(UNITS + [COLLECTIVE_PAREN]), min_size=1, max_size=4, unique=True))
            seps = [draw(st.sampled_from(["、", ","])) for _ in units[1:]]
            cell = units[0] + "".join(sp + u for sp, u in zip(seps, units[1:]))
            if due:
                tail = "等按职责分工负责" if len(units) > 1 and draw(st.booleans()) else ""
                cell += tail + draw(st.sampled_from(["全年", "长期", "年底前", "12月底前", "2023年6月底"]))
            run += f"{n}{draw(sentence())}。{draw(st.sampled_from(['', '年底前完成。']))}{cell}"
            task(n, [("responsible", u) for u in units])
        run += f"{n_tasks + 1}{draw(sentence())}"  # a last row cut before its units
        chunks = [run]
        if len(run) > 2 * 300 and draw(st.booleans()):
            k = draw(st.integers(300, len(run) - 300))
            while run[k - 1] in "。!?;)" or run[k - 1].isdigit() or run[k].isdigit():
                k += 1  # a chunk stops mid-sentence (between two characters of a word)
            chunks = [run[:k], run[k:]]
        if len(chunks) > 1:  # one chunk alone cannot tell its number from an item's (not generated)
            chunks = [f"{i}、{c}" for i, c in enumerate(chunks, start=1)]
        lines = ["分工表.docx", "在线阅读。"] + chunks
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        # a template site's watermark at the top and once more anywhere, even inside a word
        # (co_xx_undated: 【牵 watermark 头单位:…】), removed by parse/watermark.py
        mark = draw(st.sampled_from(WATERMARKS))
        k = draw(st.integers(0, len(text) - 1))
        text = mark + text[:k] + mark + text[k:]
    return text, tasks


# A doc-sharing viewer's tables printed on one line (parse/viewer_rows.py): cells glued with no
# separator under a header naming a lead and a support column (a person column before them, a
# row of several sub-rows, each with its own sentence, person, lead and partners), or header and
# rows with their cells separated by spaces among runs of figures (a category cell printed on a
# group's first row only, a place column, a row without units).

VIEWER_PERSONS = ["何海平", "芮春祥", "杨志武", "吴继德", "张菁", "王强"]
VIEWER_VERBS = ["推进", "加快", "完善", "实施"]  # a sentence glued after a unit run opens with a verb
VIEWER_PLACES = ["相关乡镇(街道)村", "城区", "全县", "相关村"]
VIEWER_MORE_UNITS = ["相关乡镇村", "各农业经营主体", "相关经营主体"]


def _glued_sentence(draw) -> str:
    second = draw(st.sampled_from([w for w in WORDS if w not in ("城市", "园区", "社区")]))
    return draw(st.sampled_from(VIEWER_VERBS)) + second + draw(sentence())


@st.composite
def viewer_rows_document(draw):
    """(text, [GenTask]) for one of the two shapes above; each GenTask has ``task_id``,
    ``raw_pairs`` (role, name as written) and ``people``."""
    kind = draw(st.sampled_from(["glued_lead_support", "spaced_one_line"]))
    tasks: list[GenTask] = []

    def task(number, pairs, people=()):
        g = GenTask(number, "", "", "", [])
        g.raw_pairs, g.people, g.task_id = list(pairs), list(people), str(number)
        tasks.append(g)

    n_rows = draw(st.integers(2, 5))
    if kind == "glued_lead_support":
        person_col = draw(st.sampled_from(["区政府分管领导", "分管领导", ""]))
        head = ("序号" + draw(st.sampled_from(["项目名称主要内容", "工作任务", "重点任务"])) + person_col
                + draw(st.sampled_from(["牵头单位", "牵头部门"])) + draw(st.sampled_from(["配合单位", "协办单位"]))
                + draw(st.sampled_from(["备注", ""])))
        run = "2021年重大民生实事项目目标任务责任分解表" + head
        for n in range(1, n_rows + 1):
            units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=6, unique=True))
            k = draw(st.integers(1, min(2, len(units))))  # sub-rows
            groups = [units[i::k] for i in range(k)]
            run += f"{n}{draw(sentence())}。"
            leads, supports, people = [], [], []
            for i, g in enumerate(groups):
                if i:
                    run += _glued_sentence(draw) + "。"
                who = ""
                if person_col:
                    # a two-character name is read as such before a unit with a level prefix (区…)
                    pool = VIEWER_PERSONS if g[0].startswith("区") else [p for p in VIEWER_PERSONS if len(p) == 3]
                    who = draw(st.sampled_from(pool))
                    if who not in people:
                        people.append(who)
                run += who + "".join(g)
                leads.append(g[0])
                supports += g[1:]
            task(n, [("lead", u) for u in leads] + [("support", u) for u in supports], people)
        run += f"{n_rows + 1}{draw(sentence())}"  # a last row cut before its units
        chunks = [run]
        if len(run) > 2 * 300 and draw(st.booleans()):
            k = draw(st.integers(300, len(run) - 300))
            while run[k - 1] in "。!?;)" or run[k - 1].isdigit() or run[k].isdigit():
                k += 1
            chunks = [f"1、{run[:k]}", f"2、{run[k:]}"]
        return "\n".join(["分解表.docx", "在线阅读。"] + chunks) + "\n", tasks
    category = draw(st.booleans())
    place = draw(st.sampled_from(["", "项目地点", "项目 地点"]))
    unit_head = draw(st.sampled_from(["项目单位", "责任单位"]))
    head = " ".join(["序号"] + (["项目类别"] if category else []) + ["项目名称"] + ([place] if place else [])
                    + [unit_head, "建设起止年月", "总建设内容及规模", "建设期总投资", "备注", "总投资", "县财政", "自筹", "* *"])
    cells = ["规划表 (2013-2017 年度 ) 单位:万元", head]
    for n in range(1, n_rows + 1):
        row = [str(n)]
        if category and (n == 1 or draw(st.booleans())):
            row.append(draw(st.sampled_from(WORDS)) + "发展")
        row.append("".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))) + "建设")
        if place:
            row.append(draw(st.sampled_from(VIEWER_PLACES)))
        if 1 < n < n_rows and draw(st.integers(0, 4)) == 0:  # a row without units: no task (two rows at least have units)
            cells.append(" ".join([str(n), row[-1], "0 0 小计 0 0"]))
            continue
        units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
        units += draw(st.lists(st.sampled_from(VIEWER_MORE_UNITS), max_size=1))
        cell = units[0] + "".join(draw(st.sampled_from(["、", ";"])) + u for u in units[1:])
        figures = " ".join(str(100 * draw(st.integers(1, 40))) for _ in range(draw(st.integers(0, 6))))
        row += [cell, "2013.7-2017.12", f"1、{draw(sentence())}; 2、{draw(sentence())}。", figures, "直接补助"]
        cells.append(" ".join(c for c in row if c))
        task(n, [("responsible", u) for u in units])
    return "\n".join(["规划表.docx", "在线阅读。", " ".join(cells)]) + "\n", tasks


def assignment_pairs(text: str) -> dict:
    """Task number (or id) → [(role, unit)] of a document parsed from ``text``, in document order."""
    af = xg.read_document(text).assignments_frame()
    col = "task_number" if "task_number" in af.columns else "task_id"
    out: dict = {}
    for r in af.itertuples():
        out.setdefault(str(getattr(r, col)), []).append((r.role, r.unit))
    return out


# ---------------------------------------------------------------- wrapped and stacked forms
# Forms met in the 2026-12-05 session (issue 12): a list of units cut right after one of its
# separators (a table of cell lines, a row of cells between spaces, a label line), a site's
# posts one after another in a database dump (each record a document: ids 记录乙-N), and a
# labelled list followed by a flattened table's words and figures.

@st.composite
def wrapped_forms_document(draw):
    """(text, [GenTask]) in one of the forms above; each GenTask has ``task_id`` and ``raw_pairs``."""
    kind = draw(st.sampled_from(["cell_lines", "spaced_rows", "label_line", "sql_records", "table_tail"]))
    tasks: list[GenTask] = []

    def task(tid, pairs):
        g = GenTask(0, "", "", "", [])
        g.raw_pairs, g.people, g.task_id = list(pairs), [], tid
        tasks.append(g)

    def cut_list(units):
        """The list written with 、 and cut after the separator following unit k (k ≥ 1)."""
        k = draw(st.integers(1, len(units) - 1))
        return "、".join(units[:k]) + "、", "、".join(units[k:])

    n_tasks = draw(st.integers(1, 4))
    lines: list[str] = []
    if kind == "cell_lines":
        lines = ["分工表", "序号", "工作任务", "牵头单位", "配合单位"]
    elif kind == "spaced_rows":
        lines = ["分工表", "序号 工作任务 牵头单位 配合单位"]
    elif kind == "sql_records":
        lines = ["INSERT INTO `post` (`id`,`title`,`content`) VALUES", "('1','关于推进民生工程的意见','<p>", "一、民生</p><p>"]
    for n in range(1, n_tasks + 1):
        lead = draw(st.sampled_from(UNITS))
        others = draw(st.lists(st.sampled_from([u for u in UNITS if u != lead]), min_size=2, max_size=5, unique=True))
        head, rest = cut_list(others)
        pairs = [("lead", lead)] + [("support", u) for u in others]
        text = draw(sentence()) + "。"
        if kind == "cell_lines":
            lines += [str(n), text, lead, head, rest]
        elif kind == "spaced_rows":
            lines += [f"{n} {text} {lead} {head}", rest]
        elif kind == "label_line":
            lines += [f"{n}.{text}", f"牵头单位:{lead}", f"配合单位:{head}", rest]
        elif kind == "sql_records":
            lines.append(f"{n}.{text}(牵头单位:{lead},配合单位:{'、'.join(others)})</p><p>")
        elif kind == "table_tail":
            places = " ".join(draw(st.lists(st.sampled_from(["鄞州", "海曙", "江东", "北仑", "镇海"]), min_size=1,
                                            max_size=4, unique=True)))
            figures = " ".join(str(draw(st.integers(0, 30))) for _ in range(draw(st.integers(2, 8))))
            lines.append(f"{n}.{text} 牵头领导:王仁洲 牵头单位:{lead} 配合单位:{'、'.join(others)} {places} 合计 年度目标 {figures}")
        task(str(n), pairs)
    if kind == "sql_records":
        lines[-1] = lines[-1].removesuffix("<p>") + "','0');"
        lines += ["INSERT INTO `post` (`id`,`title`,`content`) VALUES", "('2','关于推进科技创新工程的意见','<p>",
                  "一、发展目标</p><p>"]
        m = draw(st.integers(1, 3))
        for n in range(1, m + 1):
            lead, other = draw(st.lists(st.sampled_from(UNITS), min_size=2, max_size=2, unique=True))
            lines.append(f"{n}.{draw(sentence())}。(牵头单位:{lead},配合单位:{other})</p><p>")
            task(f"记录乙-{n}", [("lead", lead), ("support", other)])
        lines[-1] = lines[-1].removesuffix("<p>") + "','0');"
    return "\n".join(lines) + "\n", tasks


# ---------------------------------------------------------------- a table read across
# A PDF table extracted line by line across the page (issue 12, "PDF pages whose two columns are
# interleaved line by line"): each printed line of a row gives the piece of every cell that still
# has text, in column order, so the task column's lines alternate with the unit columns' and a
# unit name may be cut between two printed lines (xialu_graph/parse/woven.py).
# 区政府办 is left out: cut after 区政府 it is two names to a reader as to the parser.
WOVEN_UNITS = [u for u in UNITS if u != "区政府办"] + ["各街道办事处", "区自然资源和规划局"]


@st.composite
def woven_table_document(draw):
    """(text, [GenTask]): a table ``序号 | 工作任务 | 牵头单位 | 责任单位`` (or without the lead
    column) printed across, each column wrapped at its own width; each GenTask has ``task_id``
    and ``raw_pairs``."""
    lead_col = draw(st.booleans())
    widths = (draw(st.integers(12, 24)), draw(st.integers(5, 8)), draw(st.integers(6, 11)))
    header = ["序号", "工作任务"] + (["牵头单位"] if lead_col else []) + ["责任单位"]
    lines = [draw(st.sampled_from(["2021年重点工作任务分解表", "附件", "重点任务清单"])), ""] + header
    tasks: list[GenTask] = []
    n_rows = draw(st.integers(2, 6))
    for n in range(1, n_rows + 1):
        text = draw(sentence()) + "。"
        # the first printed line of the text is full: the row wraps (a one-line row is not interleaved)
        while len(wrap_cell(text, widths[0])) < 2:
            text = draw(sentence()) + "," + text
        names = draw(st.lists(st.sampled_from(WOVEN_UNITS), min_size=2 if lead_col else 1, max_size=5, unique=True))
        cells = [text] + (["、".join(names[:1])] if lead_col else []) + ["、".join(names[1:] if lead_col else names)]
        ws = [widths[0]] + ([widths[1]] if lead_col else []) + [widths[2]]
        pieces = [wrap_cell(c, w) for c, w in zip(cells, ws)]
        lines.append(str(n))
        for k in range(max(len(p) for p in pieces)):
            lines.extend(p[k] for p in pieces if k < len(p))
        g = GenTask(n, "", "", text, [])
        g.raw_pairs = ([("lead", names[0])] + [("support", u) for u in names[1:]]) if lead_col else \
            [("responsible", u) for u in names]
        g.task_id, g.people = str(n), []
        tasks.append(g)
    return "\n".join(lines) + "\n", tasks


def assert_recovered(text: str, expected: list, *, people: bool = False) -> None:
    """The document parsed from ``text`` has the generated tasks' ids and raw (role, name) pairs,
    in order (and their persons' names with ``people``); the text is shown when it does not."""
    doc = xg.read_document(text)
    assert [t.task_id for t in doc.tasks] == [g.task_id for g in expected], text
    for t, g in zip(doc.tasks, expected):
        assert [(a.role, a.unit_raw) for a in t.raw_assignments] == g.raw_pairs, (t.task_id, text)
        if people:
            assert [p.name for p in t.people] == g.people, (t.task_id, text)
