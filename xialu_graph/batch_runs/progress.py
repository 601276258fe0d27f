"""Progress of a batch run on stderr: done/total, rate and ETA."""

from __future__ import annotations

import sys
import time


class Progress:
    """Progress with rate and ETA on stderr: a redrawn line on a terminal, ~10 lines in a log.

    Parameters
    ----------
    total : int
        Documents to analyse.
    enabled : bool, default True
        False (or ``total`` 0): count only, write nothing.
    stream : file, optional
        Where to write (default ``sys.stderr``); not a terminal: one line per tenth done.
    width : int, default 24
        Characters of the bar.

    Examples
    --------
    >>> import io
    >>> s = io.StringIO()
    >>> bar = Progress(4, stream=s, width=8)
    >>> bar.step(2)
    >>> bar.step(2, failed=1)
    >>> print(s.getvalue())
    batch [####----] 2/4 ... docs/s ETA 0:00:00...
    batch [########] 4/4 ... docs/s ETA 0:00:00, 1 failed...
    >>> (bar.done, bar.failed)
    (4, 1)
    """

    def __init__(self, total: int, *, enabled: bool = True, stream=None, width: int = 24):
        self.total, self.enabled, self.width = total, enabled and total > 0, width
        self.stream = stream or sys.stderr
        self.done = self.failed = 0
        self.t0 = time.monotonic()
        self._last_log = -1

    def step(self, n: int = 1, failed: int = 0) -> None:
        self.done += n
        self.failed += failed
        if not self.enabled:
            return
        tty = getattr(self.stream, "isatty", lambda: False)()
        decile = 10 * self.done // self.total
        if not tty and decile == self._last_log and self.done < self.total:
            return
        self._last_log = decile
        el = time.monotonic() - self.t0
        rate = self.done / el if el > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        fail = f", {self.failed} failed" if self.failed else ""
        end = "\r" if tty and self.done < self.total else "\n"
        self.stream.write(
            f"batch [{bar}] {self.done}/{self.total} {rate:.1f} docs/s ETA {_hms(eta)}{fail}   {end}"
        )
        self.stream.flush()


def _hms(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"

