"""One name per concept in each language: every column of every table the package writes.

The glossary is a table in code, :data:`GLOSSARY`: column key → Chinese header → English header →
short description (Chinese, for the reader of the workbook) → display format. A column key that means
something different in one table has a scoped entry ``"table.column"`` (``people.title`` is the
label a person stood under, ``documents.title`` the document's title); :func:`term` looks the scoped
entry up first. ``docs/glossary.md`` is generated from this table by :func:`glossary_markdown`
(a test checks that they agree and that every written column has an entry).

Display formats (``fmt``) tell the workbook how to show a number:

``text``
    text as it is; ``id`` a task number, stored as a number when it is one (``"22"`` → 22)
``count``
    integer (``0``); ``load`` one decimal (``0.0``); ``share`` a percentage (``0.0%``);
    ``ratio`` three decimals (``0.000``); ``flag`` true / false

Examples
--------
>>> term("weighted_load").zh, term("load_share").fmt
('加权工作量', 'share')
>>> term("title", table="people").zh, term("title", table="documents").zh
('职务标签', '文件标题')
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import NamedTuple, Optional

__all__ = ["Term", "GLOSSARY", "CONCEPTS", "FORMATS", "LANGUAGES", "term", "concept", "phrase", "zh_header", "header",
           "glossary_frame", "glossary_markdown", "use_language", "current_language", "pick"]

LANGUAGES = ("zh", "en")
"""Languages of the briefing outputs: Chinese (default) and English (``--lang en``)."""

_LANGUAGE: contextvars.ContextVar = contextvars.ContextVar("xialu_graph_language", default="zh")


@contextlib.contextmanager
def use_language(lang: str = "zh"):
    """Within the block, briefing outputs (report text, figure labels) are written in ``lang``.

    Examples
    --------
    >>> with use_language("en"):
    ...     pick("群组", "Cluster")
    'Cluster'
    >>> current_language()
    'zh'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    token = _LANGUAGE.set(lang)
    try:
        yield lang
    finally:
        _LANGUAGE.reset(token)


def current_language() -> str:
    """The language set by :func:`use_language` ('zh' outside any block).

    Examples
    --------
    >>> current_language()
    'zh'
    """
    return _LANGUAGE.get()


def pick(zh: str, en: str) -> str:
    """``zh`` or ``en`` by :func:`current_language`: one sentence in the two languages.

    Examples
    --------
    >>> pick("任务", "tasks")
    '任务'
    """
    return en if _LANGUAGE.get() == "en" else zh


class Term(NamedTuple):
    """One glossary entry."""

    key: str
    zh: str
    en: str
    description: str
    fmt: str = "text"


FORMATS = {"text": "@", "id": "0", "count": "0", "load": "0.0", "share": "0.0%", "ratio": "0.000", "flag": "General"}
"""Display format → Excel number format."""

_ROWS = [
    # -- document tables: tasks ------------------------------------------------
    ("task_id", "任务编号", "Task no.", "任务编号（原文所印编号；附件重新编号时加附件前缀，如 附件2-3）", "id"),
    ("number", "序号", "Number", "任务在其编号序列中的序号（整数）", "count"),
    ("numbering", "编号写法", "Numbering as written", "原文编号写法，如 22、 或 (3)", "text"),
    ("section_no", "部分序号", "Section no.", "部分序号（一、二……），原文无部分时为空", "text"),
    ("section", "部分", "Section", "部分标题", "text"),
    ("subsection_no", "小节序号", "Subsection no.", "小节序号（（一）→ 一），无小节时为空", "text"),
    ("subsection", "小节", "Subsection", "小节标题，无小节时为空", "text"),
    ("heading", "小标题", "Heading", "任务所在的无编号小标题，无则为空", "text"),
    ("attachment", "附件", "Attachment", "附件标签（附件1……），正文为空", "text"),
    ("text", "任务内容", "Task text", "任务内容（已去掉责任单位括注，换行已合并）", "text"),
    ("assignment_raw", "责任分工原文", "Assignment as written", "原文所写的责任分工（括注内容或标签行）", "text"),
    ("n_lead", "牵头任务数", "Lead", "牵头单位数（任务表）或作为牵头单位的任务数（单位表）", "count"),
    ("n_support", "配合任务数", "Support", "配合单位数（任务表）或作为配合单位的任务数（单位表）", "count"),
    ("n_responsible", "责任任务数", "Responsible", "责任单位数（任务表，未列牵头单位时）或作为责任单位的任务数（单位表）", "count"),
    ("n_people", "列名人数", "People named", "任务列出的人员数（责任领导等，不计为单位）", "count"),
    ("line_start", "起始行", "First line", "任务的第一行（行号）", "count"),
    ("line_end", "结束行", "Last line", "任务的最后一行（行号）", "count"),
    # -- assignments and unit resolution ---------------------------------------
    ("unit", "单位", "Unit", "规范化后的单位名称", "text"),
    ("unit_raw", "原文单位名", "Unit as written", "原文所写的单位名称", "text"),
    ("role", "角色", "Role", "lead 牵头 | support 配合 | responsible 责任", "text"),
    ("via", "展开自", "Expanded from", "该单位由哪个集合称谓展开（如 各街办(新区)），直接列名时为空", "text"),
    ("unit_kind", "单位类型", "Unit kind", "department 部门 | street_office 街道办 | vertical 垂直管理 | enterprise 企业 | task_force 专班 | collective 集合称谓 | other 其他", "text"),
    ("kind", "单位类型", "Unit kind", "单位类型（同 unit_kind）", "text"),
    ("rule", "识别规则", "Resolution rule", "单位识别所用规则（exact、alias、label、split、collective、suffix、unknown）", "text"),
    ("note", "备注", "Note", "识别时搁置的内容：新区标签、办公室、职能等", "text"),
    ("line", "行号", "Line", "所在行号（0 表示涉及整份文件）", "count"),
    ("units.source", "判定依据", "Decided by", "由哪个表或规则判定：aliases.csv、collectives.csv、units.csv、kind_rules.csv 或 none", "text"),
    ("n_mentions", "出现次数", "Mentions", "原文单位名在分工中出现的次数", "count"),
    ("name", "姓名", "Name", "原文所写的人员姓名", "text"),
    ("cluster_summary.name", "群组名称", "Cluster name", "由群组关键词前三个组成的名称，如 项目·企业·融合", "text"),
    ("people.title", "职务标签", "Title", "人员所列的标签（责任领导、分管领导、责任人……）", "text"),
    ("code", "提示代码", "Code", "解析提示的代码，如 numbering_gap、no_units、truncated_item", "text"),
    ("message", "提示内容", "Message", "解析提示的说明", "text"),
    # -- load and balance ------------------------------------------------------
    ("n_tasks", "任务数", "Tasks", "任务数（单位承担的任务数，或文件/群组的任务数）", "count"),
    ("weighted_load", "加权工作量", "Weighted load", "加权工作量：牵头、配合、责任任务按权重相加", "load"),
    ("load_share", "工作量占比", "Load share", "占全部加权工作量的比例", "share"),
    ("n_sections", "涉及部分数", "Sections", "单位任务分布的部分数", "count"),
    ("n_partners", "协作单位数", "Partners", "与该单位共同承担任务的单位数", "count"),
    ("lead_ratio", "牵头比例", "Lead ratio", "牵头任务占该单位任务的比例", "share"),
    ("ranked", "参与排名", "Ranked", "是否参与排名（集合称谓不参与）", "flag"),
    ("load_rank", "工作量排名", "Load rank", "按加权工作量的排名（1 = 最重）", "count"),
    ("rank", "排名", "Rank", "排名（1 = 最高）", "count"),
    ("measure", "指标", "Measure", "所度量的量（加权工作量、任务数……）", "text"),
    ("n_units", "单位数", "No. of units", "单位数", "count"),
    ("total", "合计", "Total", "全部单位的合计", "load"),
    ("mean", "平均值", "Mean", "每个单位的平均值", "load"),
    ("std", "标准差", "Std. dev.", "单位间的标准差", "load"),
    ("max", "最大值", "Maximum", "单位中的最大值", "load"),
    ("gini", "基尼系数", "Gini", "基尼系数（0 = 完全均衡，1 = 全部集中于一个单位）", "ratio"),
    ("herfindahl", "赫芬达尔指数", "Herfindahl", "赫芬达尔指数（份额平方和）", "ratio"),
    ("top5_share", "前5位占比", "Top-5 share", "工作量最重的 5 个单位所占比例", "share"),
    ("top10_share", "前10位占比", "Top-10 share", "工作量最重的 10 个单位所占比例", "share"),
    ("cv", "变异系数", "Coefficient of variation", "标准差与平均值之比", "ratio"),
    ("population_share", "单位累计占比", "Population share", "洛伦兹曲线：按工作量由低到高累计的单位比例", "share"),
    ("lorenz.load_share", "工作量累计占比", "Cumulative load share", "洛伦兹曲线：对应的累计工作量比例", "share"),
    ("estimate", "估计值", "Estimate", "样本估计值", "ratio"),
    ("ci_low", "区间下限", "CI low", "重抽样 95% 置信区间下限", "ratio"),
    ("ci_high", "区间上限", "CI high", "重抽样 95% 置信区间上限", "ratio"),
    ("se", "标准误", "Std. error", "重抽样标准误", "ratio"),
    ("bias", "偏差", "Bias", "重抽样偏差估计", "ratio"),
    ("n_boot", "重抽样次数", "Replicates", "自助法重抽样次数", "count"),
    ("collectives", "集合称谓处理", "Collective policy", "集合称谓（各街办等）的处理方式", "text"),
    ("collectives_ranked", "集合称谓参与排名数", "Collectives ranked", "参与排名的集合称谓数", "count"),
    ("top_units", "工作量最重单位", "Top units", "加权工作量最重的单位", "text"),
    ("gini_ci_low", "基尼系数区间下限", "Gini CI low", "基尼系数 95% 置信区间下限", "ratio"),
    ("gini_ci_high", "基尼系数区间上限", "Gini CI high", "基尼系数 95% 置信区间上限", "ratio"),
    ("top5_ci_low", "前5位占比区间下限", "Top-5 CI low", "前5位占比 95% 置信区间下限", "share"),
    ("top5_ci_high", "前5位占比区间上限", "Top-5 CI high", "前5位占比 95% 置信区间上限", "share"),
    # -- centrality --------------------------------------------------------------
    ("degree_2m", "度中心性", "Degree (two-mode)", "二模网络度中心性（归一化）", "ratio"),
    ("betweenness_2m", "中介中心性", "Betweenness (two-mode)", "二模网络中介中心性（归一化）", "ratio"),
    ("closeness_2m", "接近中心性", "Closeness (two-mode)", "二模网络接近中心性（归一化）", "ratio"),
    ("birank", "BiRank", "BiRank", "BiRank 双模排序得分", "ratio"),
    ("strength", "加权度", "Strength", "所连任务的边权之和", "load"),
    ("betweenness_w", "加权中介中心性", "Weighted betweenness", "单位协作网络上的加权中介中心性", "ratio"),
    ("eigenvector", "特征向量中心性", "Eigenvector", "单位协作网络上的特征向量中心性", "ratio"),
    ("constraint", "结构约束", "Constraint", "Burt 结构约束（越低越像桥梁）", "ratio"),
    ("effective_size", "有效规模", "Effective size", "Burt 有效规模", "load"),
    ("birank_rank", "BiRank排名", "BiRank rank", "按 BiRank 的排名", "count"),
    ("betweenness_sampled", "中介中心性抽样", "Betweenness sampled", "中介中心性是否为抽样估计", "flag"),
    # -- clusters ----------------------------------------------------------------
    ("cluster", "群组", "Cluster", "群组编号（-1 = 未分组）", "count"),
    ("cluster_size", "群组规模", "Cluster size", "所在群组的单位数", "count"),
    ("stability", "稳定性", "Stability", "重抽样中与同组单位仍在一组的比例", "share"),
    ("units", "单位", "Units", "所列单位", "text"),
    ("internal_weight", "组内协作权重", "Internal weight", "群组内部共同任务的权重之和", "load"),
    ("mean_stability", "平均稳定性", "Mean stability", "群组成员稳定性的平均值", "share"),
    ("group", "群组", "Group", "关键词所属群组", "text"),
    ("keyword", "关键词", "Keyword", "群组任务的特征关键词", "text"),
    ("score", "得分", "Score", "得分", "ratio"),
    ("task_clusters.share", "所占比例", "Share", "任务的单位中属于该群组的比例", "share"),
    # -- checks --------------------------------------------------------------------
    ("check", "检查项", "Check", "责任检查项代码", "text"),
    ("label", "说明", "Label", "检查项说明", "text"),
    ("task_text", "任务内容", "Task text", "任务内容", "text"),
    ("n_leads", "牵头单位数", "Leads", "任务的牵头单位数", "count"),
    # -- backbone ------------------------------------------------------------------
    ("unit_a", "单位甲", "Unit A", "单位对中的第一个单位", "text"),
    ("unit_b", "单位乙", "Unit B", "单位对中的第二个单位（单位匹配表中为后一版本的名称）", "text"),
    ("observed", "实际共同任务", "Observed", "两单位实际共同承担的任务数", "load"),
    ("expected", "期望共同任务", "Expected", "零模型下的期望共同任务数", "load"),
    ("p_value", "p值", "p-value", "零模型检验的 p 值", "ratio"),
    ("q_value", "q值", "q-value", "多重检验校正后的 q 值", "ratio"),
    ("significant", "显著", "Significant", "校正后是否显著", "flag"),
    # -- workbook info sheet --------------------------------------------------------
    ("detail", "详情", "Detail", "检查结果的详细说明", "text"),
    ("key", "项目", "Key", "信息项", "text"),
    ("value", "值", "Value", "信息项的值", "text"),
    # -- batch panel -------------------------------------------------------------
    ("document", "文件", "Document", "文件名", "text"),
    ("doc_key", "文件标识", "Document key", "文件内容的标识（同一文件同一标识）", "text"),
    ("place", "地区", "Place", "文件所属地区（下陆区、黄石港区……）", "text"),
    ("year", "年份", "Year", "文件年份", "count"),
    ("level", "政府层级", "Government level", "政府层级（区、县、市……）", "text"),
    ("canonical_unit", "跨文件统一单位", "Canonical unit", "跨文件统一后的单位名称", "text"),
    ("share", "工作量占比", "Load share", "占全部加权工作量的比例", "share"),
    ("degree", "度中心性", "Degree", "度中心性（归一化）", "ratio"),
    ("betweenness", "中介中心性", "Betweenness", "中介中心性（归一化）", "ratio"),
    ("n_via_collective", "集合称谓展开数", "Via collective", "由集合称谓展开的单位数", "count"),
    ("has_lead", "有牵头单位", "Has lead", "任务是否列有牵头单位", "flag"),
    ("edition", "版次", "Edition", "同一地区的第几份文件（按年份）", "count"),
    ("n_editions", "版本数", "Editions", "同一地区的文件数", "count"),
    ("title", "文件标题", "Title", "文件标题", "text"),
    ("date", "日期", "Date", "发布日期（YYYY-MM-DD）", "text"),
    ("format", "格式", "Format", "文件格式（txt、html、docx）", "text"),
    ("n_ranked_units", "参与排名单位数", "Ranked units", "参与排名的单位数", "count"),
    ("n_assignments", "分工条数", "Assignments", "任务—单位分工条数", "count"),
    ("hhi", "赫芬达尔指数", "Herfindahl", "赫芬达尔指数（份额平方和）", "ratio"),
    ("gini_lead", "牵头基尼系数", "Gini (lead)", "牵头任务数的基尼系数", "ratio"),
    ("collective_share", "集合称谓占比", "Collective share", "由集合称谓展开的分工所占比例", "share"),
    ("no_lead_share", "无牵头任务占比", "No-lead share", "未列牵头单位的任务所占比例", "share"),
    ("n_clusters", "群组数", "Clusters", "群组数", "count"),
    ("modularity", "模块度", "Modularity", "群组划分的模块度", "ratio"),
    ("n_warnings", "解析提示数", "Warnings", "解析提示条数", "count"),
    ("truncated", "文件不完整", "Truncated", "文件是否在末尾被截断（节选）", "flag"),
    ("reason", "原因", "Reason", "未能分析的原因", "text"),
    # -- compare -------------------------------------------------------------------
    ("documents.label", "文件", "Document", "文件的简称（地区与年份）", "text"),
    ("unit_loads.label", "文件", "Document", "文件的简称（地区与年份）", "text"),
    ("documents.source", "来源文件", "Source file", "来源文件名", "text"),
    ("warning_codes", "提示代码", "Warning codes", "解析提示代码", "text"),
    ("label_a", "前一版本", "Edition A", "比较中的前一份文件", "text"),
    ("label_b", "后一版本", "Edition B", "比较中的后一份文件", "text"),
    ("n_tasks_a", "前版任务数", "Tasks A", "前一份文件的任务数", "count"),
    ("n_tasks_b", "后版任务数", "Tasks B", "后一份文件的任务数", "count"),
    ("truncated_a", "前版不完整", "Truncated A", "前一份文件是否被截断", "flag"),
    ("truncated_b", "后版不完整", "Truncated B", "后一份文件是否被截断", "flag"),
    ("n_units_a", "前版单位数", "Units A", "前一份文件的单位数", "count"),
    ("n_units_b", "后版单位数", "Units B", "后一份文件的单位数", "count"),
    ("n_units_shared", "共有单位数", "Units shared", "两份文件都有的单位数", "count"),
    ("n_units_appeared", "新出现单位数", "Units appeared", "只在后一份文件出现的单位数", "count"),
    ("n_units_disappeared", "消失单位数", "Units disappeared", "只在前一份文件出现的单位数", "count"),
    ("gini_a", "前版基尼系数", "Gini A", "前一份文件的基尼系数", "ratio"),
    ("gini_b", "后版基尼系数", "Gini B", "后一份文件的基尼系数", "ratio"),
    ("gini_change", "基尼系数变化", "Gini change", "后版减前版", "ratio"),
    ("n_clusters_a", "前版群组数", "Clusters A", "前一份文件的群组数", "count"),
    ("n_clusters_b", "后版群组数", "Clusters B", "后一份文件的群组数", "count"),
    ("ari_shared_units", "群组一致度", "ARI (shared units)", "共有单位的群组划分一致度（调整兰德指数）", "ratio"),
    ("n_tasks_continued", "延续任务数", "Tasks continued", "在后一份文件中延续的任务数", "count"),
    ("n_tasks_new", "新增任务数", "Tasks new", "后一份文件新增的任务数", "count"),
    ("n_tasks_dropped", "未延续任务数", "Tasks dropped", "前一份文件中未延续的任务数", "count"),
    ("n_lead_changed", "牵头单位变化数", "Lead changed", "延续任务中牵头单位变化的个数", "count"),
    ("relation", "关系", "Relation", "两个名称的关系（同一单位、更名、拆分……）", "text"),
    ("unit_matches.score", "相似度", "Score", "名称相似度", "ratio"),
    ("unit_matches.reason", "依据", "Reason", "建议匹配的依据", "text"),
    ("canonical", "统一名称", "Canonical", "确认后使用的统一名称", "text"),
    ("docs_a", "前版文件", "Documents A", "出现该名称的前版文件", "text"),
    ("docs_b", "后版文件", "Documents B", "出现该名称的后版文件", "text"),
    ("n_a", "前版出现次数", "Mentions A", "名称在前版文件中的出现次数", "count"),
    ("n_b", "后版出现次数", "Mentions B", "名称在后版文件中的出现次数", "count"),
    ("confirmed", "已确认", "Confirmed", "填 yes 表示确认该匹配", "text"),
    ("load_a", "前版加权工作量", "Load A", "前一份文件的加权工作量", "load"),
    ("load_b", "后版加权工作量", "Load B", "后一份文件的加权工作量", "load"),
    ("load_change", "加权工作量变化", "Load change", "后版减前版", "load"),
    ("rank_a", "前版排名", "Rank A", "前一份文件中的排名", "count"),
    ("rank_b", "后版排名", "Rank B", "后一份文件中的排名", "count"),
    ("rank_change", "排名变化", "Rank change", "前版排名减后版排名（正数 = 上升）", "count"),
    ("status", "状态", "Status", "变化状态（延续、新增、消失……）", "text"),
    ("task_id_a", "前版任务编号", "Task no. A", "前一份文件的任务编号", "id"),
    ("task_id_b", "后版任务编号", "Task no. B", "后一份文件的任务编号", "id"),
    ("task_matches.score", "相似度", "Similarity", "任务内容相似度", "ratio"),
    ("lead_changes.score", "相似度", "Similarity", "任务内容相似度", "ratio"),
    ("scope", "比较范围", "Scope", "在哪个范围内寻找对应任务", "text"),
    ("best_task", "最接近任务", "Closest task", "相似度最高的任务编号", "id"),
    ("best_score", "最高相似度", "Best score", "最接近任务的相似度", "ratio"),
    ("section_a", "前版部分", "Section A", "前一份文件中任务所在部分", "text"),
    ("section_b", "后版部分", "Section B", "后一份文件中任务所在部分", "text"),
    ("text_a", "前版任务内容", "Text A", "前一份文件的任务内容", "text"),
    ("text_b", "后版任务内容", "Text B", "后一份文件的任务内容", "text"),
    ("lead_a", "前版牵头单位", "Lead A", "前一份文件的牵头单位", "text"),
    ("lead_b", "后版牵头单位", "Lead B", "后一份文件的牵头单位", "text"),
    ("lead_changed", "牵头单位变化", "Lead changed", "牵头单位是否变化", "flag"),
    ("caveat", "注意", "Caveat", "解读时需注意的情况", "text"),
    # -- sheet legend (the 说明 sheet itself) --------------------------------------------
    ("sheet", "工作表", "Sheet", "工作表名称", "text"),
    ("column", "列名", "Column", "列的英文键名（程序中使用）", "text"),
    ("header_zh", "中文列名", "Chinese header", "工作表中显示的中文列名", "text"),
    ("header_en", "英文列名", "English header", "英文列名", "text"),
    ("description", "说明", "Description", "列的含义", "text"),
]

GLOSSARY: dict[str, Term] = {r[0]: Term(*r) for r in _ROWS}
"""Column key (or ``"table.column"`` for a scoped meaning) → :class:`Term`."""

_CONCEPT_ROWS = [
    # -- roles and collective policies --------------------------------------------------
    ("role.lead", "牵头", "lead", "牵头单位：对任务负总责"),
    ("role.support", "配合", "support", "配合单位：协助牵头单位"),
    ("role.responsible", "责任（无牵头）", "responsible (no lead)", "未列牵头单位时列出的责任单位"),
    ("policy.expand", "展开到成员", "expanded to members", "集合单位展开到已知成员，每个成员各计一次"),
    ("policy.keep", "作为一个单位", "kept as one unit", "集合单位作为一个单位，不拆分"),
    ("policy.drop", "不计入", "dropped", "集合单位及经由它们的分工不计入"),
    ("policy.share", "按成员分摊", "shared among members", "每个成员计 1/成员数"),
    # -- report vocabulary ------------------------------------------------------------
    ("collective", "集合单位", "collective", "集合称谓，如 各街办(新区)、区政府各部门"),
    ("group", "群组", "cluster", "经常共同承担任务的单位群组（两个及以上单位）"),
    ("co_responsibility", "共同责任", "co-responsibility", "两个单位共同承担同一项任务"),
    ("excerpt", "节选", "excerpt", "在某一项中途中断的文件"),
    ("parse_warning", "解析提示", "parse warning", "解析时需要人工核对的情况"),
    # -- responsibility checks ----------------------------------------------------------
    ("check.several_no_lead", "多个单位、无牵头单位", "Several units, no lead", "问责提示：任务"),
    ("check.one_responsible", "仅一个责任单位（责任明确，非缺口）", "One responsible unit (clear, not a gap)", "问责提示：任务"),
    ("check.diffuse", "交给全体/各部门（责任泛化）", "Given to all / every department (diffuse)", "问责提示：任务"),
    ("check.only_collectives", "只由集合单位承担", "Collectives only", "问责提示：任务"),
    ("check.many_leads", "多个牵头单位", "Several lead units", "问责提示：任务"),
    ("check.many_units", "责任单位过多（责任分散）", "Many units (responsibility spread thin)", "问责提示：任务"),
    ("check.no_units", "未列责任单位", "No unit named", "问责提示：任务"),
    ("check.support_never_leads", "只配合、从不牵头的单位", "Units that support and never lead", "问责提示：单位"),
    # -- parse warnings -----------------------------------------------------------------
    ("warning.truncated_item", "末项被截断", "last item cut off", "解析提示代码 truncated_item"),
    ("warning.numbering_gap", "编号不连续", "gap in numbering", "解析提示代码 numbering_gap"),
    ("warning.numbering_duplicate", "编号重复", "number repeated", "解析提示代码 numbering_duplicate"),
    ("warning.no_units", "任务未写明单位", "task names no unit", "解析提示代码 no_units"),
    ("warning.unclosed_bracket", "括注未闭合", "bracket not closed", "解析提示代码 unclosed_bracket"),
    ("warning.unattached_text", "无法归属的文字", "text not attached to a task", "解析提示代码 unattached_text"),
    ("warning.ends_with_heading", "文末只有标题", "ends with a heading", "解析提示代码 ends_with_heading"),
    ("warning.guess_bare_list", "推测的单位列表", "unit list guessed", "解析提示代码 guess_bare_list"),
    ("warning.guess_unit_form", "推测的单位简称", "short unit name guessed", "解析提示代码 guess_unit_form"),
    ("warning.guess_prefix", "推测的单位前缀", "unit prefix guessed", "解析提示代码 guess_prefix"),
    ("warning.unknown_unit", "未知单位", "unknown unit", "解析提示代码 unknown_unit"),
    ("warning.reader_skipped", "读取时跳过的内容", "content skipped when reading", "解析提示代码 reader_skipped"),
    # -- unit kinds (views' legends and tooltips) -------------------------------------------
    ("kind.department", "部门", "department", "单位类型 department"),
    ("kind.street_office", "街道办事处", "street office", "单位类型 street_office"),
    ("kind.vertical", "垂直管理单位", "vertically managed unit", "单位类型 vertical"),
    ("kind.enterprise", "企业", "enterprise", "单位类型 enterprise"),
    ("kind.task_force", "专班/指挥部", "task force", "单位类型 task_force"),
    ("kind.collective", "集合称谓", "collective", "单位类型 collective"),
    ("kind.other", "其他", "other", "单位类型 other"),
    # -- interactive views: roles, tooltips, legends, titles ({…} are filled in) -------------
    ("view.role.lead", "牵头", "lead", "交互视图：分工角色"),
    ("view.role.responsible", "责任", "responsible", "交互视图：分工角色（未列牵头单位时）"),
    ("view.role.support", "配合", "support", "交互视图：分工角色"),
    ("view.role_legend", "{label} ({role})", "{label}", "交互视图图例中的分工角色"),
    ("view.units_by_role.lead", "牵头单位", "Lead units", "交互视图提示：任务的牵头单位"),
    ("view.units_by_role.responsible", "责任单位", "Responsible units", "交互视图提示：任务的责任单位"),
    ("view.units_by_role.support", "配合单位", "Support units", "交互视图提示：任务的配合单位"),
    ("view.task_label", "任务{id}", "Task {id}", "交互视图中任务节点的标签"),
    ("view.tip.section", "章节", "Section", "交互视图提示：任务所在部分"),
    ("view.tip.subsection", "小节", "Subsection", "交互视图提示：任务所在小节"),
    ("view.tip.task", "任务", "Task", "交互视图提示：任务内容"),
    ("view.tip.kind", "类型", "Kind", "交互视图提示：单位类型"),
    ("view.tip.n_tasks", "任务数", "Tasks", "交互视图提示：单位的任务数"),
    ("view.tip.role_counts", "{n}（牵头 {lead} · 责任 {responsible} · 配合 {support}）",
     "{n} (lead {lead} · responsible {responsible} · support {support})", "交互视图提示：按角色的任务数"),
    ("view.tip.task_ids", "任务编号", "Task nos.", "交互视图提示：单位的任务编号"),
    ("view.tip.role", "分工", "Role", "交互视图提示：连线的分工角色"),
    ("view.tip.cluster", "群组", "Cluster", "交互视图提示：单位所在群组"),
    ("view.tip.load", "加权工作量", "Weighted load", "交互视图提示：加权工作量"),
    ("view.tip.partners", "协作单位数", "Partners", "交互视图提示：协作单位数"),
    ("view.tip.top_partners", "主要协作", "Main partners", "交互视图提示：共同任务最多的协作单位"),
    ("view.tip.shared", "共同任务", "Shared tasks", "交互视图提示：两单位共同承担的任务数"),
    ("view.tip.weight", "权重", "Weight", "交互视图提示：连线权重"),
    ("view.tip.expected", "随机预期", "Expected by chance", "交互视图提示：零模型下的期望共同任务数"),
    ("view.tip.q_value", "q 值", "q-value", "交互视图提示：校正后的 q 值"),
    ("view.tip.edition", "版本", "Edition", "比较视图提示：文件版本"),
    ("view.tip.rank", "排名", "Rank", "比较视图提示：工作量排名"),
    ("view.tip.change", "较上一版", "Change from previous", "比较视图提示：加权工作量较上一版本的变化"),
    ("view.tip.new", "新出现", "new", "比较视图提示：上一版本没有的单位"),
    ("view.tip.new_short", "新", "new", "比较视图表格：上一版本没有的单位"),
    ("view.cluster", "群组{n}", "Cluster {n}", "群组的写法（从 1 编号）"),
    ("view.cluster_named", "群组{n}（{name}）", "Cluster {n} ({name})", "有名称的群组的写法"),
    ("view.unclustered", "未归类", "Unclustered", "不属于任何群组的单位"),
    ("view.legend.nodes", "节点", "Nodes", "交互视图图例：节点"),
    ("view.legend.roles", "分工", "Roles", "交互视图图例：分工角色"),
    ("view.legend.task", "任务", "Task", "交互视图图例：任务节点"),
    ("view.legend.size_tasks", "单位大小：任务数", "Unit size: number of tasks", "交互视图图例说明"),
    ("view.legend.zoom_tasks", "放大后显示任务编号", "Zoom in to see the task numbers", "交互视图图例说明：任务编号随缩放显示"),
    ("view.legend.clusters", "群组", "Clusters", "交互视图图例：群组"),
    ("view.legend.ties", "连线", "Ties", "交互视图图例：连线"),
    ("view.legend.backbone", "超出随机预期的共同责任（SDSM，FDR {alpha}；其余 {rest} 对未画出）",
     "Co-responsibility beyond chance (SDSM, FDR {alpha}; the other {rest} pairs not drawn)", "交互视图图例：骨干连线"),
    ("view.legend.shared", "共同任务（粗细=权重）", "Shared tasks (width = weight)", "交互视图图例：共同任务连线"),
    ("view.legend.size_load", "节点大小：加权工作量", "Node size: weighted load", "交互视图图例说明"),
    ("view.legend.size_strength", "（未给出时为协作强度）", " (co-responsibility strength when no load is given)",
     "交互视图图例说明：未给出工作量时"),
    ("view.legend.center", "中心（黑框）：{name}", "Centre (black border): {name}", "个体网络视图图例说明"),
    ("view.legend.edition_colour", "颜色：该版本的协作群组", "Colour: the edition's clusters", "比较视图图例"),
    ("view.legend.edition_absent", "浅灰：该版本未出现", "Light grey: not in this edition", "比较视图图例"),
    ("view.legend.edition_note", "节点大小：加权工作量；相同单位在各版本位置相同。← → 键切换版本。",
     "Node size: weighted load; a unit keeps its place in every edition. ← → keys switch editions.", "比较视图图例说明"),
    ("view.title.bipartite", "{title} · 单位—任务网络", "{title} · unit–task network", "二模网络视图标题"),
    ("view.title.bipartite_plain", "单位—任务网络", "Unit–task network", "二模网络视图标题（无文件标题时）"),
    ("view.title.cluster", "{title} · 协同网络", "{title} · co-responsibility network", "协同网络视图标题"),
    ("view.title.cluster_plain", "单位协同网络", "Co-responsibility network of units", "协同网络视图标题（无文件标题时）"),
    ("view.title.ego", "{name} 的任务与协作单位", "{name}: tasks and partner units", "个体网络视图标题"),
    ("view.title.compare", "协同网络：按版本切换", "Co-responsibility network by edition", "比较视图标题"),
    ("view.sub.units", "{n} 个单位", "{n} units", "交互视图副标题：单位数"),
    ("view.sub.units_collectives", "{n} 个单位，另 {c} 个集合主体", "{n} units and {c} collectives",
     "交互视图副标题：单位数（参与排名的单位）与集合称谓数，与报告的排名一致"),
    ("view.sub.bipartite", "{units} · {tasks} 项任务 · {edges} 条分工", "{units} · {tasks} tasks · {edges} assignments",
     "二模网络视图副标题"),
    ("view.sub.cluster", "{units} · {edges} 对协作 · {groups}", "{units} · {edges} co-responsible pairs · {groups}",
     "协同网络视图副标题"),
    ("view.sub.backbone", "{units} · {kept} 对超出随机的协作（共 {edges} 对）· {groups}",
     "{units} · {kept} pairs beyond chance (of {edges}) · {groups}", "协同网络视图副标题（骨干连线）"),
    ("view.sub.ego", "{tasks} 项任务 · {partners} 个协作单位", "{tasks} tasks · {partners} partner units", "个体网络视图副标题"),
    ("view.sub.edition", "{label}：{tasks} 项任务，{units} 个单位", "{label}: {tasks} tasks, {units} units", "比较视图的版本说明"),
    ("view.sub.edition_excerpt", "；节选（文本在中途截断，只反映前几项任务）",
     "; excerpt (the text stops mid-way and covers only the first tasks)", "比较视图：节选版本的说明"),
    ("view.groups", "{n} 个群组", "{n} clusters", "群组数（两个及以上单位的群组）"),
    ("view.groups_single", "（另 {n} 个单位单独成组）", " ({n} more units on their own)", "单独成组的单位数"),
    ("view.source", "数据来源：{text}", "Source: {text}", "交互视图的数据来源行"),
    ("view.more", " …(另 {n} 个)", " …({n} more)", "列表过长时省略的个数"),
    ("view.absent", "本版本未出现", "not in this edition", "比较视图：单位不在该版本"),
    ("view.editions", "版本", "Editions", "比较视图：版本切换按钮组"),
    ("view.page.search", "查找单位…", "Find a unit…", "交互视图：搜索框提示"),
    ("view.page.search_label", "查找单位", "Find a unit", "交互视图：搜索框名称"),
    ("view.page.find", "查找", "Find", "交互视图：查找按钮"),
    ("view.page.png", "保存为图片", "Save as PNG", "交互视图：保存图片按钮"),
    ("view.page.png_title", "把当前画面保存为 PNG 图片", "Save the current picture as a PNG image", "交互视图：保存图片按钮说明"),
    ("view.page.not_found", "未找到单位：", "No unit found: ", "交互视图：搜索无结果"),
    ("view.page.found", "已定位：", "Found: ", "交互视图：搜索定位到单位"),
    ("view.page.saved", "已保存图片：", "Picture saved: ", "交互视图：图片已保存"),
    ("view.page.no_nodes", "（无节点）", "(no nodes)", "静态图：没有节点"),
    ("view.fallback_hint", "交互视图需在受信任的笔记本中显示：File → Trust Notebook，或打开导出的 HTML（view.save(…)）",
     "The interactive view shows in a trusted notebook: File → Trust Notebook, or open the exported HTML (view.save(…))",
     "笔记本不受信任时静态图下方的说明"),
    ("view.static", "（静态图）", " (static picture)", "静态图的替代文字后缀"),
    ("view.plain", "{title}：{nodes} 个节点，{edges} 条连线。", "{title}: {nodes} nodes, {edges} edges. ",
     "笔记本纯文本输出"),
    # -- report findings: facts and key sentences ({…} are filled in) -----------------------
    ("fact.document", "文件", "Document", "报告概况：文件标题"),
    ("fact.place", "地区", "Place", "报告概况：地区"),
    ("fact.year", "年份", "Year", "报告概况：年份"),
    ("fact.date", "发布日期", "Date", "报告概况：发布日期"),
    ("fact.issuer", "发布机构", "Issued by", "报告概况：发布机构"),
    ("fact.doc_number", "文号", "Document no.", "报告概况：文号"),
    ("fact.counts", "任务 / 部分 / 单位", "Tasks / sections / units", "报告概况：任务、部分、单位数"),
    ("fact.weights", "角色权重", "Role weights", "报告概况：角色权重"),
    ("fact.weights_value", "牵头 {lead:g}，配合 {support:g}，责任 {responsible:g}",
     "lead {lead:g}, support {support:g}, responsible {responsible:g}", "报告概况：角色权重的写法"),
    ("fact.collectives", "集合单位口径", "Collectives", "报告概况：集合单位口径"),
    ("fact.collectives_value", "{label}（{key}）", "{label} ({key})", "报告概况：集合单位口径的写法"),
    ("fact.gini", "基尼系数", "Gini", "报告概况：基尼系数"),
    ("fact.seed", "随机种子", "Random seed", "报告概况：随机种子"),
    ("finding.gini_words.nan", "无法计算", "it cannot be computed", "基尼系数的解读：无法计算"),
    ("finding.gini_words.even", "各单位的工作量较为均衡", "the units' loads are fairly even", "基尼系数的解读：< 0.2"),
    ("finding.gini_words.some", "各单位的工作量有一定差距", "the loads differ somewhat", "基尼系数的解读：0.2–0.35"),
    ("finding.gini_words.clear", "工作量明显集中在部分单位", "the load is clearly concentrated in some units",
     "基尼系数的解读：0.35–0.5"),
    ("finding.gini_words.high", "工作量高度集中在少数单位", "the load is highly concentrated in a few units",
     "基尼系数的解读：≥ 0.5"),
    ("finding.gini_text",
     "加权工作量的基尼系数为 {gini_ci}，{words}。基尼系数在 0 到 1 之间：0 表示每个单位的工作量完全相同，"
     "越接近 1 表示工作越集中在少数单位。{n} 个单位中，最重的 5 个承担了 {top5_ci}的加权工作量，"
     "最重的 10 个承担了 {top10}。置信区间由任务自助重抽样（{n_boot} 次，随机种子 {seed}）得出；"
     "按单位数做小样本校正后基尼系数为 {gini_corrected}。",
     "The Gini coefficient of the weighted load is {gini_ci}: {words}. The Gini lies between 0 and 1: 0 means every "
     "unit has the same load, values near 1 mean the work sits with a few units. Of {n} units, the 5 heaviest carry "
     "{top5_ci} of the weighted load. The 10 heaviest carry {top10}. The intervals come from a task bootstrap "
     "({n_boot} resamples, seed {seed}); corrected for the number of units, the Gini is {gini_corrected}. ",
     "报告：基尼系数段落"),
    ("finding.gini_lead", "只看牵头任务，基尼系数为 {g}。", "Counting lead tasks only, the Gini is {g}. ",
     "报告：牵头任务的基尼系数"),
    ("finding.gini_policy", "以上数字的集合单位口径为“{label}”（{key}），其他口径见口径对比表。",
     "These numbers treat collectives as “{label}” ({key}); the other policies are in the policy comparison table.",
     "报告：基尼系数所用的集合单位口径"),
    ("finding.sentence_sep", "。", ". ", "句子之间的分隔（要点取基尼系数段落的第一、三句）"),
    ("finding.sentence_end", "。", ".", "句末标点"),
    ("finding.overview", "共 {tasks} 项任务、{sections} 个部分，涉及 {n} 个单位（集合单位另计）。",
     "{tasks} tasks in {sections} sections, involving {n} units (collectives counted apart).", "要点：规模"),
    ("finding.top_units", "工作量最重的单位：{units}（集合单位口径“{policy}”）。",
     "Heaviest units: {units} (collectives “{policy}”).", "要点：工作量最重的单位"),
    ("finding.backbone", "共同责任：{tested} 对单位中，共同承担任务显著多于随机的有 {significant} 对"
     "（随机度序列模型，错误发现率 {alpha}）。",
     "Co-responsibility: of {tested} unit pairs, {significant} share significantly more tasks than chance "
     "(stochastic degree sequence model, false discovery rate {alpha}).", "要点：共同责任骨干"),
    ("finding.clusters", "识别出 {k} 个经常共同承担任务的单位群组（另有 {single} 个单位单独成组，不列为群组）；"
     "最大的群组有 {size} 个单位",
     "{k} cluster(s) of units that often share tasks (another {single} unit(s) stand alone and are not counted as "
     "clusters); the largest has {size} units", "要点：群组"),
    ("finding.cluster_keywords", "，关键词：{words}。", ", keywords: {words}.", "要点：最大群组的关键词"),
    ("finding.cluster_ari", "对任务重抽样后重新分组，与原分组的调整兰德指数平均 {mean}（5%–95%：{p05}–{p95}），",
     " Re-clustering bootstrap resamples of the tasks gives a mean adjusted Rand index of {mean} "
     "(5%–95%: {p05}–{p95}); ", "要点：群组的稳定性"),
    ("finding.cluster_loose", "群组宜看作倾向而非固定分组。", "read the clusters as tendencies, not fixed groups.",
     "要点：群组不稳定时"),
    ("finding.cluster_stable", "分组较稳定。", "the clusters are stable.", "要点：群组稳定时"),
    ("finding.checks", "问责提示：{items}。", "Responsibility checks: {items}.", "要点：问责提示"),
    ("finding.check_item", "{label} {n} 项", "{label} {n}", "要点：一类问责提示的项数"),
    ("finding.list_sep", "；", "; ", "要点中并列项的分隔"),
    ("finding.warnings", "解析提示 {n} 条（见文末，请核对原文）。",
     "{n} parse warning(s) (listed at the end; check against the original).", "要点：有解析提示时"),
    ("finding.no_warnings", "解析提示 {n} 条，文件已完整解析。", "{n} parse warning(s); the document was parsed completely.",
     "要点：没有解析提示时"),
    # -- the notice at the top of a report on partial input ({…} are filled in) ----------------
    ("caveat.where_item", "第 {n} 项", "item {n}", "输入不完整提示：中断在第几项"),
    ("caveat.where_last", "末项", "the last item", "输入不完整提示：中断在末项"),
    ("caveat.excerpt", "本文件是节选，不是完整文件：原文在{where}（“{shown}”）处中断，其后的任务和单位都没有读到，"
     "本报告只分析中断前的 {n} 项任务。",
     "This document is an excerpt, not the whole document: the text stops at {where} (“{shown}”); no task or unit "
     "after it was read, and this report covers only the {n} tasks before the cut.", "输入不完整提示：节选"),
    ("caveat.excerpt_means", "因此：各单位的任务数和加权工作量只计节选部分，可能偏低；排名、基尼系数、群组和问责提示描述的是节选，"
     "不代表整份文件；某个单位没有出现，不等于它在整份文件中没有任务。请取得完整文件后重新分析。",
     "So: each unit's task count and weighted load count the excerpt only and may be too low; the ranking, the Gini, "
     "the clusters and the responsibility checks describe the excerpt, not the whole document; a unit that does not "
     "appear may still have tasks in the full document. Analyse the complete document once you have it.",
     "输入不完整提示：节选对数字的影响"),
    ("caveat.warnings", "解析时有 {n} 条提示（{kinds}），明细见文末“解析提示”。涉及的任务可能漏读、或单位识别有误，"
     "相关单位的任务数、工作量和排名可能有偏差；引用前请对照原文核对。",
     "Parsing left {n} warning(s) ({kinds}); see “Parse warnings” at the end. The tasks concerned may have been "
     "missed or their units misread, so those units' task counts, loads and ranks may be off; check against the "
     "original before quoting them.", "输入不完整提示：解析提示"),
    ("caveat.warning_kind", "{word} {n} 条", "{word} {n}", "输入不完整提示：一类解析提示的条数"),
    ("caveat.kind_sep", "、", ", ", "输入不完整提示：各类解析提示之间的分隔"),
    # -- compare figures --------------------------------------------------------------------
    ("figure.slope_title", "各单位工作量的变化（加权工作量）", "Change in each unit's load (weighted load)",
     "比较图：斜率图标题"),
    ("figure.networks_title", "各版本的协同网络（相同单位位置相同）",
     "Co-responsibility network of each edition (a unit keeps its place)", "比较图：各版本网络图标题"),
    ("figure.networks_caption", "各版本的协同网络", "Co-responsibility network of each edition", "比较摘要页：各版本网络图的小标题"),
    ("figure.edition_units", "{label}（{n} 个单位）", "{label} ({n} units)", "比较图：一个版本的小标题"),
    ("figure.excerpt", "（节选）", " (excerpt)", "比较图数据来源中节选版本的标记"),
    ("figure.compare_source", "{labels}的重点工作分解", "{labels}: key-work breakdowns", "比较图的数据来源"),
    # -- compare summary page ---------------------------------------------------------------
    ("compare.title", "比较：{labels}", "Comparison: {labels}", "比较摘要页：浏览器标签上的标题"),
    ("compare.heading", "版本比较：{labels}", "Editions compared: {labels}", "比较摘要页：大标题"),
    ("compare.excerpts", "节选：{labels} 在某项任务中间截断，只能比较截断之前的任务。与节选相邻的“新增”“删去”任务或单位可能只是"
     "落在被截去的部分；工作量、基尼系数和群组描述的是节选，不是完整的计划。",
     "Excerpts: {labels} stop in the middle of a task, so only the tasks before the cut can be compared. Tasks or "
     "units “added” or “dropped” next to an excerpt may simply lie in the part cut off; loads, Gini and clusters "
     "describe the excerpt, not the whole plan.", "比较摘要页：节选提示"),
    ("compare.policy", "集合单位口径：{policy}（{mode}），各版本相同（--collectives；见 docs/methods.md）。工作量、基尼系数和群组"
     "都按这一口径计算，版本之间的变化因此是计划的变化，而不是计数方法的变化。",
     "Collective units: {policy} ({mode}), the same for every edition (--collectives; see docs/methods.md). Loads, "
     "Gini and clusters are all computed this way, so a change between editions is a change of the plan, not of "
     "the counting.", "比较摘要页：集合单位口径说明"),
    ("compare.documents", "文件", "Documents", "比较摘要页：小标题"),
    ("compare.editions", "版本之间的变化", "Changes between editions", "比较摘要页：小标题"),
    ("compare.view_note", "可切换版本的交互网络图：{name}（在本文件夹中）。",
     "Interactive network with a switch between editions: {name} (in this folder).", "比较摘要页：交互网络图说明"),
    ("compare.matches", "待确认的单位对应", "Unit matches to confirm", "比较摘要页：小标题"),
    ("compare.matches_note", "仅根据名称提出建议；在 unit_matches.csv 中把 confirmed 改为 yes 并以 --matches 重新运行之前，"
     "不会合并任何单位。已确认 {n_yes} / {n} 条。",
     "Suggested from the names only; no unit is merged until you set confirmed to yes in unit_matches.csv and run "
     "again with --matches. Confirmed: {n_yes} of {n}.", "比较摘要页：单位对应说明"),
    ("compare.top_changes", "工作量变化最大的单位", "Units whose load changed most", "比较摘要页：小标题"),
    ("compare.new_gone", "新出现或不再出现的单位", "Units that appear or disappear", "比较摘要页：小标题"),
    ("compare.lead_changes", "牵头单位发生变化的任务", "Tasks whose lead unit changed", "比较摘要页：小标题"),
    ("compare.task_matches", "任务对应（相似度阈值 {threshold}）", "Task matches (similarity threshold {threshold})",
     "比较摘要页：小标题"),
    ("compare.more_rows", "…… 另有 {n} 行，见 CSV 表格。", "… {n} more rows: see the CSV table.", "比较摘要页：表格未列全"),
    ("compare.footer", "由 xialu-graph compare 生成。", "Made by xialu-graph compare.", "比较摘要页：页脚"),
    # -- workbook -------------------------------------------------------------------------
    ("workbook.legend", "说明", "Legend", "工作簿中列说明工作表的名称"),
]

CONCEPTS: dict[str, Term] = {r[0]: Term(*r, "text") for r in _CONCEPT_ROWS}
"""Report vocabulary that is not a column (roles, collective policies, checks, parse-warning
codes) → :class:`Term`; the report and the figures take each word from here."""


def concept(key: str) -> str:
    """The word of a concept in the current language (:func:`use_language`).

    Examples
    --------
    >>> concept("policy.expand")
    '展开到成员'
    >>> with use_language("en"):
    ...     concept("warning.truncated_item")
    'last item cut off'
    """
    t = CONCEPTS[key]
    return t.en if _LANGUAGE.get() == "en" else t.zh


def phrase(key: str, /, **fields) -> str:
    """A sentence template of :data:`CONCEPTS` in the current language, its ``{fields}`` filled in.

    Examples
    --------
    >>> phrase("view.sub.units_collectives", n=44, c=13)
    '44 个单位，另 13 个集合主体'
    >>> with use_language("en"):
    ...     phrase("view.sub.units_collectives", n=44, c=13)
    '44 units and 13 collectives'
    """
    return concept(key).format(**fields)


def header(column: str, *, table: Optional[str] = None) -> str:
    """The header of a column in the current language; the column itself when it has no entry.

    Examples
    --------
    >>> header("weighted_load")
    '加权工作量'
    >>> with use_language("en"):
    ...     header("weighted_load")
    'Weighted load'
    """
    try:
        t = term(column, table=table)
    except KeyError:
        return column
    return t.en if _LANGUAGE.get() == "en" else t.zh


def term(column: str, *, table: Optional[str] = None) -> Term:
    """The glossary entry of a column, the table-scoped one first.

    Raises
    ------
    KeyError
        When the column has no entry.

    Examples
    --------
    >>> term("source", table="units").zh
    '判定依据'
    """
    if table is not None and f"{table}.{column}" in GLOSSARY:
        return GLOSSARY[f"{table}.{column}"]
    return GLOSSARY[column]


def zh_header(column, *, table: Optional[str] = None):
    """Chinese header of a column; the column unchanged when it has no entry (matrix columns).

    Examples
    --------
    >>> zh_header("task_id"), zh_header("22")
    ('任务编号', '22')
    """
    if not isinstance(column, str):
        return column
    try:
        return term(column, table=table).zh
    except KeyError:
        return column


def glossary_frame():
    """The glossary as a DataFrame (columns key, zh, en, description, fmt), in table order.

    Examples
    --------
    >>> glossary_frame().columns.tolist()
    ['key', 'zh', 'en', 'description', 'fmt']
    """
    import pandas as pd

    return pd.DataFrame(list(GLOSSARY.values()), columns=list(Term._fields))


def glossary_markdown() -> str:
    """``docs/glossary.md``: the glossary as a Markdown table (generated, not edited by hand).

    Examples
    --------
    >>> glossary_markdown().splitlines()[0]
    '# Glossary 术语表'
    """
    lines = [
        "# Glossary 术语表",
        "",
        "<!-- Generated from xialu_graph/glossary.py by glossary_markdown(); do not edit by hand. -->",
        "",
        "One name for each concept in each language: the column key used in code and CSV files, the",
        "Chinese header shown in the workbook and the briefing, the English header (`--lang en`), a short",
        "description and the display format. `table.column` keys give a column's meaning in one table",
        "where it differs from the general one.",
        "",
        "Formats: " + ", ".join(f"`{k}` = `{v}`" for k, v in FORMATS.items()) + ".",
        "",
        "| key | 中文 | English | 说明 | format |",
        "|---|---|---|---|---|",
    ]
    for t in GLOSSARY.values():
        cells = [f"`{t.key}`", t.zh, t.en, t.description, t.fmt]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += [
        "",
        "## Report vocabulary 报告用语",
        "",
        "Words of the report and the figures that are not column names: roles, collective policies,",
        "responsibility checks and parse-warning codes (`CONCEPTS` in the code).",
        "",
        "| key | 中文 | English | 说明 |",
        "|---|---|---|---|",
    ]
    for t in CONCEPTS.values():
        cells = [f"`{t.key}`", t.zh, t.en, t.description]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
