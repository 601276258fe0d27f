"""Interactive network views: standalone, offline, safe HTML pages drawn with vis-network.

Three views of the unit–task graph (conventions in :mod:`xialu_graph.graph`):

* :func:`bipartite_view` — units and tasks, edges styled by role;
* :func:`cluster_view` — the unit co-responsibility network (:func:`~xialu_graph.project_units`)
  coloured by cluster and sized by load;
* :func:`ego_view` — one unit, its tasks and its partners.

Each returns a :class:`NetworkView`: ``.html()`` gives the page, ``.save(path)`` writes it
atomically, and in JupyterLab or VS Code the object displays itself inline (an
``<iframe srcdoc=…>``, so the notebook keeps working when moved).

How the page is built
---------------------
The node and edge records and the vis-network options are made with pyvis 0.3.2's
``Node``, ``Edge`` and ``Options`` classes, and the vis-network 9.1.2 script and style
sheet shipped inside the pyvis package are inlined. pyvis's own HTML template is *not*
used, because it links Bootstrap (and, in ``local`` mode, vis-network) from a CDN, inserts
the heading unescaped, and switches tooltips to ``innerHTML`` when a title contains
"href". Instead:

* **Offline** — every script and style is inside the file; the page references no URL
  (a Content-Security-Policy ``default-src 'none'`` forbids any fetch as a second guard).
* **Safe with hostile text** — document text (task text, unit names, titles, sections,
  cluster names) reaches the page only (a) HTML-escaped, in ``<title>`` and the heading, or
  (b) inside a JSON block whose ``<``, ``>``, ``&``, U+2028 and U+2029 are written as
  ``\\uXXXX`` escapes, so ``</script>`` or ``<!--`` cannot close it. The page script turns
  that JSON into tooltips, legend, search list and status messages with DOM text nodes
  (``textContent``; never ``innerHTML``). The CSP allows only the page's own scripts (by
  SHA-256 hash), so an injected inline script or ``onerror=`` handler would not run even if
  it reached the markup. Unicode bidirectional controls and other control characters in
  document text are shown as visible ``[U+202E]`` marks instead of reordering the text.
* **Drawn at once** — positions are computed in Python (deterministic for a given ``seed``)
  and physics is off by default, so the network is drawn on load without stabilisation.
  Pass ``physics=True`` to let vis-network move the nodes from there.

In the page, ``window.xialuNetwork`` is the ``vis.Network``, ``window.xialuDom`` holds the
page's DOM-text helpers (``el``, ``tip``) for extensions, and ``window.xialuFind(name)``
selects and focuses a unit (what the search box does).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
import hashlib
import html as _html
import json
import math
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

__all__ = [
    "NetworkView",
    "bipartite_view",
    "cluster_view",
    "ego_view",
    "KIND_COLORS",
    "ROLE_STYLES",
]

# Okabe–Ito, colour-blind safe.
KIND_COLORS = {
    "department": "#0072B2",
    "street_office": "#009E73",
    "vertical": "#E69F00",
    "enterprise": "#CC79A7",
    "task_force": "#D55E00",
    "collective": "#56B4E9",
    "other": "#999999",
}
KIND_LABELS = {
    "department": "部门",
    "street_office": "街道办事处",
    "vertical": "垂直管理单位",
    "enterprise": "企业",
    "task_force": "专班/指挥部",
    "collective": "集合称谓",
    "other": "其他",
}
TASK_COLOR = {"background": "#D9D9D9", "border": "#666666"}
CENTER_BORDER = "#000000"

ROLE_STYLES = {
    "lead": {"label": "牵头", "color": "#333333", "width": 2.5, "dashes": False},
    "responsible": {"label": "负责", "color": "#555555", "width": 2.0, "dashes": False},
    "support": {"label": "配合", "color": "#9A9A9A", "width": 1.0, "dashes": True},
}
"""Edge style per role: label shown in the legend and tooltips, colour, width, dashes."""

# Okabe–Ito then Paul Tol's muted palette; beyond that colours repeat with another shape.
CLUSTER_COLORS = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
]
CLUSTER_SHAPES = ["dot", "square", "triangle", "diamond", "star", "triangleDown"]
UNCLUSTERED_COLOR = "#BBBBBB"

FONT_FACE = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', sans-serif"

_MAX_TIP_TEXT = 600
_MAX_TIP_LIST = 40

# Bidi controls, zero-width marks and C0/C1 controls (tab and newline are kept in task text).
_UNSAFE_CHARS = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def _clean(value) -> str:
    """Document text as a plain str with invisible/bidi/control characters made visible."""
    if value is None:
        return ""
    s = str(value)
    return _UNSAFE_CHARS.sub(lambda m: f"[U+{ord(m.group()):04X}]", s)


def _short(s: str, n: int = _MAX_TIP_TEXT) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _cluster_label(c) -> str:
    """Cluster label as the figures and the report write it: integer ids count from 1 (群组1)."""
    if c is None:
        return "未归类"
    try:
        if float(c) == int(c) and int(c) >= 0:
            return f"群组{int(c) + 1}"
    except (TypeError, ValueError):
        pass
    return _clean(c)


def _join_list(items, n: int = _MAX_TIP_LIST) -> str:
    items = list(items)
    more = len(items) - n
    out = "、".join(items[:n])
    return out + (f" …(另 {more} 个)" if more > 0 else "")


def _script_json(obj) -> str:
    """JSON that is safe inside a <script> element: no <, >, & or line separators as such."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
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


# --------------------------------------------------------------------------- layout


def _fast_layout(nodes: list, edges: list, seed: int, iterations: int = 80):
    """Fruchterman–Reingold with a neighbour cut-off (k-d tree), O(n) per iteration.

    For graphs too large for :func:`networkx.spring_layout` (which is O(n²) per iteration).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    if edges:
        e = np.array([(index[a], index[b]) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    else:
        e = np.zeros((0, 2), dtype=np.int64)
    k, cutoff = 1.0, 3.0
    t = side / 8.0
    dt = t / (iterations + 1)
    center = np.array([side / 2, side / 2])
    def scatter(idx, f):
        return np.stack([np.bincount(idx, weights=f[:, 0], minlength=n),
                         np.bincount(idx, weights=f[:, 1], minlength=n)], axis=1)

    for _ in range(iterations):
        disp = (center - pos) * 0.02  # mild gravity keeps components together
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            d2 = np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-6)
            f = delta * (k * k / d2)[:, None]
            disp += scatter(i, f) - scatter(j, f)
        if len(e):
            delta = pos[e[:, 0]] - pos[e[:, 1]]
            d = np.sqrt(np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-6))
            f = delta * (d / k)[:, None]
            disp += scatter(e[:, 1], f) - scatter(e[:, 0], f)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, t)[:, None]
        t = max(t - dt, 0.01)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _component_layout(G, nodes: list, seed: int, weight) -> dict:
    """Layout of one connected component, in arbitrary units."""
    import networkx as nx

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0)}
    H = G.subgraph(nodes)
    if n <= 250:
        init = nx.spring_layout(H, seed=seed, weight=weight)
        return nx.kamada_kawai_layout(H, pos=init, weight=None)
    if n <= 600:
        return nx.spring_layout(H, seed=seed, weight=weight, k=1.6 / math.sqrt(n))
    return _fast_layout(nodes, list(H.edges), seed)


def _pack(parts: list) -> dict:
    """Shelf-pack component layouts (largest first) into one picture, in pixels."""
    boxes = []
    for pos in parts:
        n = len(pos)
        side = 90.0 * math.sqrt(n) if n > 2 else 90.0 * n
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        scaled = {v: ((p[0] - cx) / span * side, (p[1] - cy) / span * side) for v, p in pos.items()}
        boxes.append((side + 60.0, scaled))
    total = math.sqrt(sum(b[0] ** 2 for b in boxes))
    width = max(boxes[0][0], total * 1.15)
    out: dict = {}
    x = y = row_h = 0.0
    for size, scaled in boxes:
        if x > 0 and x + size > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v, (px, py) in scaled.items():
            out[v] = (round(x + size / 2 + px, 1), round(y + size / 2 + py, 1))
        x += size
        row_h = max(row_h, size)
    return out


def _layout(G, layout, seed: int, weight: Optional[str] = "weight") -> dict:
    """Positions in vis-network pixel coordinates, deterministic for a given seed."""
    import networkx as nx

    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if layout == "auto":
        order = {v: i for i, v in enumerate(nodes)}
        comps = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(G)),
                       key=lambda c: (-len(c), order[c[0]]))
        return _pack([_component_layout(G, c, seed, weight) for c in comps])
    if isinstance(layout, dict):
        pos = {v: tuple(layout[v]) for v in nodes}
    elif callable(layout):
        pos = {v: tuple(p) for v, p in layout(G).items()}
    elif layout == "spring":
        pos = nx.spring_layout(G, seed=seed, weight=weight, k=1.6 / math.sqrt(n))
    elif layout == "fast":
        pos = _fast_layout(nodes, list(G.edges), seed)
    elif layout == "kamada_kawai":
        pos = nx.kamada_kawai_layout(G, weight=weight)
    elif layout == "circular":
        pos = nx.circular_layout(G)
    elif layout == "bipartite":
        top = [v for v in nodes if G.nodes[v].get("bipartite") == 0]
        pos = nx.bipartite_layout(G, top, align="vertical") if top else nx.circular_layout(G)
    else:
        raise ValueError(f"unknown layout {layout!r}: use 'auto', 'spring', 'fast', 'kamada_kawai', "
                         "'circular', 'bipartite', a dict of positions or a callable")
    return _pack([pos])


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
    >>> view = bipartite_view(G)
    >>> view.n_nodes, "<script src" in view.html(), "<link" in view.html()
    (2, False, False)
    """

    def __init__(self, *, title: str, nodes: list, edges: list, options: dict, legend: dict,
                 subtitle: str = "", source: str = "", height: str = "750px", kind: str = "network"):
        self.title = title
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
        >>> page = view.html()  # doctest: +SKIP
        >>> page.startswith("<!DOCTYPE html>")  # doctest: +SKIP
        True
        """
        if self._html is None:
            self._html = _render_page(self)
        return self._html

    def save(self, path) -> Path:
        """Write the page to ``path`` atomically (temporary file, then ``os.replace``).

        Parent directories are created. Returns the path written.

        Examples
        --------
        >>> view.save("reports/views/bipartite.html")  # doctest: +SKIP
        PosixPath('reports/views/bipartite.html')
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.html().encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
        return path

    def _repr_html_(self) -> str:
        """Inline display in JupyterLab / VS Code: the page in a sandboxed ``srcdoc`` iframe."""
        page = _html.escape(self.html(), quote=True)
        h = self.height if re.fullmatch(r"\d+(\.\d+)?(px|vh|em|rem)", self.height) else "750px"
        total = f"calc({h} + 150px)"
        return (
            f'<iframe class="xialu-view" sandbox="allow-scripts" title="{_html.escape(self.title, quote=True)}" '
            f'style="width:100%;height:{total};border:1px solid #ddd" srcdoc="{page}"></iframe>'
        )

    def show(self) -> "NetworkView":
        """Display the view inline when running under IPython; returns the view.

        Examples
        --------
        >>> bipartite_view(G).show()  # doctest: +SKIP
        """
        try:
            from IPython.display import display
        except ImportError:  # pragma: no cover - IPython is a dependency of jupyterlab
            return self
        display(self)
        return self


# --------------------------------------------------------------------------- page

_APP_CSS = """
html,body{margin:0;padding:0;background:#fff;color:#222;font-family:%(font)s;font-size:14px}
header{padding:8px 14px 4px 14px}
h1{font-size:18px;margin:0 0 2px 0;font-weight:600}
.xialu-sub,.xialu-source{color:#555;font-size:12px;margin:0}
.xialu-tools{margin:6px 0 2px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
#xialu-search{font:inherit;padding:3px 6px;width:16em;border:1px solid #aaa;border-radius:3px}
#xialu-go{font:inherit;padding:3px 10px;border:1px solid #888;background:#f4f4f4;border-radius:3px;cursor:pointer}
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

_APP_JS = r"""
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
  legendBlock(data.legend.nodes_title || "节点", data.legend.nodes, false);
  legendBlock(data.legend.edges_title || "分工", data.legend.edges, true);
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
      status.textContent = "未找到单位：" + q;
      return null;
    }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: Math.max(network.getScale(), 1.2), animation: false});
    status.textContent = "已定位：" + hit.label;
    return hit.id;
  }
  window.xialuFind = find;
  var input = document.getElementById("xialu-search");
  document.getElementById("xialu-go").addEventListener("click", function () { find(input.value); });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(input.value); } });
  input.addEventListener("change", function () { find(input.value); });
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


def _render_page(view: NetworkView, ext: Optional[PageExtension] = None) -> str:
    ext = ext or PageExtension()
    vis_js, vis_css = _vis_assets()
    payload = {
        "nodes": view.nodes,
        "edges": view.edges,
        "options": view.options,
        "legend": view.legend,
    }
    data_json = _script_json(payload)
    app_js = _APP_JS
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}{' ' + _csp_hash(ext.js) if ext.js else ''}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
    )
    esc = lambda s: _html.escape(_clean(s), quote=True)  # noqa: E731
    height = view.height if re.fullmatch(r"\d+(\.\d+)?(px|vh|em|rem|%)", view.height) else "750px"
    css = _APP_CSS % {"font": FONT_FACE, "height": height}
    parts = [
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
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
        'placeholder="查找单位…" aria-label="查找单位" autocomplete="off">'
        '<datalist id="xialu-units"></datalist><button id="xialu-go" type="button">查找</button>'
        '<span id="xialu-status" role="status"></span></div>\n',
        ext.header_html,
        "</header>\n",
        f'<div id="xialu-main"><div id="xialu-net"></div><aside id="xialu-legend"></aside>{ext.aside_html}</div>\n',
        f'<script type="application/json" id="xialu-data">{data_json}</script>\n',
        f'<script type="application/json" id="{ext.data_id}">{_script_json(ext.data)}</script>\n' if ext.data_id else "",
        f"<script>{vis_js}</script>\n",
        f"<script>{app_js}</script>\n",
        f"<script>{ext.js}</script>\n" if ext.js else "",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- records


def _options(*, physics: bool, n_nodes: int, smooth: bool = False) -> dict:
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


def _node(n_id, label, *, shape, color, size, x, y, tip, xk, **extra) -> dict:
    from pyvis.node import Node

    rec = Node(n_id, shape, label, x=x, y=y, color=color, size=size, **extra).options
    rec["tip"] = tip
    rec["xk"] = xk
    return rec


def _edge(i, a, b, *, tip, **style) -> dict:
    from pyvis.edge import Edge

    rec = Edge(a, b, id=f"e{i}", **style).options
    rec["tip"] = tip
    return rec


def _unit_name(G, n) -> str:
    return _clean(G.nodes[n].get("label", str(n)[2:] if str(n).startswith("u:") else n))


def _task_label(G, t) -> str:
    d = G.nodes[t]
    return _clean(d.get("label") or f"任务{d.get('task_id', t)}")


def _task_tip(G, t) -> list:
    d = G.nodes[t]
    rows = [["", _task_label(G, t)]]
    sec = " ".join(x for x in (_clean(d.get("section_no", "")), _clean(d.get("section", ""))) if x)
    if sec:
        rows.append(["章节", sec])
    sub = _clean(d.get("subsection", ""))
    if sub:
        rows.append(["小节", sub])
    rows.append(["任务", _short(_clean(d.get("text", "")))])
    by_role: dict = {r: [] for r in ROLE_STYLES}
    for u in G[t]:
        role = G.edges[u, t].get("role", "responsible")
        by_role.setdefault(role, []).append(_unit_name(G, u))
    for role in ("lead", "responsible", "support"):
        if by_role.get(role):
            rows.append([ROLE_STYLES[role]["label"] + "单位", _join_list(by_role[role])])
    return rows


def _unit_tip(G, u) -> list:
    d = G.nodes[u]
    kind = d.get("kind", "other")
    counts = {r: 0 for r in ROLE_STYLES}
    tasks = []
    for t in G[u]:
        role = G.edges[u, t].get("role", "responsible")
        counts[role] = counts.get(role, 0) + 1
        tasks.append(_clean(G.nodes[t].get("task_id", str(t)[2:])))
    rows = [["", _unit_name(G, u)], ["类型", KIND_LABELS.get(kind, _clean(kind))]]
    rows.append(["任务数", f"{len(tasks)}（牵头 {counts['lead']} · 负责 {counts['responsible']} · 配合 {counts['support']}）"])
    if tasks:
        rows.append(["任务编号", _join_list(tasks)])
    return rows


def _edge_style(role: str) -> dict:
    st = ROLE_STYLES.get(role, ROLE_STYLES["responsible"])
    return {"color": st["color"], "width": st["width"], "dashes": st["dashes"]}


def _role_legend(roles) -> list:
    return [dict(label=f"{ROLE_STYLES[r]['label']} ({r})", color=ROLE_STYLES[r]["color"],
                 width=ROLE_STYLES[r]["width"], dashes=ROLE_STYLES[r]["dashes"]) for r in ROLE_STYLES if r in roles]


def _source_line(G) -> str:
    g = G.graph
    bits = [b for b in (_clean(g.get("title", "")), _clean(g.get("date", ""))) if b]
    return ("数据来源：" + "，".join(bits)) if bits else ""


def _unit_size(n_tasks: float, lo: float = 8, hi: float = 34, top: float = 1.0) -> float:
    if top <= 0:
        return lo
    return round(lo + (hi - lo) * math.sqrt(max(n_tasks, 0) / top), 1)


# --------------------------------------------------------------------------- views


def bipartite_view(G, *, title: Optional[str] = None, layout="auto", seed: int = 0, physics: bool = False,
                   height: str = "750px", task_labels: bool = True) -> NetworkView:
    """The bipartite unit–task network.

    Units are dots coloured by kind and sized by number of tasks; tasks are grey squares;
    edges are styled by role (lead solid and thick, responsible solid, support dashed).
    Hovering a task shows its number, section, text and units by role; hovering a unit shows
    its kind and tasks.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`xialu_graph.build_graph`.
    title : str, optional
        Page title; default ``"<G.graph['title']> · 单位—任务网络"``.
    layout : {"auto", "spring", "fast", "kamada_kawai", "circular", "bipartite"}, dict or callable
        How positions are computed in Python. ``"auto"`` lays out each connected component
        (Kamada–Kawai from a seeded spring start up to 250 nodes, ``networkx.spring_layout`` up
        to 600, a linear-time cut-off Fruchterman–Reingold above) and packs the components,
        largest first. The other names apply one networkx layout to the whole graph (``"fast"``
        is the cut-off Fruchterman–Reingold). A dict maps node → (x, y); a callable takes G and
        returns such a dict.
    seed : int, default 0
        Seed of the layout; the same graph and seed give the same page.
    physics : bool, default False
        Let vis-network simulate physics from the computed positions (the page then waits
        for stabilisation before drawing).
    height : str, default "750px"
        CSS height of the network area.
    task_labels : bool, default True
        Draw "任务N" under task squares.

    Returns
    -------
    NetworkView

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import bipartite_view
    >>> doc = xg.read_document("一、稳增长\\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局]\\n")
    >>> view = bipartite_view(xg.build_graph(doc))
    >>> view.n_nodes, view.n_edges
    (3, 2)
    >>> view.save("views/bipartite.html")  # doctest: +SKIP
    """
    pos = _layout(G, layout, seed)
    units = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 0]
    top = max((G.degree(u) for u in units), default=1)
    nodes, kinds = [], []
    for n, d in G.nodes(data=True):
        x, y = pos[n]
        if d.get("bipartite") == 0:
            kind = d.get("kind", "other")
            if kind not in kinds:
                kinds.append(kind)
            nodes.append(_node(str(n), _unit_name(G, n), shape="dot", color=KIND_COLORS.get(kind, KIND_COLORS["other"]),
                               size=_unit_size(G.degree(n), top=top), x=x, y=y, tip=_unit_tip(G, n), xk="unit"))
        else:
            nodes.append(_node(str(n), _task_label(G, n) if task_labels else "", shape="square", color=TASK_COLOR,
                               size=6, x=x, y=y, tip=_task_tip(G, n), xk="task", font={"size": 10, "color": "#555555"}))
    edges, roles = [], set()
    for i, (a, b, d) in enumerate(G.edges(data=True)):
        u, t = (a, b) if G.nodes[a].get("bipartite") == 0 else (b, a)
        role = d.get("role", "responsible")
        roles.add(role)
        tip = [["", f"{_unit_name(G, u)} — {_task_label(G, t)}"], ["分工", ROLE_STYLES.get(role, {}).get("label", _clean(role))]]
        edges.append(_edge(i, str(u), str(t), tip=tip, **_edge_style(role)))
    legend = {
        "nodes_title": "节点",
        "nodes": [dict(label=KIND_LABELS.get(k, _clean(k)), color=KIND_COLORS.get(k, KIND_COLORS["other"]), shape="dot")
                  for k in KIND_COLORS if k in kinds]
        + [dict(label="任务", color=TASK_COLOR["background"], shape="square")],
        "edges_title": "分工",
        "edges": _role_legend(roles),
        "note": "单位大小：任务数",
    }
    n_units, n_tasks = len(units), G.number_of_nodes() - len(units)
    gt = _clean(G.graph.get("title", ""))
    return NetworkView(
        title=title if title is not None else (f"{gt} · 单位—任务网络" if gt else "单位—任务网络"),
        subtitle=f"{n_units} 个单位 · {n_tasks} 项任务 · {G.number_of_edges()} 条分工",
        source=_source_line(G), nodes=nodes, edges=edges,
        options=_options(physics=physics, n_nodes=G.number_of_nodes()), legend=legend, height=height, kind="bipartite",
    )


def _column_map(df, value_col: str, what: str) -> dict:
    """{unit label or node id: value} from a DataFrame with columns unit, <value_col> (or a mapping)."""
    if df is None:
        return {}
    if isinstance(df, dict):
        return dict(df)
    cols = list(getattr(df, "columns", []))
    if "unit" not in cols or value_col not in cols:
        raise ValueError(f"{what} needs columns 'unit' and '{value_col}', got {cols}")
    return dict(zip(df["unit"], df[value_col]))


def _lookup(m: dict, G, n):
    label = G.nodes[n].get("label")
    if label in m:
        return m[label]
    return m.get(n)


def cluster_view(P, clusters_df=None, load_df=None, *, title: Optional[str] = None, layout="auto", seed: int = 0,
                 physics: bool = False, height: str = "750px", weight: str = "weight") -> NetworkView:
    """The unit co-responsibility network, coloured by cluster and sized by load.

    Parameters
    ----------
    P : networkx.Graph
        Unit projection from :func:`xialu_graph.project_units` (unit nodes ``"u:<name>"`` with
        ``label`` and ``kind``; edges with ``weight`` and ``shared``).
    clusters_df : pandas.DataFrame or dict, optional
        Columns ``unit`` and ``cluster``, e.g. from
        :func:`xialu_graph.metrics.clusters.co_responsibility_clusters`. ``unit`` holds the
        canonical unit name, i.e. the node's ``label`` (node ids ``"u:<name>"`` are accepted
        too). A dict unit → cluster works as well. Units not listed are drawn grey as
        "未归类". Default: Louvain communities of ``P`` (``networkx.community.louvain_communities``
        with ``seed``), numbered largest first.
    load_df : pandas.DataFrame or dict, optional
        Columns ``unit`` and ``weighted_load`` (e.g. from
        :func:`xialu_graph.metrics.load.unit_load`), ``unit`` as in ``clusters_df``. Default:
        the node attribute ``weighted_load`` if present, else the unit's strength in ``P``
        (sum of edge weights).
    title : str, optional
        Page title; default ``"<P.graph['title']> · 协同网络"``.
    layout, seed, physics, height
        As in :func:`bipartite_view`.
    weight : str, default "weight"
        Edge attribute used for edge widths, the layout and the default load.

    Returns
    -------
    NetworkView

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import cluster_view
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局、区科信局]\\n")
    >>> P = xg.project_units(xg.build_graph(doc))
    >>> view = cluster_view(P, clusters_df={"区发改局": 0, "区财政局": 0, "区科信局": 1})
    >>> view.n_nodes, view.n_edges
    (3, 3)
    """
    import networkx as nx

    cmap = _column_map(clusters_df, "cluster", "clusters_df")
    lmap = _column_map(load_df, "weighted_load", "load_df")
    if clusters_df is None and P.number_of_nodes():
        comms = nx.community.louvain_communities(P, weight=weight, seed=seed)
        comms = sorted((sorted(c, key=str) for c in comms), key=lambda c: (-len(c), str(c[0])))
        cmap = {n: i for i, c in enumerate(comms) for n in c}
    pos = _layout(P, layout, seed, weight=weight)
    strength = dict(P.degree(weight=weight))

    def load_of(n):
        v = _lookup(lmap, P, n) if lmap else None
        if v is None:
            v = P.nodes[n].get("weighted_load")
        if v is None:
            v = strength.get(n, 0.0)
        try:
            return float(v)
        except (TypeError, ValueError):
            return 0.0

    loads = {n: load_of(n) for n in P.nodes}
    top = max(loads.values(), default=1.0) or 1.0
    clusters = {}
    for n in P.nodes:
        c = _lookup(cmap, P, n)
        if c is not None and not (isinstance(c, float) and math.isnan(c)):
            clusters[n] = c
    order = sorted(set(clusters.values()), key=lambda c: (0, c) if isinstance(c, (int, float)) else (1, str(c)))
    style = {c: (CLUSTER_COLORS[i % len(CLUSTER_COLORS)], CLUSTER_SHAPES[(i // len(CLUSTER_COLORS)) % len(CLUSTER_SHAPES)])
             for i, c in enumerate(order)}
    maxw = max((d.get(weight, 1.0) for _, _, d in P.edges(data=True)), default=1.0) or 1.0
    nodes = []
    for n, d in P.nodes(data=True):
        x, y = pos[n]
        c = clusters.get(n)
        color, shape = style.get(c, (UNCLUSTERED_COLOR, "dot"))
        partners = sorted(P[n], key=lambda m: (-P.edges[n, m].get(weight, 0), str(m)))
        tip = [["", _unit_name(P, n)],
               ["类型", KIND_LABELS.get(d.get("kind", "other"), _clean(d.get("kind", "")))],
               ["群组", _cluster_label(c)],
               ["加权负荷", f"{loads[n]:g}"],
               ["协作单位数", str(len(partners))]]
        if partners:
            tip.append(["主要协作", _join_list([f"{_unit_name(P, m)}({P.edges[n, m].get('shared', P.edges[n, m].get(weight, ''))})"
                                             for m in partners], 8)])
        nodes.append(_node(str(n), _unit_name(P, n), shape=shape, color=color, size=_unit_size(loads[n], 8, 40, top),
                           x=x, y=y, tip=tip, xk="unit"))
    edges = []
    for i, (a, b, d) in enumerate(P.edges(data=True)):
        w = d.get(weight, 1.0)
        tip = [["", f"{_unit_name(P, a)} — {_unit_name(P, b)}"], ["共同任务", str(d.get("shared", ""))],
               ["权重", f"{w:g}" if isinstance(w, (int, float)) else _clean(w)]]
        edges.append(_edge(i, str(a), str(b), tip=tip, color={"color": "#9A9A9A", "opacity": 0.6},
                           width=round(0.5 + 5.5 * (float(w) / maxw), 2)))
    legend = {
        "nodes_title": "群组",
        "nodes": [dict(label=_cluster_label(c), color=style[c][0], shape="square" if style[c][1] == "square" else "dot")
                  for c in order]
        + ([dict(label=_cluster_label(None), color=UNCLUSTERED_COLOR, shape="dot")] if len(clusters) < P.number_of_nodes() else []),
        "edges_title": "连线",
        "edges": [dict(label="共同任务（粗细=权重）", color="#9A9A9A", width=2, dashes=False)],
        "note": "节点大小：加权负荷" + ("" if load_df is not None else "（未给出时为协作强度）"),
    }
    gt = _clean(P.graph.get("title", ""))
    return NetworkView(
        title=title if title is not None else (f"{gt} · 协同网络" if gt else "单位协同网络"),
        subtitle=f"{P.number_of_nodes()} 个单位 · {P.number_of_edges()} 对协作 · {len(order)} 个群组",
        source=_source_line(P), nodes=nodes, edges=edges,
        options=_options(physics=physics, n_nodes=P.number_of_nodes()), legend=legend, height=height, kind="cluster",
    )


def _resolve_unit(G, unit) -> str:
    import difflib

    if unit in G and G.nodes[unit].get("bipartite") == 0:
        return unit
    cand = "u:" + str(unit)
    if cand in G and G.nodes[cand].get("bipartite") == 0:
        return cand
    for n, d in G.nodes(data=True):
        if d.get("bipartite") == 0 and d.get("label") == unit:
            return n
    names = [d.get("label", "") for _, d in G.nodes(data=True) if d.get("bipartite") == 0]
    close = difflib.get_close_matches(str(unit), names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no unit {unit!r} in the graph{hint}")


def ego_view(G, unit, *, title: Optional[str] = None, seed: int = 0, physics: bool = False,
             height: str = "700px") -> NetworkView:
    """The ego network of one unit: the unit, its tasks, and its partners on those tasks.

    The unit sits at the centre, its tasks on an inner ring (by task order), its partners on
    an outer ring placed near their tasks. Edges are styled by role, as in
    :func:`bipartite_view`.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`xialu_graph.build_graph`.
    unit : str
        Canonical unit name (the node ``label``) or node id ``"u:<name>"``.
    title : str, optional
        Page title; default ``"<unit> 的任务与协作单位"``.
    seed : int, default 0
        Unused by the radial layout except to break ties; kept for symmetry.
    physics, height
        As in :func:`bipartite_view`.

    Returns
    -------
    NetworkView

    Raises
    ------
    KeyError
        When the unit is not in the graph (the message suggests close names).

    Examples
    --------
    >>> import xialu_graph as xg
    >>> from xialu_graph.viz.interactive import ego_view
    >>> doc = xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n2、丙。[责任单位:区财政局]\\n")
    >>> ego_view(xg.build_graph(doc), "区发改局").n_nodes
    3
    """
    center = _resolve_unit(G, unit)
    tasks = sorted(G[center], key=lambda t: list(G.nodes).index(t))
    partners = []
    for t in tasks:
        for u in G[t]:
            if u != center and u not in partners:
                partners.append(u)
    H = G.subgraph([center, *tasks, *partners])
    # radial layout
    nt, npart = len(tasks), len(partners)
    r1 = max(220.0, 28.0 * nt / (2 * math.pi) * 2.2)
    r2 = max(r1 + 220.0, 34.0 * npart / (2 * math.pi) * 2.2)
    pos = {center: (0.0, 0.0)}
    angle = {}
    for i, t in enumerate(tasks):
        a = 2 * math.pi * i / max(nt, 1) - math.pi / 2
        angle[t] = a
        pos[t] = (round(r1 * math.cos(a), 1), round(r1 * math.sin(a), 1))

    def bary(u):
        ts = [t for t in G[u] if t in angle]  # G, not the subgraph view: its order follows a set
        sx = sum(math.cos(angle[t]) for t in ts)
        sy = sum(math.sin(angle[t]) for t in ts)
        return math.atan2(sy, sx) if (sx or sy) else 0.0

    ordered = sorted(partners, key=lambda u: (bary(u), str(u)))
    start = bary(ordered[0]) if ordered else 0.0
    for i, u in enumerate(ordered):
        a = start + 2 * math.pi * i / npart
        pos[u] = (round(r2 * math.cos(a), 1), round(r2 * math.sin(a), 1))
    top = max((G.degree(u) for u in [center, *partners]), default=1)
    nodes, kinds = [], []
    for n in [center, *tasks, *partners]:
        d = G.nodes[n]
        x, y = pos[n]
        if d.get("bipartite") == 0:
            kind = d.get("kind", "other")
            if kind not in kinds:
                kinds.append(kind)
            extra = {"borderWidth": 4, "color": {"background": KIND_COLORS.get(kind, KIND_COLORS["other"]), "border": CENTER_BORDER},
                     "font": {"size": 18, "bold": True}} if n == center else {}
            color = extra.pop("color", KIND_COLORS.get(kind, KIND_COLORS["other"]))
            nodes.append(_node(str(n), _unit_name(G, n), shape="dot", color=color,
                               size=_unit_size(G.degree(n), top=top) + (6 if n == center else 0), x=x, y=y,
                               tip=_unit_tip(G, n), xk="unit", **extra))
        else:
            nodes.append(_node(str(n), _task_label(G, n), shape="square", color=TASK_COLOR, size=7, x=x, y=y,
                               tip=_task_tip(G, n), xk="task", font={"size": 11, "color": "#444444"}))
    edges, roles = [], set()
    # edges in a fixed order (a subgraph view iterates its nodes from a set: hash-seed dependent)
    rank = {n: i for i, n in enumerate([center, *tasks, *partners])}
    h_edges = sorted(H.edges(data=True), key=lambda e: sorted((rank[e[0]], rank[e[1]])))
    for i, (a, b, d) in enumerate(h_edges):
        u, t = (a, b) if G.nodes[a].get("bipartite") == 0 else (b, a)
        role = d.get("role", "responsible")
        roles.add(role)
        style = _edge_style(role)
        if u != center:
            style["color"] = {"color": style["color"], "opacity": 0.45}
        tip = [["", f"{_unit_name(G, u)} — {_task_label(G, t)}"], ["分工", ROLE_STYLES.get(role, {}).get("label", _clean(role))]]
        edges.append(_edge(i, str(u), str(t), tip=tip, **style))
    name = _unit_name(G, center)
    legend = {
        "nodes_title": "节点",
        "nodes": [dict(label=KIND_LABELS.get(k, _clean(k)), color=KIND_COLORS.get(k, KIND_COLORS["other"]), shape="dot")
                  for k in KIND_COLORS if k in kinds] + [dict(label="任务", color=TASK_COLOR["background"], shape="square")],
        "edges_title": "分工",
        "edges": _role_legend(roles),
        "note": "中心（黑框）：" + name,
    }
    return NetworkView(
        title=title if title is not None else f"{name} 的任务与协作单位",
        subtitle=f"{nt} 项任务 · {npart} 个协作单位",
        source=_source_line(G), nodes=nodes, edges=edges,
        options=_options(physics=physics, n_nodes=H.number_of_nodes()), legend=legend, height=height, kind="ego",
    )
