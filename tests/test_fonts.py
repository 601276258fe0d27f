"""CJK font selection: system font when suitable, the bundled OFL font otherwise, and Chinese
text renders with no missing-glyph warning in every case."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

pytest.importorskip("matplotlib")

from xialu_graph.viz import fonts  # noqa: E402

TEXT = "数据来源: 2020年区政府重点工作责任分解（2020-06-28）牵头单位、配合单位：−5"


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    fonts._reset_cache()
    yield
    fonts._reset_cache()


def _render(family, text=TEXT, fmt="png"):
    import io

    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with mpl.rc_context(fonts.cjk_rc(family) | {"pdf.fonttype": 42}):
        fig = Figure(figsize=(4, 2))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.plot([-3, 2], [-1, 4])
        ax.set_title(text)
        ax.set_xlabel("横轴（单位：个）")
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt)
    return buf.getvalue()


def test_bundled_font_is_openly_licensed_truetype_with_cjk():
    path = fonts.bundled_font_path()
    assert path.exists() and path.stat().st_size < 5_000_000
    lic = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in lic
    assert fonts.font_has_glyphs(path, chars=fonts.PROBE + TEXT, truetype=True)
    from fontTools.ttLib import TTFont

    f = TTFont(path, lazy=True)
    assert "glyf" in f and "CFF " not in f
    assert f["name"].getDebugName(1) == fonts.BUNDLED_FAMILY
    assert "Open Font License" in (f["name"].getDebugName(13) or "")


def test_fallback_path_renders_chinese_without_missing_glyphs(monkeypatch):
    """A machine without a system CJK font: the finder returns nothing, the bundled font is
    registered and used; missing-glyph warnings are errors."""
    monkeypatch.setattr(fonts, "find_system_cjk_font", lambda *a, **k: None)
    fam = fonts.ensure_cjk_font()
    assert fam == fonts.BUNDLED_FAMILY
    from matplotlib import font_manager as fm

    assert any(e.name == fam for e in fm.fontManager.ttflist)
    found = fm.findfont(fm.FontProperties(family=fam), fallback_to_default=False)
    assert found.endswith("XialuSansSC-Regular.ttf")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fmt in ("png", "pdf", "svg"):
            assert _render(fam, fmt=fmt)


def test_default_dejavu_would_warn():
    """Control: without the CJK font matplotlib does warn, so the test above is meaningful."""
    import io

    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.1, 0.5, "数据来源")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_ensure_is_cached_and_idempotent(monkeypatch):
    from matplotlib import font_manager as fm

    monkeypatch.setattr(fonts, "find_system_cjk_font", lambda *a, **k: None)
    a = fonts.ensure_cjk_font()
    n = len(fm.fontManager.ttflist)
    calls = []
    monkeypatch.setattr(fonts, "_register_bundled", lambda: calls.append(1) or "x")
    for _ in range(100):
        assert fonts.ensure_cjk_font() == a
    assert not calls and len(fm.fontManager.ttflist) == n
    fonts._reset_cache()
    monkeypatch.undo()
    monkeypatch.setattr(fonts, "find_system_cjk_font", lambda *a, **k: None)
    fonts.ensure_cjk_font()
    assert len(fm.fontManager.ttflist) == n  # not registered twice


def test_env_override_and_system_flag(monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, "bundled")
    assert fonts.ensure_cjk_font() == fonts.BUNDLED_FAMILY
    fonts._reset_cache()
    monkeypatch.delenv(fonts.ENV_VAR)
    assert fonts.ensure_cjk_font(system=False) == fonts.BUNDLED_FAMILY


def test_system_font_must_have_cjk_glyphs_and_truetype_outlines(tmp_path):
    import matplotlib

    dejavu = next((p for p in (matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf",)), None)
    assert not fonts.font_has_glyphs(dejavu)  # no CJK
    assert not fonts.font_has_glyphs(tmp_path / "nope.ttf")
    found = fonts.find_system_cjk_font()
    if found is not None:  # whatever the machine has, it passed both checks
        from matplotlib import font_manager as fm

        path = fm.findfont(fm.FontProperties(family=found), fallback_to_default=False)
        assert fonts.font_has_glyphs(path, getattr(path, "face_index", 0))


def test_system_preference_order(monkeypatch):
    """A suitable system family wins over the bundled font, in SYSTEM_FAMILIES order."""
    from matplotlib import font_manager as fm

    fonts._register_bundled()
    monkeypatch.setattr(fonts, "SYSTEM_FAMILIES", ("No Such Font", fonts.BUNDLED_FAMILY))
    assert fonts.find_system_cjk_font(fonts.SYSTEM_FAMILIES) == fonts.BUNDLED_FAMILY
    assert fonts.find_system_cjk_font(("No Such Font",)) is None
    assert fm.fontManager is not None


def test_import_xialu_graph_stays_light():
    code = (
        "import sys, xialu_graph, xialu_graph.viz; "
        "import xialu_graph.viz.figures, xialu_graph.viz.style, xialu_graph.viz.fonts; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
