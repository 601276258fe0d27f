"""Compare two SVG drawings with a tolerance on geometry (for figures made on other machines)."""

from __future__ import annotations

import re

_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def svg_difference(a: str, b: str, *, tol: float = 0.5) -> str:
    """'' when the two SVGs are the same drawing: identical once numbers are masked, and every
    number within ``tol`` (SVG user units, points for matplotlib) of its counterpart; else a
    short description of the first difference.

    >>> svg_difference('<path d="M 1.0000001 2"/>', '<path d="M 1 2"/>')
    ''
    >>> svg_difference('<path d="M 1 2"/>', '<path d="M 9 2"/>')
    'number 0: 1 vs 9'
    >>> svg_difference('<text>甲</text>', '<text>乙</text>')[:22]
    'structure differs near'
    """
    sa, sb = _NUM.sub("#", a), _NUM.sub("#", b)
    if sa != sb:
        i = next((k for k, (x, y) in enumerate(zip(sa, sb)) if x != y), min(len(sa), len(sb)))
        return f"structure differs near {sa[max(0, i - 40):i + 40]!r}"
    for k, (x, y) in enumerate(zip(_NUM.findall(a), _NUM.findall(b))):
        if abs(float(x) - float(y)) > tol:
            return f"number {k}: {x} vs {y}"
    return ""
