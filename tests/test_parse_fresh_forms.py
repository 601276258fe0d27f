"""Forms the fresh set of real documents showed (issue 12, "after you look"): each written by a
generator in tests/genre.py and recovered exactly, plus the pieces that read them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xialu_graph as xg
from genre import assert_recovered, fresh_forms_document, wrapped_forms_document
from xialu_graph.parse.assignments import blank_remarks, parse_assignment, person_of
from xialu_graph.parse.glued import join_viewer_chunks, unglue_tables
from xialu_graph.parse.tables import join_spaced_letters, match_header, match_space_header


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fresh_forms_document())
def test_parse_recovers_the_forms_of_the_fresh_set(gen):
    assert_recovered(*gen, people=True)


def test_leaders_by_post_are_persons_never_units():
    pa = parse_assignment("分管副省长、协管副秘书长负责,省国资委牵头")
    assert pa.units == [("lead", "省国资委")]
    assert [name for _, name in pa.people] == ["分管副省长", "协管副秘书长"]
    assert person_of("吴继德副市长") == "吴继德"


def test_a_conditional_sentence_holding_a_rule_or_remark_names_no_unit():
    pa = parse_assignment("由市发改委、经委、统计局负责。一项任务涉及多个部门的,原则上由排名首位的部门牵头负责。下同",
                          first_listed_leads=True)
    assert pa.units == [("lead", "市发改委"), ("support", "经委"), ("support", "统计局")]
    assert "有关部门" not in blank_remarks("省国资委牵头。明确牵头部门的,有关部门配合,不逐一列出,下同")
    # a clause ending in 的 without a remark stays: it is not a convention
    assert "有关部门" in blank_remarks("省国资委牵头。涉及的,有关部门配合")


def test_headers_the_fresh_set_wrote():
    assert match_header("专项整治行业名称 | 时间安排 | 责任单位 |").columns == ["task", "deadline", "responsible"]
    assert match_header("1 | 抓项目 | 区发改局 |") is None
    assert match_space_header("序号 工 作 任 务 牵头负责部门").columns == ["number", "task", "lead"]
    assert join_spaced_letters(["一", "1", "二"]) == ["一", "1", "二"]


def test_a_viewer_chunk_joins_only_a_line_cut_mid_sentence():
    body = "表" * 400
    text, n = join_viewer_chunks(f"1、{body}市\n2、{body}住\n3、建局")
    assert n == 2 and text == body + "市" + body + "住建局"
    # a list whose items end their sentences is a list, not chunks
    assert join_viewer_chunks(f"1、{body}。\n2、{body}。")[1] == 0
    # a chunk number out of turn is not a chunk
    assert join_viewer_chunks(f"1、{body}市\n3、住建局")[1] == 0


def test_a_glued_table_becomes_pipe_rows_and_stops_at_a_cut_row():
    text, n = unglue_tables("表序号工作任务牵头单位责任单位1抓项目。区发改局2稳就业。区人社局")
    assert n == 0  # two unit columns glued: which names belong to which cannot be read
    text, n = unglue_tables("表序号工作任务责任单位1抓项目,完成2个。区发改局、区财政局(国资)2稳就业")
    assert n == 1
    assert text.split("\n") == ["表", "序号 | 工作任务 | 责任单位 |", "1 | 抓项目,完成2个。 | 区发改局、区财政局(国资) |", "2稳就业"]
    doc = xg.read_document("分工表序号工作内容责任单位备注1抓项目。区发改局、各区(市)县政府2稳就业。区人社局\n")
    assert [(t.task_id, [a.unit_raw for a in t.raw_assignments]) for t in doc.tasks] == [
        ("1", ["区发改局", "各区(市)县政府"]), ("2", ["区人社局"])]


_PIECES = ["序号", "工作任务", "责任单位", "备注", "1", "2", "3", "。", "、", ",", "区发改局", "市妇联", "抓项目", "\n", "2、", "1、",
           "(管委会)", "年底前"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_viewer_passes_take_any_text_and_keep_what_they_do_not_rewrite(pieces):
    text = "".join(pieces)
    out, n = unglue_tables(text)
    assert (n == 0) == (out == text)
    if n:
        assert out.count("\n") > text.count("\n")
    joined, k = join_viewer_chunks(text)
    assert k == 0 and joined == text  # no line here is long enough to be a viewer's chunk


def test_a_prose_chain_ends_at_its_last_role_word():
    doc = xg.read_document("各单位:\n1、推进,推进\n由杨志武副市长负责,区发改局牵头,推进,园区。\n")
    assert [(a.role, a.unit_raw) for a in doc.tasks[0].raw_assignments] == [("lead", "区发改局")]
    assert [p.name for p in doc.tasks[0].people] == ["杨志武"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrapped_forms_document())
def test_parse_recovers_the_wrapped_and_stacked_forms(gen):
    assert_recovered(*gen)
