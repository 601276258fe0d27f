"""Meaning-preserving transformations of a real document of the genre (issue 12).

Each function takes the text of a document and the unit names its gold file lists (``units``,
used to keep those names whole) and returns a transformed text that a reader would understand
exactly as the original: the same tasks, the same units in the same roles. A transformation that
cannot be applied to a document without risking its meaning returns the text unchanged, so the
document then scores as it did untransformed.

The gold labels are compared by the scorer after NFKC and whitespace folding, so a transformation
may change the width of punctuation or the line breaks of a document, but never the characters of
a unit name (NFKC does not fold ``、`` into ``，`` nor simplified into traditional characters).

Used by tests/test_genre_invariance.py; ``TRANSFORMS`` maps a short name to each function.
"""

from __future__ import annotations

import re
from functools import partial

FULL_TO_HALF = str.maketrans({"：": ":", "；": ";", "，": ",", "（": "(", "）": ")"})
HALF_TO_FULL = {":": "：", ";": "；", ",": "，", "(": "（", ")": "）"}

# Label words of the genre as a reader sees them (a fixed list: the transformations do not
# read the parser's grammar, so a label the parser forgets is still transformed).
LABEL = (
    r"(?:牵头责任|主要责任|协同责任|协同配合|牵头|主责|主办|协办|配合|协同|协作|参与|参加|协助|责任|负责)"
    r"(?:单位|部门)"
)
LABEL_COLON = re.compile(rf"({LABEL})\s*[：:]")
# A labelled list: a label, its colon, and what follows up to the end of the clause.
LABELLED_LIST = re.compile(rf"({LABEL}\s*[：:])([^；;。\n）)】\]〕]*)")
TRADITIONAL = {"牵头单位": "牵頭單位", "责任单位": "責任單位", "配合单位": "配合單位"}
# Characters that open a numbered item or a bracketed assignment at the start of a line.
LINE_START_MARKERS = set("0123456789０１２３４５６７８９一二三四五六七八九十（(【[〔［第")


def _protected(text: str, units) -> list[bool]:
    """Per character of ``text``: True inside an occurrence of a gold unit name."""
    inside = [False] * len(text)
    for u in sorted({u for u in units if u}, key=len, reverse=True):
        for m in re.finditer(re.escape(u), text):
            for i in range(m.start(), m.end()):
                inside[i] = True
    return inside


def fullwidth_to_halfwidth(text: str, units=()) -> str:
    """Write ``：；，（）`` as ``:;,()``.

    Both forms are the same characters under NFKC; documents of the genre mix them freely, and a
    reader (and the scorer) sees no difference.
    """
    return text.translate(FULL_TO_HALF)


def halfwidth_to_fullwidth(text: str, units=()) -> str:
    """Write ``:;,()`` as ``：；，（）``, except ``,`` and ``:`` between two digits.

    The same characters under NFKC; the exception keeps numbers (``1,000``) and times (``8:30``)
    as they are, where a full-width sign would not be the way anyone writes them.
    """
    out = []
    for i, ch in enumerate(text):
        if ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append(ch)
        else:
            out.append(HALF_TO_FULL.get(ch, ch))
    return "".join(out)


def label_colon_halfwidth(text: str, units=()) -> str:
    """Write the colon after a label word as ``:`` (``牵头单位:``): the same sign under NFKC."""
    return LABEL_COLON.sub(r"\1:", text)


def label_colon_spaced(text: str, units=()) -> str:
    """Write the colon after a label word as `` ：`` (``牵头单位 ：``): a space typed before a
    colon, common in documents typed by hand, carries no meaning."""
    return LABEL_COLON.sub(r"\1 ：", text)


def crlf_trailing_spaces(text: str, units=()) -> str:
    """End every line with two spaces and CRLF, as files saved on Windows or copied from a web
    page often are: trailing white space and the line-ending convention carry no meaning."""
    return "".join(line + "  \r\n" for line in text.split("\n"))


def bom_double_blank_lines(text: str, units=()) -> str:
    """Start with a byte-order mark and make every blank line two: a BOM is an encoding mark,
    not text, and the number of blank lines between paragraphs carries no meaning."""
    lines = text.split("\n")
    out = []
    for line in lines:
        out.append(line)
        if not line.strip():
            out.append(line)
    return "\ufeff" + "\n".join(out)


def hard_wrap(text: str, units=(), width: int = 38) -> str:
    """Break every line longer than ``width`` characters into lines of about ``width``, as text
    copied out of a PDF is.

    Meaning is kept by where the breaks may fall: never inside a unit name of the gold file (the
    scorer's units stay whole), and never right before a character that starts a numbered item or
    an assignment bracket (``1``, ``一``, ``（`` …), where a reader could no longer tell a wrapped
    line from a new item; a break moves forward until it is allowed. Lines holding a tab or a
    ``|`` are table rows, where a break would move cells into another row: they are left alone;
    so is a document whose table has one cell per line between ``|`` lines, where every line
    break ends a cell.
    """
    if any(line.strip() == "|" for line in text.split("\n")):
        return text
    inside = _protected(text, units)
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if "\t" in line or "|" in line or len(line) <= width:
            out.append(line)
            continue
        pieces = []
        cut = start
        while end - cut > width:
            b = cut + width
            while b < end and (inside[b] and inside[b - 1] or text[b] in LINE_START_MARKERS or text[b].isspace()):
                b += 1
            if b >= end:
                break
            pieces.append(text[cut:b])
            cut = b
        pieces.append(text[cut:end])
        out.extend(pieces)
    return "\n".join(out)


def traditional_labels(text: str, units=()) -> str:
    """Write the common label words in traditional characters (``牵頭單位``, ``責任單位``,
    ``配合單位``), as documents from Hong Kong, Macao or Taiwan sources, or converted by a
    reposting site, do: the same words."""
    for simp, trad in TRADITIONAL.items():
        text = text.replace(simp, trad)
    return text


def _swap_list_separator(text: str, units, old: str, new: str) -> str:
    """Replace each character of ``old`` by ``new`` in labelled lists where it stands between two
    gold unit names (and is part of neither): a separator before a remark
    (``市经信委,排名第一的部门为牵头单位``) is not one between units and is kept."""
    inside = _protected(text, units)
    chars = list(text)
    for m in LABELLED_LIST.finditer(text):
        for i in range(m.start(2), m.end(2)):
            if chars[i] in old and not inside[i] and 0 < i < len(text) - 1 and inside[i - 1] and inside[i + 1]:
                chars[i] = new
    return "".join(chars)


def list_dunhao_to_comma(text: str, units=()) -> str:
    """Separate the units of a labelled list (``牵头单位：A、B``) with ``，`` instead of ``、``.

    After a label and its colon, up to the end of the clause, between two unit names of the gold
    file, both signs only separate items of the list; a ``、`` inside a unit name
    (``各县、区人民政府``) is kept.
    """
    return _swap_list_separator(text, units, "、", "，")


def list_comma_to_dunhao(text: str, units=()) -> str:
    """Separate the units of a labelled list with ``、`` instead of ``，`` or ``,`` (the reverse
    of :func:`list_dunhao_to_comma`, for the same reason)."""
    return _swap_list_separator(text, units, "，,", "、")


# A bracket closing a line that holds only labelled lists: (牵头单位：A；责任单位：B、C)
TRAILING_LABEL_BRACKET = re.compile(rf"^(?P<head>.*?\S)\s*[（(](?P<body>\s*{LABEL}\s*[：:][^（()）\n]*)[）)]\s*$")
CLAUSE_END = "；;，,。 \u3000"


def _label_clauses(body: str):
    """The ``label：list`` clauses of a bracket's content, or None when something else is in it."""
    starts = [m.start() for m in LABEL_COLON.finditer(body)]
    if not starts or body[: starts[0]].strip():
        return None
    clauses = []
    for a, b in zip(starts, starts[1:] + [len(body)]):
        clause = body[a:b].strip().rstrip(CLAUSE_END)
        label, _, names = clause.partition("：") if "：" in clause.split(":")[0] else clause.partition(":")
        if not names.strip() or any(c in names for c in "；;。"):  # a remark after the list: not only names
            return None
        clauses.append(f"{label.strip()}：{names.strip()}")
    return clauses


def _rewrite_label_brackets(text: str, write) -> str:
    """Each line whose closing bracket holds only ``label：list`` clauses rewritten as
    ``write(head, body, clauses)`` (a list of lines, or None to keep the line)."""
    out = []
    for line in text.split("\n"):
        m = TRAILING_LABEL_BRACKET.match(line)
        clauses = _label_clauses(m.group("body")) if m else None
        new = write(m.group("head"), m.group("body"), clauses) if clauses is not None else None
        out.extend([line] if new is None else new)
    return "\n".join(out)


def bracket_to_label_lines(text: str, units=()) -> str:
    """Write a task's closing bracket of labels (``2.任务。（牵头单位：A；配合单位：B）``) as label
    lines under it (``牵头单位：A`` / ``配合单位：B``), as documents that give each label its own
    line do: the same units in the same roles for the same task.

    Only a bracket that ends its line and holds nothing but ``label：list`` clauses is moved; a
    line whose bracket carries anything else (a remark, a rule, a nested bracket) is kept.
    """
    return _rewrite_label_brackets(text, lambda head, body, clauses: [head, *clauses])


def bracket_to_lenticular(text: str, units=()) -> str:
    """Write a task's closing bracket of labels with ``【】`` instead of ``（）``
    (``…。【牵头单位：A；配合单位：B】``), as some offices do: the same assignment."""
    return _rewrite_label_brackets(text, lambda head, body, clauses: [f"{head}【{body.strip()}】"])


def bracket_to_inline_labels(text: str, units=()) -> str:
    """Write a task's closing bracket of labels as labels inline after its sentence
    (``2.任务。牵头单位：A；配合单位：B。``), as documents that print no bracket do."""
    return _rewrite_label_brackets(text, lambda head, body, clauses: [f"{head}{'；'.join(clauses)}。"]
                                   if head.endswith(("。", ".", "．")) else None)


_LEAD_LABEL = re.compile(r"^(牵头责任|牵头|主办)(单位|部门)$")
_SUPPORT_LABEL = re.compile(r"^(配合|协办|协同|协同配合|协同责任|协作|参与|参加|协助)(单位|部门)$")
_RESPONSIBLE_LABEL = re.compile(r"^(责任|主要责任|负责)(单位|部门)$")


def labels_to_role_words(text: str, units=()) -> str:
    """Write a closing bracket of labels with role words instead (``（牵头单位：A；配合单位：B、C）``
    → ``（A牵头，B、C配合）``; ``（责任单位：A、B）`` → ``（A、B负责）``), as the State Council's and
    many provinces' documents do: 责任单位 beside a lead is a support unit (``配合``), alone it is
    responsible (``负责``). A bracket with a label of another kind is kept."""
    def write(head, body, clauses):
        pairs = [c.split("：", 1) for c in clauses]
        has_lead = any(_LEAD_LABEL.match(lab) for lab, _ in pairs)
        words = []
        for lab, names in pairs:
            if _LEAD_LABEL.match(lab):
                words.append(f"{names}牵头")
            elif _SUPPORT_LABEL.match(lab) or has_lead and _RESPONSIBLE_LABEL.match(lab) and lab.startswith("责任"):
                words.append(f"{names}配合")
            elif _RESPONSIBLE_LABEL.match(lab) and not has_lead:
                words.append(f"{names}负责")
            else:
                return None
        return [f"{head}（{'，'.join(words)}）"]

    return _rewrite_label_brackets(text, write)


_NUMBERED = re.compile(r"^\s*(\d{1,3})[、.．]\s*(\S.*)$")


def _table_row(line: str):
    """``(number, task text, lead cell, other cell)`` of a numbered task line whose closing bracket
    holds a lead and/or a 责任/配合 list; None for any other line; False for such a line whose
    bracket says something else (the document is then left as it is)."""
    m = TRAILING_LABEL_BRACKET.match(line)
    n = _NUMBERED.match(m.group("head")) if m else None
    if n is None:
        return None
    clauses = _label_clauses(m.group("body"))
    if clauses is None:
        return False
    lead, other = [], []
    for lab, names in (c.split("：", 1) for c in clauses):
        if _LEAD_LABEL.match(lab):
            lead.append(names)
        elif _SUPPORT_LABEL.match(lab) or _RESPONSIBLE_LABEL.match(lab) and not lab.startswith("负责"):
            other.append(names)
        else:
            return False
    if len(lead) > 1 or len(other) > 1 or not (lead or other):
        return False
    return n.group(1), n.group(2), "".join(lead), "".join(other)


HEADER = ("序号", "工作任务", "牵头单位", "责任单位")


def _as_table(text: str, write_row, full_rows: bool = False, header=HEADER) -> str:
    lines = text.split("\n")
    rows = [_table_row(line) for line in lines]
    if not any(rows) or any(r is False for r in rows) or full_rows and any(r and not all(r) for r in rows):
        return text
    out, written = [], False
    for line, row in zip(lines, rows):
        if not row:
            out.append(line)
            continue
        if not written:
            out.extend(write_row(header))
            written = True
        out.extend(write_row(row))
    return "\n".join(out)


def tasks_to_pipe_table(text: str, units=()) -> str:
    """Write the numbered tasks of a document whose closing brackets hold only a lead and a 责任/配合
    list as rows of a pipe table (``序号 | 工作任务 | 牵头单位 | 责任单位``, one row per task, a
    heading between rows on its own line), as a web page's table comes out in text: a 责任单位 cell
    beside a lead names support units, alone it names responsible ones, as in the bracket."""
    return _as_table(text, lambda cells: [" | ".join(cells) + " |"])


def tasks_to_cell_lines(text: str, units=()) -> str:
    """The same table with one cell per line, as a web page or a PDF copy gives it. Only where
    every row fills both unit cells: an empty cell prints nothing, and a lone unit cell under
    牵头单位 | 责任单位 could then be either column, to a reader as to the parser."""
    return _as_table(text, lambda cells: list(cells), full_rows=True)


def tasks_to_pipe_table_swapped(text: str, units=()) -> str:
    """The pipe table with its unit columns the other way round (``序号 | 工作任务 | 责任单位 |
    牵头单位``), as some offices print it: the header says which column leads."""
    return _as_table(text, lambda c: [" | ".join((c[0], c[1], c[3], c[2])) + " |"])


def tasks_to_spaced_cell_lines(text: str, units=()) -> str:
    """The cell-line table with a letter-spaced header (``序 号`` / ``牵 头 单 位``), as a PDF copy
    of a table with wide header cells gives it."""
    return _as_table(text, lambda c: list(c), full_rows=True, header=tuple(" ".join(h) for h in HEADER))


def wrap_cell(cell: str, width: int) -> list:
    """A cell's printed lines at ``width`` characters, as a typesetter breaks them: no line starts
    with a closing mark (。，、；：）” …: 避头), which stays at the end of the line before."""
    out: list = []
    for k in range(0, len(cell), width):
        piece = cell[k:k + width]
        while out and piece and piece[0] in "。，,、；;：:）)”！？":
            out[-1] += piece[0]
            piece = piece[1:]
        if piece:
            out.append(piece)
    return out


def _woven_row(cells, widths=(18, 7, 9)) -> list:
    """One table row printed line by line across the page: each printed line gives, in column
    order, the piece of every cell that still has text (number, task, lead, support; each cell
    broken as a typesetter breaks it, :func:`wrap_cell`)."""
    number, *rest = cells
    pieces = [wrap_cell(c, w) for c, w in zip(rest, widths)]
    out = [number]
    for k in range(max(len(p) for p in pieces)):
        out.extend(p[k] for p in pieces if k < len(p))
    return out


def tasks_to_woven_cell_lines(text: str, units=()) -> str:
    """The cell-line table as a PDF table extracted across the page: the task cell wrapped at 18
    characters, the lead cell at 7 and the support cell at 9 (unit names cut wherever the width
    falls), and each printed line giving the pieces of the cells in column order, so that the task
    column's lines alternate with the unit columns' (``1`` / task piece / lead / support piece /
    task piece / support piece …). Only where every row fills both unit cells."""
    return _as_table(text, lambda c: _woven_row(c) if c is not HEADER else list(c), full_rows=True)


def indent_fullwidth(text: str, units=()) -> str:
    """Indent every non-blank line with two ideographic spaces (``　　1、…``), as a web page's
    paragraphs copy out: the same text. Not applied to a Markdown copy (an indented ``- **1.**``
    is no longer a list item)."""
    if re.search(r"^\s*(#{1,6}\s|[-*+>]\s)", text, re.M):
        return text
    return "\n".join("\u3000\u3000" + line if line.strip() else line for line in text.split("\n"))


def numbering_paren(text: str, units=()) -> str:
    """Number items ``（1）`` instead of ``1、`` where a document numbers its items ``N、`` and no
    ``（N）`` already: the same numbers (under headings 一、 and, where present, （一）)."""
    if re.search(r"[（(]\d{1,3}[）)]", text) or any(len(line) > 200 for line in text.split("\n") if ARABIC_DUNHAO.match(line)):
        return text
    return ARABIC_DUNHAO.sub(lambda m: f"{m.group(1)}（{m.group(2)}）", text)


def no_blank_lines(text: str, units=()) -> str:
    """Drop every blank line, as a copy that pastes paragraphs without spacing does."""
    return "\n".join(line for line in text.split("\n") if line.strip())


_LABEL_SEMICOLON = re.compile(rf"[；;](\s*{LABEL}\s*[：:])")


def label_separator_comma(text: str, units=()) -> str:
    """Separate labels in a bracket with a comma instead of a semicolon (``（牵头单位：A，配合单位：B）``),
    as many documents do: the same lists (a list's own commas stay commas)."""
    return _LABEL_SEMICOLON.sub(lambda m: "，" + m.group(1), text)


def space_after_number(text: str, units=()) -> str:
    """A space after each item number (``1、 抓项目``, ``1. 抓项目``), as typed documents often have.
    Not applied to a document viewer's text (its ``N、`` open page-long chunks, written with no space)."""
    if any(len(line) > 200 for line in text.split("\n") if ARABIC_DUNHAO.match(line)):
        return text
    return re.sub(r"^(\s*\d{1,3}[、.．])(?=\S)", r"\1 ", text, flags=re.M)


ARABIC_DUNHAO = re.compile(r"^(\s*)(\d{1,3})、", re.M)


def numbering_fullwidth_dot(text: str, units=()) -> str:
    """Number items ``1．`` (full-width full stop, as PDF copies often do) instead of ``1、``: the
    same numbering (a reader and the scorer, after NFKC, see ``1.``).

    Not applied to a document viewer's text, whose ``N、`` open page-long chunks (lines of
    hundreds of characters cut mid-word), not items: there ``N、`` is the viewer's, not the
    document's, and a viewer does not write ``N．``.
    """
    if any(len(line) > 200 for line in text.split("\n") if ARABIC_DUNHAO.match(line)):
        return text
    return ARABIC_DUNHAO.sub(lambda m: f"{m.group(1)}{m.group(2)}．", text)


TRANSFORMS = {
    "fullwidth_to_halfwidth": fullwidth_to_halfwidth,
    "halfwidth_to_fullwidth": halfwidth_to_fullwidth,
    "label_colon_halfwidth": label_colon_halfwidth,
    "label_colon_spaced": label_colon_spaced,
    "crlf_trailing_spaces": crlf_trailing_spaces,
    "bom_double_blank_lines": bom_double_blank_lines,
    "hard_wrap_25": partial(hard_wrap, width=25),
    "hard_wrap_38": hard_wrap,
    "hard_wrap_60": partial(hard_wrap, width=60),
    "traditional_labels": traditional_labels,
    "list_dunhao_to_comma": list_dunhao_to_comma,
    "list_comma_to_dunhao": list_comma_to_dunhao,
    "bracket_to_label_lines": bracket_to_label_lines,
    "bracket_to_lenticular": bracket_to_lenticular,
    "numbering_fullwidth_dot": numbering_fullwidth_dot,
    "bracket_to_inline_labels": bracket_to_inline_labels,
    "labels_to_role_words": labels_to_role_words,
    "tasks_to_pipe_table": tasks_to_pipe_table,
    "tasks_to_cell_lines": tasks_to_cell_lines,
    "tasks_to_pipe_table_swapped": tasks_to_pipe_table_swapped,
    "tasks_to_spaced_cell_lines": tasks_to_spaced_cell_lines,
    "tasks_to_woven_cell_lines": tasks_to_woven_cell_lines,
    "indent_fullwidth": indent_fullwidth,
    "numbering_paren": numbering_paren,
    "no_blank_lines": no_blank_lines,
    "label_separator_comma": label_separator_comma,
    "space_after_number": space_after_number,
}
