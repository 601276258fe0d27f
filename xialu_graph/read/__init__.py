"""Bytes → text: encoding detection (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK),
HTML → text lines, DOCX → text lines.

Every reader returns plain text with one logical line per paragraph (table rows become
``cell | cell | cell`` lines), so the parser sees the same lines whatever the file format.
Nothing here knows the genre; page chrome is classified (not deleted) by the parser, except
``<script>``, ``<style>``, ``<head>`` and similar non-content elements of HTML.

The readers live in modules of their own: :mod:`.encoding` (``decode_bytes``),
:mod:`.html_text` (``html_to_text``), :mod:`.docx_text` (``docx_to_text``); the bounds that
protect against hostile files, and the per-document budget of table cells and output text,
are in :mod:`.limits` and are stated with their tests in ``docs/security.md``.

Table cells that span rows (HTML ``rowspan``, DOCX vertical merges) are repeated in every row
they cover, so a lead unit written once for a group of tasks reaches each task.
"""

from __future__ import annotations

import os
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..errors import InputError, InputWarning
from .limits import (  # noqa: F401 - the bounds, importable from here as before
    MAX_DOCUMENT_CELLS,
    MAX_FILE_BYTES,
    MAX_INFLATED_BYTES,
    MAX_SPAN,
    MAX_TABLE_CELLS,
    MAX_TABLE_DEPTH,
    MAX_XML_DEPTH,
    Budget,
)
from .docx_text import docx_to_text, read_docx  # noqa: F401
from .encoding import decode_bytes
from .html_text import html_to_text

__all__ = ["read_text", "decode_bytes", "html_to_text", "docx_to_text", "TextSource"]

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
    warnings : list of str
        Parts of the document that could not be read and were left out (a .docx
        ``altChunk`` in RTF, say); each was also issued as an :class:`~xialu_graph.errors.InputWarning`.
    """

    text: str
    name: str
    encoding: str
    format: str
    warnings: list = field(default_factory=list)


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
        Missing, empty, binary or undecodable file, or a hostile one past the bounds of
        ``docs/security.md`` (one line naming the file and, where there is one, the line).

    Examples
    --------
    >>> read_text("一、甲\\n1、乙。[责任单位:区发改局]").format
    'text'
    """
    if isinstance(source, bytes):
        text, enc = decode_bytes(source, name="<bytes>")
        return TextSource(_normalise_newlines(text), "<bytes>", enc, "text")
    if isinstance(source, str) and not _looks_like_path(source):
        if not source or source.isspace():
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
    notes: list[str] = []
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        if suffix not in DOCX_SUFFIXES:
            raise InputError("file is a zip archive, not a text document (a .docx must end in .docx)", source=name)
        text, notes = read_docx(data, name=name)
        fmt, enc = "docx", "utf-8"
    else:
        text, enc = decode_bytes(data, name=name)
        del data  # the text is the only copy kept (memory stays proportional to the file)
        if suffix in HTML_SUFFIXES or _sniff_html(text):
            text = html_to_text(text, name=name)
            fmt = "html"
        else:
            fmt = "text"
    text = _normalise_newlines(text)
    if not text or text.isspace():  # isspace() copies nothing (strip() would copy the whole text)
        raise InputError("document has no text", source=name)
    for note in notes:
        _warnings.warn(f"{name}: {note}", InputWarning, stacklevel=2)
    return TextSource(text, name, enc, fmt, [f"{name}: {n}" for n in notes])


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # copies only when there is something to change
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _sniff_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or (
        "<body" in head and "</" in head
    )


