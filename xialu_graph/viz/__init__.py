"""Figures and views of the unit–task graph.

Submodules (import them explicitly; nothing heavy is imported here):

* :mod:`xialu_graph.viz.fonts` — ``ensure_cjk_font()``: a CJK font matplotlib can render and
  embed, from the system or the bundled OFL fallback.
* :mod:`xialu_graph.viz.style` — house style (16 cm wide, 9–10 pt, Okabe–Ito palette, source
  line) and ``save_figure`` (deterministic, atomic 300-dpi PNG, SVG, PDF).
* :mod:`xialu_graph.viz.figures` — the briefing figures.
* :mod:`xialu_graph.viz.interactive` — pyvis views.
"""
