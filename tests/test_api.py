"""The public API as a whole: every name resolves, is documented with a runnable example, and
takes its options keyword-only (the data first, as networkx does)."""

from __future__ import annotations

import inspect

import pytest

import xialu_graph as xg

PUBLIC = sorted(n for n in dir(xg) if not n.startswith("_") and n != "annotations")
# Data (not options) that a caller passes positionally, with None meaning "the default data".
DATA_PARAMETERS = {"clusters", "tables", "folder", "load_df", "clusters_df"}


def _obj(name):
    return getattr(xg, name)


def test_public_names_resolve_and_are_listed():
    assert {"read_document", "build_graph", "unit_load", "analyse", "build_pack", "unit_centrality"} <= set(PUBLIC)
    for name in PUBLIC:
        assert _obj(name) is not None, name
    with pytest.raises(AttributeError):
        xg.centrality_table  # one name for one thing: unit_centrality  # noqa: B018


@pytest.mark.parametrize("name", [n for n in PUBLIC if callable(getattr(xg, n))])
def test_public_callables_have_a_numpydoc_examples_section(name):
    doc = inspect.getdoc(_obj(name)) or ""
    assert "Examples\n--------" in doc and ">>> " in doc, f"{name}: no runnable Examples section"


@pytest.mark.parametrize("name", [n for n in PUBLIC if inspect.isfunction(getattr(xg, n))])
def test_options_are_keyword_only(name):
    sig = inspect.signature(_obj(name))
    bad = [p.name for p in sig.parameters.values()
           if p.kind == p.POSITIONAL_OR_KEYWORD and p.default is not p.empty and p.name not in DATA_PARAMETERS]
    assert bad == [], f"{name}: options {bad} should be keyword-only"
