"""A site's watermark repeated through a copied text (``秘书之家—全网资源每日更新www.mishuzj.com``),
even inside a word (``【牵`` watermark ``头单位:…】``): removed by the layout pass.

Plain data in and out: text → (text, count of removals). Linear in the text length.
"""

from __future__ import annotations

import re

__all__ = ["strip_watermarks"]

# the labels taken as few as can be and the address ended where no letter or further
# label goes on, or where the next address starts: a copy may glue two (http://www.x.nethttp://www.x.net)
_ADDRESS = re.compile(r"(?:https?://)?www\.(?:[A-Za-z0-9-]+\.)+?[A-Za-z]{2,6}(?=https?://|www\.|\.?(?:[^A-Za-z.-]|$))")
_BEFORE = 30  # a watermark's words before its address are at most this long
_STOPS = set("。;；!！?？)）】]」』")  # a sentence or bracket end before both places is the text's


def strip_watermarks(text: str) -> tuple[str, int]:
    """Remove a watermark: a web address (``www.…``) written two or more times in the text, with
    the words that stand right before it at every place it is written (their longest common
    ending, at most 30 characters, no space, line break, sentence or bracket end in them).

    Returns the text and the number of watermarks removed.

    Examples
    --------
    >>> mark = "资料网—每日更新www.ziliao.com"
    >>> strip_watermarks(f"{mark}行动计划\\n(一)强化领导。【牵{mark}头单位:区农业农村局】")
    ('行动计划\\n(一)强化领导。【牵头单位:区农业农村局】', 2)
    >>> strip_watermarks("见www.gov.cn。")
    ('见www.gov.cn。', 0)
    >>> strip_watermarks("抓项目。资料网www.zl.com\\n稳就业。资料网www.zl.com")
    ('抓项目。\\n稳就业。', 2)

    Two copies of the address glued together, and the table header after them:

    >>> strip_watermarks("http://www.wendang.nethttp://www.wendang.net序号 | 任务 | 责任单位 |")
    ('序号 | 任务 | 责任单位 |', 2)
    """
    if "www." not in text:
        return text, 0
    spots: dict[str, list[int]] = {}
    for m in _ADDRESS.finditer(text):
        spots.setdefault(m.group(), []).append(m.start())
    count = 0
    for address, starts in spots.items():
        if len(starts) < 2:
            continue
        befores = [re.split(r"\s", text[max(0, s - _BEFORE):s])[-1] for s in starts]
        k = 0  # the longest common ending of the words before the address
        while all(len(b) > k for b in befores) and len({b[len(b) - k - 1] for b in befores}) == 1 \
                and befores[0][len(befores[0]) - k - 1] not in _STOPS:
            k += 1
        mark = (befores[0][len(befores[0]) - k:] if k else "") + address
        count += text.count(mark)
        text = text.replace(mark, "")
    return text, count
