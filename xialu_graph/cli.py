"""Command-line front door: ``xialu-graph parse | report | compare``.

A user's mistake (missing, empty, binary or undecodable file, no tasks, strict violation,
a bad weights or unit table) prints one line on stderr naming the file and line, and exits
with status 2; nothing half-written is left behind. Running out of memory is one line and
status 2 too; SIGTERM is handled like Ctrl-C (one line, status 130). Anything else is a bug
and shows its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

import pandas as pd

from . import __version__
from .compare import compare_corpus, read_corpus, read_unit_matches
from .errors import InputError, XialuError
from .model import REVIEW_COLUMNS
from .export import parse_report_dict, write_csv, write_workbook
from .files import atomic_group, atomic_write_text
from .glossary import use_language
from .graph import load_weights
from .parse import read_corrections, review_frame
from .pipeline import read_document
from .report import build_pack, owned_folder, report_stem, write_comparison
from .units import load_unit_tables
from .batch_runs import batch
from .cache import add_report_arguments, cached_pack, hit_message, parse_formats, report_key

EXIT_USER_ERROR = 2

DESCRIPTION = """\
Analyse Chinese government key-work responsibility breakdowns (重点工作责任分解):
who leads (牵头单位) and who supports (责任单位) each task, and how the load is shared.

commands:
  parse     read a document into tables: tasks, assignments, units, people, parse report
  report    the whole briefing pack for one document: tables, figures, views, report.html
  compare   compare editions of a district (or districts) unit by unit and task by task
  batch     many documents, each analysed on its own (local or Dask): a panel for statistics
"""


def _progress(quiet: bool):
    def say(msg: str) -> None:
        if not quiet:
            print(f"[xialu-graph] {msg}", file=sys.stderr, flush=True)

    return say


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="xialu-graph",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"xialu-graph {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    pp = sub.add_parser(
        "parse",
        help="read a document into tables",
        description="Read a responsibility breakdown (.txt in UTF-8/GBK, .html, .docx) and write its tables: "
        "tasks, assignments (one row per task, unit and role), units (how each raw name was resolved), "
        "people, and the parse report (warnings with line numbers, detected conventions).",
    )
    pp.add_argument("input", help="document file (.txt, .html, .htm, .docx)")
    pp.add_argument("--out", default="data/processed", help="output folder (default: data/processed)")
    pp.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv", help="table format (default: csv)")
    pp.add_argument("--strict", action="store_true", help="treat every parse warning as an error (exit 2)")
    pp.add_argument("--units", metavar="DIR", help="folder of unit tables (default: data/units)")
    pp.add_argument("--place", help="district of the document, when its metadata does not say (e.g. 下陆区)")
    pp.add_argument("--review", action="store_true",
                    help="also write <name>_review.csv: the tasks and assignments a person should check "
                         "(confidence below --review-below), to edit and pass back with --corrections")
    pp.add_argument("--review-below", type=float, default=0.9, metavar="X",
                    help="review tasks whose confidence is below X (0–1, default 0.9; 1.01 lists every task)")
    pp.add_argument("--corrections", metavar="FILE", help="an edited review file: its rows replace the units of the tasks they name")
    pp.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    pp.set_defaults(func=cmd_parse)

    rp = sub.add_parser(
        "report",
        help="the whole briefing pack for one document",
        description="Parse, build the unit–task graph, compute load, balance, centrality and clusters, and write "
        "tables (CSV, XLSX), figures (PNG/SVG/PDF), interactive views (HTML), graph exports (GEXF, GraphML), "
        "report.html, report.md and report.docx.",
    )
    add_report_arguments(rp)
    rp.set_defaults(func=cmd_report)

    cp = sub.add_parser(
        "compare",
        help="compare editions of a district, or districts",
        description="Read two or more documents, match units (alias tables first, then suggestions to confirm in "
        "unit_matches.csv) and tasks (text similarity), and write what changed.",
    )
    cp.add_argument("inputs", nargs="+", help="two or more document files, oldest first")
    cp.add_argument("--out", default="reports/compare", help="output folder (default: reports/compare)")
    cp.add_argument("--matches", metavar="CSV", help="confirmed unit matches (edit the suggested unit_matches.csv)")
    cp.add_argument("--threshold", type=float, default=None, help="task similarity threshold (0–1)")
    cp.add_argument("--seed", type=int, default=0)
    cp.add_argument("--collectives", choices=("expand", "keep", "drop", "share"), default="expand",
                    help="collective policy of every edition (default expand, as in report; docs/methods.md)")
    cp.add_argument("--units", metavar="DIR", help="folder of unit tables (default: data/units)")
    cp.add_argument("--corrections", metavar="FILE",
                    help="edited review file(s) in one CSV; its 'source' column names the document of each row")
    cp.add_argument("--title", metavar="TEXT", action="append",
                    help="title of a document, used in every output instead of the one read from it; give it once "
                         "per input, in the order of the inputs")
    cp.add_argument("--lang", choices=("zh", "en"), default="zh",
                    help="language of summary.html, the figures, the view and the table headers (default zh: Chinese)")
    cp.add_argument("--quiet", action="store_true")
    cp.set_defaults(func=cmd_compare)
    add_batch_command(sub)
    return p


def _tables(args):
    if getattr(args, "units", None):
        return load_unit_tables(args.units)
    return None


def _corrections(args):
    path = getattr(args, "corrections", None)
    return read_corrections(path) if path else None


def _say_corrections(doc, say) -> None:
    c = doc.report.conventions.get("corrections")
    if c:
        say(f"corrections from {c['file']}: {c['tasks']} task(s), {len(c['added'])} assignment(s) added, "
            f"{len(c['removed'])} removed")


def cmd_parse(args) -> int:
    say = _progress(args.quiet)
    below = float(args.review_below)
    if not 0.0 <= below <= 1.01:
        raise InputError(f"--review-below must be between 0 and 1.01, got {below}")
    out = Path(args.out)
    stem = Path(args.input).stem
    review_path = out / f"{stem}_review.csv"
    corrections = _corrections(args)
    try:
        doc = read_document(args.input, strict=args.strict, unit_tables=_tables(args), place=args.place,
                            corrections=corrections)
    except InputError as e:
        found = getattr(e, "review_rows", None)
        if found is None:
            raise
        if not args.review:
            raise InputError(e.reason.replace("the review file (xialu-graph parse --review)",
                                              "the review file (run again with --review)"), source=e.source) from None
        write_csv(pd.DataFrame(found, columns=list(REVIEW_COLUMNS)), review_path, encoding="utf-8-sig")
        raise InputError(e.reason.replace("the review file (xialu-graph parse --review)", str(review_path)),
                         source=e.source) from None
    _say_corrections(doc, say)
    frames = {
        "tasks": doc.tasks_frame(),
        "assignments": doc.assignments_frame(),
        "units": doc.units_frame(),
        "people": doc.people_frame(),
        "warnings": doc.report.warnings_frame(),
    }
    report = parse_report_dict(doc)
    # all the files of one parse replace the old ones together, or none does (the --out folder
    # may hold the user's own files, so it is not swapped as a whole)
    with atomic_group():
        if args.format == "csv":
            for name, df in frames.items():
                write_csv(df, out / f"{stem}_{name}.csv", encoding="utf-8-sig")
            atomic_write_text(out / f"{stem}_parse_report.json", json.dumps(report, ensure_ascii=False, indent=2))
        elif args.format == "json":
            payload = {name: df.to_dict(orient="records") for name, df in frames.items()}
            payload["parse_report"] = report
            atomic_write_text(out / f"{stem}.json", json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            write_workbook(frames, out / f"{stem}.xlsx")
        if args.review:
            review = review_frame(doc, below=below)
            write_csv(review, review_path, encoding="utf-8-sig")
    if args.review:
        say(f"{review['task_id'].nunique()} task(s) to review (confidence < {below:g}) → {review_path}")
    say(f"{len(doc.tasks)} tasks, {len(doc.assignments)} assignments, {len(doc.report.warnings)} warnings → {out}")
    return 0


def _silent(msg: str) -> None:
    pass


def _title_arg(value):
    """A ``--title`` value: one line of visible text, or None when not given.

    Examples
    --------
    >>> _title_arg("  2024年  重点工作\\n责任分解 "), _title_arg(None)
    ('2024年 重点工作 责任分解', None)
    """
    if value is None:
        return None
    t = " ".join(str(value).split())
    if not t:
        raise InputError("--title is empty: give the title text, or leave the option out")
    return t


@contextlib.contextmanager
def _one_blas_thread():
    """One BLAS thread while the report runs: its matrix problems are small, and OpenBLAS
    threads spin-waiting on them cost more CPU than they save (issue 17). threadpoolctl
    restores the previous limits on exit, so a caller's own setting is left as it was."""
    try:
        import scipy.linalg  # noqa: F401  (loads scipy's BLAS now, so the limit reaches it too)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def run_report(args, say=None) -> int:
    """The ``report`` subcommand (see :mod:`xialu_graph.cli`). Returns 0.

    Raises InputError (one line, exit 2) for a user's mistake, before anything is written.
    """
    with _one_blas_thread():
        return _run_report(args, say)


def _run_report(args, say=None) -> int:
    say = say or _silent
    try:
        formats = parse_formats(getattr(args, "formats", None))
    except ValueError as e:
        raise InputError(str(e)) from None
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs must be a positive number of worker processes, not {jobs}")
    try:  # an input or option file that cannot be read is read_document's or load_weights' to report
        key = report_key(args) if Path(args.input).is_file() else None
        hit = key is not None and not getattr(args, "no_cache", False) and cached_pack(args, key)
    except OSError:
        key, hit = None, False
    if hit:
        say(hit_message(args))
        return 0
    weights = load_weights(getattr(args, "weights", None))
    tables = None
    if getattr(args, "units", None):
        tables = load_unit_tables(args.units)
    src = Path(args.input)
    out = Path(args.out) if args.out else Path("reports") / report_stem(src)
    fig = Path(args.figures) if getattr(args, "figures", None) else None
    say(f"reading {args.input}")
    doc = read_document(args.input, strict=bool(getattr(args, "strict", False)), unit_tables=tables,
                        place=getattr(args, "place", None), corrections=_corrections(args))
    _say_corrections(doc, say)
    title = _title_arg(getattr(args, "title", None))
    if title is not None:
        doc.metadata.title = title
    say(f"{len(doc.tasks)} tasks, {len(doc.assignments)} assignments, {len(doc.report.warnings)} parse warnings")
    lang = getattr(args, "lang", None) or "zh"
    with use_language(lang):
        res = build_pack(doc, out, figures_dir=fig, weights=weights, seed=int(getattr(args, "seed", 0) or 0),
                         stem=report_stem(src), collectives=getattr(args, "collectives", None), say=say,
                         formats=formats, jobs=jobs, manifest=key, lang=lang)
    say(f"done: {res['out'] / 'report.html'}")
    return 0


def run_compare(args, say=None) -> int:
    """The ``xialu-graph compare`` command.

    ``args`` has ``inputs`` (files or folders, oldest first), ``out``, ``matches`` (confirmed
    CSV or None), ``threshold`` (None for the default), ``seed``, ``units`` (unit tables folder
    or None), ``lang`` ("zh" or "en") and ``quiet``. Returns 0; a user's mistake raises
    :class:`xialu_graph.InputError` (the CLI prints one line and exits 2).
    """
    with use_language(getattr(args, "lang", None) or "zh"):
        return _compare(args, say or _silent)


def _compare(args, say) -> int:
    thr = getattr(args, "threshold", None)
    if thr is not None and not (0.0 <= float(thr) <= 1.0):
        raise InputError(f"--threshold must be between 0 and 1, got {thr}")
    tables = None
    if getattr(args, "units", None):
        tables = load_unit_tables(args.units)
    matches = None
    if getattr(args, "matches", None):
        matches = read_unit_matches(args.matches)
    if not owned_folder(Path(args.out)):
        raise InputError("folder exists and was not written by xialu-graph; choose another --out or empty it",
                         source=str(args.out))
    say(f"reading {len(args.inputs)} input(s)")
    corpus = read_corpus(args.inputs, unit_tables=tables, progress=not getattr(args, "quiet", False),
                         corrections=_corrections(args))
    for e in corpus:
        _say_corrections(e.document, say)
    if len(corpus) < 2:
        raise InputError(f"compare needs at least two documents, got {len(corpus)}")
    titles = getattr(args, "title", None) or []
    if titles:
        if len(titles) != len(corpus):
            raise InputError(f"--title given {len(titles)} time(s) for {len(corpus)} document(s): give one title per "
                             "document, in the order of the inputs")
        for e, t in zip(corpus, titles):
            e.document.metadata.title = _title_arg(t)
    say("documents: " + ", ".join(f"{e.label} ({len(e.document.tasks)} tasks{', excerpt' if e.truncated else ''})" for e in corpus))
    cmp = compare_corpus(corpus, matches=matches, threshold=thr, seed=int(getattr(args, "seed", 0) or 0),
                         collectives=getattr(args, "collectives", None))
    n_pending = int((cmp.unit_matches["confirmed"] != "yes").sum())
    say(f"{len(cmp.unit_matches)} unit match suggestion(s), {len(cmp.mapping)} name(s) merged; "
        f"{n_pending} to confirm in unit_matches.csv")
    write_comparison(cmp, args.out, say=say)
    return 0


def cmd_report(args) -> int:
    return run_report(args, say=_progress(args.quiet))


def cmd_compare(args) -> int:
    return run_compare(args, say=_progress(args.quiet))


def add_batch_command(sub) -> None:
    """``xialu-graph batch DIR|GLOB … --out OUT [--jobs N] [--scheduler ADDR]``: many documents → a panel."""

    def cmd_batch(args) -> int:

        if args.jobs == 0 or args.jobs < -1:
            raise InputError(f"--jobs must be a positive number of workers or -1, not {args.jobs}")
        r = batch(args.inputs, out=args.out, n_jobs=args.jobs, scheduler=args.scheduler, units=args.units,
                  weights=args.weights, seed=args.seed, matches=args.matches, betweenness=args.betweenness,
                  clusters=not args.no_clusters, csv=not args.no_csv, progress=not args.quiet)
        if not args.quiet:
            print(f"{r.n_documents} documents: {r.n_analysed} analysed, {r.n_skipped} already done, "
                  f"{r.n_failed} failed (see {r.paths['failures.csv' if not args.no_csv else 'failures.parquet']}) "
                  f"→ {Path(args.out) / 'panel'}")
        return 0

    bp = sub.add_parser(
        "batch",
        help="many documents → per-document tables and a panel (Parquet + CSV)",
        description="Read and analyse every document on its own (worker processes, or a Dask cluster), keep one "
        "part per document under OUT/parts (a second run skips documents already done), and write the panel: "
        "units, tasks, documents and failures tables under OUT/panel as Parquet and CSV.",
    )
    bp.add_argument("inputs", nargs="+", metavar="DIR|GLOB", help="folders, glob patterns (quoted) or files")
    bp.add_argument("--out", required=True, help="output folder")
    bp.add_argument("--jobs", type=int, default=-1, metavar="N", help="worker processes (default -1: one per CPU)")
    bp.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address (tcp://host:8786); needs [dask]")
    bp.add_argument("--weights", metavar="FILE", help="TOML file of role weights")
    bp.add_argument("--units", metavar="DIR", help="folder of unit tables (default: data/units)")
    bp.add_argument("--matches", metavar="CSV", help="confirmed unit matches (canonical_unit across documents)")
    bp.add_argument("--seed", type=int, default=0, help="seed of the clusters (default 0)")
    bp.add_argument("--betweenness", action="store_true", help="also compute two-mode betweenness (slower)")
    bp.add_argument("--no-clusters", action="store_true", help="skip co-responsibility clusters (faster)")
    bp.add_argument("--no-csv", action="store_true", help="write the panel as Parquet only")
    bp.add_argument("--quiet", action="store_true", help="no progress on stderr")
    bp.set_defaults(func=cmd_batch)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        with _sigterm_as_interrupt():
            return args.func(args) or 0
    except XialuError as e:
        print(f"xialu-graph: error: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as e:
        # an output folder that cannot be written (permissions, full disk, read-only mount)
        where = e.filename or ""
        print(f"xialu-graph: error: {where}{': ' if where else ''}cannot write: {e.strerror or e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("xialu-graph: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("xialu-graph: error: out of memory: the document is too large for this machine "
              "(nothing was written)", file=sys.stderr)
        return EXIT_USER_ERROR


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """SIGTERM (``kill``, a scheduler stopping the job) handled like Ctrl-C: the staging
    folders are removed, one line is printed and the exit status is 130."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
