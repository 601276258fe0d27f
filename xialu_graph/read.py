"""Bytes → text: encoding detection (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK),
HTML → text lines, DOCX → text lines.

Every reader returns plain text with one logical line per paragraph (table rows become
``cell | cell | cell`` lines), so the parser sees the same lines whatever the file format.
Nothing here knows the genre; page chrome is classified (not deleted) by the parser, except
``<script>``, ``<style>``, ``<head>`` and similar non-content elements of HTML.

Limits protect against hostile files: a DOCX member may inflate to at most
``MAX_INFLATED_BYTES``; HTML is read by the standard library's non-recursive parser, so
pathological nesting costs linear time; row and column spans are capped at ``MAX_SPAN``.

Table cells that span rows (HTML ``rowspan``, DOCX vertical merges) are repeated in every row
they cover, so a lead unit written once for a group of tasks reaches each task.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from .errors import InputError

__all__ = ["read_text", "decode_bytes", "html_to_text", "docx_to_text", "TextSource"]

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024  # a real document.xml is a few MB
MAX_SPAN = 500  # rowspan/colspan larger than this are read as this (hostile pages)
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
UNSUPPORTED = {
    ".pdf": "PDF is not read: save the document as .docx or .txt (or copy its text into a .txt file)",
    ".doc": "Word 97-2003 .doc is not read: save it as .docx",
    ".wps": "WPS .wps is not read: save it as .docx",
    ".xls": "spreadsheets are not read: save the table as .docx or copy it into a .txt file",
    ".xlsx": "spreadsheets are not read: save the table as .docx or copy it into a .txt file",
}


@dataclass
class TextSource:
    """Decoded text and where it came from.

    Attributes
    ----------
    text : str
        The text, newlines normalised to ``\\n``.
    name : str
        File path as given, or ``'<string>'``.
    encoding : str
        Encoding detected ('utf-8', 'utf-8-sig', 'gb18030', 'utf-16', or 'str').
    format : str
        'text', 'html' or 'docx'.
    """

    text: str
    name: str
    encoding: str
    format: str


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    if os.path.exists(s):
        return True
    return Path(s).suffix.lower() in KNOWN_SUFFIXES - {""} and len(s) < 1024


def read_text(source: Union[str, os.PathLike, bytes]) -> TextSource:
    """Read a document into text.

    Parameters
    ----------
    source : str, path-like or bytes
        A path to a .txt/.html/.htm/.docx file, the document text itself (a str containing a
        newline, or any str that is not an existing path with a document suffix), or raw bytes.

    Returns
    -------
    TextSource

    Raises
    ------
    InputError
        Missing, empty, binary or undecodable file (one line naming the file).

    Examples
    --------
    >>> read_text("一、甲\\n1、乙。[责任单位:区发改局]").format
    'text'
    """
    if isinstance(source, bytes):
        text, enc = decode_bytes(source, name="<bytes>")
        return TextSource(_normalise_newlines(text), "<bytes>", enc, "text")
    if isinstance(source, str) and not _looks_like_path(source):
        if not source.strip():
            raise InputError("document is empty", source="<string>")
        return TextSource(_normalise_newlines(source), "<string>", "str", "text")
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise InputError("no such file", source=name)
    if path.is_dir():
        raise InputError("is a directory, not a document", source=name)
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty", source=name)
    if size > MAX_FILE_BYTES:
        raise InputError(f"file is larger than {MAX_FILE_BYTES // 2**20} MiB", source=name)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(UNSUPPORTED[suffix], source=name)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror})", source=name) from None
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        if suffix not in DOCX_SUFFIXES:
            raise InputError("file is a zip archive, not a text document (a .docx must end in .docx)", source=name)
        text = docx_to_text(data, name=name)
        fmt, enc = "docx", "utf-8"
    else:
        text, enc = decode_bytes(data, name=name)
        if suffix in HTML_SUFFIXES or _sniff_html(text):
            text = html_to_text(text)
            fmt = "html"
        else:
            fmt = "text"
    text = _normalise_newlines(text)
    if not text.strip():
        raise InputError("document has no text", source=name)
    return TextSource(text, name, enc, fmt)


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sniff_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or (
        "<body" in head and "</" in head
    )


_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUA = re.compile(r"[\ue000-\uf8ff]")


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode document bytes, never silently mis-decoding.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are; otherwise
    GB18030 (a superset of GBK and GB2312) is tried, and accepted only when the result reads
    as Chinese text (CJK characters present, no private-use characters, few odd symbols).

    Returns
    -------
    (text, encoding)

    Raises
    ------
    InputError
        Binary content (NUL bytes) or bytes that decode under no supported encoding.

    Examples
    --------
    >>> decode_bytes("下陆区".encode("gbk"))
    ('下陆区', 'gb18030')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"invalid UTF-8 after a UTF-8 byte-order mark (byte {e.start})", source=name) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 text", source=name) from None
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError("binary file, not a text document", source=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError("cannot decode: neither UTF-8 nor GB18030/GBK", source=name, line=line) from None
    probe = text[:200000]
    n_cjk = len(_CJK.findall(probe))
    n_pua = len(_PUA.findall(probe))
    non_ascii = sum(1 for c in probe if ord(c) > 127)
    if n_pua or (non_ascii and n_cjk / non_ascii < 0.6):
        raise InputError("cannot decode: bytes are not UTF-8 and do not read as GB18030/GBK Chinese", source=name)
    return text, "gb18030"


# --------------------------------------------------------------------------- HTML

_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "center", "form", "tbody", "thead",
}
_SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "title", "select", "button"}
_CELL = {"td", "th"}


def html_to_text(html: str) -> str:
    """HTML page → text lines: one line per block element, table rows as ``a | b | c``.

    Scripts, styles, the head and similar non-content elements are dropped; entities are
    decoded. Uses the standard library's tolerant, non-recursive parser, so pathological
    nesting costs linear time.

    Examples
    --------
    >>> html_to_text("<p>一、甲</p><p>1、乙</p><script>x()</script>")
    '一、甲\\n1、乙'
    """
    from html.parser import HTMLParser

    out: list[str] = []
    line: list[str] = []
    row: list[tuple[str, int, int]] = []  # (text, rowspan, colspan) of the cells seen in this row
    cell: list[str] = []
    span = {"rows": 1, "cols": 1}
    carry: dict = {}  # column -> [text, rows left] for cells spanning rows (rowspan)
    state = {"skip": 0, "in_cell": 0}

    def flush_line():
        s = "".join(line).strip()
        line.clear()
        if s:
            out.append(s)

    def end_row():
        cells = list(row)
        row.clear()
        if not cells and not carry:
            return
        if len(cells) == 1 and cells[0][2] > 1 and not carry:
            # one cell across the whole table: a heading inside the table (一、稳增长)
            flush_line()
            if cells[0][0]:
                out.append(cells[0][0])
            return
        full: list[str] = []
        it = iter(cells)
        col = 0
        while True:
            if col in carry:
                text, left = carry[col]
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
            for k in range(cs):
                full.append(text if k == 0 else "")
                if rs > 1:
                    carry[col + k] = [text if k == 0 else "", rs - 1]
            col += cs
        if any(full):
            flush_line()
            out.append(" | ".join(full))

    def _span(attrs, name) -> int:
        for k, v in attrs:
            if k == name and v and v.strip().isdigit():
                return max(1, min(int(v.strip()), MAX_SPAN))
        return 1

    class P(HTMLParser):
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
    p.feed(html)
    p.close()
    flush_line()
    return "\n".join(out)


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes, *, name: str = "<docx>") -> str:
    """DOCX bytes → text lines: one line per paragraph, table rows as ``a | b | c``.

    Reads ``word/document.xml`` directly with a bound on its inflated size, so a
    decompression bomb is refused instead of exhausting memory.

    Raises
    ------
    InputError
        Not a zip, a zip that is not a DOCX, or a member that inflates past the limit.
    """
    import xml.etree.ElementTree as ET

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise InputError("not a valid .docx file (not a zip archive)", source=name) from None
    with zf:
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError:
            raise InputError("zip archive is not a .docx (no word/document.xml)", source=name) from None
        if info.file_size > MAX_INFLATED_BYTES:
            raise InputError("word/document.xml inflates past the size limit (possible zip bomb)", source=name)
        buf = bytearray()
        try:
            with zf.open(info) as fh:
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    buf += chunk
                    if len(buf) > MAX_INFLATED_BYTES:
                        raise InputError("word/document.xml inflates past the size limit (possible zip bomb)", source=name)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise InputError(f"corrupt .docx ({e})", source=name) from None
    if b"<!ENTITY" in buf[:100000] or b"<!DOCTYPE" in buf[:100000]:
        raise InputError(".docx contains a DTD or entity declarations, refused", source=name)
    lines: list[str] = []
    try:
        root = ET.fromstring(bytes(buf))
    except ET.ParseError as e:
        raise InputError(f"corrupt .docx XML ({e})", source=name) from None
    body = root.find(f"{_W}body")
    if body is None:
        return ""

    def para_text(p) -> str:
        parts = []
        for el in p.iter():
            if el.tag == f"{_W}t" and el.text:
                parts.append(el.text)
            elif el.tag == f"{_W}tab":
                parts.append(" ")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        return "".join(parts)

    def walk(el):
        for child in el:
            if child.tag == f"{_W}p":
                for piece in para_text(child).split("\n"):
                    lines.append(piece)
            elif child.tag == f"{_W}tbl":
                above: dict = {}  # grid column -> text of the last cell that started there
                for tr in child.iter(f"{_W}tr"):
                    cells: list[str] = []
                    for tc in tr.findall(f"{_W}tc"):
                        txt = " ".join(" ".join(para_text(p).replace("\n", " ") for p in tc.iter(f"{_W}p")).split())
                        pr = tc.find(f"{_W}tcPr")
                        cols = 1
                        merged = False
                        if pr is not None:
                            gs = pr.find(f"{_W}gridSpan")
                            if gs is not None and (gs.get(f"{_W}val") or "").isdigit():
                                cols = max(1, min(int(gs.get(f"{_W}val")), MAX_SPAN))
                            vm = pr.find(f"{_W}vMerge")
                            merged = vm is not None and vm.get(f"{_W}val") in (None, "continue")
                        col = len(cells)
                        if merged:
                            txt = above.get(col, "")
                        else:
                            above[col] = txt
                        cells.append(txt)
                        cells.extend([""] * (cols - 1))
                    if len(cells) > 1 and sum(1 for c in cells if c) == 1 and cells[0] and len(tr.findall(f"{_W}tc")) == 1:
                        lines.append(cells[0])  # one cell across the table: a heading
                    elif any(cells):
                        lines.append(" | ".join(cells))
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    return "\n".join(lines)
