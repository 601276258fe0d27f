"""Layout pass: rebuild one item per line before items are read.

Web pages and PDF copies of the genre often lose their line breaks: a whole body on one line
(``…。 2.…(X牵头) 3.…``), two tasks on one line (``(一)…(X负责)(二)…``), a number glued
to the heading before it (``…普及水平1.完善…``). :func:`split_run_in` breaks such a line
before each enumerator that continues the numbering seen so far in the line.

Plain data in and out: text → (text, number of breaks added). Linear in the text length.
:func:`prepare` runs the whole pass and returns a :class:`Layout`: the lines as written, their
normalised copies, and what the pass did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .glued import join_viewer_chunks, unglue_tables
from .prefixed import join_prefixed_cells
from .watermark import strip_watermarks
from .viewer_rows import unglue_unit_columns, unspace_rows
from .wraps import join_hard_wraps, join_separator_lines
from .lines import CN_NUM, cn_to_int, normalise
from .markdown import strip_markdown

__all__ = ["Layout", "prepare", "split_run_in", "strip_markup", "LONG_LINE"]

# a line at least this long is a collapsed body: a number may follow a Han character directly
LONG_LINE = 400
_ENUM = re.compile(
    rf"(?P<arabic>(?<![\d.])\d{{1,3}})[.、](?![\d%.])"
    rf"|\((?P<paren>{CN_NUM})\)"
    rf"|\((?P<aparen>\d{{1,3}})\)"
    rf"|(?P<section>(?<![一二三四五六七八九十]){CN_NUM})、"
)
_AFTER_BREAK = set("。)]】〕;!? \t")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def split_run_in(text: str) -> tuple[str, int]:
    """Break lines before run-in enumerators that continue the line's numbering.

    An enumerator (``2.`` / ``2、``, ``(二)``, ``二、``) starts a new line when it follows the end of
    a sentence or bracket (``。`` ``)`` ``;`` or a space) and its number is the next one of its
    style in the line (or 1, a numbering restarting under a new heading); in a line longer than
    :data:`LONG_LINE` it may also follow a Han character directly. A number that opens a cell of
    a pipe row (``| 1.公开预算``) is not run in.

    Examples
    --------
    >>> split_run_in("(一)增收。(省财政厅负责)(二)稳价。(省物价局负责)")
    ('(一)增收。(省财政厅负责)\\n(二)稳价。(省物价局负责)', 1)
    >>> split_run_in("一、目标 1.增长6.5%。(X牵头) 2.就业。(Y负责)")[1]
    2
    >>> split_run_in("完成1、2、3号线建设。")[1]
    0
    >>> split_run_in("一、财政公开。 | 1.公开预算。 | 财务科")[1]
    0
    """
    if "\n" not in text and len(text) < 8:
        return text, 0
    out_lines = []
    added = 0
    for line in text.split("\n"):
        norm = normalise(line)
        if not _ENUM.search(norm, 1):
            out_lines.append(line)
            continue
        long_line = len(line) >= LONG_LINE
        lead = len(norm) - len(norm.lstrip())
        last = {"arabic": None, "paren": None, "section": None, "aparen": None}
        cuts = []
        for m in _ENUM.finditer(norm):
            style = m.lastgroup
            n = int(m.group(style)) if style in ("arabic", "aparen") else cn_to_int(m.group(style))
            prev = last[style]
            i = m.start()
            if i <= lead:  # the line starts with it
                last[style] = n
                continue
            before = norm[i - 1]
            fits = (prev is not None and n == prev + 1) or n == 1
            if style != "arabic" and prev is None and n != 1:
                fits = False
            if prev is None and style in ("arabic", "aparen") and n != 1:
                fits = False
            ok_before = before in _AFTER_BREAK or (
                long_line and style != "section" and _HAN.match(before) is not None
            )
            k = i - 1
            while k > 0 and norm[k] == " ":
                k -= 1
            if norm[k] == "|":
                ok_before = False  # a table cell that starts with its number: the row stays whole
            after = norm[m.end():m.end() + 1]
            if fits and ok_before and after and after not in "、,.;)" and not after.isdigit():
                cuts.append(i)
                last[style] = n
        if not cuts:
            out_lines.append(line)
            continue
        prev_i = 0
        for i in cuts:
            out_lines.append(line[prev_i:i].rstrip())
            prev_i = i
        out_lines.append(line[prev_i:])
        added += len(cuts)
    if not added:  # the lines are the text's own: no second copy of the whole text
        return text, 0
    return "\n".join(out_lines), added


# only the paragraph and formatting tags of a raw HTML dump; anything else (<img>, <script>, <b>)
# stays as written, so the views show it literally (docs/security.md)
_TAG = re.compile(r"</?(?:p|br|span|div|li|ul|ol|font|st1|strong|tr|td|th|tbody|table)(?:\s[^<>\n]{0,400})?/?>", re.I)
_DUMP = re.compile(r"</p>|<br\s*/?>", re.I)
_SQL_TAIL = re.compile(r"'(?:\s*,\s*'[^'\n]{0,200}')+\s*\)\s*[;,]?\s*$", re.M)


def strip_markup(text: str) -> tuple[str, bool]:
    """Remove the paragraph tags and SQL value tails left in a text copy of a web page (a text
    with ``</p>`` or ``<br>`` in it; other text is returned untouched).

    Returns the cleaned text and whether anything was removed.

    Examples
    --------
    >>> strip_markup("1.抓项目。(牵头单位:市财政局)</p>','1','100','news','0');")
    ('1.抓项目。(牵头单位:市财政局)', True)
    >>> strip_markup("a < b 且 c > d")
    ('a < b 且 c > d', False)
    >>> strip_markup("<b>粗体局</b><br><img src=x>")
    ('<b>粗体局</b><img src=x>', True)
    """
    if "<" not in text or not _DUMP.search(text):
        return text, False
    out = _TAG.sub("", text)
    out = _SQL_TAIL.sub("", out)
    return out, out != text


@dataclass
class Layout:
    """The text after the layout pass.

    ``lines`` are the lines as written, ``norms`` their normalised, stripped copies (same
    count); ``conventions`` says what the pass changed (``layout_run_in_breaks``,
    ``layout_markup_removed``), in the order the document report lists them.
    """

    text: str
    lines: list[str]
    norms: list[str]
    conventions: dict = field(default_factory=dict)


# The layout passes, in the order they run, each ``text -> (text, count)``, and the parse report's
# convention each one sets when it changed something.
_PASSES = (
    (join_hard_wraps, "layout_hard_wraps_joined"),
    (join_separator_lines, "layout_separator_lines_joined"),
    (strip_markup, "layout_markup_removed"),
    (strip_markdown, "layout_markdown_lines"),
    (strip_watermarks, "layout_watermarks_removed"),
    (join_prefixed_cells, "layout_prefixed_cells_rows"),
    (join_viewer_chunks, "layout_viewer_chunks_joined"),
    (unglue_tables, "layout_glued_rows"),
    (unglue_unit_columns, "layout_glued_unit_columns_rows"),
    (unspace_rows, "layout_spaced_rows"),
    (split_run_in, "layout_run_in_breaks"),
)
_CONVENTION_ORDER = (
    "layout_hard_wraps_joined", "layout_separator_lines_joined", "layout_viewer_chunks_joined", "layout_glued_rows", "layout_glued_unit_columns_rows",
    "layout_spaced_rows", "layout_run_in_breaks", "layout_markup_removed", "layout_markdown_lines",
    "layout_watermarks_removed", "layout_prefixed_cells_rows",
)


def prepare(text: str) -> Layout:
    """Layout pass: remove page markup, break run-in enumerators, split and normalise the lines.

    Examples
    --------
    >>> lay = prepare("（一）增收。（省财政厅负责）(二)稳价。(省物价局负责)")
    >>> lay.norms
    ['(一)增收。(省财政厅负责)', '(二)稳价。(省物价局负责)']
    >>> lay.lines[0], lay.conventions
    ('（一）增收。（省财政厅负责）', {'layout_run_in_breaks': 1})
    """
    found: dict = {}
    for step, key in _PASSES:
        text, n = step(text)
        found[key] = n
    # in the order the parse report has always listed them
    conventions: dict = {key: (True if key == "layout_markup_removed" else found[key])
                         for key in _CONVENTION_ORDER if found[key]}
    norms = [s.strip() for s in normalise(text).split("\n")]
    return Layout(text, text.split("\n"), norms, conventions)
