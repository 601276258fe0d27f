"""The page of an interactive view: a standalone, offline, safe HTML document around vis-network.

:class:`NetworkView` holds the node and edge records, the options and the legend; it renders to
one HTML page (:func:`render_page`) with every script and style inside it, a
Content-Security-Policy that allows only the page's own scripts (by hash), and document text
reaching the page only escaped (:func:`clean_text`, :func:`script_json`). The views themselves
(which nodes, which colours, which tooltips) are built in :mod:`xialu_graph.viz.interactive`
and :mod:`xialu_graph.viz.compare_view`.

The node and edge records and the options are made with pyvis 0.3.2's ``Node``, ``Edge`` and
``Options`` classes, and the vis-network 9.1.2 script and style sheet shipped inside the pyvis
package are inlined; pyvis's own HTML template is not used (it links a CDN and inserts the
heading unescaped).
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import io
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..files import atomic_write_bytes, visible_marks
from ..glossary import CONCEPTS, concept, current_language, phrase, use_language
from .figures import repel_labels
from .style import FONT_SIZE, add_title_and_source, house_style, new_figure

__all__ = [
    "NetworkView",
    "PageExtension",
    "render_page",
    "clean_text",
    "shorten",
    "join_list",
    "script_json",
    "csp_hash",
    "vis_assets",
    "view_options",
    "node_record",
    "edge_record",
    "FONT_FACE",
    "MAX_TIP_TEXT",
    "MAX_TIP_LIST",
    "FALLBACK_HINT",
    "static_figure",
]

FALLBACK_HINT = CONCEPTS["view.fallback_hint"].zh
"""The line a notebook shows under the static picture when the interactive view cannot run (in Chinese;
the view's language decides: :data:`xialu_graph.glossary.CONCEPTS` ``view.fallback_hint``)."""

MAX_TIP_TEXT = 600
MAX_TIP_LIST = 40
FONT_FACE = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', sans-serif"

def clean_text(value) -> str:
    """Document text as a plain str with invisible/bidi/control characters made visible: the
    package's one rule, :func:`xialu_graph.files.visible_marks` (also of HTML, CSV, XLSX, DOCX).

    Examples
    --------
    >>> clean_text("\u202e局政财区"), clean_text(None)
    ('[U+202E]局政财区', '')
    """
    return visible_marks(value)


def shorten(s: str, n: int = MAX_TIP_TEXT) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def join_list(items, n: int = MAX_TIP_LIST) -> str:
    items = list(items)
    more = len(items) - n
    out = ("、" if current_language() != "en" else ", ").join(items[:n])
    return out + (phrase("view.more", n=more) if more > 0 else "")


def script_json(obj) -> str:
    """JSON that is safe inside a <script> element: no <, >, & or line separators as such."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network 9.1.2 (script, css) as shipped inside the pyvis package."""
    import pyvis

    base = Path(pyvis.__file__).resolve().parent
    for d in (base / "templates" / "lib" / "vis-9.1.2", base / "lib" / "vis-9.1.2"):
        js, css = d / "vis-network.min.js", d / "vis-network.css"
        if js.is_file() and css.is_file():
            break
    else:  # pragma: no cover - broken pyvis install
        raise FileNotFoundError(f"vis-network 9.1.2 assets not found under {base}")
    js_text = js.read_text(encoding="utf-8")
    css_text = css.read_text(encoding="utf-8")
    # No source-map reference (a DevTools fetch) and nothing that could close the element.
    js_text = re.sub(r"^//# sourceMappingURL=.*$", "", js_text, flags=re.M)
    css_text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css_text)
    if re.search(r"</script", js_text, re.I) or re.search(r"</style", css_text, re.I):  # pragma: no cover
        raise ValueError("vis-network assets contain a closing tag")
    return js_text, css_text


# --------------------------------------------------------------------------- the view object


class NetworkView:
    """A rendered interactive view: a standalone, offline HTML page.

    Made by :func:`bipartite_view`, :func:`cluster_view` and :func:`ego_view`.

    Attributes
    ----------
    title : str
        Page title (document text, escaped when rendered).
    nodes, edges : list of dict
        vis-network records (pyvis ``Node``/``Edge`` options) with positions, plus a ``tip``
        list of (key, value) rows the page turns into a text-only tooltip.
    options : dict
        vis-network options (from pyvis ``Options``).
    legend : dict
        ``{"nodes": [...], "edges": [...]}`` entries shown beside the network.
    height : str
        CSS height of the network area, e.g. ``"750px"``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(title="示例")
    >>> G.add_node("u:区发改局", bipartite=0, label="区发改局", kind="department")
    >>> G.add_node("t:1", bipartite=1, label="任务1", task_id="1", section_no="一",
    ...            section="稳增长", subsection="", text="抓项目")
    >>> G.add_edge("u:区发改局", "t:1", role="lead", weight=1.0)
    >>> from xialu_graph.viz.interactive import bipartite_view
    >>> view = bipartite_view(G)
    >>> view.n_nodes, "<script src" in view.html(), "<link" in view.html()
    (2, False, False)
    """

    def __init__(self, *, title: str, nodes: list, edges: list, options: dict, legend: dict,
                 subtitle: str = "", source: str = "", height: str = "750px", kind: str = "network",
                 lang: Optional[str] = None):
        self.title = title
        self.lang = lang or current_language()  # the page's own words follow the language the view was made in
        self.subtitle = subtitle
        self.source = source
        self.nodes = nodes
        self.edges = edges
        self.options = options
        self.legend = legend
        self.height = height
        self.kind = kind
        self._html: Optional[str] = None

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        return len(self.edges)

    def __repr__(self) -> str:
        return f"<NetworkView {self.kind}: {self.n_nodes} nodes, {self.n_edges} edges>"

    # -- output -------------------------------------------------------------
    def html(self) -> str:
        """The standalone page as a str (UTF-8 HTML, no external references).

        Examples
        --------
        >>> view = NetworkView(title="示例", nodes=[], edges=[], options={}, legend={"nodes": [], "edges": []})
        >>> page = view.html()
        >>> page.lower().startswith("<!doctype html>"), "示例" in page
        (True, True)
        """
        if self._html is None:
            with use_language(self.lang):
                self._html = render_page(self)
        return self._html

    def save(self, path) -> Path:
        """Write the page to ``path`` atomically (temporary file, then ``os.replace``).

        Parent directories are created. Returns the path written.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> view = NetworkView(title="示例", nodes=[], edges=[], options={}, legend={"nodes": [], "edges": []})
        >>> p = view.save(pathlib.Path(tempfile.mkdtemp()) / "views" / "v.html")
        >>> p.name, p.read_text(encoding="utf-8") == view.html()
        ('v.html', True)
        """
        return atomic_write_bytes(path, self.html().encode("utf-8"))

    def _repr_html_(self) -> str:
        """Inline display in JupyterLab / VS Code: the page in a sandboxed ``srcdoc`` iframe."""
        page = _html.escape(self.html(), quote=True)
        h = self.height if re.fullmatch(r"\d+(\.\d+)?(px|vh|em|rem)", self.height) else "750px"
        total = f"calc({h} + 150px)"
        return (
            f'<iframe class="xialu-view" sandbox="allow-scripts allow-downloads" '
            f'title="{_html.escape(self.title, quote=True)}" '
            f'style="width:100%;height:{total};border:1px solid #ddd" srcdoc="{page}"></iframe>'
        )

    def static_png(self, *, dpi: int = 110) -> bytes:
        """A static PNG picture of the network (matplotlib, :func:`static_figure`), drawn once.

        Examples
        --------
        >>> view = NetworkView(title="示例", nodes=[], edges=[], options={}, legend={"nodes": [], "edges": []})
        >>> view.static_png()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
        """
        cache = self.__dict__.setdefault("_png", {})
        if dpi not in cache:  # drawn once per view: a notebook may display it several times
            with use_language(self.lang):
                fig = static_figure(self)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": "xialu-graph"})
            fig.clear()
            cache[dpi] = buf.getvalue()
        return cache[dpi]

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """What a notebook stores: the interactive view, a static picture and a text line.

        ``text/html`` holds the sandboxed iframe (:meth:`_repr_html_`), a ``<style>`` element
        that hides the fallback, and the fallback itself (the PNG as ``<img>`` and
        :data:`FALLBACK_HINT`). A trusted notebook shows the live view only; an untrusted one
        (a saved notebook as a colleague receives it) has its ``<style>`` and ``<iframe>``
        removed by the front end's sanitizer and so shows the picture and the hint. Front ends
        that do not show HTML take ``image/png`` or ``text/plain``.

        Examples
        --------
        >>> view = NetworkView(title="示例", nodes=[], edges=[], options={}, legend={"nodes": [], "edges": []})
        >>> sorted(view._repr_mimebundle_())
        ['image/png', 'text/html', 'text/plain']
        """
        png = base64.b64encode(self.static_png()).decode("ascii")
        key = "xialu-fallback-" + hashlib.sha256(png.encode("ascii")).hexdigest()[:12]
        with use_language(self.lang):
            hint = concept("view.fallback_hint")
            alt = _html.escape(clean_text(self.title) + concept("view.static"), quote=True)
            plain = phrase("view.plain", title=clean_text(self.title), nodes=self.n_nodes, edges=self.n_edges) + hint
        fallback = (
            f'<div class="xialu-fallback {key}">'
            f'<img class="xialu-static" alt="{alt}" src="data:image/png;base64,{png}" style="max-width:100%">'
            f'<p class="xialu-hint">{_html.escape(hint)}</p></div>'
        )
        html_out = f"<style>.{key}{{display:none}}</style>" + self._repr_html_() + fallback
        return {"text/html": html_out, "image/png": png, "text/plain": plain}

    def show(self) -> "NetworkView":
        """Display the view inline when running under IPython; returns the view.

        Outside a notebook IPython's ``display`` prints the view's summary line.

        Examples
        --------
        >>> view = NetworkView(title="示例", nodes=[], edges=[], options={}, legend={"nodes": [], "edges": []})
        >>> view.show() is view
        <NetworkView network: 0 nodes, 0 edges>
        True
        """
        try:
            from IPython.display import display
        except ImportError:  # pragma: no cover - IPython is a dependency of jupyterlab
            return self
        display(self)
        return self


# --------------------------------------------------------------------------- static picture

_MARKERS = {"dot": "o", "square": "s", "triangle": "^", "triangleDown": "v", "diamond": "D", "star": "*",
            "ellipse": "o", "circle": "o", "box": "s"}
STATIC_LABELS = 25
"""How many units (the largest nodes) the static picture labels."""


def _fill(color, default="#999999") -> tuple:
    """(fill, edge, alpha) of a vis-network colour (a str or a dict)."""
    if isinstance(color, dict):
        fill = color.get("background") or color.get("color") or default
        return fill, color.get("border") or fill, float(color.get("opacity", 1.0))
    return (color or default), (color or default), 1.0


def static_figure(view: "NetworkView", *, label_top: int = STATIC_LABELS):
    """The view drawn with matplotlib: same positions, colours, shapes and relative sizes.

    The positions are the ones the page uses (computed in Python by
    :func:`xialu_graph.layout.network_layout` or the view's own layout), the colours are the
    package palette's, the house style and fonts are those of the briefing figures
    (:mod:`xialu_graph.viz.style`); the ``label_top`` largest units are labelled, moved apart
    by :func:`xialu_graph.viz.figures.repel_labels`. The title and the source line are the
    page's. Returns a ``matplotlib.figure.Figure`` (no pyplot).

    Examples
    --------
    >>> from xialu_graph.viz.interactive import bipartite_view
    >>> import xialu_graph as xg
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> fig = static_figure(bipartite_view(xg.build_graph(doc)))
    >>> len(fig.axes)
    1
    """
    import numpy as np
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    with house_style():
        fig = new_figure(12.0, source=bool(view.source))
        ax = fig.add_subplot()
        add_title_and_source(fig, clean_text(view.title), view.source or None)
        ax.set_axis_off()
        if view.subtitle:
            ax.set_title(clean_text(view.subtitle), loc="left", fontsize=FONT_SIZE, color="#555555")
        pos = {rec["id"]: (float(rec.get("x") or 0.0), -float(rec.get("y") or 0.0)) for rec in view.nodes}
        if not pos:
            ax.text(0.5, 0.5, concept("view.page.no_nodes"), ha="center", va="center", transform=ax.transAxes)
            return fig
        xy = np.array(list(pos.values()))
        span = float((xy.max(0) - xy.min(0)).max()) or 1.0
        segs, colors, widths, styles = [], [], [], []
        for e in view.edges:
            a, b = e.get("from"), e.get("to")
            if a not in pos or b not in pos:
                continue
            fill, _, alpha = _fill(e.get("color"), "#9A9A9A")
            segs.append([pos[a], pos[b]])
            colors.append(_rgba(fill, alpha * 0.7))
            widths.append(0.3 + 0.35 * float(e.get("width") or 1.0))
            styles.append((0, (3, 2)) if e.get("dashes") else "solid")
        if segs:
            ax.add_collection(LineCollection(segs, colors=colors, linewidths=widths, linestyles=styles, zorder=1))
        sizes = np.array([float(rec.get("size") or 8.0) for rec in view.nodes])
        scale = 1.0 / max(1.0, math.sqrt(len(view.nodes) / 60.0))
        area = (sizes * 0.9 * scale) ** 2  # scatter sizes, points²
        for shape in sorted({rec.get("shape", "dot") for rec in view.nodes}):
            recs = [(i, rec) for i, rec in enumerate(view.nodes) if rec.get("shape", "dot") == shape]
            fills = [_fill(rec.get("color")) for _, rec in recs]
            ax.scatter([pos[r["id"]][0] for _, r in recs], [pos[r["id"]][1] for _, r in recs],
                       s=[area[i] for i, _ in recs], marker=_MARKERS.get(shape, "o"),
                       c=[f[0] for f in fills], edgecolors=[f[1] for f in fills], linewidths=0.5, zorder=2)
        pad = 0.07 * span  # room for the markers and, at the top, for their labels
        ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
        ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + 1.8 * pad)
        units = sorted((i for i, rec in enumerate(view.nodes) if rec.get("xk") == "unit" and rec.get("label")),
                       key=lambda i: (-sizes[i], str(view.nodes[i]["label"])))[:label_top]
        texts = [ax.text(*pos[view.nodes[i]["id"]], clean_text(view.nodes[i]["label"]), ha="center", va="bottom",
                         fontsize=FONT_SIZE - 1, zorder=3, color="#111111",
                         bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.75)) for i in units]
        if texts:
            # labels moved off the nodes as well as off each other
            avoid = [(*pos[rec["id"]], math.sqrt(area[i]) / 2 * fig.dpi / 72.0) for i, rec in enumerate(view.nodes)]
            repel_labels(ax, texts, [pos[view.nodes[i]["id"]] for i in units], avoid=avoid)
        handles = []
        for it in (view.legend.get("nodes") or [])[:10]:
            handles.append(Line2D([], [], ls="", marker="s" if it.get("shape") == "square" else "o", ms=6,
                                  mfc=it.get("color", "#999999"), mec="white", label=clean_text(it.get("label", ""))))
        for it in (view.legend.get("edges") or [])[:4]:
            handles.append(Line2D([], [], color=it.get("color", "#999999"), lw=0.3 + 0.35 * float(it.get("width") or 1),
                                  ls="--" if it.get("dashes") else "-", label=clean_text(it.get("label", ""))))
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), handletextpad=0.3)
    return fig


def _rgba(color: str, alpha: float) -> tuple:
    from matplotlib.colors import to_rgba

    try:
        r, g, b, a = to_rgba(color)
    except ValueError:
        r, g, b, a = to_rgba("#999999")
    return (r, g, b, a * max(0.0, min(alpha, 1.0)))


# --------------------------------------------------------------------------- page

APP_CSS = """
html,body{margin:0;padding:0;background:#fff;color:#222;font-family:%(font)s;font-size:14px}
header{padding:8px 14px 4px 14px}
h1{font-size:18px;margin:0 0 2px 0;font-weight:600}
.xialu-sub,.xialu-source{color:#555;font-size:12px;margin:0}
.xialu-tools{margin:6px 0 2px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
#xialu-search{font:inherit;padding:3px 6px;width:16em;border:1px solid #aaa;border-radius:3px}
#xialu-go,#xialu-png{font:inherit;padding:3px 10px;border:1px solid #888;background:#f4f4f4;border-radius:3px;cursor:pointer}
#xialu-status{color:#555;font-size:12px}
#xialu-main{display:flex;gap:8px;padding:0 14px 10px 14px;align-items:flex-start}
#xialu-net{flex:1 1 auto;height:%(height)s;border:1px solid #ddd;position:relative;background:#fff}
#xialu-legend{flex:0 0 auto;min-width:150px;max-width:240px;max-height:%(height)s;overflow:auto;font-size:12px}
#xialu-legend h2{font-size:13px;margin:0 0 4px 0}
.xialu-legend-item{display:flex;align-items:center;gap:6px;margin:2px 0;unicode-bidi:isolate}
.xialu-swatch{display:inline-block;width:12px;height:12px;border-radius:50%%;flex:0 0 auto;border:1px solid #555}
.xialu-swatch.square{border-radius:1px}
.xialu-line{display:inline-block;width:26px;height:0;flex:0 0 auto}
div.vis-tooltip{white-space:normal;max-width:420px;font-family:%(font)s;font-size:12px;line-height:1.45;padding:6px 8px}
.xialu-tip-head{font-weight:600;font-size:13px;margin-bottom:2px}
.xialu-tip-row .k{color:#666;margin-right:4px}
.xialu-tip-row,.xialu-tip-head{unicode-bidi:isolate;overflow-wrap:anywhere}
"""

APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("xialu-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function tip(rows) {
    var box = el("div", "xialu-tip");
    for (var i = 0; i < rows.length; i++) {
      var line = el("div", i === 0 ? "xialu-tip-head" : "xialu-tip-row");
      if (rows[i][0]) { line.appendChild(el("span", "k", rows[i][0] + "：")); }
      line.appendChild(el("span", "v", rows[i][1]));
      box.appendChild(line);
    }
    return box;
  }
  function prep(items) {
    var out = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var o = Object.assign({}, items[i]);
      if (o.tip) { o.title = tip(o.tip); delete o.tip; }
      out[i] = o;
    }
    return out;
  }
  var nodes = new vis.DataSet(prep(data.nodes));
  var edges = new vis.DataSet(prep(data.edges));
  var container = document.getElementById("xialu-net");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.xialuNetwork = network;
  window.xialuDom = {el: el, tip: tip};  // for views that extend the page (PageExtension.js)
  network.once("afterDrawing", function () {
    window.xialuDrawnAt = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });
  if (!data.options.physics || !data.options.physics.enabled) {
    network.fit({animation: false});
  }

  // legend
  var legend = document.getElementById("xialu-legend");
  function legendBlock(title, items, edgeItems) {
    if (!items || !items.length) { return; }
    legend.appendChild(el("h2", null, title));
    for (var i = 0; i < items.length; i++) {
      var it = items[i], row = el("div", "xialu-legend-item"), sw;
      if (edgeItems) {
        sw = el("span", "xialu-line");
        sw.style.borderTop = it.width + "px " + (it.dashes ? "dashed " : "solid ") + it.color;
      } else {
        sw = el("span", "xialu-swatch" + (it.shape === "square" ? " square" : ""));
        sw.style.background = it.color;
      }
      row.appendChild(sw);
      row.appendChild(el("span", null, it.label));
      legend.appendChild(row);
    }
  }
  legendBlock(data.legend.nodes_title || data.ui.nodes, data.legend.nodes, false);
  legendBlock(data.legend.edges_title || data.ui.roles, data.legend.edges, true);
  if (data.legend.note) { legend.appendChild(el("p", "xialu-source", data.legend.note)); }

  // search
  var units = [];
  var list = document.getElementById("xialu-units");
  for (var i = 0; i < data.nodes.length; i++) {
    if (data.nodes[i].xk === "unit") {
      units.push(data.nodes[i]);
      var opt = document.createElement("option");
      opt.value = data.nodes[i].label;
      list.appendChild(opt);
    }
  }
  var status = document.getElementById("xialu-status");
  function find(q) {
    q = String(q || "").trim();
    if (!q) { status.textContent = ""; return null; }
    var hit = null, j;
    for (j = 0; j < units.length && !hit; j++) { if (units[j].label === q) { hit = units[j]; } }
    for (j = 0; j < units.length && !hit; j++) { if (units[j].label.indexOf(q) >= 0) { hit = units[j]; } }
    if (!hit) {
      network.unselectAll();
      status.textContent = data.ui.not_found + q;
      return null;
    }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: Math.max(network.getScale(), 1.2), animation: false});
    status.textContent = data.ui.found + hit.label;
    return hit.id;
  }
  window.xialuFind = find;
  var input = document.getElementById("xialu-search");
  document.getElementById("xialu-go").addEventListener("click", function () { find(input.value); });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(input.value); } });
  input.addEventListener("change", function () { find(input.value); });

  // save as PNG: the network canvas on white, downloaded from a data: URL (no fetch)
  function savePng() {
    var src = container.querySelector("canvas");
    if (!src) { return null; }
    var c = document.createElement("canvas");
    c.width = src.width;
    c.height = src.height;
    var g = c.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(src, 0, 0);
    var name = (document.title || "xialu-view").replace(/[\\\/:*?"<>|\s\u0000-\u001f]+/g, "_").slice(0, 80) + ".png";
    var a = document.createElement("a");
    a.href = c.toDataURL("image/png");
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    status.textContent = data.ui.saved + name;
    return name;
  }
  window.xialuSavePng = savePng;
  document.getElementById("xialu-png").addEventListener("click", savePng);
})();
"""


@dataclass
class PageExtension:
    """What a view that builds on :class:`NetworkView` adds to the page.

    Only package code makes these: ``css``, ``header_html``, ``aside_html`` and ``js`` are
    trusted markup and script; ``data`` (any JSON-able object, document text included) is
    embedded safely as ``<script type="application/json" id=data_id>``. The script is
    allowed by the page's Content-Security-Policy through its hash.
    """

    css: str = ""
    header_html: str = ""
    aside_html: str = ""
    data_id: str = ""
    data: object = None
    js: str = ""


def render_page(view: NetworkView, ext: Optional[PageExtension] = None) -> str:
    ext = ext or PageExtension()
    vis_js, vis_css = vis_assets()
    payload = {
        "nodes": view.nodes,
        "edges": view.edges,
        "options": view.options,
        "legend": view.legend,
        "ui": {k: concept(f"view.page.{k}") for k in ("not_found", "found", "saved")}
        | {"nodes": concept("view.legend.nodes"), "roles": concept("view.legend.roles")},
    }
    data_json = script_json(payload)
    app_js = APP_JS
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(vis_js)} {csp_hash(app_js)}{' ' + csp_hash(ext.js) if ext.js else ''}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
    )
    esc = lambda s: _html.escape(clean_text(s), quote=True)  # noqa: E731
    height = view.height if re.fullmatch(r"\d+(\.\d+)?(px|vh|em|rem|%)", view.height) else "750px"
    css = APP_CSS % {"font": FONT_FACE, "height": height}
    parts = [
        f"<!DOCTYPE html>\n<html lang=\"{'en' if current_language() == 'en' else 'zh-CN'}\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{esc(view.title)}</title>\n",
        f"<style>{vis_css}</style>\n<style>{css}{ext.css}</style>\n</head>\n<body>\n",
        "<header>\n",
        f'<h1 id="xialu-title">{esc(view.title)}</h1>\n',
        f'<p class="xialu-sub">{esc(view.subtitle)}</p>\n' if view.subtitle else "",
        f'<p class="xialu-source">{esc(view.source)}</p>\n' if view.source else "",
        '<div class="xialu-tools"><input id="xialu-search" type="search" list="xialu-units" '
        f'placeholder="{esc(concept("view.page.search"))}" aria-label="{esc(concept("view.page.search_label"))}" '
        'autocomplete="off"><datalist id="xialu-units"></datalist>'
        f'<button id="xialu-go" type="button">{esc(concept("view.page.find"))}</button>'
        f'<button id="xialu-png" type="button" title="{esc(concept("view.page.png_title"))}">{esc(concept("view.page.png"))}</button>'
        '<span id="xialu-status" role="status"></span></div>\n',
        ext.header_html,
        "</header>\n",
        f'<div id="xialu-main"><div id="xialu-net"></div><aside id="xialu-legend"></aside>{ext.aside_html}</div>\n',
        f'<script type="application/json" id="xialu-data">{data_json}</script>\n',
        f'<script type="application/json" id="{ext.data_id}">{script_json(ext.data)}</script>\n' if ext.data_id else "",
        f"<script>{vis_js}</script>\n",
        f"<script>{app_js}</script>\n",
        f"<script>{ext.js}</script>\n" if ext.js else "",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- records


def view_options(*, physics: bool, n_nodes: int, smooth: bool = False) -> dict:
    """vis-network options, starting from pyvis's Options."""
    from pyvis.options import Options

    o = Options()
    o.physics.enabled = bool(physics)
    o.edges.smooth.enabled = bool(smooth)
    o.edges.smooth.type = "continuous"
    o.interaction.hideEdgesOnDrag = n_nodes > 1500
    opts = json.loads(o.to_json())
    opts["edges"]["color"] = {"inherit": False}
    opts["interaction"].update(hover=True, tooltipDelay=150, navigationButtons=False, keyboard=False,
                               multiselect=False)
    opts["nodes"] = {"font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                     "borderWidth": 1}
    opts["layout"] = {"improvedLayout": False, "randomSeed": 0}
    if physics:
        opts["physics"].update(solver="barnesHut", stabilization={"enabled": True, "iterations": 1000, "fit": True})
    return opts


def node_record(n_id, label, *, shape, color, size, x, y, tip, xk, **extra) -> dict:
    from pyvis.node import Node

    rec = Node(n_id, shape, label, x=x, y=y, color=color, size=size, **extra).options
    rec["tip"] = tip
    rec["xk"] = xk
    return rec


def edge_record(i, a, b, *, tip, **style) -> dict:
    from pyvis.edge import Edge

    rec = Edge(a, b, id=f"e{i}", **style).options
    rec["tip"] = tip
    return rec

