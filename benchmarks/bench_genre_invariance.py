#!/usr/bin/env python3
"""Score the parser on the development corpus under meaning-preserving transformations (issue 12).

Usage: python benchmarks/bench_genre_invariance.py [--no-append]

Each transformation of tests/genre_transforms.py is applied to every document of tests/genre/docs
(the gold units are passed so a transformation can keep them whole); the transformed corpus is
written to a temporary folder with the same gold files and scored by benchmarks/bench_genre.py.
Prints one line per transformation: documents changed, F1 and tasks found, against the
untransformed corpus.
"""
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "genre"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bench = _load("bench_genre", ROOT / "benchmarks" / "bench_genre.py")
transforms = _load("genre_transforms", ROOT / "tests" / "genre_transforms.py")


def gold_units(gold):
    """Every unit name a gold file lists (lead, support, responsible)."""
    return [u for t in gold["tasks"] for role in ("lead", "support", "responsible") for u in t.get(role, [])]


def transformed_corpus(fn, dst, src=CORPUS):
    """Write ``src`` transformed by ``fn`` into ``dst``; return how many documents changed."""
    (dst / "docs").mkdir(parents=True)
    shutil.copytree(src / "gold", dst / "gold")
    changed = 0
    for gpath in sorted((src / "gold").glob("*.json")):
        g = json.loads(gpath.read_text(encoding="utf-8"))
        text = (src / "docs" / g["file"]).read_text(encoding="utf-8")
        new = fn(text, gold_units(g))
        changed += new != text
        with open(dst / "docs" / g["file"], "w", encoding="utf-8", newline="") as f:
            f.write(new)
    return changed


def measure(names=None):
    """``{name: (documents changed, rows, F1, tasks found, gold tasks)}``, with ``"none"`` first
    for the untransformed corpus."""
    out = {}
    _, f, _, _, found, total = bench.score(str(CORPUS))
    out["none"] = (0, [], f, found, total)
    for name, fn in transforms.TRANSFORMS.items():
        if names and name not in names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            changed = transformed_corpus(fn, Path(tmp) / "c")
            rows, f, _, _, found, total = bench.score(str(Path(tmp) / "c"))
        out[name] = (changed, rows, f, found, total)
    return out


def table(results):
    lines = [f"{'transformation':26s} docs changed     F1   tasks found"]
    for name, (changed, _, f, found, total) in results.items():
        lines.append(f"{name:26s} {changed:12d}  {f:5.3f}   {found}/{total}")
    return lines


if __name__ == "__main__":
    res = measure([a for a in sys.argv[1:] if not a.startswith("-")] or None)
    lines = table(res)
    if "-v" in sys.argv:
        for name, (_, rows, f, found, total) in res.items():
            bad = [r for r in rows if "ERROR" in r or "recall 100.0% precision 100.0%" not in r]
            if bad:
                print(f"--- {name}")
                print("\n".join(bad))
    print("\n".join(lines))
    if "--no-append" not in sys.argv:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from _results import append_results

        append_results("## Genre corpus under meaning-preserving transformations (bench_genre_invariance.py)",
                       ".venv/bin/python benchmarks/bench_genre_invariance.py", lines)
