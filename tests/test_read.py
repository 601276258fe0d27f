"""Reading: encodings, HTML, DOCX give the same Document; bad files give one clear error."""

from __future__ import annotations

import dataclasses
import html
import io
import zipfile

import pytest

import xialu_graph as xg
from xialu_graph.errors import InputError
from xialu_graph.read import decode_bytes, html_to_text, read_text


def _signature(doc):
    """Everything of a Document but where it came from."""
    md = dataclasses.replace(doc.metadata, source="")
    return (
        md,
        [dataclasses.asdict(t) for t in doc.tasks],
        [dataclasses.asdict(s) for s in doc.sections],
        [dataclasses.asdict(s) for s in doc.subsections],
        doc.unit_table,
        [dataclasses.asdict(w) for w in doc.report.warnings],
    )


def _without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def test_gbk_bom_html_docx_give_same_document(tmp_path, seed_text):
    # line numbers are part of the Document, so compare forms that keep one line per paragraph
    text = _without_blank_lines(seed_text)
    ref = xg.read_document(text)
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    page = "<!DOCTYPE html><html><head><title>x</title><script>var a='<p>1、假任务</p>';</script>" "<style>p{}</style></head><body>" + "".join(
        f"<p>{html.escape(line)}</p>\n" for line in text.split("\n")
    ) + "</body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(tmp_path / "doc.docx")
    want = _signature(ref)
    for name in ("utf8.txt", "bom.txt", "gbk.txt", "crlf.txt", "page.html", "doc.docx"):
        doc = xg.read_document(tmp_path / name)
        assert len(doc.tasks) == 106, name
        assert _signature(doc) == want, name
    assert read_text(tmp_path / "gbk.txt").encoding == "gb18030"
    assert read_text(tmp_path / "bom.txt").encoding == "utf-8-sig"
    assert read_text(tmp_path / "page.html").format == "html"
    assert read_text(tmp_path / "doc.docx").format == "docx"


def test_gbk_is_not_misdecoded():
    assert decode_bytes("区发改局牵头".encode("gbk")) == ("区发改局牵头", "gb18030")
    latin1 = "Ã©tÃ© déjà vu çà".encode("latin-1")
    with pytest.raises(InputError, match="cannot decode"):
        decode_bytes(latin1, name="x.txt")


def test_html_tables_become_pipe_rows():
    out = html_to_text("<table><tr><td>序号</td><td>工作任务</td></tr><tr><td>1</td><td>抓<b>项目</b></td></tr></table>")
    assert out.split("\n") == ["序号 | 工作任务", "1 | 抓项目"]


def test_html_deep_nesting_is_linear():
    page = "<div>" * 50000 + "一、甲<br>1、乙。[责任单位:区发改局]" + "</div>" * 50000
    assert html_to_text(page).split("\n") == ["一、甲", "1、乙。[责任单位:区发改局]"]


def test_string_source_and_path_source():
    doc = xg.read_document("一、甲\n1、乙。[责任单位:区发改局]")
    assert doc.metadata.source == "<string>"
    assert doc.task(1).units() == ["区发改局"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n \n", "document has no text"),
        ("binary.txt", b"\x00\x01\x02\x03hello", "binary file"),
        ("latin.txt", "Ã©tÃ© déjà vu ça".encode("latin-1"), "cannot decode"),
        ("notes.txt", "只是一段文字,没有任务。\n".encode("utf-8"), "no tasks found"),
        ("fake.docx", b"this is not a zip", "not a valid .docx"),
    ],
)
def test_bad_files(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as ei:
        xg.read_document(p)
    assert str(ei.value).startswith(str(p))
    assert "\n" not in str(ei.value)


def test_zip_that_is_not_docx(tmp_path):
    p = tmp_path / "x.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="not a .docx"):
        xg.read_document(p)


def test_docx_bomb_refused(tmp_path):
    p = tmp_path / "bomb.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(100):
                fh.write(chunk)
    p.write_bytes(buf.getvalue())
    assert p.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="size limit"):
        xg.read_document(p)


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        xg.read_document("does/not/exist.txt")


@pytest.mark.parametrize("suffix, word", [(".pdf", "PDF"), (".doc", ".doc"), (".wps", ".wps"), (".xlsx", "spreadsheets")])
def test_formats_not_read_say_what_to_do(tmp_path, suffix, word):
    p = tmp_path / f"notice{suffix}"
    p.write_bytes(b"%PDF-1.4 binary \x00\x01")
    with pytest.raises(InputError, match=word) as ei:
        xg.read_document(p)
    assert "save" in str(ei.value) and str(ei.value).startswith(str(p))
