"""Lines, LineKinds and Assignment (xialu_graph/model.py) are held compactly and behave as what they
replace: the lines of the text (``text.split("\\n")``), ``[(line number, kind), …]`` and a nine-field dataclass."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xialu_graph.model import LINE_KINDS, Document, LineKinds, Lines, Metadata

TEXTS = st.text(alphabet=st.sampled_from(["\n", "a", "稳", " ", "\r", "𠀀"]), max_size=40)


@given(TEXTS)
def test_lines_are_the_split_text(text):
    want = text.split("\n")
    for lines in (Lines.of_text(text), Lines(want)):
        assert list(lines) == want and len(lines) == len(want) and lines == want
        assert [lines[i] for i in range(-len(want), len(want))] == want + want
        assert lines[1:] == want[1:] and lines[::-2] == want[::-2]
        assert lines == Lines.of_text(text) and lines != want + ["x"]
        assert pickle.loads(pickle.dumps(lines)) == want and copy.deepcopy(lines) == want
        with pytest.raises(IndexError):
            lines[len(want)]


def test_no_lines_and_a_list_given_to_a_document():
    assert len(Lines()) == 0 and list(Lines()) == [] and Lines() == [] and Lines() != [""]
    assert Lines.of_text("") == [""]
    doc = Document(metadata=Metadata(), lines=["一、稳增长", "1、抓项目。"])
    assert isinstance(doc.lines, Lines) and doc.lines == ["一、稳增长", "1、抓项目。"]
    assert Document(metadata=Metadata()).lines == []


@given(st.lists(st.sampled_from(list(LINE_KINDS) + ["not_a_kind"]), max_size=30))
def test_line_kinds_are_the_numbered_pairs(kinds):
    want = [(i + 1, k) for i, k in enumerate(kinds)]
    got = LineKinds(kinds)
    assert list(got) == want and got == want and len(got) == len(want) and got.kinds() == kinds
    assert [got[i] for i in range(-len(want), len(want))] == want + want and got[2:] == want[2:]
    assert dict(got) == dict(want) and got == LineKinds(kinds) and got != want + [(0, "x")]
    assert pickle.loads(pickle.dumps(got)) == want and copy.deepcopy(got) == want
    with pytest.raises(IndexError):
        got[len(want)]


def test_assignment_is_the_nine_field_dataclass():
    from dataclasses import asdict, astuple, fields, is_dataclass, replace

    from xialu_graph.model import ASSIGNMENT_COLUMNS, Assignment

    names = ("区发改局", "发改局", "", "department", "alias", "")
    a = Assignment.of_names("1", "lead", 3, names)
    b = Assignment.of_names("2", "support", 5, names)
    assert is_dataclass(a) and [f.name for f in fields(a)] == list(ASSIGNMENT_COLUMNS)
    assert asdict(a) == {"task_id": "1", "unit": "区发改局", "unit_raw": "发改局", "role": "lead", "via": "",
                         "unit_kind": "department", "rule": "alias", "note": "", "line": 3}
    assert astuple(b) == ("2", "区发改局", "发改局", "support", "", "department", "alias", "", 5)
    assert a == Assignment(task_id="1", unit="区发改局", unit_raw="发改局", role="lead", unit_kind="department", rule="alias", line=3)
    assert a != b and a != replace(a, line=4) and replace(a, task_id="2", role="support", line=5) == b
    assert Assignment("1", "u", "u", "lead") == Assignment("1", "u", "u", "lead", "", "other", "exact", "", 0)
    # setting a name changes this assignment only, not the others sharing the names
    b.unit = "区财政局"
    b.note = "x"
    assert (b.unit, b.note, a.unit, a.note) == ("区财政局", "x", "区发改局", "") and names[0] == "区发改局"
    for c in (pickle.loads(pickle.dumps(b)), copy.deepcopy(b), copy.copy(b)):
        assert c == b and c is not b
    assert repr(a) == ("Assignment(task_id='1', unit='区发改局', unit_raw='发改局', role='lead', via='', "
                       "unit_kind='department', rule='alias', note='', line=3)")
    with pytest.raises(TypeError):
        hash(a)
    with pytest.raises(AttributeError):
        a.other = 1


def test_raw_assignment_is_the_five_field_dataclass():
    from dataclasses import asdict, fields, is_dataclass, replace

    from xialu_graph.model import RawAssignment

    a, b = RawAssignment("lead", "区发改局", 2), RawAssignment("lead", "区发改局", 7, prefix="")
    assert is_dataclass(a) and [f.name for f in fields(a)] == ["role", "unit_raw", "line", "label", "prefix"]
    assert asdict(a) == {"role": "lead", "unit_raw": "区发改局", "line": 2, "label": "", "prefix": ""}
    assert a._names is b._names and a != b and replace(a, line=7) == b
    b.role = "support"
    b.prefix = "区"
    assert (a.role, a.prefix, b.role, b.prefix, b.unit_raw) == ("lead", "", "support", "区", "区发改局")
    assert b == RawAssignment(role="support", unit_raw="区发改局", line=7, label="", prefix="区")
    for c in (pickle.loads(pickle.dumps(b)), copy.deepcopy(b)):
        assert c == b and c is not b
    assert repr(b) == "RawAssignment(role='support', unit_raw='区发改局', line=7, label='', prefix='区')"


@given(st.text(alphabet=st.sampled_from(["\n", "a", "（", "：", "　", "壹", "牽", "1"]), max_size=30))
def test_lines_of_a_mapped_text_share_the_offsets(text):
    from xialu_graph.parse.lines import normalise

    lines = Lines.of_text(text)
    assert Lines.of_mapped(normalise(text), lines) == normalise(text).split("\n")
    # a text of another length or with other line breaks has its own offsets counted
    assert Lines.of_mapped(text + "x", lines) == (text + "x").split("\n")
    assert Lines.of_mapped(text + "\n", lines) == (text + "\n").split("\n")
