"""The second unseen set of real documents (tests/genre/unseen2): the parser's score does not drop
below the committed floor (issue 12).

The set was scored once unseen (F1 0.450, 15/40 complete tasks, main at f9d6772; benchmarks/results.md,
"Genre corpus score, second unseen set"), then 0.894 (36/40) after looking (branch unseen2). Any later rise was reached after looking at these
documents, so the floor guards what was reached; it does not measure generalisation.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNSEEN2 = ROOT / "tests" / "genre" / "unseen2"

# Raise these as the parser improves; never lower them.
F1_FLOOR = 0.99  # 1.000 after branch unseen2-rest (glued deadline cell, wrapped piped cells, watermarks, pipe-prefixed cells), after looking
TASKS_FOUND_FLOOR = 40
UNSEEN2_DOCUMENTS = 12
UNSEEN2_TASKS = 40
GOLD = sorted((UNSEEN2 / "gold").glob("*.json"))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_genre", ROOT / "benchmarks" / "bench_genre.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def test_the_unseen2_set_has_its_documents():
    assert len(GOLD) == UNSEEN2_DOCUMENTS
    assert sorted(p.stem for p in GOLD) == sorted(p.stem for p in (UNSEEN2 / "docs").iterdir())
    others = {p.stem for d in ("gold", "holdout/gold", "fresh/gold") for p in (UNSEEN2.parent / d).glob("*.json")}
    assert not {p.stem for p in GOLD} & others


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_unseen2_gold_file_is_sound(path):
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["file"].rsplit(".", 1)[0] == path.stem
    assert g["source"] and g["level"] and g["features"] and isinstance(g["complete_document"], bool)
    doc = _fold((UNSEEN2 / "docs" / g["file"]).read_text(encoding="utf-8"))
    for t in g["tasks"]:
        assert str(t["number"]).strip() and isinstance(t["complete"], bool)
        assert t["lead"] or t["support"] or t["responsible"], f"task {t['number']} has no unit"
        for key in ("lead", "support", "responsible", "persons"):
            for name in t[key]:
                assert _fold(name) in doc, f"task {t['number']}: {key} {name!r} not in {g['file']}"


def test_unseen2_score_does_not_drop():
    rows, f1, recall, precision, found, total = _bench().score(str(UNSEEN2))
    assert total == UNSEEN2_TASKS
    assert found >= TASKS_FOUND_FLOOR, "\n".join(rows)
    assert f1 >= F1_FLOOR, "\n".join(rows)
