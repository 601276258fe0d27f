"""The review loop: confidence and reasons, review.csv, corrections passed back (API and CLI)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import xialu_graph as xg
from xialu_graph.cli import main
from xialu_graph.model import REVIEW_COLUMNS
from xialu_graph.parse.review import (
    REVIEW_REASONS,
    apply_corrections,
    diagnose_unreadable,
    read_corrections,
    review_frame,
    review_rows,
)

from conftest import REPO, SEED

TWO = "一、稳增长\n1、抓项目。[区发改局、区财政局]\n2、抓消费。[牵头单位:区商务局;责任单位:区财政局]\n"

UNREADABLE = "工作安排\n抓项目。\n牵头单位:区发改局\n一、稳增长\n"  # a label, but no numbered task to carry it


def reasons(text, **kw):
    return [(t.task_id, t.confidence, t.reasons) for t in xg.read_document(text, **kw).tasks]


# ------------------------------------------------------------------ confidence and reasons

def test_explicit_labels_on_one_line_are_certain():
    doc = xg.read_document(SEED)
    assert [(t.task_id, t.confidence, t.reasons) for t in doc.tasks if t.confidence < 1] == [("54", 0.95, ["text_joined"])]
    assert review_rows(doc) == []  # an item broken across lines alone does not need a person


def test_bare_list_is_a_guessed_role():
    assert reasons(TWO) == [("1", 0.6, ["guessed_role"]), ("2", 1.0, [])]


def test_stated_rule_is_lead_by_position():
    text = "列第一位者为牵头单位。\n一、稳增长\n1、抓项目。[区发改局、区财政局]\n"
    assert reasons(text) == [("1", 0.85, ["lead_by_position"])]


def test_unknown_unit_and_no_unit():
    text = "一、稳增长\n1、抓项目。[牵头单位:火星开发署]\n2、抓消费。\n3、抓投资。[牵头单位:区发改局]\n"
    assert reasons(text) == [("1", 0.6, ["unknown_unit"]), ("2", 0.3, ["no_units"]), ("3", 1.0, [])]


def test_table_rebuilt_from_one_cell_per_line():
    text = ("序号\n工作任务\n牵头单位\n配合单位\n"
            "1\n抓好重大项目建设\n区发改局\n区财政局、区住建局\n2\n扩大有效投资\n区发改局\n区统计局\n")
    assert reasons(text) == [("1", 0.85, ["cell_layout_rebuilt"]), ("2", 0.85, ["cell_layout_rebuilt"])]


def test_name_joined_across_lines_and_text_joined():
    text = "一、园区\n1.优化营商环境。\n牵头单位:园区党工\n委、园区管委会;\n责任单位:区财政局\n2.抓招商。\n责任单位:区商务局\n"
    got = reasons(text)
    assert got[0] == ("1", 0.81, ["name_joined_across_lines", "text_joined"])
    assert got[1] == ("2", 0.95, ["text_joined"])


def test_inline_labels_after_the_sentence():
    text = "一、稳增长\n1、规模以上工业增加值增长13.5%。主办单位:市发改委、统计局;协办单位:市工信局。\n"
    assert reasons(text)[0][2][0] == "inline_labels"


def test_every_reason_has_a_factor_and_an_explanation():
    for code, (factor, zh) in REVIEW_REASONS.items():
        assert 0 < factor <= 1 and zh, code


def test_review_frame_columns_and_rows():
    doc = xg.read_document(TWO)
    df = review_frame(doc)
    assert list(df.columns) == list(REVIEW_COLUMNS)
    assert df[["order", "task_id", "unit", "role", "confidence", "reasons", "line"]].values.tolist() == [
        [1, "1", "区发改局", "responsible", 0.6, "guessed_role", 2],
        [1, "1", "区财政局", "responsible", 0.6, "guessed_role", 2],
    ]
    assert df["explain"][0] == "单位未标明牵头或责任，角色为推测"
    assert len(review_frame(doc, below=1.01)) == 4  # every assignment of every task


# ------------------------------------------------------------------ corrections through the API

def test_corrections_frame_edit_delete_add():
    fixes = pd.DataFrame({"task_id": ["1", "1", "2"], "unit": ["区发改局", "区审计局", "区商务局"],
                          "role": ["lead", "support", "lead"]})
    doc = xg.read_document(TWO, corrections=fixes)
    t1, t2 = doc.task(1), doc.task(2)
    assert [(a.unit, a.role, a.via, a.rule) for a in t1.assignments] == [
        ("区发改局", "lead", "correction", "correction"), ("区审计局", "support", "correction", "correction")]
    assert t1.assignments[1].unit_kind == "department"  # resolved through the unit tables
    assert [(a.unit, a.role, a.via) for a in t2.assignments] == [("区商务局", "lead", "")]  # kept as read; 区财政局 deleted
    assert (t1.confidence, t1.reasons, t2.reasons) == (1.0, ["corrected"], ["corrected"])
    c = doc.report.conventions["corrections"]
    assert (c["file"], c["tasks"], c["kept"]) == ("<corrections>", 2, 1)
    assert [(x["task_id"], x["unit"], x["role"], x["line"]) for x in c["added"]] == [
        ("1", "区发改局", "lead", 2), ("1", "区审计局", "support", 3)]
    assert c["removed"] == [{"task_id": "1", "unit": "区发改局", "role": "responsible"},
                            {"task_id": "1", "unit": "区财政局", "role": "responsible"},
                            {"task_id": "2", "unit": "区财政局", "role": "support"}]


def test_corrections_empty_unit_clears_a_task_and_other_tasks_stay(tmp_path):
    p = tmp_path / "fix.csv"
    p.write_text("\ufefftask_id,unit,role\n1,,\n", encoding="utf-8")
    doc = xg.read_document(TWO, corrections=p)
    assert doc.task(1).assignments == [] and doc.task(2).units() == ["区商务局", "区财政局"]


def test_corrections_for_another_document_do_not_apply(tmp_path):
    rows = read_corrections(pd.DataFrame({"source": ["other.txt"], "task_id": ["1"], "unit": ["区审计局"], "role": ["lead"]}))
    doc = apply_corrections(xg.read_document(TWO), rows)
    assert doc.task(1).units() == ["区发改局", "区财政局"] and "corrections" not in doc.report.conventions


def test_chinese_role_words_are_accepted():
    rows = read_corrections(pd.DataFrame({"task_id": ["1", "1"], "unit": ["甲", "乙"], "role": ["牵头", "配合"]}))
    assert [r["role"] for r in rows] == ["lead", "support"]


@pytest.mark.parametrize("content, message", [
    ("task_id,unit\n1,区发改局\n", "fix.csv:1: corrections file lacks the column(s) role"),
    ("task_id,unit,role\n1,区发改局,lead\n1,区财政局,boss\n", "fix.csv:3: role 'boss' is not one of lead, support, responsible"),
    ("task_id,unit,role\n9,区发改局,lead\n", "fix.csv:2: no task '9' in <string>"),
    ("task_id,unit,role\n,区发改局,lead\n", "fix.csv:2: row has no task_id"),
    ("task_id,unit,role\n1,区发改局,\n", "fix.csv:2: unit '区发改局' has no role (lead, support or responsible)"),
    ("", "fix.csv:1: corrections file is empty"),
])
def test_bad_corrections_file_is_one_line_naming_file_and_line(tmp_path, content, message):
    p = tmp_path / "fix.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(xg.InputError) as e:
        xg.read_document(TWO, corrections=p)
    assert str(e.value) == f"{p.parent}/{message}" and "\n" not in str(e.value)


def test_missing_corrections_file(tmp_path):
    with pytest.raises(xg.InputError, match="nope.csv: corrections file not found"):
        xg.read_document(TWO, corrections=tmp_path / "nope.csv")


# ------------------------------------------------------------------ a document the parser cannot read

def test_unreadable_document_says_what_was_found():
    text = UNREADABLE
    with pytest.raises(xg.InputError) as e:
        xg.read_document(text)
    assert str(e.value) == ("<string>: no tasks found: no numbered item with a unit assignment among 4 line(s) "
                            "(1 numbered, 0 ending in a bracket, 1 with a label such as 牵头单位:); "
                            "see the review file (xialu-graph parse --review) for what was found")
    assert [(r["line"], r["task_text"], r["reasons"]) for r in e.value.review_rows] == [
        (3, "牵头单位:区发改局", "unreadable"), (4, "一、稳增长", "unreadable")]
    assert diagnose_unreadable(text)[1] == e.value.review_rows


# ------------------------------------------------------------------ end to end from the command line

def test_cli_review_then_corrections(tmp_path, capsys):
    doc = tmp_path / "plan.txt"
    doc.write_text(TWO, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(doc), "--out", str(out), "--review"]) == 0
    review_path = out / "plan_review.csv"
    raw = review_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rv = pd.read_csv(review_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(rv.columns) == list(REVIEW_COLUMNS)
    assert rv[["source", "task_id", "unit", "role"]].values.tolist() == [
        ["plan.txt", "1", "区发改局", "responsible"], ["plan.txt", "1", "区财政局", "responsible"]]
    assert "1 task(s) to review (confidence < 0.9)" in capsys.readouterr().err
    # the person decides: 区发改局 leads, 区财政局 is not involved, 区审计局 supports
    rv.loc[0, "role"] = "lead"
    rv = rv.drop(index=1)
    rv.loc[9] = {**rv.iloc[0].to_dict(), "unit": "区审计局", "unit_raw": "", "role": "support"}
    rv.to_csv(tmp_path / "fixed.csv", index=False, encoding="utf-8-sig")
    assert main(["parse", str(doc), "--out", str(out), "--corrections", str(tmp_path / "fixed.csv")]) == 0
    assert "corrections from" in capsys.readouterr().err
    ass = pd.read_csv(out / "plan_assignments.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert ass[["task_id", "unit", "role", "via"]].values.tolist() == [
        ["1", "区发改局", "lead", "correction"], ["1", "区审计局", "support", "correction"],
        ["2", "区商务局", "lead", ""], ["2", "区财政局", "support", ""]]
    rep = json.loads((out / "plan_parse_report.json").read_text(encoding="utf-8"))
    c = rep["conventions"]["corrections"]
    assert (c["tasks"], len(c["added"]), len(c["removed"])) == (1, 2, 2)
    # corrected, the task needs no review any more
    assert main(["parse", str(doc), "--out", str(out), "--review", "--corrections", str(tmp_path / "fixed.csv"),
                 "--quiet"]) == 0
    assert len(pd.read_csv(review_path, encoding="utf-8-sig")) == 0


def test_cli_bad_corrections_exits_2_with_one_line(tmp_path, capsys):
    doc = tmp_path / "plan.txt"
    doc.write_text(TWO, encoding="utf-8")
    bad = tmp_path / "fixed.csv"
    bad.write_text("task_id,unit,role\n1,区发改局,boss\n", encoding="utf-8")
    assert main(["parse", str(doc), "--out", str(tmp_path / "o"), "--corrections", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"xialu-graph: error: {bad}:2: role 'boss' is not one of lead, support, responsible"
    assert not (tmp_path / "o").exists()


def test_cli_unreadable_document_points_to_the_review_file(tmp_path, capsys):
    doc = tmp_path / "plan.txt"
    doc.write_text(UNREADABLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(doc), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "no tasks found" in err and "(run again with --review)" in err
    assert main(["parse", str(doc), "--out", str(out), "--review"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"see {out / 'plan_review.csv'} for what was found")
    rv = pd.read_csv(out / "plan_review.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert rv[["line", "task_text", "unit"]].values.tolist() == [["3", "牵头单位:区发改局", ""], ["4", "一、稳增长", ""]]


def test_cli_compare_and_report_take_corrections(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TWO, encoding="utf-8")
    b.write_text("一、稳增长\n1、抓项目。[牵头单位:区发改局]\n2、抓消费。[牵头单位:区商务局;责任单位:区统计局]\n", encoding="utf-8")
    fixes = tmp_path / "fixed.csv"
    fixes.write_text("source,task_id,unit,role\nb.txt,1,区发改局,lead\nb.txt,1,区审计局,support\n", encoding="utf-8")
    assert main(["compare", str(a), str(b), "--out", str(tmp_path / "cmp"), "--corrections", str(fixes), "--quiet"]) == 0
    loads = (tmp_path / "cmp" / "tables" / "unit_loads.csv").read_text(encoding="utf-8-sig")
    assert "区审计局" in loads
    stray = tmp_path / "stray.csv"
    stray.write_text("source,task_id,unit,role\nc.txt,1,区发改局,lead\n", encoding="utf-8")
    assert main(["compare", str(a), str(b), "--out", str(tmp_path / "cmp2"), "--corrections", str(stray), "--quiet"]) == 2
    assert main(["report", str(b), "--out", str(tmp_path / "rep"), "--corrections", str(fixes), "--quiet"]) == 0
    ass = pd.read_csv(tmp_path / "rep" / "tables" / "assignments.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert ass[ass.unit == "区审计局"][["task_id", "role", "via"]].values.tolist() == [["1", "support", "correction"]]
    rep = json.loads((tmp_path / "rep" / "parse_report.json").read_text(encoding="utf-8"))
    assert rep["conventions"]["corrections"]["added"][0]["unit"] == "区审计局"


def test_formats_md_documents_every_reason_with_its_factor():
    text = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z_]+)` \| ([0-9.]+) \|", text, flags=re.M))
    assert documented == {code: f"{factor:g}" if factor != 1 else "1.0" for code, (factor, _) in REVIEW_REASONS.items()}
    for col in REVIEW_COLUMNS:
        assert f"`{col}`" in text
