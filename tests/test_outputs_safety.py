"""The writers and output folders against hostile text and interrupted runs (issue 16, the
writer half): findings 4, 8, 9 (role weights), 10, 11 and 13.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from xialu_graph.cli import main

MATH_TITLE = "关于$\\foo$与$x$的通知"
BIDI_UNIT = "\u202e局政财区"
MATH_UNIT = "区$\\foo$局"


def hostile_text() -> str:
    return (
        f"名 称: {MATH_TITLE}\n"
        "一、稳增长$x$\n"
        f"1、抓项目。[牵头单位:{MATH_UNIT};责任单位:区财政局、{BIDI_UNIT}]\n"
        f"2、抓项目$x^2$。[牵头单位:$x$局;责任单位:区财政局、{BIDI_UNIT}]\n"
        "3、抓投资。[牵头单位:区发改局;责任单位:区财政局\u2066、区科信局]\n"
    )


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory):
    d = tmp_path_factory.mktemp("outputs_safety")
    src = d / "math.txt"
    src.write_text(hostile_text(), encoding="utf-8")
    out = d / "out"
    assert main(["report", str(src), "--out", str(out), "--quiet"]) == 0
    return out


# ---------------------------------------------------------------- finding 8: no mathtext
def test_dollar_text_does_not_crash_report(hostile_pack):
    figs = hostile_pack / "figures"
    assert sorted(p.name for p in figs.glob("*.png")) == [
        "centrality_vs_load.png", "cluster_keywords.png", "cluster_network.png", "load_ranking.png",
        "lorenz_curve.png", "section_heatmap.png",
    ]
    assert len(list(figs.glob("*.svg"))) == 6 and len(list(figs.glob("*.pdf"))) == 6


def test_literal_text_draws_dollars_as_characters():
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from xialu_graph.viz.style import house_style, literal_text

    def width(s, literal):
        with house_style():
            fig = Figure()
            FigureCanvasAgg(fig)
            t = fig.text(0, 0, s)
            if literal:
                literal_text(fig)
            r = fig.canvas.get_renderer()
            return t.get_window_extent(r).width

    # as mathtext "$x$" is one italic x, literally it is three characters: wider than "x"
    assert width("$x$", True) > 2 * width("x", True)
    with house_style():
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0, 0, "$\\foo$")
        fig.canvas.draw()  # would raise ValueError (unknown symbol) as mathtext


def test_figures_saved_with_math_in_a_unit_name(tmp_path):
    from xialu_graph.viz.style import house_style, new_figure, save_figure

    with house_style():
        fig = new_figure()
    ax = fig.axes[0] if fig.axes else fig.add_subplot()
    ax.set_yticks([0, 1], ["$\\foo$", "$x$"])  # tick labels made outside the house style
    ax.set_title("$\\frac{1}{0$")
    paths = save_figure(fig, tmp_path / "f")
    assert [p.name for p in paths] == ["f.png", "f.svg", "f.pdf"] and all(p.stat().st_size > 0 for p in paths)


# ---------------------------------------------------------------- finding 9: role weights
@pytest.mark.parametrize("content, word", [
    ("[weights]\nlead = nan\n", "nan"),
    ("[weights]\nsupport = inf\n", "inf"),
    ("[weights]\nresponsible = -inf\n", "-inf"),
    ("[weights]\nlead = 0\nsupport = 0\nresponsible = 0\n", "all zero"),
    ("[weights]\nlead = true\n", "True"),
])
def test_bad_role_weights_are_one_line_errors_naming_the_file(tmp_path, capsys, content, word):
    w = tmp_path / "w.toml"
    w.write_text(content, encoding="utf-8")
    src = tmp_path / "d.txt"
    src.write_text("一、甲\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "--out", str(out), "--weights", str(w), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(w) in err and word in err and "Traceback" not in err
    assert not out.exists()


# ---------------------------------------------------------------- finding 13: visible marks
def test_visible_marks_rule_is_the_views_rule():
    from xialu_graph.files import visible_marks
    from xialu_graph.viz.page import clean_text

    # the views' set is a subset of the writers' set; the writers also mark U+FFFE/U+FFFF and surrogates
    for c in range(0x30000):
        ch = chr(c)
        if clean_text(ch) != ch:
            assert visible_marks(ch) == clean_text(ch), hex(c)
    assert visible_marks("\ufffe\uffff\ud800") == "[U+FFFE][U+FFFF][U+D800]"
    assert visible_marks("区财政局\t\n") == "区财政局\t\n"


def _marked(text: str) -> None:
    assert "\u202e" not in text and "\u2066" not in text
    assert "[U+202E]局政财区" in text


def test_bidi_controls_are_visible_in_html_md_csv(hostile_pack):
    html = (hostile_pack / "report.html").read_text(encoding="utf-8")
    _marked(html)
    md = (hostile_pack / "report.md").read_text(encoding="utf-8")
    assert "\u202e" not in md and "\\[U+202E\\]局政财区" in md  # brackets escaped: never a link
    for name in ("assignments", "units", "load"):
        text = (hostile_pack / "tables" / f"{name}.csv").read_text(encoding="utf-8-sig")
        _marked(text)
        rows = list(csv.reader(io.StringIO(text)))
        assert any("[U+202E]局政财区" in c for r in rows for c in r)


def test_bidi_controls_are_visible_in_xlsx_and_docx(hostile_pack):
    import openpyxl

    wb = openpyxl.load_workbook(next(hostile_pack.glob("*.xlsx")))
    cells = [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert "[U+202E]局政财区" in cells
    assert not any("\u202e" in v for v in cells)
    with zipfile.ZipFile(hostile_pack / "report.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    _marked(xml)


def test_title_with_dollars_shown_literally_in_html(hostile_pack):
    html = (hostile_pack / "report.html").read_text(encoding="utf-8")
    assert "关于$\\foo$与$x$的通知" in html


# ---------------------------------------------------------------- finding 10: --figures
SMALL = "一、甲\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\n2、丙。[牵头单位:区财政局;责任单位:区科信局]\n"


def test_figures_folder_of_the_users_own_figures_is_never_deleted(tmp_path, capsys):
    src = tmp_path / "d.txt"
    src.write_text(SMALL, encoding="utf-8")
    mine = tmp_path / "my_pictures"
    mine.mkdir()
    files = {"holiday.png": b"\x89PNG personal", "scan.pdf": b"%PDF personal", "plan.svg": b"<svg/>", ".gitkeep": b""}
    for name, data in files.items():
        (mine / name).write_bytes(data)
    rc = main(["report", str(src), "--out", str(tmp_path / "out"), "--figures", str(mine), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err.count("\n") == 0 and str(mine) in err and "--figures" in err
    assert {p.name: p.read_bytes() for p in mine.iterdir()} == files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "my_pictures"]


def test_figures_folder_made_by_the_command_is_replaced(tmp_path):
    from xialu_graph.files import MARKER, owned_folder

    figs = tmp_path / "figs"
    figs.mkdir()
    (figs / MARKER).write_text("x", encoding="utf-8")
    (figs / "old.png").write_bytes(b"old")
    assert owned_folder(figs)
    (figs / MARKER).unlink()
    assert not owned_folder(figs)


# ---------------------------------------------------------------- finding 11: staging, lock, swap
def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_staging_left_by_a_killed_run_is_cleaned_on_the_next_run(tmp_path):
    from xialu_graph.files import MARKER, staged_folders

    out = tmp_path / "out"
    for name in (".out.new-k1ll3d", ".out.old-0ld0ld00"):
        d = tmp_path / name
        (d / "tables").mkdir(parents=True)
        (d / MARKER).write_text("x", encoding="utf-8")
        (d / "tables" / "half.csv").write_text("a,b\n1", encoding="utf-8")
    (tmp_path / ".out.new-empty").mkdir()
    (tmp_path / ".out.new-users").mkdir()  # not ours (no marker, not empty): kept
    (tmp_path / ".out.new-users" / "notes.txt").write_text("mine", encoding="utf-8")
    with staged_folders(out) as (tmp,):
        (tmp / "a.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.new-users", "out"]
    assert _tree(out) == {".xialu-graph": b"Written by xialu-graph. The whole folder is replaced on each run.\n",
                          "a.txt": b"new"}


def test_missing_target_is_put_back_from_the_folder_set_aside(tmp_path):
    from xialu_graph.files import MARKER, recover

    aside = tmp_path / ".out.old-12345678"
    aside.mkdir()
    (aside / MARKER).write_text("x", encoding="utf-8")
    (aside / "report.html").write_text("old", encoding="utf-8")
    (tmp_path / ".out.new-abcdefgh").mkdir()
    (tmp_path / ".out.new-abcdefgh" / MARKER).write_text("x", encoding="utf-8")
    assert [p.name for p in recover(tmp_path / "out")] == [".out.new-abcdefgh"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8") == "old"


def test_a_second_concurrent_run_on_the_same_out_is_refused(tmp_path, capsys):
    from xialu_graph.files import folder_lock

    src = tmp_path / "d.txt"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    with folder_lock(out):
        rc = main(["report", str(src), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err.count("\n") == 0 and "another xialu-graph run" in err and str(out) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    from xialu_graph.files import exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("A", encoding="utf-8")
    (tmp_path / "b" / "x").write_text("B", encoding="utf-8")
    assert exchange(tmp_path / "a", tmp_path / "b") is True  # Linux, glibc >= 2.28, a local file system
    assert (tmp_path / "a" / "x").read_text(encoding="utf-8") == "B"
    assert (tmp_path / "b" / "x").read_text(encoding="utf-8") == "A"


KILL_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
import xialu_graph.files as f

target, mode, kill_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
events = [0]

def step():
    events[0] += 1
    if events[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def wrap(fn):
    def inner(*a, **k):
        step()
        r = fn(*a, **k)
        step()
        return r
    return inner

real_exchange = f.exchange
f.exchange = wrap(real_exchange if mode == "exchange" else (lambda a, b: False))
os.rename = wrap(os.rename)
f._remove_tree = wrap(f._remove_tree)
with f.staged_folders(target) as (tmp,):
    for i in range(20):
        (tmp / f"part{i}.csv").write_text("new%d\n" % i * 200)
print("events", events[0])
"""


def _run_kill(target: Path, mode: str, kill_at: int):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(target), mode, str(kill_at)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_a_kill_at_each_step_of_the_swap_leaves_old_or_new_whole(tmp_path, mode):
    from xialu_graph.files import MARKER, staged_folders

    target = tmp_path / "out"
    marker = (MARKER, b"Written by xialu-graph. The whole folder is replaced on each run.\n")
    old = dict([marker] + [(f"part{i}.csv", (f"old{i}\n" * 200).encode()) for i in range(20)])
    new = dict([marker] + [(f"part{i}.csv", (f"new{i}\n" * 200).encode()) for i in range(20)])

    def reset():
        import shutil

        for p in tmp_path.iterdir():
            shutil.rmtree(p)
        with staged_folders(target) as (tmp,):
            for i in range(20):
                (tmp / f"part{i}.csv").write_text(f"old{i}\n" * 200)
        assert _tree(target) == old

    reset()
    full = _run_kill(target, mode, 0)
    assert full.returncode == 0 and _tree(target) == new
    n_events = int(full.stdout.split()[-1])
    assert n_events == (4 if mode == "exchange" else 8)  # before and after each call
    outcomes = []
    for k in range(1, n_events + 1):
        reset()
        r = _run_kill(target, mode, k)
        assert r.returncode == -9, (k, r.stderr)
        seen = _tree(target) if target.exists() else None
        if mode == "exchange":
            assert seen in (old, new), k  # --out is never missing
        else:
            assert seen in (old, new, None), k
        with staged_folders(target) as (tmp,):  # the next run mends and cleans, then writes
            assert _tree(target) in (old, new), k  # put back before the new run writes
            outcomes.append("old" if _tree(target) == old else "new")
            (tmp / "again.txt").write_text("3")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], k
    assert "old" in outcomes and "new" in outcomes


def _cli(*args):
    import subprocess
    import sys

    code = "import sys; from xialu_graph.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *args], stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_sigterm_is_handled_like_sigint(tmp_path, hostile_pack, sig):
    import shutil
    import signal

    src = tmp_path / "d.txt"
    src.write_text(hostile_text(), encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(hostile_pack, out)
    before = _tree(out)
    proc = _cli("report", str(src), "--out", str(out))
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "figure" in line:
            proc.send_signal(getattr(signal, sig))
            break
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert rest.strip().splitlines()[-1] == "xialu-graph: interrupted" and "Traceback" not in rest
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "out"]


def test_sigkill_mid_report_leaves_staging_that_the_next_run_removes(tmp_path):
    import signal

    from xialu_graph.files import staged_folders

    src = tmp_path / "d.txt"
    src.write_text(hostile_text(), encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("report", str(src), "--out", str(out))
    for line in proc.stderr:
        if "view" in line:
            proc.send_signal(signal.SIGKILL)
            break
    assert proc.wait(timeout=60) == -9
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left[0] == ".out.lock" and left[1].startswith(".out.new-") and left[2:] == ["d.txt"], left
    with staged_folders(out):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "out"]


# ---------------------------------------------------------------- finding 4: size-aware analysis
def _report_on_units_in_one_task(tmp_path, n):
    import subprocess
    import sys
    import time

    names = "、".join(f"区第{i}局" for i in range(n))
    src = tmp_path / "big.txt"
    src.write_text(f"一、甲\n1、乙。[牵头单位:区发改局;责任单位:{names}]\n2、丙。[牵头单位:区财政局;责任单位:区科信局]\n",
                   encoding="utf-8")
    code = "import sys; from xialu_graph.cli import main; sys.exit(main(sys.argv[1:]))"
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", code, "report", str(src), "--out", str(tmp_path / "out"), "--quiet"],
                       capture_output=True, text=True, timeout=120)
    took = time.monotonic() - t0
    assert r.returncode == 2 and took < 60, (r.returncode, took)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]
    return r.stderr


def test_report_on_40000_units_in_one_task_says_why_in_one_line_within_a_minute(tmp_path):
    # the document is named as its metadata names it: the file name, never a local path
    assert _report_on_units_in_one_task(tmp_path, 40_000) == (
        "xialu-graph: error: big.txt: task 1 names 40,001 units (800,020,000 unit pairs; "
        "800,020,001 in the whole document): the unit network is limited to 1,000,000 pairs\n")


def test_report_on_100000_units_in_one_task_is_refused_while_reading_in_one_line(tmp_path):
    # more distinct names than MAX_DISTINCT_UNITS: refused before they are resolved (memory bound)
    assert _report_on_units_in_one_task(tmp_path, 100_000) == (
        "xialu-graph: error: big.txt:2: names more than 50,000 distinct units; refused as a hostile file "
        "(each distinct name costs about 2 kB of memory)\n")


def test_projection_counts_pairs_before_making_them():
    import xialu_graph as xg
    from xialu_graph.errors import InputError
    from xialu_graph.graph import check_projection_size

    names = "、".join(f"区{chr(0x4E00 + 7 * i)}{chr(0x5E00 + 3 * i)}局" for i in range(1_500))  # 1,500 distinct
    G = xg.build_graph(xg.read_document(f"一、甲\n1、乙。[牵头单位:区发改局;责任单位:{names}]\n"))
    with pytest.raises(InputError, match=r"^<string>: task 1 names 1,501 units \(1,125,750 unit pairs"):
        xg.project_units(G)
    assert check_projection_size(G, limit=2_000_000) == 1_125_750
    P = xg.project_units(G, nodes=[n for n in G if n.startswith("u:")][:1_000])  # a subset below the limit
    assert P.number_of_edges() == 1_000 * 999 // 2


def test_memory_error_is_one_line_exit_2(monkeypatch, tmp_path, capsys):
    import xialu_graph.cli as cli

    def exhausted(args, say=None):
        raise MemoryError

    monkeypatch.setattr(cli, "run_report", exhausted)
    assert main(["report", str(tmp_path / "x.txt"), "--quiet"]) == 2
    assert capsys.readouterr().err == ("xialu-graph: error: out of memory: the document is too large for this "
                                       "machine (nothing was written)\n")


def test_parse_replaces_all_its_files_or_none(tmp_path, monkeypatch):
    import xialu_graph.cli as cli

    src = tmp_path / "plan.txt"
    src.write_text("一、甲\n1、旧任务。[牵头单位:区发改局]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(src), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "plan_tasks.csv" in before and "plan_parse_report.json" in before
    (out / "mine.txt").write_text("the user's own file", encoding="utf-8")
    src.write_text("一、甲\n1、新任务。[牵头单位:区财政局]\n", encoding="utf-8")

    def fail(*a, **k):  # the last file of the set cannot be written (disk full)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "atomic_write_text", fail)
    with pytest.raises(OSError):
        cli.cmd_parse(cli.build_parser().parse_args(["parse", str(src), "--out", str(out), "--quiet"]))
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.pop("mine.txt") == "the user's own file".encode()
    assert after == before  # the CSVs written before the failure did not replace the old ones
    monkeypatch.undo()
    assert main(["parse", str(src), "--out", str(out), "--quiet"]) == 0
    assert "新任务" in (out / "plan_tasks.csv").read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


KILL_TWO_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
import xialu_graph.files as f

out, figs, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
events = [0]

def step():
    events[0] += 1
    if events[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def wrap(fn):
    def inner(*a, **k):
        step()
        r = fn(*a, **k)
        step()
        return r
    return inner

f.exchange = wrap(f.exchange)
f._remove_tree = wrap(f._remove_tree)
f.atomic_write_text = wrap(f.atomic_write_text)
real_unlink = Path.unlink
Path.unlink = lambda self, *a, **k: (step(), real_unlink(self, *a, **k), step())[1]
with f.staged_folders(out, figs) as (a, b):
    (a / "report.html").write_text("new report")
    (b / "fig.svg").write_text("new figure")
print("events", events[0])
"""


def test_a_kill_between_the_swaps_of_two_folders_is_rolled_forward(tmp_path):
    """Issue 16 #5: ``report --out R --figures F`` swaps two folders; a SIGKILL (which cannot be
    held back) between the two swaps used to leave the new report beside the old figures. The
    swaps are journalled first, and the next run finishes them: both new, or (killed before the
    journal) both old — never one of each."""
    import shutil
    import subprocess
    import sys

    from xialu_graph.files import MARKER, folder_lock, recover, staged_folders

    out, figs = tmp_path / "out", tmp_path / "figs"

    def tree(p):
        return {q.name: q.read_text() for q in p.iterdir() if q.name != MARKER}

    def reset():
        for p in tmp_path.iterdir():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        with staged_folders(out, figs) as (a, b):
            (a / "report.html").write_text("old report")
            (b / "fig.svg").write_text("old figure")

    def run(k):
        return subprocess.run([sys.executable, "-c", KILL_TWO_SCRIPT, str(out), str(figs), str(k)],
                              capture_output=True, text=True, timeout=60)

    reset()
    full = run(0)
    assert full.returncode == 0, full.stderr
    assert tree(out) == {"report.html": "new report"} and tree(figs) == {"fig.svg": "new figure"}
    n_events = int(full.stdout.split()[-1])
    outcomes, mixed_before_recovery = [], 0
    for k in range(1, n_events + 1):
        reset()
        r = run(k)
        assert r.returncode == -9, (k, r.stderr)
        state = (tree(out)["report.html"].split()[0], tree(figs)["fig.svg"].split()[0])  # both whole
        mixed_before_recovery += state[0] != state[1]
        with folder_lock(out):  # what the next run does first (here: a run that writes only --out)
            recover(out)
        state = (tree(out)["report.html"].split()[0], tree(figs)["fig.svg"].split()[0])
        assert state in (("old", "old"), ("new", "new")), k
        outcomes.append(state[0])
        with folder_lock(figs):  # a later run on --figures cleans what is left beside it
            recover(figs)
        # only the folders remain (a killed run's lock file is taken over by the next run)
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["figs", "out"], k
    assert "old" in outcomes and "new" in outcomes
    assert mixed_before_recovery >= 1  # the kill did land between the two swaps


def test_a_pool_stopped_as_it_starts_does_not_hang():
    # The report's workers are forked while the CLI's SIGTERM handler (KeyboardInterrupt) is
    # installed; a terminate() before a worker reset it once left that worker waiting for tasks
    # and the parent waiting for the worker, forever (a CI run hung in the test above). Forty
    # pools stopped right after starting, in a child process with a deadline.
    import subprocess
    import sys

    code = (
        "import signal\n"
        "from xialu_graph.report import pack\n"
        "def handler(signum, frame):\n"
        "    raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, handler)\n"
        "for _ in range(40):\n"
        "    with pack._workers(2, None):\n"
        "        pass\n"
        "print('done')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       cwd=Path(__file__).resolve().parent.parent)
    assert r.returncode == 0 and r.stdout.strip() == "done", r.stderr[-2000:]
