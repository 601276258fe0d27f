"""HTML page → text lines: one line per block element, table rows as ``a | b | c``.

The standard library's tolerant, non-recursive parser is used, so pathological nesting costs
linear time; nested tables are read into the cell that holds them. Row and column spans are
expanded under a cell budget shared with the rest of the document
(:class:`xialu_graph.read.limits.Budget`), and the text written out is bounded by the size of
the page, so spans cannot turn a small page into a large text. Anything the parser cannot
make sense of (a ``<![foo]>`` marked section) is skipped like a comment; any other failure is
an :class:`~xialu_graph.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import InputError
from .limits import MAX_SPAN, Budget

__all__ = ["html_to_text"]

_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "center", "form", "tbody", "thead",
}
_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "title", "select", "button"}
_CELL = {"td", "th"}
_NUMBER = re.compile(r"\s*([0-9]{1,9})\s*")


def _span(attrs, name) -> int:
    for k, v in attrs:
        if k == name and v:
            m = _NUMBER.fullmatch(v)
            if m:
                return max(1, min(int(m.group(1)), MAX_SPAN))
    return 1


class _Parser(HTMLParser):
    """The standard parser, tolerant of marked sections it does not know."""

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            # '<![foo]>': not a section the parser knows; skip it like a bogus comment
            j = self.rawdata.find(">", i + 3)
            return -1 if j < 0 else j + 1


def html_to_text(html: str, *, name: str = "<html>", budget: Budget | None = None) -> str:
    """HTML page → text lines: one line per block element, table rows as ``a | b | c``.

    Scripts, styles, the head and similar non-content elements are dropped; entities are
    decoded. Uses the standard library's tolerant, non-recursive parser, so pathological
    nesting costs linear time.

    Parameters
    ----------
    html : str
        The page.
    name : str, keyword-only
        File name for error messages.
    budget : Budget, optional, keyword-only
        Cell and output budget shared with other parts of the same document (a new one by default).

    Returns
    -------
    str

    Raises
    ------
    InputError
        Tables that expand past the cell budget, spans that repeat more text than the page
        holds, or a page the parser cannot read (one line naming the file and line).

    Examples
    --------
    >>> html_to_text("<p>一、甲</p><p>1、乙</p><script>x()</script>")
    '一、甲\\n1、乙'
    >>> html_to_text("<table><tr><td rowspan=2>区发改局</td><td>甲</td></tr><tr><td>乙</td></tr></table>")
    '区发改局 | 甲\\n区发改局 | 乙'
    """
    budget = budget if budget is not None else Budget(name=name)
    budget.consumed(len(html))
    out: list[str] = []
    line: list[str] = []
    row: list[tuple[str, int, int]] = []  # (text, rowspan, colspan) of the cells seen in this row
    cell: list[str] = []
    span = {"rows": 1, "cols": 1}
    carry: dict = {}  # column -> [text, rows left] for cells spanning rows (rowspan)
    state = {"skip": 0, "in_cell": 0, "table": 0}

    def emit(s: str) -> None:
        budget.output(len(s) + 1)
        out.append(s)

    def flush_line():
        s = "".join(line).strip()
        line.clear()
        if s:
            emit(s)

    def end_row():
        cells = list(row)
        row.clear()
        if not cells and not carry:
            return
        if len(cells) == 1 and cells[0][2] > 1 and not carry:
            # one cell across the whole table: a heading inside the table (一、稳增长)
            flush_line()
            if cells[0][0]:
                emit(cells[0][0])
            return
        full: list[str] = []
        it = iter(cells)
        col = 0
        table = state["table"]
        while True:
            if col in carry:
                text, left = carry[col]
                budget.cells(1, table=table)
                full.append(text)
                if left <= 1:
                    del carry[col]
                else:
                    carry[col] = [text, left - 1]
                col += 1
                continue
            nxt = next(it, None)
            if nxt is None:
                break
            text, rs, cs = nxt
            budget.cells(cs, table=table)
            for k in range(cs):
                full.append(text if k == 0 else "")
                if rs > 1:
                    carry[col + k] = [text if k == 0 else "", rs - 1]
            col += cs
        if any(full):
            flush_line()
            emit(" | ".join(full))

    class P(_Parser):
        def handle_starttag(self, tag, attrs):
            if tag in _SKIP:
                state["skip"] += 1
                return
            if tag in _CELL:
                state["in_cell"] += 1
                if state["in_cell"] == 1:
                    cell.clear()
                    span["rows"], span["cols"] = _span(attrs, "rowspan"), _span(attrs, "colspan")
                return
            if tag == "tr" and not state["in_cell"]:
                row.clear()
            if tag == "table" and not state["in_cell"]:
                carry.clear()
                state["table"] += 1
            if tag in _BLOCK:
                if state["in_cell"]:
                    cell.append(" ")
                else:
                    flush_line()

        def handle_startendtag(self, tag, attrs):
            if tag in ("br", "hr"):
                if state["in_cell"]:
                    cell.append(" ")
                else:
                    flush_line()

        def handle_endtag(self, tag):
            if tag in _SKIP:
                state["skip"] = max(0, state["skip"] - 1)
                return
            if tag in _CELL:
                if state["in_cell"]:
                    state["in_cell"] -= 1
                    if state["in_cell"] == 0:
                        row.append((" ".join("".join(cell).split()), span["rows"], span["cols"]))
                        cell.clear()
                return
            if tag == "tr" and not state["in_cell"]:
                end_row()
                return
            if tag in _BLOCK and not state["in_cell"]:
                flush_line()

        def handle_data(self, data):
            if state["skip"]:
                return
            data = data.replace("\xa0", " ").replace("\u3000", " ")
            if state["in_cell"]:
                cell.append(data)
            else:
                # a newline inside the running text of a page is layout, not a paragraph break
                parts = data.split("\n")
                line.extend(part.strip() if len(parts) > 1 else part for part in parts)

    p = P(convert_charrefs=True)
    last = html.rfind(">")
    if "<" in html[last + 1:]:
        # No markup after the last '>' can be complete, and the standard parser (3.11) rescans
        # to the end for each '<' there, quadratic for '<a<a<a…'; written as text it reads the
        # same (the parser would pass these characters on as text) in linear time.
        html = html[: last + 1] + html[last + 1:].replace("<", "&lt;")
    try:
        p.feed(html)
        p.close()
    except InputError:
        raise
    except (AssertionError, ValueError, IndexError, TypeError, KeyError, RecursionError) as e:
        # the standard parser's own failures on malformed markup
        raise InputError(f"cannot read the HTML ({type(e).__name__}: {' '.join(str(e).split())[:80]})", source=name, line=p.getpos()[0]) from None
    flush_line()
    return "\n".join(out)
