"""Each pass of the parser on its own: plain data in, exact data out.

layout → numbering → items → tasks (assignments) → ids; :func:`parse_document` only chains them.
"""

from __future__ import annotations

import pytest

from xialu_graph.errors import InputError
from xialu_graph.model import RawAssignment, Section, Task
from xialu_graph.parse import parse_document
from xialu_graph.parse.ids import assign_ids, number_tasks
from xialu_graph.parse.items import Context, Notice, ProseTask, TableRow, TaskSpan, find_items
from xialu_graph.parse.layout import prepare
from xialu_graph.parse.lines import match_item
from xialu_graph.parse.numbering import scan_numbering
from xialu_graph.parse.tasks import build_tasks


def items_of(text: str, first_listed_leads: bool = False):
    lay = prepare(text)
    return find_items(lay, scan_numbering(lay.norms), first_listed_leads=first_listed_leads)


def spans(found):
    return [e for e in found.entries if isinstance(e, TaskSpan)]


# ---------------------------------------------------------------- layout


def test_layout_lines_and_norms_stay_aligned():
    lay = prepare("（一）增收。（省财政厅负责）\n  2. 稳价 \n")
    assert lay.lines == ["（一）增收。（省财政厅负责）", "  2. 稳价 ", ""]
    assert lay.norms == ["(一)增收。(省财政厅负责)", "2. 稳价", ""]
    assert lay.conventions == {}


def test_layout_reports_what_it_changed_in_report_order():
    lay = prepare("<p>1.抓项目。(区发改局负责) 2.招商。(区商务局负责)</p>")
    assert lay.lines == ["1.抓项目。(区发改局负责)", "2.招商。(区商务局负责)"]
    assert list(lay.conventions.items()) == [("layout_run_in_breaks", 1), ("layout_markup_removed", True)]


# ---------------------------------------------------------------- numbering


def test_numbering_marks_lines_that_carry_an_assignment():
    norms = ["一、稳增长", "(一)抓项目", "1.建园区。(牵头单位:区发改局)", "", "2.招商。", "责任单位:区商务局", "3.其他。", "4.再议"]
    scan = scan_numbering(norms)
    assert [(nl.index, nl.match.style, nl.assigned) for nl in scan.numbered] == [
        (1, "cn_paren", False), (2, "arabic", True), (4, "arabic", True), (6, "arabic", False), (7, "arabic", False),
    ]
    assert scan.task_style == "arabic"
    assert scan.subsection_style == "cn_paren"
    assert scan.heads[0].style == "section" and scan.items[0] is None
    assert 3 not in scan.items  # blank lines are not matched


def test_numbering_chinese_parens_number_the_tasks_when_they_carry_the_assignments():
    scan = scan_numbering(["一、稳增长", "(一)抓项目。(区发改局负责)", "(二)招商。(区商务局负责)", "1.细则"])
    assert scan.task_style == "cn_paren"
    assert scan.subsection_style is None


# ---------------------------------------------------------------- items


def test_items_assembles_spans_with_lines_and_section_path():
    found = items_of(
        "关于印发的通知\n一、稳增长\n(一)抓项目\n1、建园区,\n扩投资。\n牵头单位:区发改局\n"
        "招商引资\n2、招商。(区商务局负责)\n二、惠民生\n3、办学。(区教育局负责)\n"
    )
    got = [(s.match.label, s.parts, s.lines, s.label_parts, s.context.section.title, s.context.subsection.title if s.context.subsection else "",
            s.context.heading, s.final) for s in spans(found)]
    assert got == [
        ("1、", ["建园区,", "扩投资。"], [4, 5, 6], [(6, "牵头单位:区发改局")], "稳增长", "抓项目", "", False),
        ("2、", ["招商。(区商务局负责)"], [8], [], "稳增长", "抓项目", "招商引资", False),
        ("3、", ["办学。(区教育局负责)"], [10], [], "惠民生", "", "", True),
    ]
    assert found.kinds == ["preamble", "section", "subsection", "task", "continuation", "label", "heading", "task", "section", "task", "blank"]
    assert [(s.number, s.title, s.line) for s in found.sections] == [("一", "稳增长", 2), ("二", "惠民生", 9)]
    assert [(s.section_no, s.number, s.title) for s in found.subsections] == [("一", "一", "抓项目")]
    assert found.preamble == ["关于印发的通知"]
    assert found.conventions == {}


def test_items_leaders_on_headings_go_with_the_context():
    found = items_of("一、经济发展(牵头领导:赵六)\n1、抓项目。(区发改局负责)\n")
    (span,) = spans(found)
    assert span.context.section.title == "经济发展"
    assert span.context.leaders == [("牵头领导", "赵六", 1)]


def test_items_notices_stand_where_the_document_raises_them():
    found = items_of("一、稳增长\n1、抓项目。(区发改局负责)\n这一行不属于任何任务\n再一行\n2、招商。(区商务局负责)\n二、惠民生\n")
    assert [type(e).__name__ for e in found.entries] == ["TaskSpan", "Notice", "TaskSpan", "Notice"]
    assert found.entries[1] == Notice(3, "unattached_text", "line not part of any task: '这一行不属于任何任务'")
    assert found.entries[3] == Notice(6, "ends_with_heading", "the document ends with a heading and no task after it (cut off?): '二、惠民生'")
    assert found.kinds == ["section", "task", "other", "heading", "task", "section", "blank"]
    assert found.entries[2].context.heading == "再一行"


def test_items_pipe_table_rows_become_table_rows():
    found = items_of("序号 | 工作任务 | 牵头单位 | 责任单位\n1 | 抓项目 | 区发改局 | 区财政局\n2 | 招商 | 区商务局 |\n")
    rows = [e for e in found.entries if isinstance(e, TableRow)]
    assert [(r.number, r.text, r.label_text, r.first_line, r.last_line, r.rebuilt) for r in rows] == [
        (1, "抓项目", "牵头单位:区发改局;责任单位:区财政局", 2, 2, False),
        (2, "招商", "牵头单位:区商务局", 3, 3, False),
    ]
    assert found.kinds == ["table_header", "task", "task", "blank"]
    assert found.conventions == {"table": True}


def test_items_one_cell_per_line_table_is_rebuilt():
    found = items_of("序号\n工作任务\n牵头单位\n责任单位\n1\n抓项目\n区发改局\n区财政局\n2\n招商\n区商务局\n区统计局\n")
    rows = [e for e in found.entries if isinstance(e, TableRow)]
    assert [(r.number, r.text, r.label_text, r.first_line, r.last_line, r.rebuilt) for r in rows] == [
        (1, "抓项目", "牵头单位:区发改局;责任单位:区财政局", 5, 8, True),
        (2, "招商", "牵头单位:区商务局;责任单位:区统计局", 9, 12, True),
    ]
    assert found.kinds[:9] == ["table_header"] * 4 + ["task", "continuation", "continuation", "continuation", "task"]


def test_items_numbered_heading_with_an_assignment_is_a_task_that_retitles_its_section():
    found = items_of("一、加快调整能源结构(省发改委牵头)\n二、稳增长\n1、抓项目。(区发改局负责)\n")
    first = spans(found)[0]
    assert first.match.style == "section" and first.parts == ["加快调整能源结构(省发改委牵头)"]
    assert first.retitles is found.sections[0]


def test_items_paragraph_under_a_heading_with_prose_roles():
    found = items_of("一、治理交通\n州交通局为本项工作的牵头单位,负责方案。州财政局为协办单位,要配合。\n")
    (entry,) = found.entries
    assert isinstance(entry, ProseTask)
    assert (entry.number, entry.numbering, entry.line) == (1, "一", 2)
    assert entry.parsed.units == [("lead", "州交通局"), ("support", "州财政局")]
    assert found.conventions == {"prose_roles": True}


# ---------------------------------------------------------------- tasks (assignments)


def _span(label_line: str, *rest: str, line: int = 1, final: bool = False) -> TaskSpan:
    m = match_item(label_line)
    span = TaskSpan(m, line, context=Context())
    span.add(line, label_line[m.start:], label_line[m.start:])
    for k, r in enumerate(rest, start=line + 1):
        span.add(k, r, r)
    span.final = final
    return span


def test_tasks_trailing_bracket():
    built = build_tasks([_span("1、抓项目。[牵头单位:区发改局;责任单位:区财政局、区统计局]")])
    (t,) = built.tasks
    assert (t.text, t.assignment_raw) == ("抓项目。", "牵头单位:区发改局;责任单位:区财政局、区统计局")
    assert [(r.role, r.unit_raw, r.line) for r in t.raw_assignments] == [
        ("lead", "区发改局", 1), ("support", "区财政局", 1), ("support", "区统计局", 1)]
    assert built.warnings == [] and sorted(built.label_styles) == ["labels"]


def test_tasks_inline_labels_after_the_sentence():
    (t,) = build_tasks([_span("1、增长13.5%。主办单位:市发改委。")]).tasks
    assert t.text == "增长13.5%。"
    assert [(r.role, r.unit_raw) for r in t.raw_assignments] == [("lead", "市发改委")]
    assert t.reasons == ["inline_labels"]


def test_tasks_unclosed_bracket_and_bare_list_warn_in_order():
    built = build_tasks([_span("1、抓项目。(牵头单位:区发改局"), Notice(5, "unattached_text", "x"), _span("2、招商。", "(区商务局、区财政局)", line=6)])
    assert [(line, code) for line, code, _ in built.warnings] == [(1, "unclosed_bracket"), (5, "unattached_text"), (7, "guess_bare_list")]
    assert [t.reasons for t in built.tasks] == [["unclosed_bracket"], ["guessed_role"]]
    assert [(r.role, r.unit_raw, r.line) for r in built.tasks[1].raw_assignments] == [
        ("responsible", "区商务局", 7), ("responsible", "区财政局", 7)]


def test_tasks_bare_list_leads_by_position_when_the_rule_is_stated():
    built = build_tasks([_span("1、抓项目。(区发改局、区财政局)")], first_listed_leads=True)
    (t,) = built.tasks
    assert [(r.role, r.unit_raw) for r in t.raw_assignments] == [("lead", "区发改局"), ("support", "区财政局")]
    assert built.warnings == [] and built.label_styles == {"bare_list+first_listed_leads"}


def test_tasks_last_span_cut_off_is_not_a_task():
    built = build_tasks([_span("1、抓项目。(区发改局负责)"), _span("2、招商引", line=2, final=True)])
    assert [t.number for t in built.tasks] == [1]
    assert built.truncated == "2、招商引" and built.truncated_lines == [2]
    assert built.warnings[-1][:2] == (2, "truncated_item")


def test_tasks_table_row_and_deadline_note():
    row = TableRow(4, "抓项目", "牵头单位:区发改局;责任单位:区财政局", "6月底前", Context(heading="项目"), 7, 9, rebuilt=True)
    built = build_tasks([row])
    (t,) = built.tasks
    assert (t.number, t.numbering, t.text, t.heading, t.line_start, t.line_end) == (4, "4", "抓项目", "项目", 7, 9)
    assert [(r.role, r.unit_raw, r.line) for r in t.raw_assignments] == [("lead", "区发改局", 7), ("support", "区财政局", 7)]
    assert t.reasons == ["cell_layout_rebuilt"]
    assert built.notes == [(t, "6月底前")] and built.label_styles == {"table"}


def test_tasks_section_heading_task_keeps_its_title_then_retitles_the_section():
    found = items_of("一、加快调整能源结构。(省发改委牵头)\n1、抓项目。(区发改局负责)\n")
    built = build_tasks(found.entries)
    assert [(t.numbering, t.text, t.section) for t in built.tasks] == [
        ("一", "加快调整能源结构。", "加快调整能源结构。(省发改委牵头)"), ("1、", "抓项目。", "加快调整能源结构。")]
    assert found.sections[0].title == "加快调整能源结构。"


# ---------------------------------------------------------------- ids


def _task(number: int, section_no: str = "", attachment: str = "", numbering: str = "") -> Task:
    return Task(str(number), number, numbering or f"{number}、", "x", section_no=section_no, section=section_no,
                attachment=attachment, line_start=number)


def test_ids_restart_per_section_and_attachment():
    ts = [_task(1, "一"), _task(2, "一"), _task(1, "二"), _task(1, "", "附件2"), _task(2, "", "附件2")]
    restarts, warnings = assign_ids(ts)
    assert [t.task_id for t in ts] == ["一-1", "一-2", "二-1", "附件2-1", "附件2-2"]
    assert restarts is True and warnings == []


def test_ids_duplicates_and_gaps_warn_and_stay_unique():
    ts = [_task(1), _task(2), _task(2), _task(5)]
    restarts, warnings = assign_ids(ts)
    assert [t.task_id for t in ts] == ["1", "2", "2#乙", "5"]
    assert [(line, code) for line, code, _ in warnings] == [(2, "numbering_duplicate"), (5, "numbering_gap")]
    assert restarts is False


def test_ids_heading_task_keeps_its_numeral_and_units_are_checked():
    ts = [_task(1, numbering="一"), _task(1)]
    ts[1].raw_assignments = [RawAssignment("lead", "区发改局", 1)]
    restarts, warnings = number_tasks(ts)
    assert [t.task_id for t in ts] == ["一", "1"]
    assert warnings == [(1, "no_units", "task 一 names no unit")]


# ---------------------------------------------------------------- the chain


def test_parse_document_chains_the_passes():
    doc = parse_document("一、稳增长\n1、抓项目。[牵头单位:区发改局]\n3、招商。\n")
    assert [t.task_id for t in doc.tasks] == ["1", "3"]
    assert list(doc.report.conventions) == ["lead_rule", "numbering", "labels", "numbering_restarts_per_section", "table"]
    assert [w.code for w in doc.report.warnings] == ["numbering_gap", "no_units"]
    assert isinstance(doc.sections[0], Section)


def test_parse_document_strict_raises_the_first_warning_in_document_order():
    with pytest.raises(InputError, match="line not part of any task") as e:
        parse_document("一、稳增长\n1、抓项目。(区发改局负责)\n这一行不属于任何任务\n再一行\n3、招商。(区商务局负责)\n", strict=True)
    assert e.value.line == 3
