"""Briefing figures: render with warnings as errors, check size, DPI, embedded fonts, Chinese
text, non-overlapping labels and byte-for-byte determinism."""

from __future__ import annotations

import re
import struct
import sys
import warnings
import zlib
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")
pd = pytest.importorskip("pandas")
nx = pytest.importorskip("networkx")

from xialu_graph.viz import figures as F  # noqa: E402
from xialu_graph.viz import fonts, style  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "xialu_2020.txt"
WIDTH_PX = 16 / 2.54 * 300  # 1889.76
SOURCE = {"title": "2020年区政府重点工作责任分解", "date": "2020-06-28"}


@pytest.fixture(autouse=True)
def _errors_on_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ------------------------------------------------------------------ hand-made data
UNITS = ["区发改局", "区财政局", "区科信局", "东街办", "团街办", "区卫健局", "区教育局", "区民政局"]


@pytest.fixture(scope="module")
def toy():
    rows = []
    for i, u in enumerate(UNITS):
        rows.append({"unit": u, "kind": "department", "n_lead": 8 - i, "n_support": (i * 3) % 7,
                     "n_responsible": i % 3, "ranked": True})
    rows.append({"unit": "各街办(新区)", "kind": "collective", "n_lead": 0, "n_support": 40,
                 "n_responsible": 0, "ranked": False})
    load = pd.DataFrame(rows)
    load["n_tasks"] = load[["n_lead", "n_support", "n_responsible"]].sum(axis=1)
    load["weighted_load"] = load["n_lead"] + 0.5 * load["n_support"] + load["n_responsible"]
    P = nx.Graph()
    for u in UNITS:
        P.add_node("u:" + u, label=u, kind="department", bipartite=0)
    for a, b, w in [(0, 1, 3), (0, 2, 2), (1, 2, 1), (3, 4, 4), (3, 5, 1), (4, 5, 2), (5, 6, 1), (2, 3, 0.5)]:
        P.add_edge("u:" + UNITS[a], "u:" + UNITS[b], weight=float(w), shared=int(w))
    clusters = pd.DataFrame({"unit": UNITS + ["区民政局"][:0], "cluster": [1, 1, 1, 2, 2, 2, 3, 4]})
    cen = pd.DataFrame({"unit": UNITS, "betweenness_w": [0.4, 0.0, 0.3, 0.5, 0.1, 0.2, 0.0, 0.0],
                        "ranked": True})
    matrix = pd.DataFrame([[3, 0, 1], [1, 2, 0], [0, 0, 4], [5, 5, 5]],
                          index=UNITS[:4], columns=["一 全力统筹疫情防控", "二 打好三大攻坚战", "三 推进产业"])
    kw = pd.DataFrame([(c, w, s) for c, words in enumerate(start=1, iterable=[["项目", "企业", "融资"], ["垃圾分类", "生态"],
                                                             ["审计"], ["文化", "导向", "巩固", "群众"]])
                       for w, s in zip(words, [0.5, 0.4, 0.3, 0.2])], columns=["cluster", "keyword", "score"])
    return dict(load=load, P=P, clusters=clusters, cen=cen, matrix=matrix, kw=kw)


def _toy_figures(t):
    return {
        "load_ranking": lambda: F.plot_load_ranking(t["load"], source=SOURCE),
        "lorenz_curve": lambda: F.plot_lorenz(t["load"], source=SOURCE),
        "section_heatmap": lambda: F.plot_section_heatmap(t["matrix"], source=SOURCE),
        "cluster_network": lambda: F.plot_cluster_network(t["P"], t["clusters"], t["load"], source=SOURCE),
        "centrality_vs_load": lambda: F.plot_centrality_vs_load(t["cen"], t["load"], label_top=3, source=SOURCE),
        "cluster_keywords": lambda: F.plot_cluster_keywords(t["kw"], clusters_df=t["clusters"], source=SOURCE),
    }


TITLES = {
    "load_ranking": "工作量排名",
    "lorenz_curve": "洛伦兹曲线",
    "section_heatmap": "各单位在各部分的任务数",
    "cluster_network": "共同责任网络",
    "centrality_vs_load": "中心性与工作量",
    "cluster_keywords": "各群组任务关键词",
}


# ------------------------------------------------------------------ file checks
def png_info(data: bytes):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", data[16:24])
    i = data.find(b"pHYs")
    assert i > 0, "no pHYs chunk"
    ppx, ppy, unit = struct.unpack(">IIB", data[i + 4 : i + 13])
    assert unit == 1
    return w, h, ppx * 0.0254, ppy * 0.0254


def pdf_unicode_text(data: bytes) -> str:
    """Characters the PDF's ToUnicode maps declare (enough to prove the title's glyphs are
    embedded as text)."""
    chars = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        raw = m.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        if b"beginbfrange" in raw or b"beginbfchar" in raw:
            for hexs in re.findall(rb"\[([^\]]*)\]", raw):
                for h in re.findall(rb"<([0-9a-fA-F]+)>", hexs):
                    chars.append(bytes.fromhex(h.decode()).decode("utf-16-be", "replace"))
    return "".join(chars)


def _pdf_literal(s: bytes) -> bytes:
    esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        m = re.match(rb"[0-7]{1,3}", s[i + 1 : i + 4])
        if m:
            out.append(int(m.group(), 8) & 0xFF)
            i += 1 + len(m.group())
        else:
            out.append(esc.get(s[i + 1], s[i + 1]))
            i += 2
    return bytes(out)


def pdf_info_title(data: bytes) -> str:
    m = re.search(rb"/Title\s*(<[0-9a-fA-F]+>|\((?:\\.|[^\\)])*\))", data)
    assert m, "no /Title"
    s = m.group(1)
    if s.startswith(b"<"):
        b = bytes.fromhex(s[1:-1].decode())
    else:
        b = _pdf_literal(s[1:-1])
    return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")


def check_files(paths, title_part):
    png, svg, pdf = (p.read_bytes() for p in paths)
    w, h, dx, dy = png_info(png)
    assert abs(w - WIDTH_PX) <= 1, w
    assert round(dx) == 300 and round(dy) == 300
    s = svg.decode("utf-8")
    assert "<path" in s and "<use" in s  # glyphs drawn as paths: text without the font
    assert title_part in s  # in <dc:title> and in the comment before the glyphs
    assert "数据来源" in s
    assert b"/FontFile2" in pdf or b"/FontFile3" in pdf
    assert b"/Subtype /Type0" in pdf or b"/Type0" in pdf
    assert title_part in pdf_info_title(pdf)
    mapped = pdf_unicode_text(pdf)
    missing = {c for c in title_part + "数据来源" if c not in mapped}
    assert not missing, f"title characters not embedded as text: {missing}"
    assert b"CreationDate" not in pdf


def label_overlaps(fig) -> int:
    texts = getattr(fig, "_xialu_labels", [])
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in texts]
    n = 0
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            ox = min(a.x1, b.x1) - max(a.x0, b.x0)
            oy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if ox > 1 and oy > 1:
                n += 1
    return n


# ------------------------------------------------------------------ tests: toy data
@pytest.mark.parametrize("name", list(TITLES))
def test_toy_figure_renders_and_saves(toy, tmp_path, name):
    fig = _toy_figures(toy)[name]()
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    paths = style.save_figure(fig, tmp_path / name)
    assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]
    check_files(paths, TITLES[name])
    assert not list(tmp_path.glob(".*tmp"))  # temporary files replaced, none left


def test_figures_do_not_touch_pyplot_or_global_rc(toy, tmp_path):
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    for make in _toy_figures(toy).values():
        make()
    style.save_figure(F.plot_load_ranking(toy["load"]), tmp_path / "x", formats=("png",))
    after = dict(mpl.rcParams)
    assert before == after
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []


def test_determinism_same_input_same_bytes(toy, tmp_path):
    for name in ("cluster_network", "load_ranking"):
        a = style.save_figure(_toy_figures(toy)[name](), tmp_path / "a" / name)
        b = style.save_figure(_toy_figures(toy)[name](), tmp_path / "b" / name)
        for pa, pb in zip(a, b):
            assert pa.read_bytes() == pb.read_bytes(), pa.name
        # saving the same figure twice, too
        fig = _toy_figures(toy)[name]()
        c = style.save_figure(fig, tmp_path / "c" / name)
        d = style.save_figure(fig, tmp_path / "d" / name)
        for pc, pd_ in zip(c, d):
            assert pc.read_bytes() == pd_.read_bytes(), pc.name


def test_png_has_matplotlibs_pixels_and_vectors_share_its_layout(toy, tmp_path):
    """save_figure writes the PNG itself (RGB, zlib level 3): the pixels are those of
    matplotlib's own PNG writer; the SVG and PDF reuse the PNG's layout (no second run)."""
    import io

    import numpy as np
    from PIL import Image

    fig = _toy_figures(toy)["load_ranking"]()
    png = style.save_figure(fig, tmp_path / "x")[0]
    positions = [tuple(ax.get_position().bounds) for ax in fig.axes]
    ref = io.BytesIO()
    fig.savefig(ref, format="png", dpi=style.DPI)  # matplotlib's writer, laid out again at 300 dpi
    assert [tuple(ax.get_position().bounds) for ax in fig.axes] == positions
    with Image.open(png) as a, Image.open(io.BytesIO(ref.getvalue())) as b:
        assert a.mode == "RGB" and b.mode == "RGBA"
        assert a.info.get("Software") == "xialu-graph"
        x, y = np.asarray(a), np.asarray(b)
    assert (y[..., 3] == 255).all()
    assert np.array_equal(x, y[..., :3])
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"  # restored


def test_with_ax_returns_the_axes_figure(toy):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4))
    ax1, ax2 = fig.subplots(1, 2)
    assert F.plot_load_ranking(toy["load"], ax=ax1, top=3) is fig
    assert F.plot_lorenz(toy["load"], ax=ax2) is fig
    assert len(ax1.patches) == 3 * 3  # three units × three roles
    labels = [t.get_text() for t in ax1.get_yticklabels()]
    assert "各街办(新区)" not in labels  # collectives are not ranked
    ranked = toy["load"][toy["load"]["ranked"]].sort_values("weighted_load", ascending=False)
    assert labels[::-1] == ranked["unit"].head(3).tolist()  # heaviest on top


def test_lorenz_accepts_balance_table_and_shows_gini():
    from xialu_graph.metrics import workload_balance

    b = workload_balance([1, 2, 3, 4])
    fig = F.plot_lorenz(b)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("基尼系数 0.25" in s for s in legend)
    assert "完全均衡" in legend
    fig2 = F.plot_lorenz([1, 2, 3, 4])
    assert any("0.25" in t.get_text() for t in fig2.axes[0].get_legend().get_texts())


def test_missing_columns_are_named(toy):
    with pytest.raises(ValueError, match="n_support"):
        F.plot_load_ranking(toy["load"].drop(columns=["n_support"]))
    with pytest.raises(ValueError, match="keyword"):
        F.plot_cluster_keywords(pd.DataFrame({"cluster": [0], "score": [1.0]}))


def test_network_labels_do_not_overlap(toy):
    fig = F.plot_cluster_network(toy["P"], toy["clusters"], toy["load"])
    assert fig._xialu_label_overlaps == 0
    assert label_overlaps(fig) == 0


def test_repel_labels_separates_a_pile():
    from xialu_graph.viz.style import house_style, new_figure

    with house_style():
        fig = new_figure(8)
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        pts = [(0.5 + 0.001 * i, 0.5) for i in range(12)]
        texts = [ax.text(x, y, f"单位{i}", ha="left", va="bottom") for i, (x, y) in enumerate(pts)]
        left = F.repel_labels(ax, texts, pts)
        fig._xialu_labels = texts
    assert left == 0
    assert label_overlaps(fig) == 0


def test_source_line_variants():
    from xialu_graph.model import Metadata

    assert style.source_line(Metadata(title="甲", date="2020-01-02")) == "数据来源: 甲（2020-01-02）"
    assert style.source_line("数据来源: 乙") == "数据来源: 乙"
    assert style.source_line(None) == ""
    G = nx.Graph(title="丙", date="")
    assert style.source_line(G) == "数据来源: 丙"


def test_save_figure_is_atomic_on_failure(toy, tmp_path, monkeypatch):
    fig = F.plot_load_ranking(toy["load"])
    target = tmp_path / "fig"
    style.save_figure(fig, target, formats=("png",))
    good = (tmp_path / "fig.png").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", boom)
    with pytest.raises(RuntimeError):
        style.save_figure(fig, target, formats=("png",))
    assert (tmp_path / "fig.png").read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


def test_bundled_font_used_everywhere(toy, monkeypatch, tmp_path):
    """Forced fallback (no system CJK font): every figure still renders with no warning."""
    monkeypatch.setenv(fonts.ENV_VAR, "bundled")
    fonts._reset_cache()
    try:
        for name, make in _toy_figures(toy).items():
            style.save_figure(make(), tmp_path / name, formats=("png", "pdf"))
            assert fonts.BUNDLED_FAMILY.replace(" ", "").encode() in (tmp_path / f"{name}.pdf").read_bytes()
    finally:
        fonts._reset_cache()


# ------------------------------------------------------------------ tests: the seed document
@pytest.fixture(scope="module")
def seed():
    import xialu_graph as xg
    from xialu_graph import metrics as M

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = xg.read_document(SEED)
        G = xg.build_graph(doc)
        load = M.unit_load(G)
        out = dict(
            doc=doc,
            G=G,
            load=load,
            balance=M.workload_balance(load),
            cen=M.unit_centrality(G),
            clusters=M.co_responsibility_clusters(G),
            P=xg.project_units(G, method="product"),
        )
        try:
            from xialu_graph import text

            out["kw"] = text.cluster_keywords(G, out["clusters"])
        except ImportError:
            out["kw"] = None
    return out


@pytest.mark.slow
def test_seed_pipeline_figures(seed, tmp_path):
    s = seed
    figs = {
        "load_ranking": F.plot_load_ranking(s["load"], source=s["doc"]),
        "lorenz_curve": F.plot_lorenz(s["balance"], source=s["doc"]),
        "section_heatmap": F.plot_section_heatmap(s["G"], source=s["doc"]),
        "cluster_network": F.plot_cluster_network(s["P"], s["clusters"], s["load"], source=s["doc"]),
        "centrality_vs_load": F.plot_centrality_vs_load(s["cen"], s["load"], source=s["doc"]),
    }
    if s["kw"] is not None:
        figs["cluster_keywords"] = F.plot_cluster_keywords(s["kw"], clusters_df=s["clusters"], source=s["doc"])
    for name, fig in figs.items():
        paths = style.save_figure(fig, tmp_path / name)
        check_files(paths, TITLES[name])
        svg = paths[1].read_text(encoding="utf-8")
        assert "2020年区政府重点工作责任分解（2020-06-28）" in svg
    assert figs["cluster_network"]._xialu_label_overlaps == 0
    assert label_overlaps(figs["cluster_network"]) == 0
    assert label_overlaps(figs["centrality_vs_load"]) == 0
    # every ranked unit is in the load ranking's top 20 order
    top = [t.get_text() for t in figs["load_ranking"].axes[0].get_yticklabels()][::-1]
    assert top == s["load"][s["load"]["ranked"]]["unit"].head(20).tolist()
    # Gini of the real balance table is in the legend
    g = float(s["balance"].loc[s["balance"]["measure"] == "weighted_load", "gini"].iloc[0])
    legend = [t.get_text() for t in figs["lorenz_curve"].axes[0].get_legend().get_texts()]
    assert any(f"{g:.2f}" in t for t in legend)


def test_seed_heatmap_counts_match_graph(seed):
    m = F.heatmap_table(seed["G"], top=None)
    G = seed["G"]
    for u in m.index[:5]:
        assert int(m.loc[u].sum()) == G.degree("u:" + u)
    assert m.shape[1] == 8  # eight sections in the 2020 plan


def test_lorenz_shows_the_bootstrap_band_and_gini_interval_of_the_seed(seed_doc):
    import xialu_graph as xg

    G = xg.build_graph(seed_doc)
    fig = F.plot_lorenz(xg.workload_balance(xg.unit_load(G)), band=xg.bootstrap_lorenz(G, n_boot=500),
                        intervals=xg.bootstrap_balance(G, n_boot=500))
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts[1] == "加权工作量（基尼系数 0.60，95% 置信区间 0.59–0.65）"
    assert texts[2] == "95% 置信带（按任务重抽样 500 次）"
    assert len(fig.axes[0].collections) == 1  # the band replaces the plain shading


def test_cluster_network_draws_only_the_significant_ties_given_the_backbone(seed_doc):
    import xialu_graph as xg
    from xialu_graph.text import cluster_keywords, cluster_names

    G = xg.build_graph(seed_doc)
    P = xg.project_units(G, method="product")
    cl, load = xg.co_responsibility_clusters(G), xg.unit_load(G)
    bb, _ = xg.backbone(G)
    names = cluster_names(cluster_keywords(G, cl))
    fig = F.plot_cluster_network(P, cl, load, backbone=bb, cluster_names=names)
    assert fig._xialu_edges_drawn == int(bb["significant"].sum()) == 3
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("连线：超出随机预期的共同责任 3 对（SDSM 零模型，FDR 5%）") for t in texts)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0] == f"群组1（{names[1]}） 17个"
    full = F.plot_cluster_network(P, cl, load, backbone=bb, ties="all")
    assert full._xialu_edges_drawn == 307


def test_cluster_keyword_panels_share_one_labelled_relative_scale():
    import pandas as pd

    kw = pd.DataFrame({"group": [1, 1, 2, 2], "rank": [1, 2, 1, 2], "keyword": ["甲", "乙", "丙", "丁"],
                       "score": [0.2, 0.1, 3.0, 1.5], "n_tasks": [2, 2, 1, 1]})
    fig = F.plot_cluster_keywords(kw, ncols=2)
    axes = [a for a in fig.axes if a.axison]
    assert len(axes) == 2 and {a.get_xlim() for a in axes} == {(0.0, 1.08)}
    widths = [sorted(round(p.get_width(), 6) for p in a.patches) for a in axes]
    assert widths == [[0.5, 1.0], [0.5, 1.0]]  # each cluster's best word = 1
    assert [a.get_xlabel() for a in axes] == ["相对得分（本群组最高词 = 1）"] * 2


def test_seed_heatmap_vector_files_hold_the_counts_image_itself(seed, tmp_path):
    """The heatmap's PDF embeds the unit × section counts as an image of one pixel per cell
    (imshow's interpolation "none": drawn crisp by the viewer), not one resampled at 300 dpi;
    the PNG is what the "nearest" resampling drew (same pixels, checked against it)."""
    import numpy as np
    from PIL import Image

    G = seed["G"]
    table = F.heatmap_table(G)
    fig = F.plot_section_heatmap(G)
    png, svg, pdf = style.save_figure(fig, tmp_path / "hm")
    widths = [int(w) for w in re.findall(rb"/Subtype /Image /Width (\d+)", pdf.read_bytes())]
    assert table.shape[1] in widths and max(widths) < 50
    again = F.plot_section_heatmap(G)
    again.axes[0].images[0].set_interpolation("nearest")
    nearest = style.save_figure(again, tmp_path / "hm_nearest", ("png",))[0]
    assert np.array_equal(np.asarray(Image.open(png)), np.asarray(Image.open(nearest)))


def test_report_page_image_from_pixels_equals_image_from_file(seed, tmp_path):
    """The report page's image made from the pixels in memory (as the pack's workers make it)
    is byte for byte the one made by decoding the PNG file."""
    from xialu_graph.report.html import html_image

    G = seed["G"]
    pixels: dict = {}
    png = style.save_figure(F.plot_section_heatmap(G), tmp_path / "hm", ("png",), pixels=pixels)[0]
    assert pixels["png"].width > 1400
    assert html_image(png, pixels=pixels["png"]) == html_image(png)


def test_report_page_image_same_bytes_for_rgb_and_rgba_pixels(seed, tmp_path):
    """The page's image does not depend on whether the pixels come as RGB (the figures' PNGs, not
    copied before the resize) or as RGBA (converted first): the same bytes either way."""
    from xialu_graph.report.html import html_image

    pixels: dict = {}
    png = style.save_figure(F.plot_section_heatmap(seed["G"]), tmp_path / "hm", ("png",), pixels=pixels)[0]
    rgb = pixels["png"]
    assert rgb.mode == "RGB"
    assert html_image(png, pixels=rgb) == html_image(png, pixels=rgb.convert("RGBA"))
