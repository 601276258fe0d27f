#!/usr/bin/env python3
"""Score xialu_graph's parser on a labelled corpus of real documents (issue 12).

Usage: python benchmarks/bench_genre.py [CORPUS_DIR] [--no-append]
       (CORPUS_DIR holds docs/*.txt|html|docx and gold/*.json; default tests/genre, the
       development set)

Each gold file (schema in tests/genre/CONVENTIONS.md) lists the tasks of one document with their lead,
support and responsible units and persons. For every task marked complete, the (task, role, unit)
triples are compared with what `xialu_graph.read_document` finds; a unit matches on its raw or its
canonical name after NFKC and whitespace folding. Prints one line per document, then
"genre: F1 … (recall …, precision …), tasks found N/M", then the same measure per format feature
(the gold files' ``features`` field). Exit 1 below F1 0.98 or with a task missed.

The scoring is a copy of ../shared/genre/score.py, kept identical; the only additions are the
per-document counts collected in ``per_doc`` (for the feature table) and the results writer.
"""
import glob, json, os, re, signal, sys, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import xialu_graph as xg  # noqa: E402

CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def num(label):
    """A task number as a tuple: '12' → (12,), '（三）' → (3,), '附件2-1' → (2, 1)."""
    s = norm(label)
    d = re.findall(r"\d+", s)
    if d:
        return tuple(int(x) for x in d)
    m = re.sub(r"[^零一二三四五六七八九十]", "", s)
    if not m:
        return (s,)
    if m == "十":
        return (10,)
    if m.startswith("十"):
        return (10 + CN[m[1]],)
    if "十" in m:
        a, _, b = m.partition("十")
        return (CN[a] * 10 + (CN[b] if b else 0),)
    return (CN[m],)


def _timeout(*_):
    raise TimeoutError("parse took more than 20 s")


def score(folder, per_doc=None):
    """Score the corpus in ``folder``; when ``per_doc`` is a dict, fill it with
    ``file -> (gold triples, predicted triples, matched triples, tasks found, gold tasks, features)``."""
    signal.signal(signal.SIGALRM, _timeout)
    tot_g = tot_p = tot_m = tasks_g = tasks_found = 0
    rows = []
    for gpath in sorted(glob.glob(os.path.join(folder, "gold", "*.json"))):
        g = json.load(open(gpath, encoding="utf-8"))
        if not g.get("usable", True):
            continue
        gt = {}
        for t in g["tasks"]:
            if not t.get("complete", True):
                continue
            s = {(role, norm(u)) for role in ("lead", "support", "responsible") for u in t.get(role, [])}
            if s:
                gt.setdefault(num(t["number"]), []).append((s, [norm(p) for p in t.get("persons", [])]))
        n_tasks = sum(len(v) for v in gt.values())
        tasks_g += n_tasks
        try:
            signal.alarm(20)
            af = xg.read_document(os.path.join(folder, "docs", g["file"])).assignments_frame()
        except Exception as e:  # a refused or crashed document scores zero
            rows.append(f"{g['file'][:56]:56s} ERROR {type(e).__name__}: {str(e)[:80]}")
            g_err = sum(len(s) for v in gt.values() for s, _ in v)
            tot_g += g_err
            if per_doc is not None:
                per_doc[g["file"]] = (g_err, 0, 0, 0, n_tasks, g.get("features", []))
            continue
        finally:
            signal.alarm(0)
        col = "task_number" if "task_number" in af.columns else "task_id"
        found_tasks = {}
        for tid, grp in af.groupby(col, sort=False):
            found_tasks.setdefault(num(tid), []).append(
                [(r.role, norm(r.unit_raw), norm(r.unit)) for r in grp.itertuples()])
        g_n = p_n = m_n = found = 0
        for key, glist in gt.items():
            plist = found_tasks.get(key, [])
            for i, (gs, persons) in enumerate(glist):
                g_n += len(gs)
                if i >= len(plist):
                    continue
                found += 1
                got = plist[i]
                matched = {x for x in gs if x in {(r, a) for r, a, _ in got} or x in {(r, c) for r, _, c in got}}
                m_n += len(matched)
                mentions = {}
                for r, a, c in got:  # a raw mention expanded into several units counts once
                    mentions.setdefault((r, a), []).append((r, c) in gs or (r, a) in gs)
                p_n += len(matched) + sum(1 for v in mentions.values() if not any(v))
                if any((r, p) in {(x, a) for x, a, _ in got} for p in persons for r in ("lead", "support", "responsible")):
                    rows.append(f"   a person counted as a unit in {g['file']} task {key}")
        tot_g += g_n; tot_p += p_n; tot_m += m_n; tasks_found += found
        if per_doc is not None:
            per_doc[g["file"]] = (g_n, p_n, m_n, found, n_tasks, g.get("features", []))
        rec = m_n / g_n if g_n else 1.0
        prec = m_n / p_n if p_n else 0.0
        rows.append(f"{g['file'][:56]:56s} tasks {found:3d}/{n_tasks:<3d} recall {rec:6.1%} precision {prec:6.1%}")
    R = tot_m / tot_g if tot_g else 0.0
    P = tot_m / tot_p if tot_p else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return rows, F, R, P, tasks_found, tasks_g


def feature_table(per_doc):
    """One line per format feature: documents, F1, recall, precision, tasks found (micro-averaged)."""
    agg = {}
    for g_n, p_n, m_n, found, n_tasks, feats in per_doc.values():
        for f in feats:
            a = agg.setdefault(f, [0, 0, 0, 0, 0, 0])
            for k, v in enumerate((1, g_n, p_n, m_n, found, n_tasks)):
                a[k] += v
    out = [f"{'feature':40s} docs     F1  recall  precision  tasks"]
    for f, (docs, g_n, p_n, m_n, found, n_tasks) in sorted(agg.items(), key=lambda kv: (-kv[1][0], kv[0])):
        R = m_n / g_n if g_n else 0.0
        P = m_n / p_n if p_n else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        out.append(f"{f[:40]:40s} {docs:4d}  {F:5.3f}  {R:6.3f}  {P:9.3f}  {found:3d}/{n_tasks}")
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = args[0] if args else str(ROOT / "tests" / "genre")
    per_doc = {}
    rows, F, R, P, found, total = score(folder, per_doc)
    summary = f"genre: F1 {F:.3f} (recall {R:.3f}, precision {P:.3f}), tasks found {found}/{total}"
    lines = rows + [summary, "", "per format feature:"] + feature_table(per_doc)
    print("\n".join(lines))
    if "--no-append" not in sys.argv:
        from _results import append_results

        rel = os.path.relpath(folder, ROOT) if os.path.isabs(folder) else folder
        append_results("## Genre corpus score (bench_genre.py)",
                       ".venv/bin/python benchmarks/bench_genre.py [tests/genre]", [f"corpus: {rel}"] + lines)
    sys.exit(0 if F >= 0.98 and found == total else 1)
