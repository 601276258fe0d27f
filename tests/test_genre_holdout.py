"""The held-out set of real documents (tests/genre/holdout): sound labels, and the parser's score
does not drop below the committed floor (issue 12).

The held-out set was scored once before anyone looked at it (2026-12-03 14:25, ten documents:
F1 0.950, 101/110 tasks; the five documents held out later were scored unseen at 17:31; main at
fd785e9, all fifteen: F1 0.953, 112/130 tasks; see benchmarks/results.md, "Genre corpus score,
held-out set" and "…, after looking"). The parser was then changed after looking at these
documents (branch holdout-fix), so this floor guards what was reached; it does not measure
generalisation any more.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "genre" / "holdout"
GOLD = sorted((HOLDOUT / "gold").glob("*.json"))

# Raise these as the parser improves; never lower them.
F1_FLOOR = 0.990
TASKS_FOUND_FLOOR = 128
HOLDOUT_DOCUMENTS = 15
HOLDOUT_TASKS = 130


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_genre", ROOT / "benchmarks" / "bench_genre.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_holdout_set_has_its_documents():
    assert len(GOLD) == HOLDOUT_DOCUMENTS
    assert sorted(p.stem for p in GOLD) == sorted(p.stem for p in (HOLDOUT / "docs").iterdir())
    dev = {p.stem for p in (ROOT / "tests" / "genre" / "gold").glob("*.json")}
    fresh = {p.stem for p in (ROOT / "tests" / "genre" / "fresh" / "gold").glob("*.json")}
    assert not {p.stem for p in GOLD} & (dev | fresh)


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_holdout_gold_file_loads_and_every_label_occurs_in_its_document(path):
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["file"].rsplit(".", 1)[0] == path.stem
    doc = _fold((HOLDOUT / "docs" / g["file"]).read_text(encoding="utf-8"))
    for t in g["tasks"]:
        assert str(t["number"]).strip()
        for key in ("lead", "support", "responsible", "persons"):
            for name in t.get(key, []):
                assert _fold(name) in doc, f"task {t['number']}: {key} {name!r} not in {g['file']}"


def test_holdout_score_does_not_drop():
    rows, f1, recall, precision, found, total = _bench().score(str(HOLDOUT))
    assert total == HOLDOUT_TASKS
    assert found >= TASKS_FOUND_FLOOR, "\n".join(rows)
    assert f1 >= F1_FLOOR, "\n".join(rows)
