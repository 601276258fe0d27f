"""House style for briefing figures, and deterministic, atomic saving.

* Width 16 cm (an A4 page less 2.5 cm margins), text 9 pt, titles 10 pt.
* Okabe–Ito colour-blind-safe palette (:data:`OKABE_ITO`), roles coloured by :data:`ROLE_COLORS`.
* A Chinese title (``fig.suptitle``) and a source line at the bottom:
  ``数据来源: <document title>（<date>）`` (:func:`source_line`).
* :func:`save_figure` writes 300-dpi PNG, SVG (glyphs as paths: text looks the same without
  the font) and PDF (TrueType fonts embedded as Type 42, ``FontFile2``), with fixed metadata
  (no creation dates, fixed ``svg.hashsalt``, fixed ``Software``/``Producer``) so the same
  input gives the same bytes, each written to a temporary file then moved into place with
  ``os.replace``.

Nothing here changes global ``rcParams``: :func:`house_style` is a context manager around
``matplotlib.rc_context``; figures are ``matplotlib.figure.Figure`` objects, never pyplot's.
The CJK font family is stored in each text's font properties when the text is created, so a
figure made here renders its Chinese text even when saved outside the context.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Iterable, Optional

from ..glossary import current_language
from ..files import atomic_path
from .fonts import ensure_cjk_font

__all__ = [
    "WIDTH_CM",
    "CM",
    "OKABE_ITO",
    "ROLE_COLORS",
    "ROLE_LABELS",
    "FONT_SIZE",
    "TITLE_SIZE",
    "house_rc",
    "house_style",
    "new_figure",
    "source_line",
    "add_title_and_source",
    "save_figure",
    "literal_text",
    "SAVE_METADATA",
]

CM = 1 / 2.54
"""Inches per centimetre."""

WIDTH_CM = 16.0
DPI = 300
FONT_SIZE = 9
TITLE_SIZE = 10

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
"""Okabe & Ito (2008) palette, ordered so the first colours differ most."""

ROLE_COLORS = {"lead": "#0072B2", "support": "#56B4E9", "responsible": "#E69F00"}
ROLE_LABELS = {"lead": "牵头", "support": "配合", "responsible": "责任（无牵头）"}

SOFTWARE = "xialu-graph"

SAVE_METADATA = {
    "png": {"Software": SOFTWARE},
    "svg": {"Date": None, "Creator": SOFTWARE},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": SOFTWARE, "Producer": SOFTWARE},
}
"""Fixed metadata per format; ``Title`` is added from the figure's title."""


def house_rc(family: Optional[str] = None) -> dict:
    """rcParams of the house style (pass to ``matplotlib.rc_context``)."""
    from cycler import cycler


    fam = family or ensure_cjk_font()
    return {
        # fonts: the CJK family first, DejaVu Sans as per-glyph fallback
        "font.family": [fam, "DejaVu Sans"],
        "font.sans-serif": [fam, "DejaVu Sans"],
        "axes.unicode_minus": True,
        # document text is drawn literally: "$x$" stays "$x$", "$\\foo$" cannot crash a figure
        "text.parse_math": False,
        "text.usetex": False,
        "font.size": FONT_SIZE,
        "axes.titlesize": TITLE_SIZE,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "legend.title_fontsize": FONT_SIZE,
        "figure.titlesize": TITLE_SIZE,
        "figure.labelsize": FONT_SIZE,
        # look
        "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.6,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "lines.linewidth": 1.4,
        "legend.frameon": False,
        "image.cmap": "cividis",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        # output
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "savefig.bbox": None,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "pdf.compression": 6,
        "svg.fonttype": "path",
        "svg.hashsalt": SOFTWARE,
        "svg.image_inline": True,
        "path.simplify": True,
    }


@contextlib.contextmanager
def house_style(family: Optional[str] = None):
    """Context manager applying :func:`house_rc`; global rcParams are restored on exit."""
    import matplotlib as mpl

    with mpl.rc_context(house_rc(family)):
        yield


def new_figure(height_cm: float = 10.0, *, width_cm: float = WIDTH_CM, title: bool = True,
               source: bool = True):
    """A ``matplotlib.figure.Figure`` (no pyplot) of the house size with constrained layout,
    leaving room at the bottom for the source line. Call inside :func:`house_style`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm * CM, height_cm * CM))
    FigureCanvasAgg(fig)  # a renderer for measuring text (label placement); no pyplot
    bottom = (0.55 / height_cm) if source else 0.0
    fig.set_layout_engine("constrained", rect=(0, bottom, 1, 1 - bottom), h_pad=0.04, w_pad=0.04)
    return fig


def _meta_get(source, key):
    if isinstance(source, dict):
        return source.get(key) or ""
    md = getattr(source, "metadata", source)  # Document → Metadata
    graph = getattr(source, "graph", None)  # networkx graph
    if isinstance(graph, dict):
        return graph.get(key) or ""
    return getattr(md, key, "") or ""


def source_line(source) -> str:
    """The source line ``数据来源: <title>（<date>）``.

    ``source`` may be a string (a document title, or a finished line starting with 数据来源),
    a ``Document``, its ``Metadata``, a graph from ``build_graph`` (its ``G.graph``) or a dict
    with ``title`` and ``date``. Returns '' when there is nothing to say.

    Examples
    --------
    >>> source_line({"title": "2020年区政府重点工作责任分解", "date": "2020-03-20"})
    '数据来源: 2020年区政府重点工作责任分解（2020-03-20）'
    >>> source_line("某文件")
    '数据来源: 某文件'
    """
    if source is None:
        return ""
    if isinstance(source, str):
        s = source.strip()
        if not s or s.startswith("数据来源"):
            return s
        return f"数据来源: {s}"
    title = str(_meta_get(source, "title")).strip()
    date = str(_meta_get(source, "date")).strip()
    if not title:
        title = str(_meta_get(source, "source")).strip()
    if not title:
        return ""
    return f"数据来源: {title}（{date}）" if date else f"数据来源: {title}"


def add_title_and_source(fig, title: Optional[str], source=None) -> None:
    """Title (suptitle, 10 pt, left-aligned) and source line (bottom left, 9 pt; ``Source:`` under
    ``use_language("en")``)."""
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE)
    line = source_line(source)
    if line and current_language() == "en":  # --lang en: the same line, its words in English
        line = "Source: " + line.split(":", 1)[-1].split("：", 1)[-1].strip().replace("（", " (").replace("）", ")")
    if line:
        fig.text(0.01, 0.012, line, ha="left", va="bottom", fontsize=FONT_SIZE, color="#444444")


def _figure_title(fig) -> str:
    st = getattr(fig, "_suptitle", None)
    if st is not None and st.get_text():
        return st.get_text()
    for ax in fig.axes:
        if ax.get_title():
            return ax.get_title()
    return ""


def literal_text(fig) -> None:
    """Draw every text of ``fig`` literally: no mathtext, whatever the rcParams were when
    the text was made (``$x$`` stays ``$x$``; ``$\\foo$`` cannot raise).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> t = fig.text(0, 0, r"$\\foo$")
    >>> literal_text(fig); t.get_parse_math()
    False
    """
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_parse_math(False)


def save_figure(fig, path_stem, formats: Iterable[str] = ("png", "svg", "pdf"), *,
                dpi: int = DPI, metadata: Optional[dict] = None, pixels: Optional[dict] = None) -> list[Path]:
    """Save ``fig`` as ``<path_stem>.<fmt>`` for each format; returns the paths written.

    PNG at ``dpi`` (300) with its pHYs resolution set (RGB, zlib level 3: ``_png_bytes``); SVG with glyphs as paths; PDF with
    TrueType fonts embedded (Type 42). Metadata is fixed (``SAVE_METADATA`` plus the figure's
    title as ``Title``), so saving the same figure twice gives identical bytes. Each file is
    written to a temporary file in the target folder and moved into place with
    ``os.replace``, so a reader never sees half a file. Folders are created as needed.

    The layout engine (constrained layout) runs once, for the first format (PNG, at ``dpi``,
    without savefig's layout pre-draw):
    the SVG and the PDF draw the positions computed for it (the renderers measure text alike,
    to a fraction of a point) instead of laying the figure out again for each file, so the
    three files show the same layout. The figure's engine is restored afterwards.

    ``pixels``: a dict that receives, under ``"png"``, the PNG's pixels as a Pillow image (what
    the file holds, without decoding it again: the report page's image is made from it).

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(layout="constrained"); ax = fig.add_subplot(); _ = ax.plot([0, 1])
    >>> [p.suffix for p in save_figure(fig, Path(tempfile.mkdtemp()) / "x")]
    ['.png', '.svg', '.pdf']
    >>> type(fig.get_layout_engine()).__name__
    'ConstrainedLayoutEngine'
    """
    import matplotlib as mpl

    stem = Path(path_stem)
    if stem.suffix.lower().lstrip(".") in {"png", "svg", "pdf"}:
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    title = _figure_title(fig)
    rc = {k: v for k, v in house_rc().items() if k.startswith(("pdf.", "ps.", "svg.", "savefig.", "text."))}
    rc.update({"figure.autolayout": False, "figure.constrained_layout.use": False})  # layout None means none
    written = []
    engine = fig.get_layout_engine()
    formats = [fmt.lower().lstrip(".") for fmt in formats]
    for fmt in formats:
        if fmt not in SAVE_METADATA:
            raise ValueError(f"unsupported format {fmt!r}; use png, svg or pdf")
    with mpl.rc_context(rc), _restore_layout_engine(fig, engine):
        literal_text(fig)
        for fmt in formats:
            meta = dict(SAVE_METADATA[fmt])
            if title and fmt in ("svg", "pdf"):
                meta["Title"] = title
            if metadata:
                meta.update(metadata)
            target = stem.with_name(f"{stem.name}.{fmt}")
            if fmt == "png":
                if engine is not None and not written:
                    _lay_out(fig, engine, dpi)  # the layout savefig's pre-draw would compute, without the draw
                    fig.set_layout_engine(None)
                data = _png_bytes(fig, dpi, meta, pixels)
            else:
                buf = io.BytesIO()
                fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
                data = buf.getvalue()
            if engine is not None:  # laid out by the first save: the other formats draw those positions
                fig.set_layout_engine(None)  # None, not "none": savefig then skips its layout pre-draw
            if fmt == "svg":
                data = stable_svg_ids(data)
            with atomic_path(target) as tmp:
                tmp.write_bytes(data)
            written.append(target)
    return written


def _lay_out(fig, engine, dpi: int) -> None:
    """Run the layout engine as ``savefig(dpi=dpi)`` to an Agg file runs it (with the figure at
    ``dpi``, measured by the canvas's Agg renderer), but without the pre-draw savefig walks every
    artist with: the same positions (the six briefing figures' PNGs are byte-identical) for
    about a fifth less time per PNG."""
    if not fig.axes:  # as Figure.draw: nothing to lay out
        return
    old = fig.dpi
    fig.dpi = dpi
    try:
        engine.execute(fig)
    except ValueError:  # as Figure.draw, which ignores it (a figure too small for its margins)
        pass
    finally:
        fig.dpi = old


PNG_COMPRESS_LEVEL = 3
"""zlib level of the PNG files: the pixels do not depend on it; level 3 encodes a 300-dpi figure
in about two thirds of the time of zlib's default (6), and the files are no larger than
matplotlib's RGBA PNGs at level 6 because the alpha channel is dropped (see ``_png_bytes``)."""


def _png_bytes(fig, dpi: int, meta: dict, pixels: Optional[dict] = None) -> bytes:
    """The figure as a PNG: drawn by Agg as matplotlib's own PNG writer draws it (same pixels,
    pHYs at ``dpi``, the ``meta`` text chunks), written as RGB when every pixel is opaque (the
    figure is saved on a white face, so always in practice; RGBA otherwise) at
    :data:`PNG_COMPRESS_LEVEL`. ``pixels`` (a dict) receives the image under ``"png"``."""
    import numpy as np
    from PIL import Image, PngImagePlugin

    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)  # the Agg buffer print_png would encode
    w, h = int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)
    if w * h * 4 != raw.getbuffer().nbytes:  # pragma: no cover - a canvas of another size
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata=meta)
        if pixels is not None:
            pixels["png"] = Image.open(io.BytesIO(buf.getvalue()))
        return buf.getvalue()
    rgba = np.frombuffer(raw.getbuffer(), dtype=np.uint8).reshape(h, w, 4)
    image = Image.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1)
    if rgba[..., 3].min() == 255:
        image = image.convert("RGB")
    if pixels is not None:
        pixels["png"] = image
    info = PngImagePlugin.PngInfo()
    for key, value in meta.items():
        if value is not None:
            info.add_text(key, value)
    out = io.BytesIO()
    image.save(out, format="png", pnginfo=info, dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return out.getvalue()


@contextlib.contextmanager
def _restore_layout_engine(fig, engine):
    try:
        yield
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


_SVG_REF = re.compile(rb'(id="|url\(#|href="#)([pm][0-9a-f]{10})\b')


def stable_svg_ids(svg: bytes) -> bytes:
    """Renumber matplotlib's hashed clip-path and marker ids in order of first appearance.

    matplotlib derives them from the hash of the clip box as a float tuple, so a difference
    in the last bits of a layout computation (invisible at the printed precision) changes
    every id; numbering them makes the same drawing give the same bytes.

    Examples
    --------
    >>> stable_svg_ids(b'<clipPath id="p1a2b3c4d5e"/><g clip-path="url(#p1a2b3c4d5e)"/>')
    b'<clipPath id="p0000000001"/><g clip-path="url(#p0000000001)"/>'
    """
    names: dict = {}

    def sub(m):
        old = m.group(2)
        new = names.get(old)
        if new is None:
            new = names[old] = old[:1] + f"{len(names) + 1:010d}".encode()
        return m.group(1) + new

    return _SVG_REF.sub(sub, svg)
