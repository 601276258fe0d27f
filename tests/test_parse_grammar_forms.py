"""Grammar, prose and list forms of the genre (issue 12), one short document or assignment per
form, written the way the labelled corpus (tests/genre) writes it, with exact answers.
Roles are compared as (role, name as written)."""

from __future__ import annotations

import xialu_graph as xg


def raw(task):
    return [(a.role, a.unit_raw) for a in task.raw_assignments]


def by_id(doc):
    return {t.task_id: raw(t) for t in doc.tasks}


# ------------------------------------------------------------------ lead by position

def test_a_single_unit_after_the_rule_leads_and_before_it_stays_responsible():
    text = (
        "一、营商\n(一)推进改革。\n责任单位:市财政局\n"
        "(二)推进PPP。\n责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)\n"
        "(三)落实招投标政策。\n责任单位:市建设局\n(四)稳就业。(市人社局负责)\n"
    )
    doc = xg.read_document(text)
    assert by_id(doc) == {
        "1": [("responsible", "市财政局")],
        "2": [("lead", "市发改委"), ("support", "市财政局")],
        "3": [("lead", "市建设局")],
        "4": [("responsible", "市人社局")],  # a role word, not a position, gives the role
    }


# ------------------------------------------------------------------ items

def test_sub_items_then_one_bracket_for_the_whole_task():
    text = (
        "(一)建设\n1.完善应急预案体系\n(1)加强管理。\n(2)推进精编化。\n(3)加强演练。\n(4)加强培训。\n"
        "(责任单位:市直各有关单位、各县(市、区)人民政府、各开发区管委会)\n"
        "2.健全机制\n(1)推进机构建设。\n(责任单位:市应急局)\n"
    )
    doc = xg.read_document(text)
    assert by_id(doc) == {
        "1": [("responsible", "市直各有关单位"), ("responsible", "各县(市、区)人民政府"), ("responsible", "各开发区管委会")],
        "2": [("responsible", "市应急局")],
    }
    assert doc.tasks[0].text.startswith("完善应急预案体系(1)加强管理。")
