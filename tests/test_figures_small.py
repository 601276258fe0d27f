"""Figures that hold on a small document (issue 14 item 6): the load ranking of a 3-task document has
whole-number ticks on its count axis, the weighted load written right at each bar's end, and no
text overlapping another or leaving the canvas — measured on the drawn text bounding boxes."""

from __future__ import annotations

import itertools

import pytest

import xialu_graph as xg
from xialu_graph.analysis import analyse
from xialu_graph.glossary import use_language
from xialu_graph.viz import figures as F

SMALL = ("一、稳增长\n1、抓项目。[牵头单位:区发改局;配合单位:区财政局]\n"
         "2、保就业。[牵头单位:区人社局;配合单位:区财政局、区发改局]\n3、优环境。[责任单位:区市场监管局]\n")


@pytest.fixture(scope="module")
def small():
    doc = xg.read_document(SMALL)
    assert len(doc.tasks) == 3
    return doc, analyse(doc, n_boot=20)


def _texts(fig):
    """(text, bounding box) of every drawn, non-empty text; tick labels outside the view are not drawn."""
    from matplotlib.text import Text

    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    hidden = {id(lab) for tick, lab in zip(ax.get_xticks(), ax.get_xticklabels()) if not lo <= tick <= hi}
    out = [(t, t.get_window_extent(r)) for t in fig.findobj(Text)
           if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
    return out, r


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_load_ranking_small_document(small, lang):
    doc, data = small
    with use_language(lang):
        fig = F.plot_load_ranking(data.load, source=doc)
    texts, r = _texts(fig)
    ax = fig.axes[0]
    # integer ticks on the count axis, all of them drawn
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    lo, hi = ax.get_xlim()
    drawn = [lab.get_text() for tick, lab in zip(ax.get_xticks(), ax.get_xticklabels()) if lo <= tick <= hi]
    assert drawn == [str(int(t)) for t in ticks]
    # each bar's value label sits within 6 pt of the bar's end and inside the axes
    labels = fig._xialu_value_labels
    ranked = data.load[data.load["ranked"].astype(bool)]
    assert len(labels) == len(ranked)
    axbox = ax.get_window_extent(r)
    pt = fig.dpi / 72
    bars_end = {}
    for p in ax.patches:
        bb = p.get_window_extent(r)
        key = round((bb.y0 + bb.y1) / 2)
        bars_end[key] = max(bars_end.get(key, 0), bb.x1)
    for lab in labels:
        bb = lab.get_window_extent(r)
        end = bars_end[min(bars_end, key=lambda k: abs(k - (bb.y0 + bb.y1) / 2))]
        assert 0 <= bb.x0 - end <= 6 * pt, (lab.get_text(), bb.x0 - end)
        assert bb.x1 <= axbox.x1 + 0.5, lab.get_text()
    # no two texts overlap, and every text is inside the canvas
    canvas = fig.bbox
    for t, b in texts:
        assert b.x0 >= canvas.x0 - 0.5 and b.x1 <= canvas.x1 + 0.5 and b.y0 >= canvas.y0 - 0.5 and b.y1 <= canvas.y1 + 0.5, t.get_text()
    for (t1, b1), (t2, b2) in itertools.combinations(texts, 2):
        assert not b1.overlaps(b2), (t1.get_text(), t2.get_text())
    # the bar-end note is part of the axis label, not a loose text that can overlap the ticks
    assert ("加权工作量" if lang == "zh" else "weighted load") in ax.get_xlabel()


def _many_sections(n: int) -> str:
    """A document of ``n`` sections with long titles, one task each."""
    digits = "一二三四五六七八九"
    nums = [digits[i - 1] if i < 10 else "十" + (digits[i - 11] if i > 10 else "") for i in range(1, n + 1)]
    return "".join(f"{no}、全力推进第{i}部分的重点改革创新发展工作\n"
                   f"{i}、抓落实。[牵头单位:区发改局;配合单位:区财政局]\n" for i, no in enumerate(nums, 1))


@pytest.mark.parametrize("case", ["seed", "small", "many"])
def test_heatmap_section_labels_in_full(seed_doc, small, case):
    """Section labels are whole (wrapped, never cut with "…"), inside the canvas, overlapping nothing."""
    if case == "seed":
        doc = seed_doc
    elif case == "small":
        doc = small[0]
    else:
        doc = xg.read_document(_many_sections(16))
        assert len(doc.sections) == 16
    G = xg.build_graph(doc)
    table = F.heatmap_table(G)
    fig = F.plot_section_heatmap(table, source=doc)
    texts, r = _texts(fig)
    ax = fig.axes[0]
    shown = [lab.get_text() for lab in ax.get_xticklabels()]
    assert len(shown) == len(table.columns)
    for s, full in zip(shown, table.columns):
        assert "…" not in s and s.replace("\n", "").replace(" ", "") == str(full).replace(" ", ""), (s, full)
    if case == "seed":
        assert max(len(c) for c in table.columns) > 9 and any("\n" in s for s in shown)  # wrapped, not cut
    canvas = fig.bbox
    for t, b in texts:
        assert b.x0 >= canvas.x0 - 0.5 and b.x1 <= canvas.x1 + 0.5 and b.y0 >= canvas.y0 - 0.5 and b.y1 <= canvas.y1 + 0.5, t.get_text()
    for (t1, b1), (t2, b2) in itertools.combinations(texts, 2):
        assert not b1.overlaps(b2), (t1.get_text(), t2.get_text())
