"""Where the editable data tables are found (one rule for every table folder)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str, env_var: str) -> Path:
    """``$env_var`` if set; else ``data/<name>`` of the source checkout (editable install);
    else the copy packaged with the library (``xialu_graph/resources/<name>``, a link to
    ``data/<name>`` in the repository, so there is one set of files)."""
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    repo = _PACKAGE.parent / "data" / name
    if repo.is_dir():
        return repo
    return _PACKAGE / "resources" / name
