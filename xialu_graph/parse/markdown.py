"""Markdown copies of the genre: the marks around the text are not the text.

A document converted to Markdown (a wiki, a chat export, a README) writes its numbering as
``- **1.** 推动…``, ``**（二）** 促消费``, ``## 一、稳增长``, ``1\\. 推动…``. :func:`strip_markdown`
removes the heading hashes, the quote marks and list bullets, the bold/italic marks, the escaping backslash of a
number and a table's alignment row (``|---|---|``, left blank), line by line (the line count is unchanged), so the numbering is read as printed. Only a
text that shows a Markdown mark at the start of a line is touched.

Plain data in and out: text → (text, number of lines changed). Linear in the text length.
"""

from __future__ import annotations

import re

__all__ = ["strip_markdown"]

_NUM = r"(?:[(（]?[\d一二三四五六七八九十]{1,3}[)）.、．]?)"
# a Markdown table's alignment row: |---|:--:|---|
_RULE_ROW = r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*"
# a line that is Markdown: a heading, a bullet before bold or a number, bold around a number, a table rule
_HINT = re.compile(rf"^(?:[ \t]*(?:#{{1,6}}[ \t]|(?:[-*+][ \t]+|>[ \t]*)(?:\*\*|__|{_NUM})|(?:\*\*|__){_NUM}|\d{{1,3}}\\\.)|{_RULE_ROW}$)", re.M)
# every line _HINT finds holds one of these characters
_MARKS = re.compile(r"[#*_>\-+\\|]")
_RULE = re.compile(rf"^{_RULE_ROW}$")
_LEAD = re.compile(r"^([ \t]*)(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?=\S))?")
_EMPHASIS = re.compile(r"\*\*|__")
_ESCAPED_NUMBER = re.compile(r"^([ \t]*\d{1,3})\\(?=\.)")


def strip_markdown(text: str) -> tuple[str, int]:
    """Remove Markdown marks from a Markdown copy of a document.

    Returns the text and how many lines changed; a text without a Markdown line is returned as is.

    Examples
    --------
    >>> strip_markdown("## 一、稳增长\\n- **1.** 推动工业运行。(牵头单位:市工信局)\\n**（二）** 促消费。")
    ('一、稳增长\\n1. 推动工业运行。(牵头单位:市工信局)\\n（二） 促消费。', 3)
    >>> strip_markdown("> **1.推动运行。**(牵头单位:市工信局)\\n>\\n> **2.扩大投资。**(牵头单位:市发改委)")[0]
    '1.推动运行。(牵头单位:市工信局)\\n\\n2.扩大投资。(牵头单位:市发改委)'
    >>> strip_markdown("1\\\\. 扩大投资。(市发改委负责)")
    ('1. 扩大投资。(市发改委负责)', 1)
    >>> strip_markdown("| 序号 | 工作任务 | 牵头单位 |\\n|---|:---|---|\\n| 1 | 抓项目 | 区发改局 |")[0]
    '| 序号 | 工作任务 | 牵头单位 |\\n\\n| 1 | 抓项目 | 区发改局 |'
    >>> strip_markdown("1.抓项目。(区发改局牵头)\\n- 不是列表的破折号")
    ('1.抓项目。(区发改局牵头)\\n- 不是列表的破折号', 0)
    """
    if not _MARKS.search(text) or not _HINT.search(text):  # most texts hold no mark at all: one fast scan
        return text, 0
    out, changed = [], 0
    for line in text.split("\n"):
        if _RULE.match(line):
            out.append("")  # the table's alignment row: not a row (the line count stays)
            changed += 1
            continue
        new = _LEAD.sub(r"\1", line, count=1)
        new = _EMPHASIS.sub("", new)
        new = _ESCAPED_NUMBER.sub(r"\1", new)
        if new != line:
            changed += 1
        out.append(new)
    return ("\n".join(out), changed) if changed else (text, 0)
