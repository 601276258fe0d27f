"""The workbook for Excel users and the glossary: Chinese headers, formats, widths, one name per column."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import xialu_graph as xg
from metrics_helpers import HAND, make_doc
from xialu_graph.analysis import analyse
from xialu_graph.compare import compare_corpus, read_corpus
from xialu_graph.export import write_workbook, write_xlsx
from xialu_graph.export.workbook import display_width, read_workbook
from xialu_graph.glossary import GLOSSARY, glossary_markdown, term
from xialu_graph.graph import build_graph
from xialu_graph.report.pack import write_tables
from xialu_graph.report.compare_pack import write_comparison

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    doc = make_doc(HAND)
    p = write_xlsx(build_graph(doc), tmp_path_factory.mktemp("wb") / "w.xlsx", doc=doc)
    return openpyxl.load_workbook(p)


def _column(ws, header):
    heads = [c.value for c in ws[1]]
    j = heads.index(header) + 1
    return [ws.cell(i, j) for i in range(2, ws.max_row + 1)]


def test_headers_are_chinese_and_legend_maps_them_back(book):
    assert book.sheetnames[-1] == "说明"
    assert [c.value for c in book["load"][1]][:7] == ["单位", "单位类型", "牵头任务数", "配合任务数", "责任任务数", "任务数", "加权工作量"]
    assert [c.value for c in book["tasks"][1]][:3] == ["任务编号", "序号", "编号写法"]
    legend = list(book["说明"].iter_rows(values_only=True))
    assert legend[0] == ("工作表", "中文列名", "列名", "英文列名", "说明")
    assert ("load", "工作量占比", "load_share", "Load share", "占全部加权工作量的比例") in legend


def test_header_bold_frozen_and_filtered(book):
    for name in ("tasks", "load", "balance", "checks", "info", "说明"):
        ws = book[name]
        assert all(c.font.b for c in ws[1]), name
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", name
    assert book["unit_task"].freeze_panes == "B2"


def test_number_formats(book):
    load = book["load"]
    share = _column(load, "工作量占比")
    assert [c.value is None for c in share] == [False] * 6 + [True]  # the collective is not ranked
    assert all(c.number_format == "0.0%" for c in share if c.value is not None)
    assert sum(c.value for c in share if c.value is not None) == pytest.approx(1.0)
    assert [c.value for c in _column(load, "加权工作量")] == [2.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1]
    assert all(c.number_format == "0.0" for c in _column(load, "加权工作量"))
    assert all(c.number_format == "0" and isinstance(c.value, int) for c in _column(load, "任务数"))
    balance = book["balance"]
    assert all(c.number_format == "0.000" for c in _column(balance, "基尼系数"))
    assert all(c.number_format == "0.0%" for c in _column(balance, "前5位占比"))


def test_task_numbers_are_numbers(book):
    ids = _column(book["tasks"], "任务编号")
    assert [c.value for c in ids] == [1, 2, 3, 4, 5]
    assert all(c.data_type == "n" and c.number_format == "0" for c in ids)
    assert {c.value for c in _column(book["assignments"], "任务编号")} == {1, 2, 3, 4, 5}


def test_task_ids_that_are_not_numbers_stay_text(tmp_path):
    p = write_workbook({"tasks": pd.DataFrame({"task_id": ["3", "附件2-3", "07", ""]})}, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(p)["tasks"]
    assert [ws.cell(i, 1).value for i in range(2, 6)] == [3, "附件2-3", "07", None]


def test_widths_count_cjk_double(tmp_path):
    assert display_width("区发改局") == 8 and display_width("ab1") == 3 and display_width("（一）") == 6
    df = pd.DataFrame({"unit": ["区发改局", "黄石市下陆区人民政府办公室"], "weighted_load": [12.25, 3.0],
                       "text": ["很" * 200, "x"]})
    ws = openpyxl.load_workbook(write_workbook({"load": df}, tmp_path / "w.xlsx"))["load"]
    assert ws.column_dimensions["A"].width == 26 + 2  # 13 CJK characters
    assert ws.column_dimensions["B"].width == display_width("加权工作量") + 2  # header wider than "12.2"
    assert ws.column_dimensions["C"].width == 60  # capped


def test_glossary_keys_and_scopes():
    for key, t in GLOSSARY.items():
        assert t.key == key and t.zh and t.en and t.description
        assert t.fmt in {"text", "id", "count", "load", "share", "ratio", "flag"}
    assert term("title", table="people").zh == "职务标签" and term("title", table="documents").zh == "文件标题"
    assert term("weighted_load").zh == "加权工作量"  # the report's word, not 加权负荷
    with pytest.raises(KeyError):
        term("no_such_column")


def test_docs_glossary_is_generated_from_the_code():
    assert (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8") == glossary_markdown()


def _csv_headers(folder: Path) -> dict:
    out = {}
    for p in sorted(folder.rglob("*.csv")):
        with p.open(encoding="utf-8-sig") as fh:
            out[p.stem] = next(csv.reader(fh))
    return out


def _check(table: str, columns, *, index_first: bool = False) -> list:
    missing, heads = [], []
    for i, c in enumerate(columns):
        if index_first and i > 0:
            break  # matrix columns are task ids or sections
        try:
            heads.append(term(c, table=table).zh)
        except KeyError:
            missing.append(f"{table}.{c}")
    dup = {h for h in heads if heads.count(h) > 1}
    return missing + [f"{table}: duplicate header {h}" for h in dup]


def test_every_written_column_has_one_entry(seed_doc, tmp_path):
    """Columns of the report pack's CSV tables, the workbook, the parse tables, compare and batch."""
    problems = []
    data = analyse(seed_doc, seed=0, n_boot=20)
    write_tables(data, tmp_path / "pack", stem="xialu_2020")
    for name, cols in _csv_headers(tmp_path / "pack" / "tables").items():
        problems += _check(name, cols, index_first=name in ("unit_task", "unit_section"))
    legend = pd.read_excel(tmp_path / "pack" / "xialu_2020.xlsx", sheet_name="说明")
    book = pd.read_excel(tmp_path / "pack" / "xialu_2020.xlsx", sheet_name=None)
    for name, df in book.items():
        if name in ("unit_task", "unit_section", "说明"):
            continue
        assert set(df.columns) == set(legend[legend["工作表"] == name]["中文列名"]), name
    frames = {"tasks": seed_doc.tasks_frame(), "assignments": seed_doc.assignments_frame(),
              "units": seed_doc.units_frame(), "people": seed_doc.people_frame(),
              "warnings": seed_doc.report.warnings_frame()}
    for name, df in frames.items():
        problems += _check(name, df.columns)
    corpus = read_corpus([str(RAW / "huangshigang_2021_excerpt.txt"), str(RAW / "huangshigang_2022_excerpt.txt")])
    write_comparison(compare_corpus(corpus), tmp_path / "cmp", figures=False)
    cmp = _csv_headers(tmp_path / "cmp")
    assert {"documents", "editions", "unit_matches", "unit_loads", "unit_changes", "task_matches"} <= set(cmp)
    for name, cols in cmp.items():
        problems += _check(name, cols)
    r = xg.batch([str(RAW / "xialu_2020.txt"), str(RAW / "huangshigang_2021_excerpt.txt")], out=tmp_path / "batch",
                 n_jobs=1, progress=False)
    panel = _csv_headers(Path(r.out) if hasattr(r, "out") else tmp_path / "batch")
    assert {"documents", "units", "tasks"} <= set(panel)
    for name, cols in panel.items():
        problems += _check(name, cols)
    assert problems == []


def test_read_workbook_gives_the_column_keys(tmp_path):
    doc = make_doc(HAND)
    book = read_workbook(write_xlsx(build_graph(doc), tmp_path / "w.xlsx", doc=doc))
    assert "说明" not in book
    assert book["load"].columns.tolist()[:3] == ["unit", "kind", "n_lead"]
    assert book["tasks"]["task_id"].tolist() == [1, 2, 3, 4, 5]


# -- tables a user edits in Excel and saves as GBK (item 7) -------------------------------------


def _unit_folder(tmp_path, aliases: bytes) -> Path:
    import shutil

    from xialu_graph.units import default_tables_dir

    folder = tmp_path / "units"
    shutil.copytree(default_tables_dir(), folder)
    (folder / "aliases.csv").write_bytes(aliases)
    return folder


def test_gbk_aliases_csv_is_read(tmp_path):
    from xialu_graph.units import load_unit_tables

    folder = _unit_folder(tmp_path, "alias,unit\n区发展改革局,区发改局\n".encode("gbk"))
    doc = xg.read_document("1、抓项目。[牵头单位:区发展改革局]\n", unit_tables=load_unit_tables(folder))
    a = doc.tasks[0].assignments[0]
    assert (a.unit, a.unit_raw, a.rule) == ("区发改局", "区发展改革局", "alias")


def test_undecodable_aliases_csv_is_refused_with_a_hint(tmp_path):
    from xialu_graph.units import load_unit_tables

    folder = _unit_folder(tmp_path, b"alias,unit\n\x80\xff\xfe,x\n")
    with pytest.raises(xg.InputError) as e:
        load_unit_tables(folder)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(folder / "aliases.csv"))
    assert "neither UTF-8 nor GB18030/GBK" in msg and "save the table as CSV UTF-8 (or GBK)" in msg


def test_gbk_unit_matches_csv_is_read(tmp_path):
    from xialu_graph.compare import read_unit_matches

    p = tmp_path / "unit_matches.csv"
    p.write_bytes("unit_a,unit_b,relation,confirmed\n区科经局,区科信局,same,是\n".encode("gbk"))
    m = read_unit_matches(p)
    assert m[["unit_a", "unit_b", "canonical", "confirmed"]].values.tolist() == [["区科经局", "区科信局", "区科信局", "yes"]]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"unit_a,unit_b,confirmed\n\x81\x20,x,yes\n")
    with pytest.raises(xg.InputError, match=r"bad\.csv:2: cannot decode: neither UTF-8 nor GB18030/GBK; save the table"):
        read_unit_matches(bad)


def test_display_width_of_ascii_is_its_length():
    """The ASCII shortcut of display_width counts what the East Asian width rule counts."""
    import unicodedata

    assert all(unicodedata.east_asian_width(chr(i)) not in ("W", "F") for i in range(128))
    text = "".join(chr(i) for i in range(128))
    assert display_width(text) == len(text) == 128
    assert display_width(12.5) == 4 and display_width("") == 0 and display_width("a（") == 3
