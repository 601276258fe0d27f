"""``python -m xialu_graph`` and the ``xialu-graph`` command.

A ``report`` whose pack is already in ``--out`` (:mod:`xialu_graph.cache`) is answered here,
with the standard library only; every other command — and a report to build — goes to
:func:`xialu_graph.cli.main`, imported only then (it brings pandas and networkx).
"""

from __future__ import annotations

import gc
import importlib
import sys

from .cache import cached_report


def main(argv=None) -> int:
    """Run the command line (``argv``: the arguments, default ``sys.argv[1:]``); returns the
    exit status."""
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["report"]:
        msg = cached_report(argv[1:])
        if msg is not None:
            if "--quiet" not in argv:
                print(f"[xialu-graph] {msg}", file=sys.stderr, flush=True)
            return 0
    cli = importlib.import_module("xialu_graph.cli")  # the full command line, with its heavy imports
    status = cli.main(argv)
    if from_command_line:
        # The process ends next. Its heap (the figures' artists, the graphs, the frames) is
        # mostly reference cycles, and the interpreter's last full collection at exit spent
        # ~0.4 s of a ~7 s report walking them only to free memory the exit frees anyway.
        # Frozen objects are skipped by that collection; files are closed, atexit handlers
        # and module teardown still run. Not when called with arguments (tests, embedding):
        # a process that goes on must keep collecting.
        gc.freeze()
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
