"""Forms named in issue 12 and checked on their own: top-level 一、 numbering the tasks with labels
written inline or on the line below (主办单位 included), and a collective with a shared head noun
after a conjunction (X等和各乡、镇人民政府)."""

import xialu_graph as xg


def _pairs(text: str) -> dict:
    doc = xg.read_document(text)
    return {t.task_id: [(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks}


def test_top_level_items_with_inline_labels_after_the_sentence():
    text = ("关于印发2021年政府工作报告重点工作责任分解的通知\n"
            "一、地区生产总值增长8%左右。主办单位:市发改委、统计局。\n"
            "二、一般公共预算收入增长6%。牵头单位:市财政局;责任单位:税务局。\n"
            "三、城镇新增就业1万人。主办单位:市人社局。适用范围:各县区。\n")
    assert _pairs(text) == {
        "一": [("lead", "市发改委"), ("lead", "统计局")],
        "二": [("lead", "市财政局"), ("support", "税务局")],
        "三": [("lead", "市人社局")],
    }


def test_top_level_items_with_a_hosting_label_on_the_line_below():
    text = ("2021年重点工作责任分解\n一、地区生产总值增长8%左右\n主办单位:市发改委、统计局\n"
            "二、一般公共预算收入增长6%\n主办单位:市财政局\n")
    assert _pairs(text) == {"一": [("lead", "市发改委"), ("lead", "统计局")], "二": [("lead", "市财政局")]}


def test_a_collective_with_its_head_noun_written_once_after_a_conjunction_stays_whole():
    text = "2020年工作任务分解\n1.完善乡村治理体系。(责任单位:县民政局等和各乡、镇人民政府负责)\n"
    assert _pairs(text) == {"1": [("responsible", "县民政局"), ("responsible", "各乡、镇人民政府")]}
