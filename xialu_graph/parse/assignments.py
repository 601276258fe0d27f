"""The unit assignment of one task: find it in the task text, split labels, roles, people, lists.

Two places an assignment stands:

* a bracket at the end of the task: ``[牵头单位:区卫健局;责任单位:…]``, ``(责任单位:区财政局)``,
  ``【…】``, with the full stop before, after or missing, units inside which themselves
  contain parentheses;
* label lines under the task (``牵头单位:X`` then ``责任单位:Y``), handled by the item
  assembler, which hands their text to :func:`parse_assignment` as well.

And three ways it is written:

* labels: 牵头单位 / 牵头责任单位 (lead), 主要责任单位 (responsible), 责任单位 (responsible, support when a
  lead is named), 配合单位 / 协同责任单位 / 协办单位 / 参与单位 (support), and people:
  责任领导, 牵头负责领导, 分管省领导, 分管领导, 责任人, 牵头领导;
* no labels: ``区政务服务局牵头,区发改局、区住建局配合``, ``X牵头,Y按职责分工负责``,
  ``A、B等负责``; clauses that are notes (``年内持续推进``) are kept as notes;
* a bare list (``(区发改局、区财政局)``) when the document says the first-listed unit leads.

Everything is a single left-to-right scan; no regular expression backtracks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .grammar import first_chars, load_grammar
from .lines import normalise

__all__ = [
    "ParsedAssignment", "find_prose_roles", "find_prose_assignment", "read_heading", "find_trailing_bracket", "find_inner_assignments", "find_inline_labels",
    "parse_assignment", "person_of", "find_opening_roles", "split_leaders", "states_first_listed_rule", "first_listed_rule_line", "split_units", "LABEL_RE", "TERMINAL", "MAX_BRACKET_SCAN",
]

OPEN = "([【〔〈《{"
TERMINAL = "。!?;！？；"
"""Characters that end a sentence (normalised and full-width)."""
MAX_BRACKET_SCAN = 5000
"""How far from a line's end an assignment bracket is looked for while lines are classified."""
CLOSE = ")]】〕〉》}"
PAIR = dict(zip(CLOSE, OPEN))

_G = load_grammar()
LEAD_LABELS = _G.label_words("lead")
SUPPORT_LABELS = _G.label_words("support")
RESPONSIBLE_LABELS = _G.label_words("responsible")
PERSON_LABELS = _G.label_words("person")
SCOPE_LABELS = _G.label_words("scope")
ALL_LABELS = tuple(w for w, _ in _G.labels)
LABEL_RE = _G.label_regex()
LABEL_ROLE = dict(_G.labels)

# Words that mark an unlabeled clause's role, tested at the clause end (longest first).
# A copy cut inside a long suffix (…按职责分工落) still closes the clause (:meth:`.grammar.Grammar.cut_suffixes`).
_UNLABELED = tuple(sorted(_G.suffixes + _G.cut_suffixes(), key=lambda x: -len(x[0])))
_ROLE_WORDS = tuple(w for w, _ in _UNLABELED)
_ROLE_WORD_SET = frozenset(_ROLE_WORDS)
# A clause holding one of these is a remark about the list (下同, 不再单独列出) or the rule itself.
_RULE_RE = _G.rule_regex()
_REMARK_RE = re.compile("|".join([re.escape(w) for w in _G.remarks] + [f"(?:{p})" for p in _G.rules]))
# the characters a match starts with (None: unknown): a document holding none states no rule
_RULE_STARTS = first_chars(_RULE_RE.pattern)
_NOTE_HINT = re.compile(r"(\d{4}年|\d+月|年内|年底|持续|推进|完成|长期|按期|季度|每年|前完成|底前)")
# a unit's ending, maybe followed by the agency's other name in a bracket: 市交通委(市道运局)
_UNIT_HINT = re.compile(r"(局|办|委|中心|公司|分局|大队|院|所|站|部|部门|会|联|街道|街办|乡|镇|区|县|市|政府|单位|专班|指挥部|小组|集团|银行|厅|处|队|团|馆|社|室|园|^各.+)"
                        r"(?:\([^()]{1,40}\)|（[^（）]{1,40}）)?$")
_ASSIGN_HINT = re.compile(r"(单位|部门|领导|责任人|科室)\s*:|牵头|负责|配合|协助|协办|参与|参加|主办"
                          + "".join("|" + re.escape(w) for w, _ in _G.synonyms))


@dataclass
class ParsedAssignment:
    """What an assignment says: (role, name) pairs, people, notes, and how it was written."""

    units: list[tuple[str, str]] = field(default_factory=list)
    raw_names: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    style: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where in the text a prose assignment stands

    def has_lead(self) -> bool:
        return any(r == "lead" for r, _ in self.units)


def find_trailing_bracket(norm: str) -> Optional[tuple[int, int, bool]]:
    """Locate an assignment bracket at the end of a normalised task text.

    Returns ``(open_index, close_index, closed)`` where the content is
    ``norm[open_index + 1:close_index]``; ``closed`` is False when the closing bracket is
    missing (then ``close_index == len(norm)``). None when the text ends in no bracket that
    reads as an assignment.

    Examples
    --------
    >>> s = "做好工作。[牵头单位:区卫健局;责任单位:各街办(新区)]"
    >>> o, c, ok = find_trailing_bracket(s); s[o + 1:c]
    '牵头单位:区卫健局;责任单位:各街办(新区)'
    """
    end = len(norm)
    while end > 0 and norm[end - 1] in " \t。.;,、\u200b":
        end -= 1
    # only the bracket characters matter: find them at C speed, walk them backwards
    marks = [(m.start(), m.group()) for m in _BRACKET_CHAR.finditer(norm, 0, end)]
    if marks and end > 0 and norm[end - 1] in CLOSE:
        close = end - 1
        depth = 0
        for i, c in reversed(marks):
            if c in CLOSE:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    content = norm[i + 1:close]
                    if _ASSIGN_HINT.search(content) or _is_bare_unit_list(content):
                        return i, close, True
                    return None
        # unbalanced: more closers than openers; fall through
    # dropped closing bracket: the last unmatched opener, when what follows it is an assignment
    depth = 0
    for i, c in reversed(marks):
        if c in CLOSE:
            depth += 1
        elif depth == 0:
            content = norm[i + 1:end]
            if LABEL_RE.match(content.lstrip()) or (_ASSIGN_HINT.search(content) and len(content) < 400):
                return i, end, False
            return None
        else:
            depth -= 1
    return None


def find_inner_assignments(norm: str, original: Optional[str] = None, *,
                           first_listed_leads: bool = False) -> list[tuple[int, int, "ParsedAssignment"]]:
    """Assignment brackets inside a task's text, before its last one.

    Some documents (the State Council's 重点工作分工 among them) give each sentence of a task
    its own bracket: ``实施好积极的财政政策。(财政部牵头,国务院相关部门按职责分工负责)今年赤字率…
    (财政部牵头,年内持续推进)``. A top-level bracket counts when it has labels, or clauses
    ending in a role word (牵头, 负责, 配合 …) whose names all look like units; an ordinary
    parenthesis (``示范县(区)``, ``(以下简称…)``) does not.

    Returns ``(open, close, parsed)`` for each, left to right.

    Examples
    --------
    >>> s = "稳定财政。(财政部牵头)推进改革(参与率90%)。(发展改革委负责)"
    >>> [(s[o + 1:c], p.units) for o, c, p in find_inner_assignments(s)]
    [('财政部牵头', [('lead', '财政部')]), ('发展改革委负责', [('responsible', '发展改革委')])]
    """
    out = []
    depth = 0
    start = -1
    for m in _BRACKET_CHAR.finditer(norm):
        c = m.group()
        if c in OPEN:
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                content = norm[start + 1:m.start()]
                if len(content) < 600 and _ASSIGN_HINT.search(content):
                    pa = parse_assignment(content, normalised=True, first_listed_leads=first_listed_leads,
                                          original=original[start + 1:m.start()] if original is not None else None)
                    if pa.units and pa.style.startswith(("labels", "unlabeled")) and all(
                        _UNIT_HINT.search(name) for _, name in pa.units
                    ):
                        out.append((start, m.start(), pa))
    return out


def _is_bare_unit_list(content: str) -> bool:
    """A bracket holding nothing but unit names: (区发改局、区财政局)."""
    names = [_TRAILING_ETC.sub("", n) if "等" in n else n for n in split_units(content)]  # (X、Y等)
    # a two-character name (农委) only after a longer one: the prefix written once (市发改委、农委)
    shortest = 2 if len(names) > 1 and len(names[0]) >= 3 else 3
    return bool(names) and all(
        len(n) >= shortest and _UNIT_END.search(n) and not n.startswith(("含", "包括", "如")) for n in names)


def _closing_for(o: str) -> str:
    return CLOSE[OPEN.index(o)]


def split_units(s: str) -> list[str]:
    """Split a unit list at depth-0 separators (、 , ; / |) and at spaces between whole names.

    Separators inside parentheses do not split (各县(市、区)政府 stays whole); a space inside a
    name (区 发改局) is dropped; a collective whose head noun is written once stays whole
    (各区、县级市; 各县、市、区人民政府; 各有关区、县级市政府: the pieces before the head are bare levels);
    ``X等和Y`` and ``X和各Y`` are two names.

    Examples
    --------
    >>> split_units("区发改局、各县(市、区)政府,区财政局;区税务局")
    ['区发改局', '各县(市、区)政府', '区财政局', '区税务局']
    >>> split_units("区 发改局 区财政局、各区、县级市")
    ['区发改局', '区财政局', '各区、县级市']
    >>> split_units("各县、特区、区人民政府、市财政局等和县直相关单位和各乡镇")
    ['各县、特区、区人民政府', '市财政局', '县直相关单位', '各乡镇']
    >>> split_units("市公安消防局,各有关区、县级市政府")
    ['市公安消防局', '各有关区、县级市政府']
    >>> split_units("市直有关部门、单位,各区市政府")
    ['市直有关部门、单位', '各区市政府']
    >>> split_units("县民政局等和各乡、镇人民政府")
    ['县民政局', '各乡、镇人民政府']
    >>> split_units("区发改局、各市(县)、区政府等")
    ['区发改局', '各市(县)、区政府等']
    >>> split_units("市投资促进局,各区、县(市)政府(管委会)")
    ['市投资促进局', '各区、县(市)政府(管委会)']
    """
    out: list[str] = []
    for chunk in _split_depth0(s, ",;/|\t"):
        joining = False
        for piece in _split_depth0(chunk, "、"):
            for name in _split_spaces(piece):
                if out and (
                    joining and not name.startswith("各") and _COLLECTIVE_HEAD.search(name)
                    or name in _ADMIN_LEVELS and out[-1].startswith("各")
                    or _BARE_ZONE.match(out[-1]) and _ZONE_BODY.match(name)
                    or name in _BARE_KINDS and out[-1].endswith(tuple(_BARE_KINDS))
                ):
                    out[-1] = out[-1] + "、" + name
                else:
                    out.append(name)
                # X等和各乡、镇人民政府: the levels after a conjunction still wait for their head noun
                joining = bool(_BARE_LEVELS.match(out[-1].rsplit("和", 1)[-1]))
    if any("和" in n or "会同" in n for n in out):
        out = [p for n in out for p in _split_and(n)]
    return out


# 各县 / 各县区 / 各县、特区: levels only, the head noun (人民政府) comes with a later piece
_BARE_LEVELS = re.compile(r"^各(有关|相关)?[县区市乡镇街道特旗州盟、()]{1,10}$")  # also 各市(县) in 各市(县)、区政府; 各有关区
# 城乡一体化示范区、高新区党工委和管委会: zones that share the bodies named once after the last
_BARE_ZONE = re.compile(r"^[^、]{1,12}(示范区|开发区|新区|园区|试验区|高新区)$")
_ZONE_BODY = re.compile(r"^[^、]{1,12}(区|县|市)(党工委和管委会|党委和政府|党工委|管委会|人民政府|政府)$")
# (a list's closing 等 may follow the head: 各市(县)、区政府等按职责分工负责)
_COLLECTIVE_HEAD = re.compile(
    r"^(?:[县区市乡镇街道特旗州盟级、]|\([县区市]{1,3}\))*(人民)?(政府|管委会|园区|党委|县级市|市|区)(\([^()]*\))?等?$|^开发园区$|^开发区$")
# 市直有关部门、单位: a bare kind after a name ending in a kind shares that name's modifier
_BARE_KINDS = {"单位", "部门", "机构", "企业"}
_AND_SPLIT = re.compile(r"等和|和(?=各)|会同")
_TOGETHER_OTHERS = re.compile(r"会同(有关|相关|其他)(部门|单位)(和单位)?")


def _split_and(name: str) -> list[str]:
    if not _AND_SPLIT.search(name) or _open_paren(name):
        return [name]
    return [p for p in _AND_SPLIT.split(name) if p]


_ADMIN_LEVELS = {"县级市", "县(市)", "县", "市", "区", "乡镇", "乡", "镇", "街道", "县区", "县市区", "市直"}
_UNIT_END = re.compile(
    r"(局|办|委|中心|公司|分局|大队|院|所|站|部|会|联|街道|街办|乡|镇|政府|单位|部门|专班|指挥部|小组|集团|银行|厅|处|队|团|馆|社|室|园|区)(\([^()]*\))?$"
)


def _split_spaces(piece: str) -> list[str]:
    if " " not in piece:
        return [piece] if piece else []
    toks = piece.split()
    out: list[str] = []
    acc = ""
    for t in toks:
        acc += t
        if _long_enough(acc, t) and _UNIT_END.search(acc) and not _open_paren(acc):
            out.append(acc)
            acc = ""
    if acc:
        if out and (not _long_enough(acc, acc) or not _UNIT_END.search(acc)):
            out[-1] += acc
        else:
            out.append(acc)
    return out


def _long_enough(acc: str, token: str) -> bool:
    """A name of three characters or more, or a two-character token of its own that does not
    start with a level (``林站`` among township stations, not ``区`` + ``委``)."""
    return len(acc) >= 3 or (acc == token and len(acc) == 2 and acc[0] not in "省市县区乡镇州")


def _open_paren(s: str) -> bool:
    depth = 0
    for c in s:
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth -= 1
    return depth > 0


def _split_depth0(s: str, seps: str) -> list[str]:
    """Split at separators outside brackets, visiting only separator and bracket characters."""
    if not _HAS_BRACKET.search(s):
        rx = _SEP_RE.get(seps)
        if rx is None:
            rx = _SEP_RE[seps] = re.compile("[" + re.escape(seps) + "]")
        return [p.strip() for p in rx.split(s) if p.strip()]
    rx = _SEP_RE.get("brackets" + seps)
    if rx is None:
        rx = _SEP_RE["brackets" + seps] = re.compile("[" + re.escape(seps + OPEN + CLOSE) + "]")
    out, depth, start = [], 0, 0
    for m in rx.finditer(s):
        c = m.group()
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(s[start:m.start()])
            start = m.end()
    out.append(s[start:])
    return [p.strip() for p in out if p.strip()]


_SEP_RE: dict = {}
_BRACKET_CHAR = re.compile("[" + re.escape(OPEN + CLOSE) + "]")
_HAS_BRACKET = re.compile("[" + re.escape(OPEN + CLOSE) + "]")
_UNIT_SEPS = re.compile(r"[、,;/ \t|]+")
# a list tail: 等 / 等有关部门 / 等相关部门 / 等部门 / 等有关部门和单位 / 等省直有关部门 / 等市有关单位 /
# 等相关区直部门,
# stripped from the last name
_TRAILING_ETC = re.compile(r"等(有关|相关|其他)?([省市县区州]直?|有关|相关|其他)?(有关|相关|其他)?(部门|单位|部门和单位|部门单位|机构)?$")
_INLINE_LEAD = re.compile(r"\((牵头|牵头单位)\)$")


_LIST_PREFIX = re.compile(r"^(市|省|县|区)(?!级|直|属|委办)")
_HAS_ADMIN_START = re.compile(r"^(区|市|县|省|各|中|全|乡|镇)")


def _clean_list(value: str, role: str, res: ParsedAssignment) -> None:
    """Add the units of one list to res with a role; people and notes go aside.

    When only the first name of the list carries the level prefix (市发改委、国土房管局), the
    others are given it as a hint (``res.prefixes``); unit resolution decides whether to use it.
    """
    names = split_units(value)
    m0 = _LIST_PREFIX.match(names[0]) if names else None
    prefix = m0.group(1) if m0 else ""
    for k, name in enumerate(names):
        hint = prefix if k and prefix and not _HAS_ADMIN_START.match(name) else ""
        name = name.strip(" 。.:")
        if not name:
            continue
        r = role
        if name.endswith("*") and len(name) > 2 and role != "support":
            # 区农业农村委* under a header 加*号为牵头部门: the starred unit leads
            name, r = name.rstrip("* "), "lead"
        m = _INLINE_LEAD.search(name) if name[-1] == ")" else None
        if m:
            name, r = name[: m.start()], "lead"
        etc = _TRAILING_ETC.search(name) if "等" in name else None
        if etc and etc.start() > 0:
            name = name[: etc.start()]
        if _NOTE_HINT.search(name) and not _UNIT_HINT.search(name):
            res.notes.append(name)
            continue
        if name.endswith(_POSTS):
            res.people.append(("", person_of(name)))
            continue
        res.units.append((r, name))
        res.prefixes.append(hint)


_POSTS = _G.posts
_CONVENING = _G.convening_regex()  # X会同Y, 宣传处会办公室 (data/grammar/convening.csv)
_POST_QUALIFIERS = ("分管", "协管", "主管", "常务", "联系", "牵头")


def person_of(name: str) -> str:
    """The person a name ending in a leader's post stands for (data/grammar/posts.csv): the
    name before the post (``杨志武副市长`` → ``杨志武``), or the whole when only a qualifier
    stands before it (``分管副省长``).

    Examples
    --------
    >>> person_of("杨志武副市长"), person_of("分管副省长"), person_of("副秘书长")
    ('杨志武', '分管副省长', '副秘书长')
    """
    post = next((p for p in _POSTS if name.endswith(p)), "")
    head = name[: len(name) - len(post)]
    if not post or not head or head.endswith(_POST_QUALIFIERS) or len(head) > 4:
        return name
    return head


def parse_assignment(content: str, *, first_listed_leads: bool = False, normalised: bool = False, original: Optional[str] = None) -> ParsedAssignment:
    """Parse what an assignment bracket (or label lines) says.

    Parameters
    ----------
    content : str
        Bracket content or label-line text, full- or half-width punctuation.
    normalised : bool
        ``content`` is already half-width (:func:`normalise`); skip that step.
    original : str, optional
        The content as written (same length as ``content``), to report names as written.
    first_listed_leads : bool
        The document says 列第一位者为牵头单位: in an unlabeled or 责任单位-only list the
        first unit leads.

    Returns
    -------
    ParsedAssignment
        ``units`` as (role, name) with role lead/support/responsible; responsible becomes
        support when the assignment names a lead.

    Examples
    --------
    >>> parse_assignment("牵头单位:区卫健局;责任单位:区司法局、各街办(新区)").units
    [('lead', '区卫健局'), ('support', '区司法局'), ('support', '各街办(新区)')]
    >>> parse_assignment("区政务服务局牵头,区发改局、区住建局配合").units
    [('lead', '区政务服务局'), ('support', '区发改局'), ('support', '区住建局')]
    >>> parse_assignment("责任部门:区建管委*、区规划资源局").units
    [('lead', '区建管委'), ('support', '区规划资源局')]
    """
    norm = (content if normalised else normalise(content)).strip()
    written = original if original is not None else content.strip()
    keep = None
    if "(" in norm and _PINYIN.search(norm):
        # 負(fù)責(zé)落實(shí): read without the pinyin, report names as written (with it)
        norm, keep = _drop_pinyin(norm)
    res = ParsedAssignment()
    if _REMARK_RE.search(norm):
        norm = blank_remarks(norm)
    if "会同" in norm:  # X会同有关部门负责: the unnamed others are dropped
        norm = _TOGETHER_OTHERS.sub(lambda m: " " * len(m.group()), norm)
    labels = list(LABEL_RE.finditer(norm))
    if labels:
        res.style = "labels"
        pre = norm[: labels[0].start()].strip(" ;,")
        if pre and not pre.endswith(_ROLE_WORDS) and not _looks_like_unit_list(pre):
            res.notes.append(pre)  # (预期性指标,牵头单位:…): a note before the labels
        elif pre:
            _parse_unlabeled(pre, res)
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(norm)
            value = norm[m.end():end].strip(" ;,。")
            cut = _OTHER_LABEL.search(value)
            if cut:  # 配合单位:市城管局、市财政局 实际完成情况:…: a label of another kind ends the value
                value = value[: cut.start()].strip(" ;,。")
            value = cut_table_figures(value)
            label = m.group(1)
            role = LABEL_ROLE[label]
            if role == "scope":
                continue
            if role == "person":
                for name in split_units(value):
                    res.people.append((label, name.strip(" 。")))
                continue
            # a label value is read like an unlabeled assignment whose default role is the
            # label's: 责任单位:X,年内完成 (a note); 责任单位:区发改局牵头,区财政局配合 (roles)
            _parse_unlabeled(value, res, default=role)
    else:
        _parse_unlabeled(norm, res)
        res.style = res.style or "unlabeled"
    if first_listed_leads and not res.has_lead() and len(res.units) >= 2:
        for i, (r, name) in enumerate(res.units):
            if r == "responsible":
                res.units[i] = ("lead", name)
                res.style += "+first_listed_leads"
                break
    if res.has_lead():
        res.units = [("support" if r == "responsible" else r, n) for r, n in res.units]
    if keep is not None and len(written.strip()) == len(keep[1]):
        res.raw_names = _as_written_mapped(res.units, norm, written.strip(), keep[0])
    else:
        res.raw_names = as_written(res.units, norm, written)
    return res


_FIGURE = re.compile(r"(?<=\s)\d+(?:\.\d+)?%?(?=\s|$)")


def cut_table_figures(value: str) -> str:
    """A label's value cut where it runs into a flattened table: before the space-separated words
    and figures of the table (``各区政府 鄞州 海曙 … 合计 新辟线路年度目标 2 5 1 2 10``), right after
    the last word that ends like a unit name before its first two standing figures. A value with
    fewer than two figures standing alone is returned as it is.

    Examples
    --------
    >>> cut_table_figures("市公安局、市城管局,各区政府 鄞州 海曙、江东 合计 新辟线路年度目标 2 5 1 2 10")
    '市公安局、市城管局,各区政府'
    >>> cut_table_figures("区发改局 区财政局")
    '区发改局 区财政局'
    """
    figures = list(_FIGURE.finditer(value))
    if len(figures) < 2:
        return value
    words = list(re.finditer(r"\S+", value[: figures[0].start()]))
    for w in reversed(words):
        if _UNIT_END.search(w.group()):
            return value[: w.end()]
    return value


# a label this grammar does not know (实际完成情况:, 完成时限:) after a space, inside a label's value
_OTHER_LABEL = re.compile(r"\s[\u4e00-\u9fff]{2,8}\s*:")
_SEPARATORS = set(",;。")


def blank_remarks(norm: str) -> str:
    """Replace the remarks of an assignment with spaces (offsets stay): a bracket or a clause
    holding a remark word or a lead-by-position rule (``下同``, ``不再单独列出``,
    ``列第一位者为牵头单位``, data/grammar/remarks.csv and rules.csv).

    Examples
    --------
    >>> blank_remarks("责任单位:市科技局、市发改委,排名第一的部门为牵头责任单位,下同").rstrip(" ,")
    '责任单位:市科技局、市发改委'
    >>> blank_remarks("市发改委、市财政局(第一责任单位为牵头单位,下同)").rstrip()
    '市发改委、市财政局'
    >>> blank_remarks("由市发改委、统计局负责。涉及多个部门的,由排名首位的部门牵头负责。下同").rstrip(" 。")
    '由市发改委、统计局负责'
    >>> blank_remarks("省国资委牵头。明确牵头部门的,有关部门配合,不逐一列出,下同").rstrip(" 。,")
    '省国资委牵头'
    """
    chars = list(norm)
    # innermost brackets first: (第一责任单位为牵头单位,下同)
    stack: list[int] = []
    for i, c in enumerate(norm):
        if c in OPEN:
            stack.append(i)
        elif c in CLOSE and stack:
            o = stack.pop()
            if _REMARK_RE.search(norm, o + 1, i):
                chars[o:i + 1] = " " * (i + 1 - o)
    text = "".join(chars)
    out = list(text)
    depth, start = 0, 0
    in_rule = False  # the clauses after a rule, to the end of its sentence, explain the rule
    # a sentence that opens with a condition (…的,) and holds a remark or rule states a
    # convention as a whole: 一项任务涉及多个部门的,原则上由排名首位的部门牵头负责 /
    # 明确牵头部门的,有关部门配合,不逐一列出
    cond: Optional[int] = None
    for i, c in enumerate(text + "。"):
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in _SEPARATORS:
            if in_rule or _REMARK_RE.search(text, start, i):
                in_rule = in_rule or bool(_RULE_RE.search(text, start, i))
                m = LABEL_RE.search(text, start, i)
                keep = m.end() if m else start  # 责任单位:以下均需… keeps its label
                if cond is not None and not m:
                    keep = cond
                out[keep:i] = " " * (i - keep)
            if cond is None and c == "," and text[start:i].rstrip().endswith("的") and (
                    start == 0 or text[start - 1] == "。"):
                cond = start
            start = i + 1
            if c == "。":
                in_rule, cond = False, None
    return "".join(out)


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")


def _drop_pinyin(norm: str) -> tuple[str, tuple[list[int], str]]:
    """Remove pinyin annotations (開(kāi)發(fā) → 開發); return the text and, for each kept
    character, its index in the input (and the input, to check alignment)."""
    keep: list[int] = []
    last = 0
    for m in _PINYIN.finditer(norm):
        keep.extend(range(last, m.start()))
        last = m.end()
    keep.extend(range(last, len(norm)))
    return "".join(norm[i] for i in keep), (keep, norm)


def _as_written_mapped(units, norm: str, original: str, keep: list[int]) -> list[str]:
    """Like :func:`as_written` for a text with characters removed: ``keep[i]`` is the index in
    ``original`` of ``norm[i]``; a name spans what lies between its first and last character."""
    out = []
    cursor = 0
    for _, name in units:
        i = norm.find(name, cursor)
        if i >= 0 and name:
            out.append(original[keep[i]:keep[i + len(name) - 1] + 1])
            cursor = i + len(name)
        else:
            out.append(name)
    return out


def as_written(units, norm: str, original: str) -> list[str]:
    """Each name as it stands in the original text (full-width, traditional, spaces kept)."""
    if original == norm:
        return [name for _, name in units]
    out = []
    cursor = 0
    same = len(original) == len(norm)
    for _, name in units:
        i = norm.find(name, cursor) if same else -1
        if i >= 0:
            out.append(original[i:i + len(name)])
            cursor = i + len(name)
        else:
            out.append(name)
    return out


def _parse_unlabeled(text: str, res: ParsedAssignment, default: str = "responsible") -> None:
    """Clauses such as 区政务服务局牵头,区发改局、区住建局配合.

    A clause with no role word that lists units belongs to the next clause that has one
    (区发改局,区财政局牵头 → both lead); one that reads as a note (年内持续推进) is a note.
    """
    pending: list[str] = []
    for clause in _clauses(text):
        c = clause.strip(" 。.")
        if not c or c in _ROLE_WORD_SET:  # X牵头,会同有关部门负责: nothing named before the role word
            continue
        role = None
        if c.endswith(_ROLE_WORDS):  # one C-level test for the common case: no role word
            for word, r in _UNLABELED:
                if c.endswith(word) and len(c) > len(word):
                    body = c[: -len(word)].rstrip("(")
                    if word == "落实" and not _UNIT_HINT.search(body.rstrip("等")):
                        continue
                    role, c = r, body
                    break
            while role is not None and c.endswith(_ROLE_WORDS):  # 按职责分工分别负责: both words go
                word = next(w for w, _ in _UNLABELED if c.endswith(w))
                if len(c) <= len(word) or word == "落实":
                    break
                c = c[: -len(word)]
        if role is None:
            if _NOTE_HINT.search(c) and not _looks_like_unit_list(c):
                res.notes.append(c)
            else:
                pending.append(c)
            continue
        if res.style != "labels":
            res.style = "unlabeled"
        for p in pending:
            _add_list(p, role, res)
        pending = []
        _add_list(c, role, res)
    if pending and not res.style:
        res.style = "bare_list"
    for p in pending:
        _add_list(p, default, res)


def _add_list(text: str, role: str, res: ParsedAssignment) -> None:
    """A list with its role; ``X会同Y、Z`` (X convenes the others; the verbs are
    ``data/grammar/convening.csv``): X leads and Y, Z support (when the clause's role is lead or
    responsible); a leading ``由`` (由X负责) is not a name.

    Examples
    --------
    >>> res = ParsedAssignment()
    >>> _add_list("宣传处会办公室", "responsible", res)
    >>> res.units
    [('lead', '宣传处'), ('support', '办公室')]
    """
    if text.startswith("由") and len(text) > 3:
        text = text[1:]
    m = _CONVENING.search(text) if role in ("lead", "responsible") else None
    if m is not None:
        head, rest = text[:m.start()], text[m.end():]
        if head.strip(" 、,") and rest.strip(" 、,") and not _open_paren(head):
            _clean_list(head, "lead", res)
            _clean_list(rest, "support", res)
            return
    _clean_list(text, role, res)


def _clauses(text: str) -> list[str]:
    """Clauses at ; and , — and at a 、 that follows a role word (X主办、Y协办)."""
    out = []
    for clause in _split_depth0(text, ";,。"):
        if "、" in clause and _ROLE_INSIDE.search(clause):
            pieces = _split_depth0(clause, "、")
            acc = []
            for p in pieces:
                acc.append(p)
                if p.endswith(_ROLE_WORDS) and next(w for w, _ in _UNLABELED if p.endswith(w)) != "落实":
                    out.append("、".join(acc))
                    acc = []
            if acc:
                out.append("、".join(acc))
        else:
            out.append(clause)
    return out


_ROLE_INSIDE = re.compile("(" + "|".join(w for w, _ in _UNLABELED if w != "落实") + ")、")


def _looks_like_unit_list(c: str) -> bool:
    names = split_units(c)
    return bool(names) and all(_UNIT_HINT.search(n.rstrip("等")) for n in names)


_PROSE_ROLE = re.compile(
    r"(?:^|(?<=[。;,]))([^。;,]{2,300}?)为(?:[^。;,为]{0,24}的)?("
    + "|".join(w for w, r in _G.labels if r in ("lead", "support", "responsible") and len(w) >= 3)
    + ")"
)


_OPENING_ROLES = re.compile(r"^由([^。;]{2,300}?(协办|配合|协助|参与))(?=[。;]|$)")


def find_opening_roles(norm: str) -> Optional[ParsedAssignment]:
    """A paragraph that opens with a chain of role clauses, ``由X承办,Y、Z协办。…`` → X lead,
    Y and Z support (the rest of the paragraph is the item's text). None unless the chain names a
    lead and ends in a supporting role.

    Examples
    --------
    >>> find_opening_roles("由省经贸委承办,省农业厅、卫生厅协办。治理工作目标:…").units
    [('lead', '省经贸委'), ('support', '省农业厅'), ('support', '卫生厅')]
    >>> find_opening_roles("由市政府统一部署。") is None
    True
    """
    m = _OPENING_ROLES.match(norm)
    if m is None:
        return None
    pa = parse_assignment(m.group(1), normalised=True)
    return pa if pa.units and pa.has_lead() else None


def find_prose_roles(norm: str) -> Optional[ParsedAssignment]:
    """Roles stated in sentences: ``X为该议案办理工作的牵头责任单位…。Y、Z为协办单位`` → X lead,
    Y and Z support. None when no sentence of the text names units with a label word.

    Examples
    --------
    >>> find_prose_roles("州交通局为本项工作的牵头单位,负责方案。州财政局、州环保局为协办单位,要配合。").units
    [('lead', '州交通局'), ('support', '州财政局'), ('support', '州环保局')]
    """
    res = ParsedAssignment(style="prose")
    for m in _PROSE_ROLE.finditer(norm):
        names = m.group(1).strip()
        if not _looks_like_unit_list(names):
            continue
        _clean_list(names, LABEL_ROLE[m.group(2)], res)
    if not res.units:
        return None
    if res.has_lead():
        res.units = [("support" if r == "responsible" else r, n) for r, n in res.units]
    res.raw_names = [n for _, n in res.units]
    return res


_PROSE_PATTERNS = _G.prose_patterns()


def find_prose_assignment(norm: str, original: Optional[str] = None) -> Optional[ParsedAssignment]:
    """A task assigned in its own sentence, with no bracket or label (``data/grammar/prose.csv``):
    ``…的问题,由发展改革委会同农业部、财政部等部门研究提出落实意见。`` → the convening unit leads,
    the others support. Every match whose names all read as units counts; None when none does.

    Parameters
    ----------
    norm : str
        The task text, normalised.
    original : str, optional
        The text as written (same length), to report names as written.

    Examples
    --------
    >>> find_prose_assignment("关于粮食安全的问题,由发展改革委会同农业部、财政部等部门研究提出落实意见。").units
    [('lead', '发展改革委'), ('support', '农业部'), ('support', '财政部')]
    >>> find_prose_assignment("经济由高速增长阶段转向高质量发展阶段。") is None
    True
    """
    res = ParsedAssignment(style="prose")
    for rx, role in _PROSE_PATTERNS:
        for m in rx.finditer(norm):
            a, b = m.span("units")
            if any(a < y and x < b for x, y in res.spans):  # an earlier row read this sentence
                continue
            one = ParsedAssignment()
            text = _through_last_role(m.group("units"))
            if "会同" in text:
                text = _TOGETHER_OTHERS.sub(lambda x: " " * len(x.group()), text)
            _parse_unlabeled(text, one, default=role)
            if one.units and all(_UNIT_HINT.search(n) and not _INSTRUCTION.search(n) for _, n in one.units):
                res.units.extend(one.units)
                res.prefixes.extend(one.prefixes)
                res.people.extend(one.people)
                res.spans.append(m.span("units"))
    if not res.units:
        return None
    if res.has_lead():
        res.units = [("support" if r == "responsible" else r, n) for r, n in res.units]
    if original is not None and len(original) == len(norm):
        res.raw_names = as_written(res.units, norm, original)
    else:
        res.raw_names = [n for _, n in res.units]
    return res


# words of a closing instruction, never of a unit's name: 由各地各部门认真抓好落实, 由各县区结合实际抓好落实
_INSTRUCTION = re.compile(r"认真|抓好|跟踪|结合实际|组织实施")


def _through_last_role(text: str) -> str:
    """The clauses of a prose assignment up to the last one that ends in a role word: what
    follows is the task's own text (``杨志武副市长负责,区发改局牵头,推进园区`` → up to 牵头); the
    text unchanged when no clause ends in one (``X会同Y等部门``)."""
    cut = None
    for i, c in enumerate(text):
        if c in ",;。" and text[:i].rstrip().endswith(_ROLE_WORDS):
            cut = i
    if cut is None or text[cut + 1:].rstrip().endswith(_ROLE_WORDS):
        return text
    return text[:cut]


_HEADING_PATTERNS = _G.heading_patterns()


def read_heading(title: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Who a heading says answers for the tasks under it (``data/grammar/headings.csv``):
    ``(units, people)``, units as (role, name as written), people as (title, name).

    Examples
    --------
    >>> read_heading("省编办牵头的工作")
    ([('lead', '省编办')], [])
    >>> read_heading("孟學農省長負責的工作")
    ([], [('省長', '孟學農')])
    >>> read_heading("凤台县政府"), read_heading("加快发展现代服务业")
    (([('responsible', '凤台县政府')], []), ([], []))
    """
    raw = title.strip()
    n0 = normalise(raw)
    norm = n0.strip(" 。.:;")
    if not norm or len(norm) > 60:
        return [], []
    start = len(n0) - len(n0.lstrip(" 。.:;"))
    written = (raw if len(n0) == len(raw) else n0)[start:start + len(norm)]
    for rx, role in _HEADING_PATTERNS:
        m = rx.search(norm)
        if m is None:
            continue
        if role == "person" and m.groupdict().get("person"):
            t = m.groupdict().get("title") or ""
            return [], [(written[m.start("title"):m.end("title")] if t else "", written[m.start("person"):m.end("person")])]
        if m.groupdict().get("units") and role in ("lead", "support", "responsible"):
            value = m.group("units")
            if not _looks_like_unit_list(value):
                continue
            one = ParsedAssignment()
            _parse_unlabeled(value, one, default=role)
            if not one.units or not all(_UNIT_HINT.search(n) for _, n in one.units):
                continue
            names = as_written(one.units, norm, written) if len(written) == len(norm) else [n for _, n in one.units]
            return [(r, n) for (r, _), n in zip(one.units, names)], []
    return [], []


_BRACKET_CHARS = re.compile(r"[()\[\]【】〔〕〈〉《》{}]")


def find_inline_labels(norm: str) -> Optional[int]:
    """Where labels written inline after the task's sentence begin, or None.

    The first label (``牵头单位:`` …) of the normalised text that follows a sentence end, outside
    any bracket: ``…债务。牵头单位:X;责任单位:Y``.

    Examples
    --------
    >>> find_inline_labels("化解债务。牵头单位:区财政局")
    5
    >>> find_inline_labels("化解债务(牵头单位:区财政局)") is None
    True
    """
    depth, pos = 0, 0
    for m in LABEL_RE.finditer(norm):
        i = m.start()
        for b in _BRACKET_CHARS.finditer(norm, pos, i):  # depth at i, scanning each character once
            depth += 1 if b.group() in "([【〔〈《{" else -1
        pos = i
        if depth <= 0 and i > 0 and norm[i - 1] in TERMINAL + ". ":
            return i
    return None


def split_leaders(title: str) -> tuple[str, list[tuple[str, str]]]:
    """A heading's title and the people its trailing bracket names (when it names only people).

    Examples
    --------
    >>> split_leaders("经济发展（牵头领导：赵六）")
    ('经济发展', [('牵头领导', '赵六')])
    >>> split_leaders("经济发展(牵头单位:区发改局)")
    ('经济发展(牵头单位:区发改局)', [])
    """
    norm = normalise(title)
    span = find_trailing_bracket(norm)
    if span is None:
        return title, []
    op, cl, _ = span
    pa = parse_assignment(norm[op + 1:cl], normalised=True, original=title[op + 1:cl])
    if pa.people and not pa.units:
        return title[:op].rstrip(), pa.people
    return title, []


def states_first_listed_rule(text: str, *, normalised: bool = False) -> bool:
    """Whether the document states the lead-by-position rule (列第一位者为牵头单位 …) in its
    first 200,000 characters; the rule then applies to the whole document. ``normalised``:
    ``text`` is already normalised (:func:`~.lines.normalise`).

    Examples
    --------
    >>> states_first_listed_rule("各单位:列第一位者为牵头单位。\\n1.抓项目。(区发改局、区财政局)")
    True
    >>> states_first_listed_rule("1.抓项目。(牵头单位:区发改局)")
    False
    """
    head = text[:200000]
    if not normalised:
        head = normalise(head)
    if _RULE_STARTS is not None and not any(c in head for c in _RULE_STARTS):
        return False
    return bool(_RULE_RE.search(head))


def first_listed_rule_line(norms: list[str]) -> int:
    """The line (1-based) of the first lead-by-position rule sentence in normalised lines, or 0.

    A list of units takes the rule wherever it stands; a single unit takes it only from this
    line on (``下同``: the same below), where the document has said that the first listed leads.

    Examples
    --------
    >>> first_listed_rule_line(["1.抓项目。", "责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)"])
    2
    >>> first_listed_rule_line(["1.抓项目。"])
    0
    """
    for i, n in enumerate(norms):
        if _RULE_RE.search(n):
            return i + 1
    return 0


# ---------------------------------------------------------------- for the fast path (:mod:`.fast`)

def plain_labels(norm: str) -> bool:
    """Whether :func:`parse_assignment` reads a normalised text label by label, each value on
    its own: no remark, ``会同`` or pinyin rewrites the whole text first.

    Examples
    --------
    >>> plain_labels("牵头单位:区发改局;责任单位:区财政局"), plain_labels("牵头单位:区发改局,下同")
    (True, False)
    """
    return not (_REMARK_RE.search(norm) or "会同" in norm or ("(" in norm and _PINYIN.search(norm)))


_NOT_PLAIN = re.compile(r"[,;/|\s]")
_PLAIN_NAMES: dict = {}
_PLAIN_NAMES_MAX = 200000


def read_plain_list(value: str, role: str) -> Optional[tuple[list, list]]:
    """The (role, name) pairs and prefix hints a label's value adds to a
    :class:`ParsedAssignment` (as :func:`parse_assignment` reads it), for the common value: names
    separated by ``、`` only, none of which a neighbour joins, a role word or ``等和`` splits, or
    the grammar sets aside as a note. None for any other value (read it the general way).

    Examples
    --------
    >>> read_plain_list("区科信局、各街办(新区)", "responsible")
    ([('responsible', '区科信局'), ('responsible', '各街办(新区)')], ['', ''])
    >>> read_plain_list("市发改委、国土房管局", "lead")
    ([('lead', '市发改委'), ('lead', '国土房管局')], ['', '市'])
    >>> read_plain_list("区发改局牵头,区财政局配合", "responsible") is None
    True
    """
    if not value or _NOT_PLAIN.search(value) or value[0] == "由" or value.strip(" 。.") != value:
        return None
    units: list = []
    prefixes: list = []
    prefix = ""
    for k, piece in enumerate(value.split("、")):
        got = _PLAIN_NAMES.get(piece)
        if got is None:
            got = _plain_name(piece)
            if len(_PLAIN_NAMES) < _PLAIN_NAMES_MAX:
                _PLAIN_NAMES[piece] = got
        if got is False:
            return None
        name, lends, admin_start = got
        if k == 0:
            prefix = lends
        units.append((role, name))
        prefixes.append(prefix if k and prefix and not admin_start else "")
    return units, prefixes


def _plain_name(piece: str):
    """One piece of a plain list: (name as kept, prefix it lends the later names, whether it
    starts with a level) or False when the piece needs the general reading."""
    if (not piece or piece.strip(" 。.:") != piece or piece.endswith(_ROLE_WORDS) or _NOTE_HINT.search(piece)
            or _BARE_LEVELS.match(piece) or piece in _ADMIN_LEVELS or _BARE_ZONE.match(piece)
            or _AND_SPLIT.search(piece) or "会同" in piece or split_units(piece) != [piece]):
        return False
    depth = 0
    for c in piece:
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
    if depth:
        return False
    name = piece
    if name[-1] == ")" and _INLINE_LEAD.search(name):
        return False
    etc = _TRAILING_ETC.search(name) if "等" in name else None
    if etc and etc.start() > 0:
        name = name[: etc.start()]
    m0 = _LIST_PREFIX.match(piece)
    return name, m0.group(1) if m0 else "", bool(_HAS_ADMIN_START.match(piece))
