"""Keywords with jieba: policy terms whole, filler dropped, silent start-up, TF-IDF by hand."""

from __future__ import annotations

import math
import subprocess
import sys

import networkx as nx
import pytest

from xialu_graph.graph import build_graph
from xialu_graph.text import (
    KEYWORD_COLUMNS,
    cluster_keywords,
    group_keywords,
    load_stopwords,
    section_keywords,
    tokenize,
    unit_keywords,
)

POLICY = ["放管服", "双随机一公开", "河湖长制", "两不愁三保障"]
FILLER = ["推进", "加强", "全面", "工作"]


@pytest.mark.parametrize("term", POLICY)
def test_policy_terms_whole(term):
    assert term in tokenize(f"深入推进{term}工作,全面加强监管")


def test_filler_dropped():
    toks = tokenize("全面推进各项工作,切实加强组织领导")
    for w in FILLER:
        assert w not in toks
    assert set(FILLER) <= load_stopwords()
    # numbers, punctuation and single characters never come out
    assert all(len(t) >= 2 and not t.isdigit() for t in tokenize("完成95%以上,PM2.5下降4.2%,建成3个"))


def test_unit_names_whole():
    assert "区政务服务和大数据管理局" in tokenize("区政务服务和大数据管理局负责", units=["区政务服务和大数据管理局"])


def test_custom_files(tmp_path):
    ud = tmp_path / "u.txt"
    ud.write_text("# mine\n铜产业链 1000 nz\n", encoding="utf-8")
    sw = tmp_path / "s.txt"
    sw.write_text("高端化\n", encoding="utf-8")
    toks = tokenize("提升铜产业链高端化水平", userdict=ud, stopwords=sw)
    assert "铜产业链" in toks and "高端化" not in toks


def test_tfidf_by_hand():
    G = nx.Graph()
    G.add_node("t:1", bipartite=1, text="落实河湖长制,落实河湖长制,推进垃圾分类")
    G.add_node("t:2", bipartite=1, text="推进垃圾分类")
    kw = group_keywords(G, {"a": ["t:1"], "b": ["t:2"]}, top_k=5)
    assert list(kw.columns) == KEYWORD_COLUMNS
    a = kw[kw.group == "a"].set_index("keyword")
    # group a: 3 tokens; 河湖长制 tf 2/3, df 1 of N=2 → idf ln(3/2)+1; 垃圾分类 tf 1/3, df 2 → idf 1
    assert a.index.tolist() == ["河湖长制", "垃圾分类"]
    assert a.loc["河湖长制", "score"] == pytest.approx(2 / 3 * (math.log(3 / 2) + 1))
    assert a.loc["垃圾分类", "score"] == pytest.approx(1 / 3)
    assert a["rank"].tolist() == [1, 2] and a.n_tasks.tolist() == [1, 1]
    assert kw[kw.group == "b"].keyword.tolist() == ["垃圾分类"]
    with pytest.raises(ValueError):
        group_keywords(G, {}, method="lda")


def test_jieba_silent_and_import_light():
    code = (
        "import sys, xialu_graph, xialu_graph.graph\n"
        "assert 'jieba' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "import xialu_graph.metrics, xialu_graph.export\n"
        "assert 'jieba' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "from xialu_graph.text import tokenize\n"
        "assert 'jieba' not in sys.modules\n"
        "tokenize('深化放管服改革')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""


@pytest.fixture(scope="module")
def G(seed_doc):
    return build_graph(seed_doc)


def test_seed_sections(G):
    kw = section_keywords(G, top_k=500)  # every term of each section
    assert kw.attrs["group_type"] == "section"
    assert list(dict.fromkeys(kw.group)) == ["一", "二", "三", "四", "五", "六", "七", "八"]
    two = set(kw[kw.group == "二"].keyword)
    # section 二 (三大攻坚战) holds tasks 12 (两不愁三保障) and 16 (河湖长制)
    assert {"两不愁三保障", "河湖长制"} <= two
    assert not set(FILLER) & set(kw.keyword)


def test_seed_units_and_clusters(G):
    kw = unit_keywords(G, top_k=50, units=["区水利湖泊局", "区发改局"], roles=["lead"])
    assert sorted(set(kw.group)) == ["区发改局", "区水利湖泊局"]
    # task 16 (河湖长制) is led by 区水利湖泊局
    assert "河湖长制" in set(kw[kw.group == "区水利湖泊局"].keyword)
    ck = cluster_keywords(G, top_k=5)
    assert ck.attrs["group_type"] == "cluster" and ck.group.min() == 1
    assert (ck.groupby("group").size() <= 5).all()
    tr = section_keywords(G, top_k=3, method="textrank")
    assert len(tr) == 24 and not set(FILLER) & set(tr.keyword)


# -- contrastive keywords (Monroe, Colaresi & Quinn 2008) ---------------------------------------
def _lo_graph():
    G = nx.Graph()
    texts = {
        "t:1": "落实河湖长制,落实河湖长制,落实河湖长制",  # repetition inside one task counts once
        "t:2": "落实河湖长制,推进垃圾分类",
        "t:3": "推进垃圾分类",
        "t:4": "推进垃圾分类",
    }
    for t, x in texts.items():
        G.add_node(t, bipartite=1, text=x)
    return G


def test_logodds_by_hand():
    G = _lo_graph()
    kw = group_keywords(G, {"a": ["t:1", "t:2"], "b": ["t:3", "t:4"]}, method="logodds", min_tasks=1)
    a = kw[kw.group == "a"].set_index("keyword")
    # task counts: 河湖长制 a 2 / rest 0, 垃圾分类 a 1 / rest 2, whole plan 2 and 3
    # prior α = task counts; α0 = 5; n_a = 3, n_b = 2
    yi, yj, al, a0, ni, nj = 2, 0, 2, 5, 3, 2
    d = math.log((yi + al) / (ni + a0 - yi - al)) - math.log((yj + al) / (nj + a0 - yj - al))
    z = d / math.sqrt(1 / (yi + al) + 1 / (yj + al))
    assert a.index.tolist() == ["河湖长制"]  # 垃圾分类 is more typical of b: z < 0, not listed
    assert a.loc["河湖长制", "score"] == pytest.approx(z)
    assert a.loc["河湖长制", "n_tasks"] == 2
    assert kw[kw.group == "b"].keyword.tolist() == ["垃圾分类"]


def test_logodds_min_tasks_and_contrast():
    G = _lo_graph()
    # default min_tasks = 2 for logodds: a word in one task of the group is not a keyword
    kw = group_keywords(G, {"a": ["t:1", "t:2"], "b": ["t:3", "t:4"]}, method="logodds")
    assert kw.attrs["min_tasks"] == 2
    assert kw[kw.group == "a"].keyword.tolist() == ["河湖长制"]
    # a word present in every task of every group contrasts nothing
    H = nx.Graph()
    for i in range(4):
        H.add_node(f"t:{i}", bipartite=1, text="优化营商环境" + ("河湖长制" if i < 2 else "垃圾分类"))
    kw = group_keywords(H, {"a": ["t:0", "t:1"], "b": ["t:2", "t:3"]}, method="logodds")
    assert "营商环境" not in set(kw.keyword)


@pytest.mark.parametrize("term", ["积极争取", "全面落实", "切实做好", "认真落实", "大力开展"])
def test_filler_compounds_stopped(term):
    assert term in load_stopwords()
    assert term not in tokenize(f"{term}河湖长制")


def test_seed_cluster_keywords_contrastive(seed_doc):
    from xialu_graph.metrics import co_responsibility_clusters

    G = build_graph(seed_doc)
    cl = co_responsibility_clusters(G, n_runs=2)
    kw = cluster_keywords(G, cl, top_k=5, method="logodds")
    # no word is among the top five of two clusters, and each counts in ≥ 2 of its tasks
    assert not kw.keyword.duplicated().any()
    assert (kw.n_tasks >= 2).all()
    assert "垃圾分类" in kw[kw.group == 3].keyword.tolist()  # clusters are numbered from 1


def test_jieba_cache_lives_in_a_private_folder(tmp_path, monkeypatch):
    """jieba's marshal cache is written and read in a folder only this user can write, never in
    the shared temporary folder where another user could plant one (issue 16, finding 13)."""
    import os
    import stat
    import tempfile

    from xialu_graph import text

    monkeypatch.setattr(text, "_CACHE_DIR", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = text.jieba_cache_dir()
    assert d == tmp_path / "cache" / "xialu-graph" / "jieba"
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    text._TOKENIZERS.clear()
    text.get_tokenizer(units=["区发改局"])
    # the dictionary blocks of the lazy dictionary (or jieba's own cache, when it falls back)
    assert (list(d.glob("dict-blocks-*.bin")) or list(d.glob("jieba*.cache"))) \
        and not str(d).startswith(tempfile.gettempdir() + os.sep + "jieba")
    # a cache folder others may write is not used
    monkeypatch.setattr(text, "_CACHE_DIR", None)
    bad = tmp_path / "bad"
    (bad / "xialu-graph" / "jieba").mkdir(parents=True)
    os.chmod(bad / "xialu-graph" / "jieba", 0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(bad))
    d2 = text.jieba_cache_dir()
    assert d2 != bad / "xialu-graph" / "jieba" and stat.S_IMODE(d2.stat().st_mode) == 0o700
    monkeypatch.setattr(text, "_CACHE_DIR", None)


def test_lazy_dictionary_cuts_exactly_like_jiebas_full_dictionary():
    """The tokenizer reads jieba's dictionary block by block (issue 17); every cut — default,
    without HMM, full mode, for search — equals that of a Tokenizer with the whole dictionary
    and the same words added, on the documents' texts and on random strings of their characters."""
    import glob
    import random

    from conftest import RAW

    import xialu_graph as xg
    from xialu_graph import text

    jieba = text._jieba()
    lazy = text.get_tokenizer(units=["区发改局", "东街办(工业新区)"])
    assert type(lazy.FREQ).__name__ == "_LazyFreq"
    full = jieba.Tokenizer()
    full.tmp_dir = str(text.jieba_cache_dir())
    full.initialize()
    for term, freq, pos in text.load_userdict(None):
        full.add_word(term, freq=freq or 2000, tag=pos)
    for name in sorted(["区发改局", "东街办(工业新区)"]):
        full.add_word(name, freq=2000, tag="nt")
    assert lazy.total == full.total
    texts = []
    for f in sorted(glob.glob(str(RAW / "*.txt")))[:4]:
        texts += [t.text for t in xg.read_document(f).tasks]
    rng = random.Random(0)
    pool = "".join(texts)
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 60))) for _ in range(300)]
    texts += ["abc 123 Hello,世界! 放管服改革 双随机一公开", "", "了了了了", "１２３ＡＢＣ"]
    for cut in (lambda tk, x: tk.lcut(x), lambda tk, x: tk.lcut(x, HMM=False),
                lambda tk, x: tk.lcut(x, cut_all=True), lambda tk, x: tk.lcut_for_search(x)):
        assert [cut(lazy, x) for x in texts] == [cut(full, x) for x in texts]
