"""Property: parsing a generated document recovers exactly what was generated."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import xialu_graph as xg

from genre import assert_recovered, document


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_parse_recovers_generated_document(gen):
    text, expected = gen
    doc = xg.read_document(text)
    assert [t.task_id for t in doc.tasks] == [str(g.number) for g in expected]
    for t, g in zip(doc.tasks, expected):
        assert t.section_no == g.section_no
        assert t.subsection_no == g.subsection_no
        assert t.text == g.text
        assert [(a.role, a.unit) for a in t.assignments] == g.pairs
    assert [w.code for w in doc.report.warnings] == []


from genre import rich_document  # noqa: E402


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_document())
def test_parse_recovers_the_genres_other_formats(gen):
    text, expected = gen
    doc = xg.read_document(text)
    assert [t.task_id for t in doc.tasks] == [g.task_id for g in expected]
    for t, g in zip(doc.tasks, expected):
        assert t.section_no == g.section_no
        assert t.text == g.text
        assert [(a.role, a.unit) for a in t.assignments] == g.pairs
        assert [(p.title, p.name) for p in t.people] == g.people
    assert doc.report.warnings == []


from genre import genre_document  # noqa: E402


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(genre_document())
def test_parse_recovers_the_layouts_of_other_governments(gen):
    text, expected = gen
    doc = xg.read_document(text)
    assert [t.task_id for t in doc.tasks] == [g.task_id for g in expected]
    for t, g in zip(doc.tasks, expected):
        assert [(a.role, a.unit_raw) for a in t.raw_assignments] == g.raw_pairs, t.task_id


from genre import table_document  # noqa: E402


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table_document())
def test_parse_rebuilds_tables_as_web_pages_and_pdfs_print_them(gen):
    assert_recovered(*gen)


from genre import ragged_table_document  # noqa: E402


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ragged_table_document())
def test_parse_aligns_ragged_tables_by_what_their_cells_say(gen):
    assert_recovered(*gen)


from genre import viewer_rows_document  # noqa: E402


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(viewer_rows_document())
def test_parse_reads_the_one_line_tables_of_document_viewers(gen):
    assert_recovered(*gen, people=True)
