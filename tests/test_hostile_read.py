"""Hostile files for the readers (issue 16): each attack is a small file built here, read in tmp_path.

Every attack of ``tests/hostile_cases.READER_CASES`` is read in a fresh process capped at
1 GiB of address space and 60 s, and must end the way the case says (a one-line InputError
naming the file, or the text read exactly). The other tests pin the exact text of the
documents that are read, and a hypothesis fuzz test checks the readers raise nothing but
InputError.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xialu_graph as xg
from xialu_graph.errors import InputError, InputWarning
from xialu_graph.read import decode_bytes, docx_to_text, html_to_text, read_text

import hostile_cases as hc

ROOT = Path(__file__).resolve().parent.parent


def _read_in_capped_process(path: Path) -> str:
    code = textwrap.dedent(
        f"""
        import resource, sys, warnings
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
        sys.path.insert(0, {str(ROOT)!r})
        import xialu_graph as xg
        from xialu_graph.errors import InputError
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                doc = xg.read_document({str(path)!r})
            except InputError as e:
                print("InputError:", e)
                sys.exit(0)
        print(f"{{len(doc.tasks)}} tasks" + (f", {{len(w)}} reader warning" if w else ""))
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-1500:]
    return r.stdout.strip()


@pytest.mark.parametrize("case", [c for c, (_, _, want) in hc.READER_CASES.items() if want.startswith("InputError")])
def test_attack_is_a_one_line_input_error(tmp_path, case):
    file_name, build, want = hc.READER_CASES[case]
    path = tmp_path / file_name
    path.write_bytes(build())
    out = _read_in_capped_process(path)
    word = want.split(": ", 1)[1]
    assert out.startswith(f"InputError: {path}") and word in out, out
    assert "\n" not in out


@pytest.mark.parametrize("case", [c for c, (_, _, want) in hc.READER_CASES.items() if not want.startswith("InputError")])
def test_odd_file_that_is_read(tmp_path, case):
    file_name, build, want = hc.READER_CASES[case]
    path = tmp_path / file_name
    path.write_bytes(build())
    assert _read_in_capped_process(path) == want


# ------------------------------------------------------------------ finding 1: DTDs, whatever the position and encoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso-8859-1"])
def test_entity_is_refused_in_any_encoding(tmp_path, encoding):
    # utf-16-le/-be: no byte-order mark, expat detects the encoding from '<?xml'
    declared = encoding[:6] if encoding.startswith("utf-16") else encoding
    xml = hc.document_xml(hc.para("1, &x;."), declaration=f'<?xml version="1.0" encoding="{declared.upper()}"?>',
                          prolog='<!DOCTYPE w:document [<!ENTITY x "injected task">]>')
    data = hc.docx_bytes(document=xml.encode(encoding))
    p = tmp_path / "x.docx"
    p.write_bytes(data)
    with pytest.raises(InputError, match="declares a DTD") as ei:
        read_text(p)
    assert str(ei.value) == f"{p}: word/document.xml declares a DTD or entities (refused: entity expansion attack)"


def test_doctype_after_a_long_comment_is_refused(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(hc.entity_after_comment(pad=300_000))
    with pytest.raises(InputError, match="declares a DTD"):
        read_text(p)


def test_dtd_in_the_relationships_part_is_refused(tmp_path):
    rels = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><Relationships xmlns="urn:r"/>'
    p = tmp_path / "x.docx"
    p.write_bytes(hc.docx_bytes(hc.para("一、甲") + '<w:altChunk r:id="rId1"/>', parts={"word/_rels/document.xml.rels": rels}))
    with pytest.raises(InputError, match=r"word/_rels/document.xml.rels declares a DTD"):
        read_text(p)


# ------------------------------------------------------------------ findings 2 and 3: spans, nesting


def test_spans_within_budget_read_as_before():
    page = "<table><tr><td rowspan=3>区发改局</td><td colspan=2>甲</td></tr><tr><td>乙</td><td>丙</td></tr><tr><td>丁</td></tr></table>"
    assert html_to_text(page).split("\n") == ["区发改局 | 甲 | ", "区发改局 | 乙 | 丙", "区发改局 | 丁"]


def test_odd_span_values_read_as_one():
    page = '<table><tr><td rowspan="²">a</td><td colspan="-3">b</td><td colspan="1e9">c</td></tr></table>'
    assert html_to_text(page) == "a | b | c"
    tc = '<w:tc><w:tcPr><w:gridSpan w:val="²"/></w:tcPr>' + hc.para("a") + "</w:tc>"
    assert docx_to_text(hc.docx_bytes(f"<w:tbl><w:tr>{tc}{tc}</w:tr></w:tbl>")) == "a | a"


def test_nested_tables_read_each_text_once():
    inner = "<w:tbl><w:tr><w:tc>" + hc.para("内甲") + "</w:tc><w:tc>" + hc.para("内乙") + "</w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr><w:tc>" + hc.para("外一") + inner + "</w:tc><w:tc>" + hc.para("外二") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + hc.para("外三") + "</w:tc><w:tc>" + hc.para("外四") + "</w:tc></w:tr></w:tbl>"
    )
    assert docx_to_text(hc.docx_bytes(body)).split("\n") == ["外一 内甲 内乙 | 外二", "外三 | 外四"]


def test_nesting_within_the_limits_is_read_once():
    assert docx_to_text(hc.docx_nested_tables(depth=30)) == "最里面"
    assert docx_to_text(hc.docx_nested_sdt(depth=200)) == "一、甲"


def test_vertical_merge_repeats_the_cell_above():
    restart = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + hc.para("区发改局") + "</w:tc>"
    cont = "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" + hc.para("") + "</w:tc>"
    cell = lambda t: "<w:tc>" + hc.para(t) + "</w:tc>"  # noqa: E731
    body = f"<w:tbl><w:tr>{restart}{cell('甲')}</w:tr><w:tr>{cont}{cell('乙')}</w:tr></w:tbl>"
    assert docx_to_text(hc.docx_bytes(body)).split("\n") == ["区发改局 | 甲", "区发改局 | 乙"]


# ------------------------------------------------------------------ finding 9: every failure is an InputError


def test_html_marked_section_is_skipped():
    assert html_to_text("<p>甲</p><![foo]><p>乙</p><![if !supportLists]>·<![endif]>") == "甲\n乙\n·"


def test_unfinished_markup_at_the_end_reads_as_text():
    assert html_to_text("<p>甲</p><a<b </x") == "甲\n<a<b </x"


def test_not_a_docx_but_an_ole_file(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="password-protected"):
        read_text(p)


def test_malformed_xml_names_part_and_line(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(hc.docx_bytes(document=b'<?xml version="1.0"?>\n<w:document xmlns:w="urn:w">\n<w:body></w:document>'))
    with pytest.raises(InputError) as ei:
        read_text(p)
    assert str(ei.value) == f"{p}: corrupt .docx: word/document.xml line 3 is not well-formed XML (mismatched tag)"


# ------------------------------------------------------------------ finding 12: encodings, NUL


def test_east_asian_encodings_that_are_not_chinese():
    with pytest.raises(InputError, match=r"Korean \(EUC-KR\)"):
        decode_bytes(hc.KO.encode("euc-kr"), name="k.txt")
    with pytest.raises(InputError, match=r"Japanese \(EUC-JP\)"):
        decode_bytes(hc.JA.encode("euc-jp"), name="j.txt")


def test_chinese_in_gbk_still_reads(seed_text):
    assert decode_bytes(seed_text.encode("gbk")) == (seed_text, "gb18030")
    short = "区发改局、区财政局、区人社局、区住建局、区交通运输局、区农业农村局、区文旅局牵头。"
    assert decode_bytes(short.encode("gbk")) == (short, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16", "utf-8-sig"])
def test_nul_anywhere_is_refused(tmp_path, encoding):
    text = "一、甲\n" + "1、乙。[责任单位:区发改局]\n" * 5000 + "2、丙\x00。\n"
    p = tmp_path / "x.txt"
    p.write_bytes(text.encode(encoding))
    with pytest.raises(InputError) as ei:
        read_text(p)
    assert str(ei.value).startswith(f"{p}:5002: binary file")


# ------------------------------------------------------------------ finding 13 (reader part): text boxes, altChunk


def test_text_box_is_read_once_after_its_paragraph():
    assert docx_to_text(hc.text_box_twice()).split("\n") == ["一、甲", "1、乙。[责任单位:区发改局]"]


def test_alt_chunk_html_is_read_in_place_and_rtf_is_reported(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(hc.alt_chunks())
    with pytest.warns(InputWarning, match=r"chunk2.rtf\) is not HTML or plain text; not read"):
        src = read_text(p)
    assert src.text.split("\n") == ["一、甲", "1、乙。[责任单位:区发改局]", "2、丙。[责任单位:区财政局]"]
    assert src.warnings == [f"{p}: imported content (w:altChunk 'rId2', word/chunk2.rtf) is not HTML or plain text; not read"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        doc = xg.read_document(p)
    assert [t.units() for t in doc.tasks] == [["区发改局"], ["区财政局"]]
    # the parse report (and so report.html and --strict) says what the reader did not read
    assert [(w.code, w.message) for w in doc.report.warnings] == [("reader_skipped", src.warnings[0])]


# ------------------------------------------------------------------ finding 5 (reader part): memory


def test_reader_memory_is_proportional_to_the_file(tmp_path):
    """Peak memory traced while read_text reads a 16 MB Chinese text file: under 3x the file.

    The bytes (1x) plus the decoded pieces and their join (0.8x each for UTF-8 CJK); one
    ``bytes.decode`` of the whole file would reserve 2x more before it shrinks (4x in all).
    """
    p = tmp_path / "big.txt"
    p.write_bytes(("1、推进项目建设。[责任单位:区发改局]\n" * 300_000).encode("utf-8"))
    code = textwrap.dedent(
        f"""
        import sys, tracemalloc
        sys.path.insert(0, {str(ROOT)!r})
        from xialu_graph.read import read_text
        tracemalloc.start()
        src = read_text({str(p)!r})
        print(tracemalloc.get_traced_memory()[1])
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-1500:]
    size = p.stat().st_size
    assert int(r.stdout) < 3.0 * size, (int(r.stdout) / size)


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    from xialu_graph.read import MAX_FILE_BYTES

    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written
    with pytest.raises(InputError) as ei:
        read_text(p)
    assert str(ei.value) == f"{p}: file is larger than 256 MiB"


# ------------------------------------------------------------------ fuzzing the readers

_TAGS = ["p", "div", "table", "tr", "td", "th", "br", "script", "b", "li"]
_TOKENS = st.one_of(
    st.sampled_from(["一、甲", "1、乙。[责任单位:区发改局]", "&#0;", "&#x110000;", "&amp", "<!--", "-->", "<![foo]>", "<![CDATA[x",
                     "<!DOCTYPE", "</", "<", ">", "\x00", "\ud800", "\u202e", "\r", "\n"]),
    st.builds(lambda t, close, a: f"<{'/' if close else ''}{t}{a}>", st.sampled_from(_TAGS), st.booleans(),
              st.sampled_from(["", " rowspan=3", " colspan=500", " rowspan='²'", " colspan=99999999999", " rowspan"])),
    st.text(max_size=8),
)

_W_TOKENS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "甲", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>",
             "<w:tc>", "</w:tc>", "<w:tcPr><w:gridSpan w:val=\"500\"/></w:tcPr>", "<w:tcPr><w:vMerge/></w:tcPr>",
             "<w:sdt>", "</w:sdt>", "<w:sdtContent>", "</w:sdtContent>", "<w:br/>", "<w:tab/>", "<mc:Fallback>",
             "</mc:Fallback>", "<w:txbxContent>", "</w:txbxContent>", '<w:altChunk r:id="rId1"/>', "&amp;", "&x;", "<", "\x01"]


def _read_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        try:
            src = read_text(p)
        except InputError as e:
            assert "\n" not in str(e) and str(e).startswith(str(p))
            return
    assert isinstance(src.text, str)


_FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@_FUZZ
@given(st.lists(_TOKENS, max_size=40))
def test_fuzz_html_raises_only_input_error(tmp_path, tokens):
    _read_bytes(tmp_path, ".html", "".join(tokens).encode("utf-8", "surrogatepass"))


@_FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".docx"]))
def test_fuzz_bytes_raise_only_input_error(tmp_path, data, suffix):
    _read_bytes(tmp_path, suffix, data)


@_FUZZ
@given(st.lists(st.sampled_from(_W_TOKENS), max_size=60))
def test_fuzz_docx_xml_raises_only_input_error(tmp_path, tokens):
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="x" Target="c.htm"/></Relationships>')
    data = hc.docx_bytes("".join(tokens), parts={"word/_rels/document.xml.rels": rels, "word/c.htm": "<p>乙</p>".encode()})
    _read_bytes(tmp_path, ".docx", data)


_BASE_DOCX = hc.docx_bytes("".join(hc.para(f"{i}、任务。[责任单位:区发改局]") for i in range(1, 40)))


@_FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_BASE_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(0, len(_BASE_DOCX)))
def test_fuzz_zip_bytes_raise_only_input_error(tmp_path, flips, cut):
    data = bytearray(_BASE_DOCX)
    for at, value in flips:
        data[at] = value
    _read_bytes(tmp_path, ".docx", bytes(data[: max(cut, 4)]))


def test_generated_docx_reads_like_python_docx(tmp_path):
    """The streaming reader gives python-docx's paragraphs and table cells for a document python-docx wrote."""
    import docx

    d = docx.Document()
    d.add_paragraph("一、稳增长")
    t = d.add_table(rows=2, cols=3)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"格{r}{c}"
    d.add_paragraph("1、抓项目。\t[责任单位:区发改局]")
    buf = io.BytesIO()
    d.save(buf)
    assert docx_to_text(buf.getvalue()).split("\n") == ["一、稳增长", "格00 | 格01 | 格02", "格10 | 格11 | 格12", "1、抓项目。 [责任单位:区发改局]"]
    assert zipfile.is_zipfile(buf)
