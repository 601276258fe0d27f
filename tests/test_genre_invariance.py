"""The parser reads the development corpus as well after meaning-preserving transformations
(issue 12: documents of other governments are typed, saved and copied differently).

Each transformation of tests/genre_transforms.py is applied to every document of tests/genre
(benchmarks/bench_genre_invariance.py writes the transformed corpus and scores it with the gold
files unchanged); the F1 and the tasks found must not drop below the floors, measured on this
branch (benchmarks/results.md, "Genre corpus under meaning-preserving transformations").
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bench = _load("bench_genre_invariance", ROOT / "benchmarks" / "bench_genre_invariance.py")
transforms = bench.transforms

# transformation -> (documents it changes, F1 floor, tasks found floor); raise, never lower.
FLOORS = {
    "fullwidth_to_halfwidth": (2, 1.000, 259),
    "halfwidth_to_fullwidth": (56, 1.000, 259),
    "label_colon_halfwidth": (2, 1.000, 259),
    "label_colon_spaced": (21, 1.000, 259),
    "crlf_trailing_spaces": (56, 1.000, 259),
    "bom_double_blank_lines": (56, 1.000, 259),
    "hard_wrap_25": (50, 0.999, 259),
    "hard_wrap_38": (48, 1.000, 259),
    "hard_wrap_60": (48, 0.992, 259),
    "traditional_labels": (28, 1.000, 259),
    "list_dunhao_to_comma": (18, 1.000, 259),
    "list_comma_to_dunhao": (6, 1.000, 259),
}


def test_every_transformation_has_a_floor():
    assert set(FLOORS) == set(transforms.TRANSFORMS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_score_does_not_drop_under_a_transformation(name, tmp_path):
    changed_floor, f1_floor, found_floor = FLOORS[name]
    changed = bench.transformed_corpus(transforms.TRANSFORMS[name], tmp_path / "c")
    rows, f1, _, _, found, total = bench.bench.score(str(tmp_path / "c"))
    assert changed == changed_floor, "the transformation no longer changes the same documents"
    assert total == 259
    assert found >= found_floor, "\n".join(rows)
    assert round(f1, 3) >= f1_floor, "\n".join(rows)


def test_the_transformations_keep_what_the_scorer_compares():
    text = "1.抓项目。(牵头单位:区发改局、各县、区人民政府;责任单位:区财政局,区税务局)\n\n2.稳就业,8:30开会。"
    units = ["区发改局", "各县、区人民政府", "区财政局", "区税务局"]
    assert transforms.halfwidth_to_fullwidth(text) == (
        "1.抓项目。（牵头单位：区发改局、各县、区人民政府；责任单位：区财政局，区税务局）\n\n2.稳就业，8:30开会。")
    assert transforms.fullwidth_to_halfwidth(transforms.halfwidth_to_fullwidth(text)) == text
    assert transforms.list_dunhao_to_comma(text, units) == (
        "1.抓项目。(牵头单位:区发改局，各县、区人民政府;责任单位:区财政局,区税务局)\n\n2.稳就业,8:30开会。")
    assert transforms.list_comma_to_dunhao(text, units).count("区财政局、区税务局") == 1
    assert transforms.label_colon_spaced(text).count("牵头单位 ：") == 1
    assert transforms.traditional_labels(text).count("牵頭單位:") == 1
    assert transforms.crlf_trailing_spaces("a\nb") == "a  \r\nb  \r\n"
    assert transforms.bom_double_blank_lines("a\n\nb") == "\ufeffa\n\n\nb"
    wrapped = transforms.hard_wrap("一" * 3 + "区人民政府办公室、" * 3 + "1.抓", units=["区人民政府办公室"], width=5)
    # breaks move past unit names and never fall before a number
    assert wrapped.split("\n") == ["一一一区人民政府办公室", "、区人民政府办公室", "、区人民政府办公室", "、1.抓"]
    assert transforms.hard_wrap("推进项目建设1.抓", width=6).split("\n") == ["推进项目建设1", ".抓"]
    assert transforms.hard_wrap("a\tb" * 10, width=6) == "a\tb" * 10
