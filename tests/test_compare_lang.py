"""`compare --lang en`: the summary page a reader sees is English throughout (issue 14 item 2);
Chinese stays the default."""

from __future__ import annotations

import re
from pathlib import Path

from xialu_graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "data" / "raw" / "huangshigang_2021_excerpt.txt"),
          str(ROOT / "data" / "raw" / "huangshigang_2022_excerpt.txt")]
HAN = re.compile(r"[\u4e00-\u9fff]")
FIXED_ZH = ["版本比较", "待确认的单位对应", "集合单位口径", "由 xialu-graph compare 生成", "工作量变化最大的单位",
            "牵头单位发生变化的任务", "任务对应", "可切换版本的交互网络图", "节选："]


def _summary(tmp_path, *extra) -> str:
    out = tmp_path / "cmp"
    assert main(["compare", *INPUTS, "--out", str(out), "--quiet", *extra]) == 0
    return (out / "summary.html").read_text(encoding="utf-8")


def test_compare_summary_in_english(tmp_path):
    page = _summary(tmp_path, "--lang", "en")
    assert '<html lang="en">' in page
    for words in ("Editions compared:", "Unit matches to confirm", "Collective units: expanded to members (expand)",
                  "Changes between editions", "Tasks whose lead unit changed", "Made by xialu-graph compare."):
        assert words in page, words
    for words in FIXED_ZH:
        assert words not in page, words
    headers = re.findall(r"<th title=\"[^\"]*\">([^<]*)</th>", page)
    assert headers and not [h for h in headers if HAN.search(h)]
    # both editions are excerpts: the warning is there, in English
    assert "Excerpts:" in page and "stop in the middle of a task" in page


def test_compare_summary_chinese_by_default(tmp_path):
    page = _summary(tmp_path)
    assert '<html lang="zh-CN">' in page
    for words in ("版本比较：", "待确认的单位对应", "集合单位口径：展开到成员（expand）", "由 xialu-graph compare 生成。"):
        assert words in page, words
    assert "Editions compared" not in page
