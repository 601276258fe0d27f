"""A CJK font that matplotlib can both render and embed, found once per process.

``ensure_cjk_font()`` returns the family name of a font with Chinese glyphs, registered with
matplotlib's font manager:

1. A font already on the system, tried in the order of :data:`SYSTEM_FAMILIES` (Microsoft
   YaHei, PingFang SC, WenQuanYi, Noto Sans CJK SC, Source Han Sans SC …), found through
   ``matplotlib.font_manager.fontManager``. A candidate is accepted only when its file really
   maps the probe characters of :data:`PROBE` (Chinese text, full-width punctuation, the minus
   sign) and, by default, when it has TrueType (``glyf``) outlines: matplotlib embeds fonts in
   PDF as Type 42 (``FontFile2``), which is not valid for OpenType/CFF fonts (matplotlib issue
   #2869), so the CFF builds of Noto Sans CJK and Source Han Sans that Linux distributions
   ship are passed over.
2. Otherwise the bundled fallback, "Xialu Sans SC" (``xialu_graph/resources/fonts``): a
   TrueType subset of Noto Sans SC (SIL Open Font License 1.1) covering GB 2312, registered at
   run time with ``fontManager.addfont`` (matplotlib's font cache does not see fonts added
   after it was built). It ships with the package, so ``pip install`` alone is enough.

Never SimHei or any font of unclear licence.

``XIALU_GRAPH_CJK_FONT`` in the environment overrides the choice: ``bundled`` forces the
fallback (reproducible output across machines), a family name forces that family.

The result is cached: repeat calls cost a dictionary look-up. Nothing here mutates global
``rcParams`` unless ``apply=True``; :func:`cjk_rc` gives the rc dict to use in a
``matplotlib.rc_context``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

__all__ = [
    "ensure_cjk_font",
    "cjk_rc",
    "bundled_font_path",
    "font_has_glyphs",
    "find_system_cjk_font",
    "BUNDLED_FAMILY",
    "SYSTEM_FAMILIES",
    "PROBE",
]

BUNDLED_FAMILY = "Xialu Sans SC"
"""Family name of the bundled OFL font."""

_BUNDLED_FILE = "XialuSansSC-Regular.ttf"

SYSTEM_FAMILIES = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Sarasa Gothic SC",
    "Hiragino Sans GB",
    "Microsoft JhengHei",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
)
"""System families tried, in order of preference."""

PROBE = "数据来源重点工作责任分解牵头单位配合街办新区（）、：。—−"
"""Characters a CJK font must map to be accepted (includes U+2212 MINUS SIGN)."""

ENV_VAR = "XIALU_GRAPH_CJK_FONT"

_cache: dict = {}


def bundled_font_path() -> Path:
    """Path of the bundled TrueType subset of Noto Sans SC (OFL)."""
    return Path(__file__).resolve().parent.parent / "resources" / "fonts" / _BUNDLED_FILE


def font_has_glyphs(path, face_index: int = 0, chars: str = PROBE, *, truetype: bool = True) -> bool:
    """Whether the font file maps every character of ``chars`` (and, with ``truetype``, has
    TrueType ``glyf`` outlines so matplotlib can embed it in PDF as Type 42)."""
    from matplotlib import ft2font

    try:
        font = ft2font.FT2Font(os.fspath(path), face_index=face_index)
        cmap = font.get_charmap()
    except Exception:  # unreadable or not a font
        return False
    if not all(ord(c) in cmap for c in chars):
        return False
    if truetype:
        try:
            from fontTools.ttLib import TTFont

            tt = TTFont(os.fspath(path), fontNumber=face_index, lazy=True)
            ok = "glyf" in tt
            tt.close()
            return ok
        except Exception:
            return False
    return True


def find_system_cjk_font(families=SYSTEM_FAMILIES, *, truetype: bool = True) -> Optional[str]:
    """First family of ``families`` known to matplotlib's font manager whose file passes
    :func:`font_has_glyphs`; None when there is none."""
    from matplotlib import font_manager as fm

    by_name: dict = {}
    for entry in fm.fontManager.ttflist:
        by_name.setdefault(entry.name, []).append(entry)
    for fam in families:
        for entry in by_name.get(fam, []):
            if entry.style != "normal":
                continue
            if font_has_glyphs(entry.fname, getattr(entry, "index", 0), truetype=truetype):
                return fam
    return None


def _register_bundled() -> str:
    from matplotlib import font_manager as fm

    path = bundled_font_path()
    if not path.exists():  # pragma: no cover - broken install
        raise FileNotFoundError(f"bundled CJK font missing: {path}")
    if not any(e.name == BUNDLED_FAMILY for e in fm.fontManager.ttflist):
        fm.fontManager.addfont(str(path))
    return BUNDLED_FAMILY


def ensure_cjk_font(*, system: bool = True, apply: bool = False) -> str:
    """Family name of a CJK font registered with matplotlib (see the module docstring).

    Parameters
    ----------
    system : bool, default True
        Look for a suitable system font first. False forces the bundled fallback.
    apply : bool, default False
        Also set the global ``rcParams`` (``font.family``, ``font.sans-serif``,
        ``axes.unicode_minus``), for notebooks. Figures in :mod:`xialu_graph.viz.figures`
        never need this: they use :func:`cjk_rc` in a ``rc_context``.

    Returns
    -------
    str
        The family name, e.g. "Microsoft YaHei" or "Xialu Sans SC".

    Examples
    --------
    >>> ensure_cjk_font(system=False)
    'Xialu Sans SC'
    """
    env = os.environ.get(ENV_VAR, "").strip()
    key = (system, env)
    fam = _cache.get(key)
    if fam is None:
        if env.lower() == "bundled":
            fam = _register_bundled()
        elif env:
            fam = env
        elif system:
            fam = find_system_cjk_font() or _register_bundled()
        else:
            fam = _register_bundled()
        _cache[key] = fam
    if apply:
        import matplotlib as mpl

        mpl.rcParams.update(cjk_rc(fam))
    return fam


def cjk_rc(family: Optional[str] = None) -> dict:
    """rcParams that make ``family`` (default: :func:`ensure_cjk_font`) the sans-serif font,
    with DejaVu Sans as per-glyph fallback, and render the minus sign as U+2212."""
    fam = family or ensure_cjk_font()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [fam, "DejaVu Sans"],
        "axes.unicode_minus": True,
    }


def _reset_cache() -> None:
    """Forget the cached choice (tests)."""
    _cache.clear()
