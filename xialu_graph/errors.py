"""The package's own errors. A user's mistake raises InputError; the CLI prints it as one line."""

from __future__ import annotations


class XialuError(Exception):
    """Base class of every error the package raises on purpose.

    Examples
    --------
    >>> issubclass(InputError, XialuError)
    True
    """


class InputError(XialuError):
    """Bad input: missing, empty, binary or undecodable file, no tasks, strict-mode violation.

    ``str(err)`` is one line naming the file and, where there is one, the line:
    ``data/x.txt:12: bracket does not parse``.

    Examples
    --------
    >>> str(InputError("bracket does not parse", source="data/x.txt", line=12))
    'data/x.txt:12: bracket does not parse'
    """

    def __init__(self, message: str, *, source: str = "", line: int = 0):
        self.source = source
        self.line = line
        self.reason = message
        where = source
        if source and line:
            where = f"{source}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class InputWarning(UserWarning):
    """Part of a document could not be read and was left out (e.g. a .docx ``altChunk`` in RTF).

    The reader keeps going, says what it left out, and records the same message in
    :attr:`xialu_graph.read.TextSource.warnings`.
    """
