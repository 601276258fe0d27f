"""Hostile and broken input for the reader and parser: nothing hangs, nothing is lost, only our own error.

Timing bounds here are generous guards against a hang (run in a subprocess, killed on
timeout); the measured times live in benchmarks/bench_hostile.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xialu_graph as xg
from xialu_graph.errors import InputError
from xialu_graph.parse.document import drain
from xialu_graph.parse.layout import split_run_in

from conftest import SEED

from hostile_cases import CASES  # noqa: E402


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_finishes(name):
    code = textwrap.dedent(
        f"""
        import xialu_graph as xg
        from xialu_graph.errors import InputError
        SEED = {str(SEED)!r}
        text = {CASES[name]}
        try:
            doc = xg.read_document(text)
            print("tasks", len(doc.tasks))
        except InputError as e:
            print("error", e)
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith(("tasks", "error"))


def test_every_unit_mention_is_accounted_for(seed_doc, seed_text):
    """Count unit mentions in the raw brackets independently of the parser."""
    brackets = re.findall(r"\[([^\[\]]*(?:\([^()]*\)[^\[\]]*)*)\]\s*$", seed_text, flags=re.M)
    assert len(brackets) == 106
    mentions = []
    for b in brackets:
        for part in b.split(";"):
            _, _, names = part.partition(":")
            mentions.extend(n for n in re.split(r"、(?![^()]*\))", names) if n)
    parsed = [ra.unit_raw for t in seed_doc.tasks for ra in t.raw_assignments]
    assert sorted(parsed) == sorted(mentions)
    uf = seed_doc.units_frame()
    per_raw = uf.drop_duplicates("unit_raw").set_index("unit_raw")["n_mentions"]
    assert per_raw.sum() == len(mentions)
    assert set(uf.unit_raw) == set(mentions)


# ------------------------------------------------------------------ fuzzing real documents

_SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
_WIDTH = str.maketrans("():;,[]", "（）：；，［］")
_WIDTH_BACK = str.maketrans("（）：；，［］", "():;,[]")


@st.composite
def mutated_seed(draw):
    lines = list(_SEED_LINES)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["drop", "dup", "width", "control", "swap"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "width":
            lines[i] = lines[i].translate(_WIDTH if draw(st.booleans()) else _WIDTH_BACK)
        elif op == "control":
            pos = draw(st.integers(0, len(lines[i])))
            ch = draw(st.sampled_from(["\x00", "\x07", "\x1b", "\u202e", "\u200b", "\ufeff", "\x0c", "\r"]))
            lines[i] = lines[i][:pos] + ch + lines[i][pos:]
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        if not lines:
            lines = ["x"]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_seed())
def test_mutations_raise_only_our_error(text):
    try:
        doc = xg.read_document(text)
    except InputError:
        return
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(doc.report.line_kinds) == len(lines)


_TASK_LINES = [i for i, line in enumerate(_SEED_LINES) if re.match(r"^\d+、", line)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_TASK_LINES), st.floats(0.05, 0.97))
def test_a_cut_document_says_where_it_was_cut(index, frac):
    line = _SEED_LINES[index]
    pos = max(3, int(len(line) * frac))
    if line[:pos].endswith("]"):
        pos -= 1
    text = "\n".join(_SEED_LINES[:index] + [line[:pos]])
    cut_line = index + 1
    try:
        doc = xg.read_document(text)
    except InputError as e:
        assert e.line == cut_line and f":{cut_line}:" in str(e)
        return
    assert any(w.line == cut_line for w in doc.report.warnings), (line[:pos], doc.report.warnings[-3:])
    assert all(w.line <= cut_line for w in doc.report.warnings)


@pytest.mark.slow
def test_decompression_bomb_within_a_memory_bound(tmp_path):
    """A .docx whose document.xml inflates to 1 GiB is refused in a process capped at 700 MB."""
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"A" * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)
    assert bomb.stat().st_size < 5_000_000
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (700 * 2**20, 700 * 2**20))
        import xialu_graph as xg
        from xialu_graph.errors import InputError
        try:
            xg.read_document({str(bomb)!r})
        except InputError as e:
            print("refused:", e)
            sys.exit(0)
        sys.exit(3)
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr[-1000:])
    assert "size limit" in r.stdout


# -- memory proportional to the input (issue 16 finding 5): what the passes keep --------------
# (the bound itself, peak memory against file size, is measured in benchmarks/bench_hostile.py --memory)


def test_drain_lets_each_entry_go_as_it_is_consumed():
    entries = ["a", "b", "c"]
    seen = []
    for e in drain(entries):
        seen.append((e, len(entries)))
    assert seen == [("a", 2), ("b", 1), ("c", 0)] and entries == []


def test_split_run_in_keeps_an_unchanged_text_without_copying_it():
    text = "一、稳增长\n1、抓项目。[牵头单位:区发改局]\n2、稳就业。[牵头单位:区人社局]\n"
    out, added = split_run_in(text)
    assert added == 0 and out is text


def test_per_task_objects_have_no_instance_dict_and_share_unit_names():
    doc = xg.read_document("一、稳增长\n1、抓项目。[牵头单位:区发改局]\n2、稳就业。[牵头单位:区发改局]\n")
    t1, t2 = doc.tasks
    for obj in (t1, t1.raw_assignments[0], t1.assignments[0], doc.sections[0]):
        assert not hasattr(obj, "__dict__")
    assert t1.raw_assignments[0].unit_raw is t2.raw_assignments[0].unit_raw
