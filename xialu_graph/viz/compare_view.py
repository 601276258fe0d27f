"""An interactive, self-contained HTML view of the co-responsibility network in which the
editions can be switched (buttons, or the ← → keys).

Built on the page machinery of :mod:`xialu_graph.viz.interactive`: the vis-network records
(pyvis ``Node``/``Edge``/``Options``), the inlined vis-network assets, the escaped JSON block
(``<``, ``>``, ``&``, U+2028/9 written as ``\\uXXXX``), the hash-based Content-Security-Policy
and the text-only tooltips. :class:`CompareView` is a :class:`~xialu_graph.viz.interactive.NetworkView`
whose page adds an edition switcher: every unit of any edition is one node at one position
(:func:`xialu_graph.viz.compare_figures.shared_layout`); switching an edition recolours,
resizes and re-labels the nodes and shows only that edition's edges; units absent from it are
drawn as faint grey dots. A side table lists the heaviest units of the edition with the change
from the previous one. The page references no URL.
"""

from __future__ import annotations

import html
from typing import Optional

from . import page as _page
from ..glossary import concept, header, phrase, use_language
from ..graph import project_units
from ..graph import is_collective
from .compare_figures import shared_layout
from .figures import cluster_color

__all__ = ["CompareView", "compare_view"]

_SWITCH_CSS = """
#xialu-editions{display:flex;gap:4px;flex-wrap:wrap;margin:4px 0}
#xialu-editions button{font:inherit;padding:3px 10px;border:1px solid #888;background:#f4f4f4;border-radius:3px;cursor:pointer}
#xialu-editions button[aria-pressed=true]{background:#0072B2;color:#fff;border-color:#0072B2}
#xialu-edinfo{color:#555;font-size:12px;margin:2px 0}
#xialu-table{border-collapse:collapse;font-size:12px;margin-top:8px}
#xialu-table td,#xialu-table th{border-bottom:1px solid #eee;padding:1px 4px;text-align:left;unicode-bidi:isolate}
"""

_SWITCH_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("xialu-editions-data").textContent);
  var net = window.xialuNetwork;
  var nodes = net.body.data.nodes, edges = net.body.data.edges;
  var el = window.xialuDom.el, tip = window.xialuDom.tip;  // DOM text only, from the base page
  var bar = document.getElementById("xialu-editions");
  var info = document.getElementById("xialu-edinfo");
  var table = document.getElementById("xialu-table");
  var buttons = [];
  var current = -1;
  function show(k) {
    if (k < 0 || k >= data.editions.length) { return; }
    current = k;
    var ed = data.editions[k], nu = [], eu = [], id;
    for (var i = 0; i < data.unit_ids.length; i++) {
      id = data.unit_ids[i];
      var s = ed.units[id];
      if (s) {
        nu.push({id: id, label: data.names[id], color: s.color, size: s.size, title: tip(s.tip),
                 font: {color: "#222222"}});
      } else {
        nu.push({id: id, label: data.names[id], color: "#E4E4E4", size: 5,
                 title: tip([["", data.names[id]], ["", data.absent]]), font: {color: "#C8C8C8"}});
      }
    }
    nodes.update(nu);
    for (var j = 0; j < data.edge_ids.length; j++) {
      id = data.edge_ids[j];
      var w = ed.edges[id];
      eu.push(w ? {id: id, hidden: false, width: w} : {id: id, hidden: true});
    }
    edges.update(eu);
    for (var b = 0; b < buttons.length; b++) { buttons[b].setAttribute("aria-pressed", b === k ? "true" : "false"); }
    info.textContent = ed.info;
    while (table.firstChild) { table.removeChild(table.firstChild); }
    var head = el("tr");
    for (var h = 0; h < data.table_head.length; h++) { head.appendChild(el("th", null, data.table_head[h])); }
    table.appendChild(head);
    for (var r = 0; r < ed.table.length; r++) {
      var tr = el("tr");
      for (var c = 0; c < ed.table[r].length; c++) { tr.appendChild(el("td", null, ed.table[r][c])); }
      table.appendChild(tr);
    }
    document.body.setAttribute("data-edition", ed.label);
  }
  for (var k = 0; k < data.editions.length; k++) {
    var btn = el("button", null, data.editions[k].label);
    btn.type = "button";
    btn.addEventListener("click", (function (kk) { return function () { show(kk); }; })(k));
    bar.appendChild(btn);
    buttons.push(btn);
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.target && ev.target.tagName === "INPUT") { return; }
    if (ev.key === "ArrowRight") { show(Math.min(current + 1, data.editions.length - 1)); }
    if (ev.key === "ArrowLeft") { show(Math.max(current - 1, 0)); }
  });
  window.xialuShowEdition = function (label) {
    for (var i = 0; i < data.editions.length; i++) { if (data.editions[i].label === label) { show(i); return true; } }
    return false;
  };
  show(data.editions.length - 1);
})();
"""


class CompareView(_page.NetworkView):
    """A :class:`~xialu_graph.viz.interactive.NetworkView` with an edition switcher.

    ``editions`` holds, per edition, the style of each unit present (colour, size, tooltip)
    and the width of each edge present; see :func:`compare_view`.
    """

    def __init__(self, *, editions: dict, **kw):
        super().__init__(**kw)
        self.editions = editions

    def html(self) -> str:
        if self._html is None:
            with use_language(self.lang):
                self._html = self._render()
        return self._html

    def _render(self) -> str:
        label = html.escape(concept("view.editions"), quote=True)
        return _page.render_page(self, _page.PageExtension(
                css=_SWITCH_CSS,
                header_html=f'<div id="xialu-editions" role="toolbar" aria-label="{label}"></div><p id="xialu-edinfo"></p>\n',
                aside_html='<aside><table id="xialu-table"></table></aside>',
                data_id="xialu-editions-data",
                data=self.editions,
                js=_SWITCH_JS,
            ))


def compare_view(graphs: dict, *, clusters: Optional[dict] = None, loads=None, truncated: Optional[dict] = None,
                 seed: int = 0, title: Optional[str] = None, height: str = "680px", top: int = 15) -> CompareView:
    """Interactive co-responsibility network whose editions can be switched.

    Parameters
    ----------
    graphs : dict
        label → bipartite graph (:func:`xialu_graph.build_graph`), in edition order.
    clusters : dict, optional
        label → cluster table (unit, cluster): node colours per edition.
    loads : DataFrame, optional
        :func:`xialu_graph.compare.unit_loads` table (label, unit, weighted_load, rank);
        default: number of tasks.
    truncated : dict, optional
        label → whether the edition is an excerpt (said in the edition line).
    seed : int
        Layout seed (same positions as :func:`~xialu_graph.viz.compare_figures.network_small_multiples`).
    title, height
        Page title (escaped; default 协同网络：按版本切换, in the current language) and network height.
    top : int
        Rows of the side table.

    Returns
    -------
    CompareView
        ``.html()``, ``.save(path)``; inline display in notebooks.

    Examples
    --------
    >>> import xialu_graph as xg
    >>> G = xg.build_graph(xg.read_document("一、甲\\n1、乙。[牵头单位:区发改局;责任单位:区财政局]\\n"))
    >>> v = compare_view({"A": G, "B": G})
    >>> v.n_nodes, "xialu-editions-data" in v.html()
    (2, True)
    """

    truncated = truncated or {}
    pos = shared_layout(graphs, seed=seed)
    scale = 600.0
    names = sorted(pos)
    ids = {u: f"u{i}" for i, u in enumerate(names)}
    edge_ids: dict = {}
    editions = []
    prev_load: dict = {}
    for lab, G in graphs.items():
        units = [u for u, d in G.nodes(data=True) if d.get("bipartite") == 0 and not is_collective(G, u)]
        P = project_units(G, nodes=units)
        nm = {u: P.nodes[u].get("label", u) for u in P.nodes}
        if loads is not None:
            sub = loads[loads["label"] == lab]
            lmap = dict(zip(sub["unit"], sub["weighted_load"].astype(float)))
            rmap = dict(zip(sub["unit"], sub["rank"])) if "rank" in sub.columns else {}
        else:
            lmap = {nm[u]: float(G.degree(u)) for u in P.nodes}
            rmap = {}
        cmap = dict(zip(clusters[lab]["unit"], clusters[lab]["cluster"])) if clusters and lab in clusters else {}
        top_load = max(lmap.values(), default=1.0) or 1.0
        ed_units = {}
        for u in sorted(nm.values()):
            ld = lmap.get(u, 0.0)
            rows = [["", _page.clean_text(u)], [concept("view.tip.edition"), _page.clean_text(lab)],
                    [concept("view.tip.load"), f"{ld:g}"]]
            if u in rmap and rmap[u] == rmap[u]:
                rows.append([concept("view.tip.rank"), str(int(rmap[u]))])
            if u in cmap:
                rows.append([concept("view.tip.cluster"), phrase("view.cluster", n=int(cmap[u]))
                             if str(cmap[u]).lstrip("-").isdigit() and int(cmap[u]) >= 1 else str(cmap[u])])
            if prev_load:
                rows.append([concept("view.tip.change"), f"{ld - prev_load[u]:+g}" if u in prev_load else concept("view.tip.new")])
            ed_units[ids[u]] = {"color": cluster_color(cmap.get(u)), "size": round(8 + 30 * ld / top_load, 2), "tip": rows}
        ed_edges = {}
        maxw = max((d.get("weight", 1.0) for _, _, d in P.edges(data=True)), default=1.0) or 1.0
        for a, b, d in P.edges(data=True):
            x, y = sorted((nm[a], nm[b]))
            key = edge_ids.setdefault((x, y), f"e{len(edge_ids)}")
            ed_edges[key] = round(0.5 + 5.5 * d.get("weight", 1.0) / maxw, 2)
        ranked = sorted(lmap, key=lambda u: (-lmap[u], u))[:top]
        table = []
        for u in ranked:
            ch = (f"{lmap[u] - prev_load[u]:+g}" if u in prev_load else concept("view.tip.new_short")) if prev_load else ""
            table.append([_page.clean_text(u), f"{lmap[u]:g}", ch])
        n_tasks = sum(1 for _, d in G.nodes(data=True) if d.get("bipartite") == 1)
        info = (phrase("view.sub.edition", label=lab, tasks=n_tasks, units=len(nm))
                + (concept("view.sub.edition_excerpt") if truncated.get(lab) else ""))
        editions.append({"label": _page.clean_text(lab), "info": _page.clean_text(info), "units": ed_units, "edges": ed_edges, "table": table})
        prev_load = lmap
    nodes = [
        _page.node_record(ids[u], _page.clean_text(u), shape="dot", color="#BBBBBB", size=8, x=round(pos[u][0] * scale, 2),
                  y=round(-pos[u][1] * scale, 2), tip=[["", _page.clean_text(u)]], xk="unit")
        for u in names
    ]
    edges = [
        _page.edge_record(int(eid[1:]), ids[a], ids[b], tip=[["", f"{_page.clean_text(a)} — {_page.clean_text(b)}"]],
                  color={"color": "#9A9A9A", "opacity": 0.6}, width=1.0, hidden=True)
        for (a, b), eid in sorted(edge_ids.items(), key=lambda kv: int(kv[1][1:]))
    ]
    for e, eid in zip(edges, sorted(edge_ids.values(), key=lambda s: int(s[1:]))):
        e["id"] = eid
    payload = {
        "editions": editions,
        "unit_ids": [ids[u] for u in names],
        "edge_ids": sorted(edge_ids.values(), key=lambda s: int(s[1:])),
        "names": {ids[u]: _page.clean_text(u) for u in names},
        "absent": concept("view.absent"),
        "table_head": [header("unit"), header("weighted_load"), concept("view.tip.change")],
    }
    legend = {
        "nodes_title": concept("view.legend.nodes"),
        "nodes": [dict(label=concept("view.legend.edition_colour"), color=cluster_color(0), shape="dot"),
                  dict(label=concept("view.legend.edition_absent"), color="#E4E4E4", shape="dot")],
        "edges_title": concept("view.legend.ties"),
        "edges": [dict(label=concept("view.legend.shared"), color="#9A9A9A", width=2, dashes=False)],
        "note": concept("view.legend.edition_note"),
    }
    return CompareView(
        editions=payload, title=title if title is not None else concept("view.title.compare"), subtitle=" · ".join(_page.clean_text(x) for x in graphs),
        source="", nodes=nodes, edges=edges, options=_page.view_options(physics=False, n_nodes=len(nodes)),
        legend=legend, height=height, kind="compare",
    )
