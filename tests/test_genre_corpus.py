"""The labelled corpus of real documents (tests/genre): the gold files are sound, and the parser's
score on the development set does not drop below the committed floor (issue 12).

The held-out set (tests/genre/holdout) is not read here: its labels and score floor are in
tests/test_genre_holdout.py (scored once unseen, then tuned on: see benchmarks/results.md).
The fresh set (tests/genre/fresh) is only checked for sound labels here; its score floor is in tests/test_genre_fresh.py (measured once unseen, then tuned on: see benchmarks/results.md).
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "genre"
GOLD = sorted((CORPUS / "gold").glob("*.json"))
FRESH = CORPUS / "fresh"
FRESH_GOLD = sorted((FRESH / "gold").glob("*.json"))

# Raise these as the parser improves; never lower them.
F1_FLOOR = 0.999
TASKS_FOUND_FLOOR = 259
DEV_DOCUMENTS = 56
DEV_TASKS = 259


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_genre", ROOT / "benchmarks" / "bench_genre.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_development_set_has_its_documents():
    assert len(GOLD) == DEV_DOCUMENTS
    assert sorted(p.stem for p in GOLD) == sorted(p.stem for p in (CORPUS / "docs").iterdir())


def _check_gold(path, docs):
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["file"].rsplit(".", 1)[0] == path.stem
    doc = _fold((docs / g["file"]).read_text(encoding="utf-8"))
    assert isinstance(g["tasks"], list)
    for t in g["tasks"]:
        assert str(t["number"]).strip()
        for key in ("lead", "support", "responsible", "persons"):
            for name in t.get(key, []):
                assert _fold(name) in doc, f"task {t['number']}: {key} {name!r} not in {g['file']}"
    return g


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_loads_and_every_label_occurs_in_its_document(path):
    _check_gold(path, CORPUS / "docs")


def test_the_fresh_set_has_its_documents():
    assert FRESH_GOLD
    assert sorted(p.stem for p in FRESH_GOLD) == sorted(p.stem for p in (FRESH / "docs").iterdir())
    assert not {p.stem for p in FRESH_GOLD} & {p.stem for p in GOLD}


@pytest.mark.parametrize("path", FRESH_GOLD, ids=[p.stem for p in FRESH_GOLD])
def test_fresh_gold_file_loads_and_every_label_occurs_in_its_document(path):
    g = _check_gold(path, FRESH / "docs")
    assert g["source"] and g["level"] and g["features"] and isinstance(g["complete_document"], bool)
    for t in g["tasks"]:
        assert isinstance(t["complete"], bool)
        assert t["lead"] or t["support"] or t["responsible"], f"task {t['number']} has no unit"


def test_development_score_does_not_drop():
    bench = _bench()
    rows, f1, recall, precision, found, total = bench.score(str(CORPUS))
    assert total == DEV_TASKS
    assert found >= TASKS_FOUND_FLOOR, "\n".join(rows)
    assert f1 >= F1_FLOOR, "\n".join(rows)
