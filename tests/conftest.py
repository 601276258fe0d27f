"""Shared fixtures: the repository's data, the seed document parsed once per session."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

# In CI the property tests run derandomized (the same examples every run), so a red build is
# reproducible; locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "data" / "raw"
SEED = RAW / "xialu_2020.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_doc():
    import xialu_graph as xg

    return xg.read_document(SEED)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_pack(tmp_path_factory):
    """One run of the whole report on the seed for the whole session, figures in a separate
    folder (as `make report`); tests read it and never write into the working tree."""
    from types import SimpleNamespace

    from xialu_graph.cli import run_report

    base = tmp_path_factory.mktemp("seed_pack")
    lines: list = []
    args = SimpleNamespace(input=str(SEED), out=str(base / "out"), figures=str(base / "figures"), weights=None,
                           seed=0, units=None, place=None, strict=False, quiet=True)
    assert run_report(args, say=lines.append) == 0
    return SimpleNamespace(out=base / "out", figures=base / "figures", base=base, lines=lines)
