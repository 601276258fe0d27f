"""Names of a package resolved on first use (PEP 562), so that importing the package stays light.

Used by the package root (heavy modules such as matplotlib, pyvis and jieba load only when a
function that needs them is first used) and by :mod:`xialu_graph.batch_runs` (a batch worker
imports its worker module without the comparison package).
"""

from __future__ import annotations

import importlib

__all__ = ["lazy_attributes"]


def lazy_attributes(package: str, table: dict, namespace: dict):
    """The module-level ``__getattr__`` and ``__dir__`` of a package with lazily imported names.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    table : dict
        Name → submodule (relative to the package) that defines it.
    namespace : dict
        The package's ``globals()``: a name, once resolved, is stored there.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__)``, to assign at the package's top level.

    Examples
    --------
    >>> ns = {}
    >>> getattr_, dir_ = lazy_attributes("xialu_graph", {"gini": "metrics"}, ns)
    >>> getattr_("gini").__name__, "gini" in ns, dir_()
    ('gini', True, ['gini'])
    >>> getattr_("nope")
    Traceback (most recent call last):
    AttributeError: module 'xialu_graph' has no attribute 'nope'
    """

    def __getattr__(name):
        mod = table.get(name)
        if mod is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{mod}", package), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(set(namespace) | set(table))

    return __getattr__, __dir__
