"""Pathological inputs, as Python expressions evaluated in a fresh process (with SEED defined).

Shared by tests/test_hostile_parse.py (which only checks that each finishes) and
benchmarks/bench_hostile.py (which records how long each takes).
"""

CASES = {
    "one 1 MB line": "'一、甲\\n1、' + '推进建设' * 250000 + '[责任单位:区发改局]\\n'",
    "10,000 nested brackets": "'一、甲\\n1、抓项目。' + '[' * 10000 + '责任单位:区发改局' + ']' * 10000 + '\\n'",
    "10,000 unclosed brackets": "'一、甲\\n1、抓项目。' + '([' * 5000 + '责任单位:区发改局\\n'",
    "10,000 stray closers": "'一、甲\\n1、抓项目。' + ')' * 10000 + '\\n'",
    "100,000 units in one list": "'一、甲\\n1、抓项目。[责任单位:' + '、'.join(f'区第{i}局' for i in range(100000)) + ']\\n'",
    "20,000 items with open brackets": "'一、甲\\n' + '\\n'.join('1、抓' + '(' * 50 for i in range(20000))",
    "50 MB of the seed, repeated": "open(SEED, encoding='utf-8').read() * (50_000_000 // len(open(SEED, 'rb').read()))",
}


# ------------------------------------------------------------------ hostile files for the readers
#
# Each builder returns the bytes of a small file; READER_CASES maps a name to (file name, builder,
# expected outcome). Shared by tests/test_hostile_read.py (each builder is an attack with a test)
# and benchmarks/bench_hostile.py (time and peak memory of reading each one in a fresh process).

import io  # noqa: E402
import struct  # noqa: E402
import zipfile  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT = f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:r="{R_NS}">'


def document_xml(body: str, *, prolog: str = "", declaration: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> str:
    """A word/document.xml around ``body`` (``prolog`` goes between the declaration and the root)."""
    return f"{declaration}{prolog}{_ROOT}<w:body>{body}</w:body></w:document>"


def docx_bytes(body: str = "", *, document: bytes | None = None, parts: dict | None = None,
               method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx: word/document.xml (``document`` or one built around ``body``) plus ``parts``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document if document is not None else document_xml(body).encode("utf-8"))
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def patch_zip(data: bytes, *, method: int | None = None, flags: int | None = None, cd_offset: int | None = None,
              member: str = "word/document.xml") -> bytes:
    """Rewrite header fields of ``member`` (compression method, flag bits) or the central-directory offset."""
    b = bytearray(data)
    name = member.encode()
    for sig, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        i = b.find(sig)
        while i >= 0:
            if b[i + name_at:i + name_at + len(name)] == name:
                if flags is not None:
                    b[i + flag_at:i + flag_at + 2] = struct.pack("<H", flags)
                if method is not None:
                    b[i + method_at:i + method_at + 2] = struct.pack("<H", method)
            i = b.find(sig, i + 4)
    if cd_offset is not None:
        e = b.rfind(b"PK\x05\x06")
        b[e + 16:e + 20] = struct.pack("<I", cd_offset)
    return bytes(b)


def damaged_deflate() -> bytes:
    data = bytearray(docx_bytes("".join(para(f"第{i}段正文内容") for i in range(3000))))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    data[start:start + 64] = b"\xff" * 64  # the first deflate block: 'invalid block type' from zlib
    return bytes(data)


def entity_after_comment(encoding: str = "utf-8", pad: int = 100_000) -> bytes:
    """A billion-laughs DTD placed after ``pad`` bytes of comment, the part stored in ``encoding``."""
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    decl = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    xml = document_xml(para("&a9;"), declaration=decl, prolog=f"<!--{'x' * pad}--><!DOCTYPE w:document [{ents}]>")
    return docx_bytes(document=xml.encode(encoding))


def entity_injection(encoding: str = "utf-16") -> bytes:
    """A small internal entity whose text would land in a task (no bomb: safe to read with any reader)."""
    decl = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    xml = document_xml(para("一、甲") + para("1、&x;。[责任单位:区发改局]"), declaration=decl,
                       prolog='<!DOCTYPE w:document [<!ENTITY x "注入的任务">]>')
    return docx_bytes(document=xml.encode(encoding))


def html_span_grid(n: int = 1000, span: int = 500) -> bytes:
    return ("<html><body><table><tr>" + f'<td rowspan="{span}" colspan="{span}">x</td>' * n + "</tr></table></body></html>").encode()


def docx_grid_span(rows: int = 1000, cells: int = 3, span: int = 500) -> bytes:
    tc = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{para("x")}</w:tc>'
    return docx_bytes("<w:tbl>" + f"<w:tr>{tc * cells}</w:tr>" * rows + "</w:tbl>")


def docx_nested_tables(depth: int = 3000) -> bytes:
    return docx_bytes("<w:tbl><w:tr><w:tc>" * depth + para("最里面") + "</w:tc></w:tr></w:tbl>" * depth)


def docx_nested_sdt(depth: int = 1200) -> bytes:
    return docx_bytes("<w:sdt><w:sdtContent>" * depth + para("一、甲") + "</w:sdtContent></w:sdt>" * depth)


def docx_vmerge_copies(text_kb: int = 256, rows: int = 4000) -> bytes:
    big = "区发改局" * (text_kb * 1024 // 12)
    first = f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{para(big)}</w:tc></w:tr>'
    rest = f'<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{para("")}</w:tc></w:tr>' * rows
    return docx_bytes(f"<w:tbl>{first}{rest}</w:tbl>")


def html_rowspan_copies(text_kb: int = 1024) -> bytes:
    big = "区发改局" * (text_kb * 1024 // 12)
    rows = "".join("<tr><td>乙</td></tr>" for _ in range(499))
    return f'<table><tr><td rowspan="500">{big}</td><td>甲</td></tr>{rows}</table>'.encode()


def text_box_twice() -> bytes:
    box = f"<w:txbxContent>{para('1、乙。[责任单位:区发改局]')}</w:txbxContent>"
    run = (f"<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx xmlns:wps=\"urn:wps\">{box}</wps:txbx>"
           f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v=\"urn:v\">{box}</v:textbox></w:pict>"
           "</mc:Fallback></mc:AlternateContent></w:r>")
    return docx_bytes(f"<w:p><w:r><w:t>一、甲</w:t></w:r>{run}</w:p>")


def alt_chunks() -> bytes:
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk1.htm"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk2.rtf"/>'
            "</Relationships>")
    body = para("一、甲") + '<w:altChunk r:id="rId1"/>' + '<w:altChunk r:id="rId2"/>' + para("2、丙。[责任单位:区财政局]")
    return docx_bytes(body, parts={
        "word/_rels/document.xml.rels": rels,
        "word/chunk1.htm": "<html><body><p>1、乙。[责任单位:区发改局]</p></body></html>".encode(),
        "word/chunk2.rtf": b"{\\rtf1 hidden}",
    })


KO = "대한민국 정부는 올해 주요 업무 추진 계획을 다음과 같이 발표하였다. 각 부처는 책임지고 일자리 창출과 경제 성장을 위하여 노력한다.\n"
JA = "日本国政府重点業務推進計画及経済成長雇用創出施策実施要領について、各省庁は責任を持って推進する。東京都地方自治体協力住民福祉増進事業計画。\n"

READER_CASES = {
    # name: (file name, builder, what reading it must give)
    "DTD after 100 KB of comment (docx)": ("a.docx", entity_after_comment, "InputError: DTD"),
    "DTD in a UTF-16 part (docx)": ("a.docx", lambda: entity_after_comment("utf-16", pad=10), "InputError: DTD"),
    "1,000 cells rowspan=colspan=500 (html)": ("a.html", html_span_grid, "InputError: cells"),
    "3,000 cells gridSpan=500 (docx)": ("a.docx", docx_grid_span, "InputError: cells"),
    "tables nested 3,000 deep (docx)": ("a.docx", docx_nested_tables, "InputError: nested"),
    "w:sdt nested 1,200 deep (docx)": ("a.docx", docx_nested_sdt, "InputError: nests"),
    "vMerge repeats a 256 KB cell 4,000 times (docx)": ("a.docx", docx_vmerge_copies, "InputError: repeat"),
    "rowspan repeats a 1 MB cell 500 times (html)": ("a.html", html_rowspan_copies, "InputError: repeat"),
    "part declares GB2312 (docx)": ("a.docx", lambda: docx_bytes(document=document_xml(para("一、甲"), declaration='<?xml version="1.0" encoding="GB2312"?>').encode("gb2312")), "InputError: XML"),
    "Deflate64 compression (docx)": ("a.docx", lambda: patch_zip(docx_bytes(para("一、甲")), method=9), "InputError: Deflate64"),
    "unknown compression 77 (docx)": ("a.docx", lambda: patch_zip(docx_bytes(para("一、甲")), method=77), "InputError: compression"),
    "encrypted flag (docx)": ("a.docx", lambda: patch_zip(docx_bytes(para("一、甲")), flags=1), "InputError: encrypted"),
    "damaged deflate data (docx)": ("a.docx", damaged_deflate, "InputError: damaged"),
    "bad central-directory offset (docx)": ("a.docx", lambda: patch_zip(docx_bytes(para("一、甲")), cd_offset=100_000), "InputError: corrupt .docx"),
    "'<a' 100,000 times, no '>' (html)": ("a.html", lambda: ("<p>一、甲</p>" + "<a" * 100_000).encode(), "InputError: no tasks"),
    "marked section <![foo]> (html)": ("a.html", lambda: "<html><body><![foo]><p>一、甲</p><p>1、乙。[责任单位:区发改局]</p></body></html>".encode(), "1 tasks"),
    "EUC-KR text": ("a.txt", lambda: (KO * 3).encode("euc-kr"), "InputError: Korean"),
    "EUC-JP text": ("a.txt", lambda: (JA * 3).encode("euc-jp"), "InputError: Japanese"),
    "NUL byte after 64 KiB (text)": ("a.txt", lambda: ("一、甲\n" + "1、乙。[责任单位:区发改局]\n" * 3000 + "2、丙\x00。\n").encode(), "InputError: NUL"),
    "text box in mc:Choice and mc:Fallback (docx)": ("a.docx", text_box_twice, "1 tasks"),
    "altChunk in HTML and in RTF (docx)": ("a.docx", alt_chunks, "2 tasks, 1 reader warning"),
}
