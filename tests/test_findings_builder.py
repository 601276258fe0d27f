"""The findings come from one builder whose words are the glossary's (``fact.*``, ``finding.*``
concepts): the same Chinese and English as the two parallel blocks it replaced.

``tests/data/findings_before_refactor.json`` holds the facts, bullets, Gini paragraph, caveats and
cluster titles that the two-block ``findings`` wrote for the seed and an excerpt, in both languages,
made with that code before it was replaced. When the analysis itself changes (new metrics, new
sentences), regenerate it with ``python tests/test_findings_builder.py --regenerate`` and review the
diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).resolve().parent / "data" / "findings_before_refactor.json"
DOCS = ("xialu_2020.txt", "huangshigang_2022_excerpt.txt")


def current_findings() -> dict:
    import xialu_graph as xg
    from xialu_graph.analysis import analyse
    from xialu_graph.glossary import use_language
    from xialu_graph.report.findings import findings

    raw = Path(__file__).resolve().parent.parent / "data" / "raw"
    out = {}
    for name in DOCS:
        data = analyse(xg.read_document(raw / name))
        for lang in ("zh", "en"):
            with use_language(lang):
                f = findings(data)
            out[f"{name}:{lang}"] = {"facts": [list(x) for x in f["facts"]], "bullets": f["bullets"],
                                     "gini_text": f["gini_text"], "caveats": f["caveats"], "n_units": f["n_units"],
                                     "n_single": f["n_single"],
                                     "clusters": [[c["title"], c["title_en"], c["n_units"]] for c in f["clusters"]]}
    return out


@pytest.fixture(scope="module")
def now():
    return current_findings()


@pytest.mark.parametrize("key", [f"{d}:{lang}" for d in DOCS for lang in ("zh", "en")])
def test_findings_identical_to_the_two_block_builder(now, key):
    before = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert now[key] == before[key]


def test_facts_and_bullets_parallel_in_both_languages(now):
    from xialu_graph.glossary import CONCEPTS

    for d in DOCS:
        zh, en = now[f"{d}:zh"], now[f"{d}:en"]
        assert len(zh["facts"]) == len(en["facts"]) and len(zh["bullets"]) == len(en["bullets"])
        labels = [(t.zh, t.en) for k, t in CONCEPTS.items() if k.startswith("fact.") and not k.endswith("_value")]
        assert [(a[0], b[0]) for a, b in zip(zh["facts"], en["facts"])] == labels


if __name__ == "__main__" and "--regenerate" in sys.argv:
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps(current_findings(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
