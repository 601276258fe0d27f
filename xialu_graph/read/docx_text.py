"""DOCX bytes → text lines: one line per paragraph, table rows as ``a | b | c``.

The parts are streamed from the zip archive into an expat parser in 1 MiB pieces; no element
tree is built, so memory follows the text read out, not the XML. The parser refuses a
document type declaration the moment it sees one, in any part read, at any position and in
any encoding expat decodes (UTF-8, UTF-16, Latin-1…): no entity is ever defined, so none can
expand. External entities and parameter entities are never loaded.

Tables are walked by the same event stream, so each piece of text belongs to exactly one
cell: a table nested in a cell is read into that cell (its rows joined by spaces), never
repeated in the rows around it. Cells spanning columns (``gridSpan``) and rows (``vMerge``)
are expanded under the document's cell budget; element nesting and table nesting are bounded.

Text boxes are written twice in a document saved by Word, once as DrawingML
(``mc:Choice``) and once as VML (``mc:Fallback``); the fallback is skipped, so a text box is
read once, as lines of its own after the paragraph that anchors it. ``w:altChunk`` parts
(content imported as HTML or plain text) are read in place; other kinds (RTF, MHT, an embedded
.docx) cannot be read and are reported as a warning, never dropped silently.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from xml.parsers import expat

from ..errors import InputError, InputWarning
from .limits import MAX_INFLATED_BYTES, MAX_SPAN, MAX_TABLE_DEPTH, MAX_XML_DEPTH, Budget
from .encoding import decode_bytes
from .html_text import html_to_text

__all__ = ["docx_to_text"]

_W_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R_NS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
_SEP = " "
_PIECE = 1 << 20
_NUMBER = re.compile(r"\s*([0-9]{1,9})\s*")
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma"}
_ZIP_NAMES = {9: "Deflate64", 6: "implode", 98: "PPMd", 97: "WavPack", 93: "Zstandard", 95: "xz", 99: "AES encryption"}


def _one_line(e: BaseException) -> str:
    return " ".join(f"{type(e).__name__}: {e}".split())[:120]


def _key(name: str) -> str:
    """'uri local' → 'w:local' / 'mc:local' / 'r:local' (other namespaces keep 'uri local')."""
    uri, _, local = name.rpartition(_SEP)
    if uri in _W_NS:
        return "w:" + local
    if uri == _MC_NS:
        return "mc:" + local
    if uri in _R_NS:
        return "r:" + local
    return name


class _Zip:
    """A .docx archive read with every failure turned into an InputError and one inflate budget."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.inflated = 0
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError(
                "not a valid .docx file: an OLE compound file (a password-protected document or a "
                "Word 97-2003 file renamed); save it as .docx without a password",
                source=name,
            )
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except Exception as e:  # noqa: BLE001 - anything zipfile raises on hostile bytes
            raise InputError(f"not a valid .docx file (not a zip archive: {_one_line(e)})", source=name) from None

    def has(self, part: str) -> bool:
        try:
            self.zf.getinfo(part)
        except KeyError:
            return False
        return True

    def pieces(self, part: str):
        """Yield the inflated bytes of ``part`` in pieces, within the archive's inflate budget."""
        try:
            info = self.zf.getinfo(part)
        except KeyError:
            raise InputError(f"part {part} is missing from the .docx", source=self.name) from None
        if info.flag_bits & 0x1:
            raise InputError(f"{part} is encrypted; save the document without a password", source=self.name)
        if info.compress_type not in _ZIP_METHODS:
            method = _ZIP_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise InputError(f"{part} uses a compression the reader does not support ({method}); save the document again in Word or WPS", source=self.name)
        if self.inflated + info.file_size > MAX_INFLATED_BYTES:
            raise InputError(f"{part} inflates past the size limit of {MAX_INFLATED_BYTES // 2**20} MiB (possible zip bomb)", source=self.name)
        try:
            fh = self.zf.open(info)
        except Exception as e:  # noqa: BLE001
            raise InputError(f"corrupt .docx: cannot open {part} ({_one_line(e)})", source=self.name) from None
        with fh:
            while True:
                try:
                    piece = fh.read(_PIECE)
                except Exception as e:  # noqa: BLE001 - zlib.error, BadZipFile (CRC), EOFError, lzma/bz2 errors
                    raise InputError(f"corrupt .docx: damaged data in {part} ({_one_line(e)})", source=self.name) from None
                if not piece:
                    return
                self.inflated += len(piece)
                if self.inflated > MAX_INFLATED_BYTES:
                    raise InputError(f"{part} inflates past the size limit of {MAX_INFLATED_BYTES // 2**20} MiB (possible zip bomb)", source=self.name)
                yield piece

    def read(self, part: str) -> bytes:
        return b"".join(self.pieces(part))


def _refuse_dtd(name: str, part: str):
    def refuse(*_args):
        raise InputError(f"{part} declares a DTD or entities (refused: entity expansion attack)", source=name)

    return refuse


def _parser(name: str, part: str, start, end, data=None):
    """An expat parser with namespaces that raises InputError at any DTD or entity declaration."""
    p = expat.ParserCreate(namespace_separator=_SEP)
    refuse = _refuse_dtd(name, part)
    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    p.UnparsedEntityDeclHandler = refuse
    p.NotationDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartElementHandler = start
    p.EndElementHandler = end
    if data is not None:
        p.CharacterDataHandler = data
    p.buffer_text = True
    return p


def _feed(z: _Zip, part: str, parser) -> None:
    """Stream ``part`` into ``parser``; every XML failure is an InputError naming part and line."""
    try:
        for piece in z.pieces(part):
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except InputError:
        raise
    except (expat.ExpatError, ValueError, LookupError, UnicodeError) as e:
        raise _xml_error(z.name, part, parser, e) from None


def _xml_error(name: str, part: str, parser, e: BaseException) -> InputError:
    if isinstance(e, expat.ExpatError):
        return InputError(f"corrupt .docx: {part} line {e.lineno} is not well-formed XML ({expat.errors.messages[e.code]})", source=name)
    # ValueError/LookupError from expat: an encoding it cannot use ('GB2312' is multi-byte, 'x-foo' unknown)
    return InputError(
        f"{part} declares an encoding the XML reader cannot use ({_one_line(e)}); a .docx part must be UTF-8 or UTF-16",
        source=name,
    )


def _relationships(z: _Zip, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (target, target mode) of a part, read with the same refusing parser."""
    rels: dict[str, tuple[str, str]] = {}
    folder, base = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    if not z.has(rels_part):
        return rels

    def start(tag, attrs):
        if tag.rpartition(_SEP)[2] == "Relationship" and "Id" in attrs:
            target = attrs.get("Target", "")
            if attrs.get("TargetMode") != "External":
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            rels[attrs["Id"]] = (target, attrs.get("TargetMode", "Internal"))

    _feed(z, rels_part, _parser(z.name, rels_part, start, lambda tag: None))
    return rels


class _Body:
    __slots__ = ("lines",)

    def __init__(self):
        self.lines: list[str] = []


class _Para:
    __slots__ = ("parts", "pending")

    def __init__(self):
        self.parts: list[str] = []
        self.pending: list[str] = []  # lines of text boxes anchored in this paragraph


class _Cell:
    __slots__ = ("paras", "cols", "merged")

    def __init__(self):
        self.paras: list[str] = []
        self.cols = 1
        self.merged = False


class _Table:
    __slots__ = ("number", "above", "row", "n_tc")

    def __init__(self, number: int):
        self.number = number
        self.above: dict[int, str] = {}  # grid column -> text of the last cell that started there
        self.row: list[str] | None = None
        self.n_tc = 0


class _Reader:
    """Event handlers that turn document.xml into lines, iteratively and within the budget."""

    def __init__(self, z: _Zip, budget: Budget, part: str):
        self.z = z
        self.name = z.name
        self.budget = budget
        self.part = part
        self.body = _Body()
        self.containers: list = [self.body]
        self.tables: list[_Table] = []
        self.n_tables = 0
        self.stack: list[str] = []
        self.skip = 0
        self.in_t = False
        self.rels: dict | None = None
        self.warnings: list[str] = []

    # ---- output
    def _emit(self, lines: list[str], *, para_text: str | None = None) -> None:
        target = self.containers[-1]
        for s in lines:
            self.budget.output(len(s) + 1)
        if para_text is not None:
            self.budget.output(len(para_text) + 1)
        if isinstance(target, _Cell):
            if para_text is not None:
                target.paras.append(para_text.replace("\n", " "))
            target.paras.extend(lines)
            return
        out = target.lines if isinstance(target, _Body) else target.pending
        if para_text is not None:
            out.extend(para_text.split("\n"))
        out.extend(lines)

    # ---- expat handlers
    def start(self, tag: str, attrs: dict) -> None:
        self.stack.append(tag)
        if len(self.stack) > MAX_XML_DEPTH:
            raise InputError(f"{self.part} nests elements deeper than {MAX_XML_DEPTH}; refused as a hostile file", source=self.name)
        if self.skip:
            self.skip += 1
            return
        k = _key(tag)
        if k == "mc:Fallback":
            self.skip = 1  # the same content again, for readers that do not know the mc:Choice
        elif k == "w:p":
            self.containers.append(_Para())
        elif k == "w:t":
            self.in_t = isinstance(self.containers[-1], _Para)
        elif k == "w:tab":
            if isinstance(self.containers[-1], _Para) and len(self.stack) > 1 and _key(self.stack[-2]) != "w:tabs":
                self.containers[-1].parts.append(" ")
        elif k in ("w:br", "w:cr"):
            if isinstance(self.containers[-1], _Para):
                self.containers[-1].parts.append("\n")
        elif k == "w:tbl":
            if len(self.tables) >= MAX_TABLE_DEPTH:
                raise InputError(f"tables nested deeper than {MAX_TABLE_DEPTH}; refused as a hostile file", source=self.name)
            self.n_tables += 1
            self.tables.append(_Table(self.n_tables))
        elif k == "w:tr":
            if self.tables:
                self.tables[-1].row = []
                self.tables[-1].n_tc = 0
        elif k == "w:tc":
            self.containers.append(_Cell())
        elif k in ("w:gridSpan", "w:vMerge"):
            cell = self.containers[-1]
            if isinstance(cell, _Cell) and len(self.stack) > 1 and _key(self.stack[-2]) == "w:tcPr":
                val = next((v for a, v in attrs.items() if _key(a) == "w:val"), None)
                if k == "w:gridSpan":
                    m = _NUMBER.fullmatch(val or "")
                    if m:
                        cell.cols = max(1, min(int(m.group(1)), MAX_SPAN))
                else:
                    cell.merged = val in (None, "continue")
        elif k == "w:altChunk":
            rid = next((v for a, v in attrs.items() if _key(a) == "r:id"), "")
            self._alt_chunk(rid)

    def end(self, tag: str) -> None:
        self.stack.pop()
        if self.skip:
            self.skip -= 1
            return
        k = _key(tag)
        if k == "w:t":
            self.in_t = False
        elif k == "w:p":
            para = self.containers.pop()
            self._emit(para.pending, para_text="".join(para.parts))
        elif k == "w:tc":
            cell = self.containers.pop()
            text = " ".join(" ".join(cell.paras).split())
            table = self.tables[-1] if self.tables else None
            if table is None or table.row is None:
                if text:
                    self._emit([text])
                return
            row = table.row
            col = len(row)
            if cell.merged:
                text = table.above.get(col, "")
            else:
                table.above[col] = text
            self.budget.cells(cell.cols, table=table.number)
            row.append(text)
            if cell.cols > 1:
                row.extend([""] * (cell.cols - 1))
            table.n_tc += 1
        elif k == "w:tr":
            table = self.tables[-1] if self.tables else None
            if table is None or table.row is None:
                return
            cells, n_tc = table.row, table.n_tc
            table.row = None
            if len(cells) > 1 and n_tc == 1 and cells[0] and not any(cells[1:]):
                self._emit([cells[0]])  # one cell across the table: a heading
            elif any(cells):
                sep = " " if isinstance(self.containers[-1], _Cell) else " | "
                self._emit([sep.join(cells)])
        elif k == "w:tbl":
            if self.tables:
                self.tables.pop()

    def data(self, text: str) -> None:
        if self.in_t and not self.skip:
            self.containers[-1].parts.append(text)

    # ---- imported content
    def _alt_chunk(self, rid: str) -> None:
        if self.rels is None:
            self.rels = _relationships(self.z, self.part)
        target, mode = self.rels.get(rid, ("", ""))
        what = f"imported content (w:altChunk {rid!r}"
        if not target:
            self._warn(f"{what}) points to no part; not read")
            return
        if mode == "External":
            self._warn(f"{what}) is an external file {target!r}; not read")
            return
        ext = posixpath.splitext(target)[1].lower()
        if ext not in (".htm", ".html", ".xhtml", ".txt") or not self.z.has(target):
            self._warn(f"{what}, {target}) is not HTML or plain text; not read")
            return

        text, _ = decode_bytes(self.z.read(target), name=f"{self.name}:{target}")
        if ext != ".txt":
            text = html_to_text(text, name=f"{self.name}:{target}", budget=self.budget)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if isinstance(self.containers[-1], _Cell):
            lines = [" ".join(" ".join(lines).split())]
        self._emit(lines)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)


def read_docx(data: bytes, *, name: str = "<docx>", budget: Budget | None = None) -> tuple[str, list[str]]:
    """DOCX bytes → (text, warnings); see :func:`docx_to_text`."""
    budget = budget if budget is not None else Budget(name=name)
    z = _Zip(data, name)
    with z.zf:
        part = "word/document.xml"
        if not z.has(part):
            raise InputError("zip archive is not a .docx (no word/document.xml)", source=name)
        reader = _Reader(z, budget, part)
        parser = _parser(name, part, reader.start, reader.end, reader.data)

        def counted():
            for piece in z.pieces(part):
                budget.consumed(len(piece))
                yield piece

        try:
            for piece in counted():
                parser.Parse(piece, False)
            parser.Parse(b"", True)
        except InputError:
            raise
        except (expat.ExpatError, ValueError, LookupError, UnicodeError) as e:
            raise _xml_error(name, part, parser, e) from None
    return "\n".join(reader.body.lines), reader.warnings


def docx_to_text(data: bytes, *, name: str = "<docx>") -> str:
    """DOCX bytes → text lines: one line per paragraph, table rows as ``a | b | c``.

    ``word/document.xml`` is streamed into a parser that refuses any DTD; the inflated size
    of all parts read, the cells of the tables (spans expanded), the nesting of elements and
    tables, and the text written out are all bounded (``xialu_graph/read/limits.py``).

    Parameters
    ----------
    data : bytes
        The .docx file's bytes.
    name : str, keyword-only
        File name for error messages.

    Returns
    -------
    str

    Raises
    ------
    InputError
        Not a zip, a zip that is not a DOCX, an encrypted or damaged archive, an unsupported
        compression, XML that is not well-formed or declares a DTD, or any bound exceeded.

    Warns
    -----
    InputWarning
        Imported content (``w:altChunk``) that cannot be read.

    Examples
    --------
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>'
    ...                '<w:p><w:r><w:t>一、甲</w:t></w:r></w:p></w:body></w:document>')
    >>> docx_to_text(buf.getvalue())
    '一、甲'
    """
    text, notes = read_docx(data, name=name)
    for note in notes:
        warnings.warn(f"{name}: {note}", InputWarning, stacklevel=2)
    return text
