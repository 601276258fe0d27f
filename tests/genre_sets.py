"""Shared checks of the labelled genre sets (tests/genre and its splits): sound gold files, no
document in two splits, and the parser's score against a committed floor (issue 12)."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "genre"
SPLITS = ("", "holdout", "fresh", "unseen", "unseen2", "unseen3", "unseen4", "unseen5")  # "" is the development set


def gold_files(folder: Path) -> list[Path]:
    return sorted((folder / "gold").glob("*.json"))


def fold(s: str) -> str:
    """NFKC and no whitespace, as the scorer compares names."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def bench():
    """benchmarks/bench_genre.py as a module (the repository's copy of the scorer)."""
    spec = importlib.util.spec_from_file_location("bench_genre", ROOT / "benchmarks" / "bench_genre.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def check_set_documents(folder: Path, n_documents: int, *, apart_from: tuple = ()) -> None:
    """The set holds ``n_documents`` gold files, one per document, none named in the splits ``apart_from``."""
    gold = gold_files(folder)
    assert len(gold) == n_documents
    assert sorted(p.stem for p in gold) == sorted(p.stem for p in (folder / "docs").iterdir())
    others = {p.stem for split in apart_from for p in gold_files(CORPUS / split)}
    assert not {p.stem for p in gold} & others


def check_gold(path: Path, docs: Path, *, described: bool = False) -> dict:
    """A gold file loads, names its document, and every labelled unit and person occurs in it;
    ``described``: it also carries source, level, features and completeness, and every task a unit."""
    g = json.loads(path.read_text(encoding="utf-8"))
    assert g["file"].rsplit(".", 1)[0] == path.stem
    if described:
        assert g["source"] and g["level"] and g["features"] and isinstance(g["complete_document"], bool)
    doc = fold((docs / g["file"]).read_text(encoding="utf-8"))
    assert isinstance(g["tasks"], list)
    for t in g["tasks"]:
        assert str(t["number"]).strip()
        if described:
            assert isinstance(t["complete"], bool)
            assert t["lead"] or t["support"] or t["responsible"], f"task {t['number']} has no unit"
        for key in ("lead", "support", "responsible", "persons"):
            for name in t.get(key, []):
                assert fold(name) in doc, f"task {t['number']}: {key} {name!r} not in {g['file']}"
    return g


def check_score(folder: Path, *, n_tasks: int, found_floor: int, f1_floor: float) -> None:
    """The parser's score on the set does not drop below the committed floors."""
    rows, f1, recall, precision, found, total = bench().score(str(folder))
    assert total == n_tasks
    assert found >= found_floor, "\n".join(rows)
    assert f1 >= f1_floor, "\n".join(rows)
