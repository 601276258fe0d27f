"""What the tasks are about: keywords per cluster, per unit and per section (jieba).

Tokenisation uses a private :class:`jieba.Tokenizer` (jieba's global dictionary is left
alone) with

* a user dictionary (``userdict.txt``) of policy terms kept whole — 放管服, 双随机一公开,
  河湖长制, 两不愁三保障 …;
* the unit names of the graph, added at run time, so 区发改局 stays one token;
* a stop list (``stopwords.txt``) of bureaucratic filler — 推进, 加强, 全面, 工作 ….

Both files are plain text, one term a line, ``#`` for comments, read from
``$XIALU_GRAPH_TEXT`` if set, else ``data/text`` of the source checkout; pass
``userdict=`` / ``stopwords=`` to use others. jieba is imported on first use and its
start-up logging is silenced.

Columns of the keyword tables (``KEYWORD_COLUMNS``), one row per (group, keyword)
-------------------------------------------------------------------------------
group
    cluster id (int), unit name or section number, depending on the function
rank
    1 = most characteristic keyword of the group
keyword
    the term
score
    TF-IDF: term frequency in the group's task texts (share of the group's tokens) × smoothed
    inverse document frequency over all task texts of the graph, ``ln((1+N)/(1+df)) + 1``;
    with ``method="textrank"``, jieba's TextRank weight; with ``method="logodds"`` (the
    contrastive score, recommended for comparing groups) the z-score of the weighted log-odds
    ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) of the group
    against all other tasks, each word counted once per task:

    ``δ = ln((y_i+α)/(n_i+α₀−y_i−α)) − ln((y_j+α)/(n_j+α₀−y_j−α))``,
    ``z = δ / sqrt(1/(y_i+α) + 1/(y_j+α))``

    with ``y_i`` / ``y_j`` the number of tasks in / outside the group containing the word,
    ``n_i``, ``n_j`` their sums over words, the prior ``α`` = ``prior`` × the word's task count
    over the whole plan and ``α₀`` the sum of ``α``. Only words in at least ``min_tasks`` of
    the group's tasks and with z > 0 are listed, so a word that tops every group does not
    top any
n_tasks
    tasks of the group whose text contains the term

Rows: by group (clusters and sections in their order, units by name), then rank.
``df.attrs``: ``group_type`` ("cluster" | "unit" | "section"), ``method``, ``top_k``.
"""

from __future__ import annotations

import logging
import marshal
import math
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
from .files import atomic_write_bytes, data_dir
from .metrics.clusters import co_responsibility_clusters, task_clusters
from .graph import unit_name, unit_nodes

__all__ = [
    "tokenize",
    "task_tokens",
    "get_tokenizer",
    "load_stopwords",
    "load_userdict",
    "group_keywords",
    "cluster_keywords",
    "cluster_names",
    "cluster_title",
    "unit_keywords",
    "section_keywords",
    "KEYWORD_COLUMNS",
    "default_text_dir",
]

KEYWORD_COLUMNS = ["group", "rank", "keyword", "score", "n_tasks"]
ENV_VAR = "XIALU_GRAPH_TEXT"

_FALLBACK_STOPWORDS = ("推进", "加强", "全面", "工作", "积极", "深入", "切实", "持续", "加快", "落实", "做好")
_FALLBACK_USERDICT = ("放管服", "双随机一公开", "河湖长制", "两不愁三保障")
_TOKEN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9+·]*")
_TOKENIZERS: dict = {}
_UNIT_SPLITTERS: dict = {}


def default_text_dir() -> Path:
    """``$XIALU_GRAPH_TEXT`` if set; else ``data/text`` of the source checkout; else the copy
    packaged with the library (``xialu_graph/resources/text``, a link to ``data/text`` in the
    repository, so there is one set of files)."""

    return data_dir("text", ENV_VAR)


def _read_terms(path) -> list[str]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def load_stopwords(path=None) -> frozenset:
    """The stop list: ``path`` or ``stopwords.txt`` of :func:`default_text_dir`.

    Examples
    --------
    >>> "推进" in load_stopwords()
    True
    """
    p = Path(path) if path is not None else default_text_dir() / "stopwords.txt"
    if path is None and not p.is_file():
        return frozenset(_FALLBACK_STOPWORDS)
    return frozenset(_read_terms(p))


def load_userdict(path=None) -> list[tuple[str, int | None, str | None]]:
    """User dictionary entries ``(term, frequency or None, POS or None)``.

    Examples
    --------
    >>> ("放管服" in [t for t, _, _ in load_userdict()])
    True
    """
    p = Path(path) if path is not None else default_text_dir() / "userdict.txt"
    if path is None and not p.is_file():
        return [(t, None, None) for t in _FALLBACK_USERDICT]
    out = []
    for line in _read_terms(p):
        parts = line.split()
        term = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        pos = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        out.append((term, freq, pos))
    return out


def jieba_cache_dir() -> Path:
    """A folder only this user can write, for jieba's dictionary cache.

    jieba loads its cache with ``marshal`` from the shared temporary folder by default, where
    another user can plant a cache (issue 16, finding 13). The cache goes to
    ``$XDG_CACHE_HOME/xialu-graph/jieba`` (else ``~/.cache/xialu-graph/jieba``), created with mode
    0700; a folder there that another user owns or others may write is not used, and a fresh
    private temporary folder is used instead.

    Examples
    --------
    >>> import os, stat
    >>> d = jieba_cache_dir()
    >>> d.owner() == __import__("pwd").getpwuid(os.getuid()).pw_name, stat.S_IMODE(d.stat().st_mode) & 0o022
    (True, 0)
    """
    global _CACHE_DIR
    if _CACHE_DIR is not None:
        return _CACHE_DIR
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = Path(base) / "xialu-graph" / "jieba"
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = d.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            raise PermissionError(f"{d} is not private")
    except OSError:
        d = Path(tempfile.mkdtemp(prefix="xialu-graph-jieba-"))  # mkdtemp makes it 0700
    _CACHE_DIR = d
    return d


_CACHE_DIR = None


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(jieba_cache_dir())  # the default tokenizer (TextRank) caches there too
    return jieba


def get_tokenizer(*, units=(), userdict=None):
    """A private jieba Tokenizer with the user dictionary and ``units`` added.

    Cached per (user dictionary, set of units): a tokenizer is never changed after it is
    built, so what it returns does not depend on what was tokenised before (adding words to
    a jieba dictionary shifts every word's probability).

    Examples
    --------
    >>> tk = get_tokenizer(units=["区发改局"])
    >>> "区发改局" in tk.lcut("区发改局牵头")
    True
    """
    jieba = _jieba()
    key = (str(Path(userdict).resolve()) if userdict is not None else "<default>", frozenset(str(u) for u in units if u))
    tk = _TOKENIZERS.get(key)
    if tk is None:
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(jieba_cache_dir())
        _lazy_dictionary(tk)
        for term, freq, pos in load_userdict(userdict):
            tk.add_word(term, freq=freq or 2000, tag=pos)
        for name in sorted(key[1]):
            tk.add_word(name, freq=2000, tag="nt")
        if len(_TOKENIZERS) >= 8:
            _TOKENIZERS.pop(next(iter(_TOKENIZERS)))
        _TOKENIZERS[key] = tk
    return tk


_BLOCKS_VERSION = 1


class _LazyFreq(dict):
    """jieba's word → frequency dictionary (prefixes with 0), read block by block when looked up.

    Every entry lives in the block of its first two characters; a block is read the first time a
    key of it is looked up, set or deleted, so the dictionary holds exactly what the full one
    holds for every key jieba touches — the substrings of the texts it cuts — and tokens are the
    same, while a document reads a few per cent of the 500,000 entries (issue 17).
    """

    def __init__(self, blob: bytes, index: dict):
        super().__init__()
        self._blob, self._index, self._seen = blob, index, set()

    def _need(self, key) -> None:
        k = key[:2]
        if k not in self._seen:
            where = self._index.get(k)
            if where is not None:
                dict.update(self, marshal.loads(self._blob[where[0]:where[1]]))
            self._seen.add(k)  # after the block is in: another thread never finds it marked but missing

    def __contains__(self, key):
        self._need(key)
        return dict.__contains__(self, key)

    def __getitem__(self, key):
        self._need(key)
        return dict.__getitem__(self, key)

    def __setitem__(self, key, value):
        self._need(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        self._need(key)
        dict.__delitem__(self, key)

    def get(self, key, default=None):
        self._need(key)
        return dict.get(self, key, default)

    def pop(self, key, *default):
        self._need(key)
        return dict.pop(self, key, *default)


def _lazy_dictionary(tk) -> None:
    """Initialise the default-dictionary Tokenizer ``tk`` with a :class:`_LazyFreq`.

    The blocks are built once from jieba's dictionary with jieba's own reader
    (``gen_pfdict``) and kept in :func:`jieba_cache_dir`, named by jieba's version and the
    dictionary file's size and time; when anything fails, jieba's own ``initialize``.
    """
    import jieba

    try:
        dict_path = Path(jieba.__file__).parent / "dict.txt"
        st = dict_path.stat()
        cache = jieba_cache_dir() / f"dict-blocks-v{_BLOCKS_VERSION}-{jieba.__version__}-{st.st_size}-{st.st_mtime_ns}.bin"
        try:
            data = cache.read_bytes()
        except FileNotFoundError:
            data = _build_blocks(tk)
            atomic_write_bytes(cache, data)
        head = int.from_bytes(data[:8], "little")
        total, index = marshal.loads(data[8:8 + head])
        freq = _LazyFreq(memoryview(data)[8 + head:], index)
    except (OSError, ValueError, EOFError, TypeError):
        tk.initialize()
        return
    tk.FREQ, tk.total, tk.initialized = freq, total, True


def _build_blocks(tk) -> bytes:
    freq, total = tk.gen_pfdict(tk.get_dict_file())
    blocks: dict = {}
    for word, f in freq.items():
        blocks.setdefault(word[:2], {})[word] = f
    parts, index, pos = [], {}, 0
    for k, block in blocks.items():
        b = marshal.dumps(block)
        index[k] = (pos, pos + len(b))
        parts.append(b)
        pos += len(b)
    head = marshal.dumps((total, index))
    return len(head).to_bytes(8, "little") + head + b"".join(parts)


def _unit_splitter(units):
    key = frozenset(str(u) for u in units if u)
    rx = _UNIT_SPLITTERS.get(key)
    if rx is None:
        names = sorted(key, key=lambda n: (-len(n), n))
        rx = re.compile("(" + "|".join(re.escape(n) for n in names) + ")") if names else None
        if len(_UNIT_SPLITTERS) >= 32:
            _UNIT_SPLITTERS.pop(next(iter(_UNIT_SPLITTERS)))
        _UNIT_SPLITTERS[key] = rx
    return rx


def tokenize(text: str, *, units=(), userdict=None, stopwords=None) -> list[str]:
    """Content tokens of a text: jieba words minus stop words, numbers and single characters.

    Unit names in ``units`` are kept whole: the text is cut at them and only the pieces in
    between go through jieba, so the result does not depend on which units were seen before.

    Examples
    --------
    >>> tokenize("深入推进放管服改革,落实双随机一公开机制")
    ['放管服改革', '双随机一公开']
    >>> tokenize("区发改局牵头推进放管服改革", units=["区发改局"])
    ['区发改局', '牵头', '放管服改革']
    """
    tk = get_tokenizer(userdict=userdict)
    stop = load_stopwords(stopwords) if not isinstance(stopwords, (set, frozenset)) else stopwords
    rx = _unit_splitter(units)
    words: list[str] = []
    for i, piece in enumerate(rx.split(text) if rx is not None else [text]):
        if i % 2:
            words.append(piece)
        elif piece:
            words.extend(tk.lcut(piece))
    return [w for w in words if len(w) >= 2 and _TOKEN_RE.fullmatch(w) and w not in stop]


def task_tokens(G, *, userdict=None, stopwords=None) -> dict:
    """Content tokens (:func:`tokenize`) of every task of ``G``: task node → list of tokens, in
    the order of the graph's task nodes, the graph's unit names kept whole. What
    :func:`group_keywords` scores; computed once, they can be passed to it (``tokens``) — the
    report pack's workers compute them while the parent analyses.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("t:1", bipartite=1, text="深化放管服改革,优化营商环境")
    >>> task_tokens(G)
    {'t:1': ['放管服改革', '营商环境']}
    """
    units = [unit_name(G, u) for u in unit_nodes(G)]
    stop = load_stopwords(stopwords)
    tnodes = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 1]
    return {t: tokenize(str(G.nodes[t].get("text") or ""), units=units, userdict=userdict, stopwords=stop) for t in tnodes}


def group_keywords(
    G,
    groups: dict,
    *,
    top_k: int = 10,
    method: str = "tfidf",
    order=None,
    userdict=None,
    stopwords=None,
    min_tasks: int | None = None,
    prior: float = 1.0,
    tokens: dict | None = None,
) -> pd.DataFrame:
    """Keywords of groups of tasks. The building block of the three functions below.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite unit–task graph; task nodes carry ``text``.
    groups : dict
        group → list of task nodes.
    top_k : int, default 10
    method : {"tfidf", "textrank", "logodds"}, default "tfidf"
        ``"logodds"`` is contrastive (module docstring).
    order : list, optional
        Order of the groups in the output (default: insertion order of ``groups``).
    userdict, stopwords : path, optional
        Other user dictionary / stop list files.
    min_tasks : int, optional
        A keyword must occur in at least this many of the group's tasks (default 2 with
        ``"logodds"``, 1 otherwise).
    prior : float, default 1.0
        Scale of the informative prior of ``"logodds"``.
    tokens : dict, optional
        :func:`task_tokens` of ``G`` with the same ``userdict`` and ``stopwords``, computed
        already (default: computed here).

    Returns
    -------
    pandas.DataFrame
        Columns ``KEYWORD_COLUMNS`` (module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("t:1", bipartite=1, text="深化放管服改革,优化营商环境")
    >>> G.add_node("t:2", bipartite=1, text="落实河湖长制")
    >>> group_keywords(G, {"a": ["t:1"], "b": ["t:2"]}, top_k=1)[["group", "keyword"]].values.tolist()
    [['a', '放管服改革'], ['b', '河湖长制']]
    """
    if method not in ("tfidf", "textrank", "logodds"):
        raise ValueError(f"method must be 'tfidf', 'textrank' or 'logodds', got {method!r}")
    if min_tasks is None:
        min_tasks = 2 if method == "logodds" else 1
    units = [unit_name(G, u) for u in unit_nodes(G)]
    stop = load_stopwords(stopwords)
    tnodes = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 1]
    toks = tokens if tokens is not None else task_tokens(G, userdict=userdict, stopwords=stopwords)
    N = len(tnodes)
    df_count = Counter()
    for t in tnodes:
        df_count.update(set(toks[t]))
    rows = []
    for g in order if order is not None else list(groups):
        members = [t for t in groups.get(g, []) if t in toks]
        present = Counter()
        for t in members:
            present.update(set(toks[t]))
        if method == "logodds":
            scored = _logodds(present, df_count, prior)
        elif method == "tfidf":
            tf = Counter()
            for t in members:
                tf.update(toks[t])
            total = sum(tf.values())
            scored = [
                (w, c / total * (math.log((1 + N) / (1 + df_count[w])) + 1.0)) for w, c in tf.items()
            ] if total else []
        else:
            scored = _textrank("。".join(str(G.nodes[t].get("text") or "") for t in members), units, userdict, stop, top_k)
        scored = [x for x in scored if present.get(x[0], 0) >= min_tasks]
        scored.sort(key=lambda x: (-x[1], x[0]))
        for r, (w, s) in enumerate(scored[:top_k], start=1):
            rows.append({"group": g, "rank": r, "keyword": w, "score": float(s), "n_tasks": present.get(w, 0)})
    out = pd.DataFrame(rows, columns=KEYWORD_COLUMNS)
    out = out.astype({"rank": "int64", "keyword": "str", "score": "float64", "n_tasks": "int64"})
    out.attrs.update(method=method, top_k=top_k, min_tasks=min_tasks, prior=prior)
    return out


def _logodds(present: Counter, total: Counter, prior: float) -> list:
    """Monroe et al. (2008) z-scores of the words of one group against the rest (task counts)."""
    alpha = {w: prior * c for w, c in total.items()}
    a0 = sum(alpha.values())
    n_i = sum(present.values())
    n_j = sum(total.values()) - n_i
    out = []
    for w, yi in present.items():
        yj = total[w] - yi
        a = alpha[w]
        if a <= 0:
            continue
        d = math.log((yi + a) / (n_i + a0 - yi - a)) - math.log((yj + a) / (n_j + a0 - yj - a))
        z = d / math.sqrt(1 / (yi + a) + 1 / (yj + a))
        if z > 0:
            out.append((w, z))
    return out


def _textrank(text, units, userdict, stop, top_k):
    jieba = _jieba()
    import jieba.analyse  # noqa: F811  (the submodule; _jieba() configured the package)
    import jieba.posseg

    tk = get_tokenizer(units=units, userdict=userdict)
    tr = jieba.analyse.TextRank()
    tr.tokenizer = tr.postokenizer = jieba.posseg.POSTokenizer(tk)
    tr.stop_words = set(stop)
    allow = ("ns", "n", "vn", "v", "nz", "nt", "l", "i", "j")
    res = tr.textrank(text, topK=max(top_k * 3, 20), withWeight=True, allowPOS=allow)
    return [(w, s) for w, s in res if len(w) >= 2 and _TOKEN_RE.fullmatch(w) and w not in stop]


def cluster_keywords(G, clusters=None, *, top_k: int = 10, method: str = "tfidf", **kw) -> pd.DataFrame:
    """Keywords of each co-responsibility cluster (tasks assigned by
    :func:`xialu_graph.metrics.task_clusters`).

    Parameters
    ----------
    G : networkx.Graph
    clusters : pandas.DataFrame, optional
        :func:`xialu_graph.metrics.co_responsibility_clusters` output; computed (seed 0)
        when omitted.
    top_k, method, **kw
        As :func:`group_keywords`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a")
    >>> G.add_node("t:1", bipartite=1, task_id="1", text="落实河湖长制")
    >>> G.add_edge("u:a", "t:1", weight=1.0)
    >>> cluster_keywords(G, top_k=1).keyword.tolist()
    ['河湖长制']
    """

    if clusters is None:
        clusters = co_responsibility_clusters(G)
    tc = task_clusters(G, clusters)
    tnodes = [n for n, d in G.nodes(data=True) if d.get("bipartite") == 1]
    groups: dict = {}
    for t, c in zip(tnodes, tc["cluster"]):
        if c >= 0:
            groups.setdefault(int(c), []).append(t)
    out = group_keywords(G, groups, top_k=top_k, method=method, order=sorted(groups), **kw)
    out["group"] = out["group"].astype("int64")
    out.attrs["group_type"] = "cluster"
    return out


def cluster_names(keywords, *, n_words: int = 3, sep: str = "·") -> dict:
    """A short name for each cluster from its keywords: the ``n_words`` best joined by ``sep``.

    Parameters
    ----------
    keywords : pandas.DataFrame
        :func:`cluster_keywords` output (``KEYWORD_COLUMNS``).
    n_words : int, default 3
    sep : str, default "·"

    Returns
    -------
    dict
        cluster number → name (``""`` for a cluster without keywords); clusters in number order.

    Examples
    --------
    >>> import pandas as pd
    >>> kw = pd.DataFrame({"group": [1, 1, 1, 1, 2], "rank": [1, 2, 3, 4, 1],
    ...                    "keyword": ["垃圾分类", "老旧小区", "改造", "城市", "审计"],
    ...                    "score": [0.9, 0.8, 0.7, 0.6, 0.9], "n_tasks": [2, 2, 2, 1, 1]})
    >>> cluster_names(kw)
    {1: '垃圾分类·老旧小区·改造', 2: '审计'}
    """
    out: dict = {}
    if keywords is None or len(keywords) == 0:
        return out
    for g, d in keywords.sort_values(["group", "rank"], kind="stable").groupby("group", sort=True):
        out[int(g)] = sep.join(str(k) for k in d["keyword"].head(n_words))
    return out


def cluster_title(cluster, names=None) -> str:
    """How every table, figure and view writes a cluster: ``群组1（垃圾分类·老旧小区·改造）``.

    Numbered from 1 as everywhere in the package; ``未归类`` for a unit in no cluster (a number
    below 1 or None); the number alone when the cluster has no name.

    Examples
    --------
    >>> cluster_title(1, {1: "垃圾分类·老旧小区·改造"}), cluster_title(2), cluster_title(-1)
    ('群组1（垃圾分类·老旧小区·改造）', '群组2', '未归类')
    """
    try:
        c = int(cluster)
    except (TypeError, ValueError):
        return "未归类"
    if c < 1:
        return "未归类"
    name = (names or {}).get(c, "")
    return f"群组{c}（{name}）" if name else f"群组{c}"


def unit_keywords(G, *, top_k: int = 10, method: str = "tfidf", units=None, roles=None, **kw) -> pd.DataFrame:
    """Keywords of the tasks of each unit.

    Parameters
    ----------
    G : networkx.Graph
    units : iterable of str, optional
        Unit names to report (default all, including collectives).
    roles : iterable of str, optional
        Only tasks where the unit has one of these roles (e.g. ``["lead"]``).
    top_k, method, **kw
        As :func:`group_keywords`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("u:a", bipartite=0, label="a")
    >>> G.add_node("t:1", bipartite=1, text="落实河湖长制")
    >>> G.add_edge("u:a", "t:1", role="lead", weight=1.0)
    >>> unit_keywords(G, top_k=1).values.tolist()[0][:3]
    ['a', 1, '河湖长制']
    """
    want = set(units) if units is not None else None
    rl = set(roles) if roles is not None else None
    groups: dict = {}
    for n, d in G.nodes(data=True):
        if d.get("bipartite") != 0:
            continue
        name = str(d.get("label", n))
        if want is not None and name not in want:
            continue
        groups[name] = [t for t, e in G[n].items() if rl is None or e.get("role") in rl]
    out = group_keywords(G, groups, top_k=top_k, method=method, order=sorted(groups), **kw)
    out["group"] = out["group"].astype("str")
    out.attrs["group_type"] = "unit"
    return out


def section_keywords(G, *, top_k: int = 10, method: str = "tfidf", **kw) -> pd.DataFrame:
    """Keywords of each section (task attribute ``section_no``, else ``section``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("t:1", bipartite=1, section_no="一", text="落实河湖长制")
    >>> section_keywords(G, top_k=1)[["group", "keyword"]].values.tolist()
    [['一', '河湖长制']]
    """
    groups: dict = {}
    for n, d in G.nodes(data=True):
        if d.get("bipartite") == 1:
            groups.setdefault(str(d.get("section_no") or d.get("section") or ""), []).append(n)
    out = group_keywords(G, groups, top_k=top_k, method=method, **kw)
    out["group"] = out["group"].astype("str")
    out.attrs["group_type"] = "section"
    return out
