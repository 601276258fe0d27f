"""The report's content-hash cache (a re-run with the same inputs leaves the pack as it is) and
its worker processes (the same files as one process, all or nothing)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from xialu_graph import cache
from xialu_graph.cache import MANIFEST, cached_pack, cached_report, report_key
from xialu_graph.cli import main, run_report

ROOT = Path(__file__).resolve().parent.parent
DOC = """2021年区政府重点工作责任分解
一、稳增长
1、抓项目。[牵头单位:区发改局;责任单位:区财政局、区住建局]
2、促消费。[牵头单位:区商务局;责任单位:区财政局]
二、惠民生
3、办教育。[牵头单位:区教育局;责任单位:区财政局、区发改局]
4、保就业。[牵头单位:区人社局;责任单位:区商务局、区发改局]
"""

_spec = importlib.util.spec_from_file_location("compare_packs", ROOT / "benchmarks" / "compare_packs.py")
compare_packs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_packs)


def _args(src, out, **kw):
    base = dict(input=str(src), out=str(out), figures=None, weights=None, seed=0, units=None, place=None,
                strict=False, quiet=True, jobs=1)
    base.update(kw)
    return SimpleNamespace(**base)


def _stamps(*folders) -> dict:
    return {p: (p.stat().st_mtime_ns, p.stat().st_ino) for f in folders for p in sorted(Path(f).rglob("*"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One small pack with a separate figures folder, built once; tests copy it."""
    base = tmp_path_factory.mktemp("cache")
    src = base / "d.txt"
    src.write_text(DOC, encoding="utf-8")
    assert run_report(_args(src, base / "out", figures=str(base / "fig"))) == 0
    return base


@pytest.fixture
def pack(built, tmp_path):
    shutil.copytree(built, tmp_path, dirs_exist_ok=True, copy_function=shutil.copy2)
    return tmp_path


def test_manifest_lists_every_file_with_its_hash(pack):
    m = json.loads((pack / "out" / MANIFEST).read_text(encoding="utf-8"))
    files = {p.relative_to(pack / "out").as_posix() for p in (pack / "out").rglob("*") if p.is_file()}
    assert set(m["files"]) == files - {MANIFEST}
    assert m["key"] == report_key(_args(pack / "d.txt", pack / "out", figures=str(pack / "fig")))["key"]
    fm = json.loads((pack / "fig" / MANIFEST).read_text(encoding="utf-8"))
    assert fm["key"] == m["key"] and set(fm["files"]) == {".xialu-graph", *(f"{n}.{x}" for n in
        ("load_ranking", "lorenz_curve", "section_heatmap", "cluster_network", "centrality_vs_load",
         "cluster_keywords") for x in ("png", "svg", "pdf"))}


def test_second_run_rewrites_nothing_and_says_so(pack):
    before = _stamps(pack)
    lines: list = []
    args = _args(pack / "d.txt", pack / "out", figures=str(pack / "fig"))
    assert run_report(args, say=lines.append) == 0
    assert _stamps(pack) == before
    assert len(lines) == 1 and lines[0].startswith("unchanged since the last run") and "--no-cache" in lines[0]


def test_cached_run_of_the_command_imports_no_heavy_library(pack):
    code = ("import sys; from xialu_graph.__main__ import main; rc = main(sys.argv[1:]); "
            "print(rc, sorted(m for m in ('pandas', 'networkx', 'matplotlib', 'numpy') if m in sys.modules))")
    before = _stamps(pack)
    r = subprocess.run([sys.executable, "-c", code, "report", str(pack / "d.txt"), "--out", str(pack / "out"),
                        "--figures", str(pack / "fig")], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stdout.strip() == "0 []", r.stderr
    assert r.stderr.count("\n") == 1 and "unchanged since the last run" in r.stderr
    assert _stamps(pack) == before


def test_no_cache_rebuilds(pack):
    before = _stamps(pack / "out")
    assert main(["report", str(pack / "d.txt"), "--out", str(pack / "out"), "--figures", str(pack / "fig"),
                 "--no-cache", "--quiet", "--jobs", "1"]) == 0
    after = _stamps(pack / "out")
    assert set(after) == set(before) and all(after[p] != before[p] for p in after if p.is_file())


def test_changed_input_rebuilds(pack):
    src = pack / "d.txt"
    src.write_text(DOC + "5、抓安全。[牵头单位:区应急局]\n", encoding="utf-8")
    lines: list = []
    assert run_report(_args(src, pack / "out", figures=str(pack / "fig")), say=lines.append) == 0
    assert not any("unchanged" in s for s in lines)
    assert "区应急局" in (pack / "out" / "tables" / "units.csv").read_text(encoding="utf-8-sig")
    assert cached_pack(_args(src, pack / "out", figures=str(pack / "fig")))


@pytest.mark.parametrize("change", ["seed", "collectives", "lang", "title", "formats", "strict", "place",
                                    "weights", "corrections", "units", "figures", "name", "version", "data",
                                    "env"])
def test_every_input_of_the_pack_is_in_the_key(pack, change, monkeypatch, tmp_path_factory):
    src = pack / "d.txt"
    a = _args(src, pack / "out", figures=str(pack / "fig"))
    key = report_key(a)["key"]
    assert cached_pack(a, report_key(a))
    extra = tmp_path_factory.mktemp("extra")
    if change in ("weights", "corrections"):  # the bytes of the file count, not its name
        f = extra / "f.toml"
        f.write_text("[weights]\nlead = 1.0\n", encoding="utf-8")
        a = _args(src, pack / "out", figures=str(pack / "fig"), **{change: str(f)})
        k1 = report_key(a)["key"]
        f.write_text("[weights]\nlead = 2.0\n", encoding="utf-8")
        assert report_key(a)["key"] != k1
    elif change == "units":
        units = extra / "units"
        shutil.copytree(ROOT / "data" / "units", units)
        a = _args(src, pack / "out", figures=str(pack / "fig"), units=str(units))
        k1 = report_key(a)["key"]
        with open(units / "aliases.csv", "a", encoding="utf-8") as fh:
            fh.write("区发改,区发改局\n")
        assert report_key(a)["key"] != k1
    elif change == "name":
        other = extra / "other.txt"
        shutil.copy(src, other)
        a = _args(other, pack / "out", figures=str(pack / "fig"))
    elif change == "version":
        monkeypatch.setattr(cache, "__version__", "99.0")
    elif change == "data":  # a configuration file the run reads from data/
        text = extra / "text"
        shutil.copytree(ROOT / "data" / "text", text)
        monkeypatch.setenv("XIALU_GRAPH_TEXT", str(text))
        k1 = report_key(a)["key"]
        with open(text / "stopwords.txt", "a", encoding="utf-8") as fh:
            fh.write("项目\n")
        assert report_key(a)["key"] != k1
    elif change == "env":
        monkeypatch.setenv("XIALU_GRAPH_CJK_FONT", "bundled")
    elif change == "figures":
        a = _args(src, pack / "out", figures=None)
    else:
        value = {"seed": 1, "collectives": "keep", "lang": "en", "title": "另一标题", "formats": "png",
                 "strict": True, "place": "黄石港区"}[change]
        a = _args(src, pack / "out", figures=str(pack / "fig"), **{change: value})
    assert report_key(a)["key"] != key
    assert not cached_pack(a)


@pytest.mark.parametrize("damage", ["edit", "remove", "add", "figure"])
def test_a_pack_changed_since_is_rebuilt(pack, damage):
    a = _args(pack / "d.txt", pack / "out", figures=str(pack / "fig"))
    if damage == "edit":
        with open(pack / "out" / "report.md", "a", encoding="utf-8") as fh:
            fh.write("x")
    elif damage == "remove":
        (pack / "out" / "tables" / "load.csv").unlink()
    elif damage == "add":
        (pack / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    else:
        (pack / "fig" / "lorenz_curve.svg").unlink()
    assert not cached_pack(a)
    assert cached_report([str(pack / "d.txt"), "--out", str(pack / "out"),
                          "--figures", str(pack / "fig")]) is None
    if damage == "edit":
        assert run_report(a) == 0 and cached_pack(a)


def test_parallel_workers_write_the_same_pack_as_one_process(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text(DOC, encoding="utf-8")
    packs = {}
    for jobs in (1, 2):
        assert run_report(_args(src, tmp_path / "out", jobs=jobs, no_cache=True)) == 0
        packs[jobs] = tmp_path / f"out{jobs}"
        (tmp_path / "out").rename(packs[jobs])
    problems, notes, n = compare_packs.compare(packs[1], packs[2])
    # the manifest holds the hashes of the XLSX and DOCX, whose containers carry their dates
    assert [p for p in problems if not p.endswith(MANIFEST)] == [] and n > 50
    assert all("members identical" in x for x in notes)
    m1, m2 = (json.loads((packs[j] / MANIFEST).read_text(encoding="utf-8")) for j in (1, 2))
    assert m1["key"] == m2["key"] and set(m1["files"]) == set(m2["files"])


class _Cycle:
    pass


def _cycle_collected() -> bool:
    """In a worker: whether a reference cycle made there is still collected."""
    import gc
    import weakref

    a, b = _Cycle(), _Cycle()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    gc.collect()
    return gone() is None


def test_report_workers_freeze_what_they_inherit_and_collect_what_they_make():
    """The workers freeze the heap they are forked with (the collector skips it) and still
    collect what their tasks make; the parent's heap is left as it was."""
    import gc

    from xialu_graph.report import pack as report

    before = gc.get_freeze_count()
    with report._workers(1, None) as pool:
        frozen = pool.apply(gc.get_freeze_count)
        collected = pool.apply(_cycle_collected)
    assert frozen > 10_000 and collected
    assert gc.get_freeze_count() == before


def test_a_worker_warms_up_once(monkeypatch):
    """The warm-up task is paid once per process: a worker given both warm-ups draws once."""
    from xialu_graph.report import pack as report

    monkeypatch.setattr(report, "_WORK", {})
    drawn = []
    real = report.new_figure
    monkeypatch.setattr(report, "new_figure", lambda *a, **k: drawn.append(1) or real(*a, **k))
    report._warm_task(None, say=print)
    report._warm_task(None, say=print)
    assert drawn == [1] and report._WORK["warm"]


def test_the_renderers_are_imported_before_the_workers_are_forked():
    """The PDF and SVG renderers every figure worker needs are imported once, in the parent."""
    import subprocess
    import sys

    code = ("import sys\nfrom xialu_graph.report import pack\npack._preload()\n"
            "print(all(m in sys.modules for m in ('matplotlib.backends.backend_pdf', 'matplotlib.backends.backend_svg',"
            " 'matplotlib.backends.backend_agg', 'scipy.optimize')))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       cwd=Path(__file__).resolve().parent.parent)
    assert r.stdout.strip() == "True", r.stderr[-2000:]


def test_a_failing_worker_leaves_the_previous_pack(pack, monkeypatch):
    from xialu_graph.report import pack as report

    before = {p: p.read_bytes() for p in sorted(pack.rglob("*")) if p.is_file()}

    def boom(*a, **k):
        raise RuntimeError("simulated crash in a worker")

    monkeypatch.setattr(report, "write_views", boom)
    with pytest.raises(RuntimeError, match="simulated crash in a worker"):
        run_report(_args(pack / "d.txt", pack / "out", figures=str(pack / "fig"), jobs=2, no_cache=True))
    assert {p: p.read_bytes() for p in sorted(pack.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in pack.iterdir()) == ["d.txt", "fig", "out"]


def test_formats_png_writes_only_png_figures(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text(DOC, encoding="utf-8")
    assert main(["report", str(src), "--out", str(tmp_path / "out"), "--formats", "png", "--quiet"]) == 0
    assert sorted({p.suffix for p in (tmp_path / "out" / "figures").iterdir() if p.is_file()}) == ["", ".png"]


@pytest.mark.parametrize("opt, word", [(["--formats", "svg"], "must include png"), (["--formats", "png,gif"], "gif"),
                                       (["--jobs", "0"], "--jobs")])
def test_bad_formats_or_jobs_are_one_line_errors(tmp_path, capsys, opt, word):
    src = tmp_path / "d.txt"
    src.write_text(DOC, encoding="utf-8")
    assert main(["report", str(src), "--out", str(tmp_path / "out"), *opt]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and word in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]
