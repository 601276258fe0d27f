"""Pathological inputs, as Python expressions evaluated in a fresh process (with SEED defined).

Shared by tests/test_hostile_parse.py (which only checks that each finishes) and
benchmarks/bench_hostile.py (which records how long each takes).
"""

CASES = {
    "one 1 MB line": "'一、甲\\n1、' + '推进建设' * 250000 + '[责任单位:区发改局]\\n'",
    "10,000 nested brackets": "'一、甲\\n1、抓项目。' + '[' * 10000 + '责任单位:区发改局' + ']' * 10000 + '\\n'",
    "10,000 unclosed brackets": "'一、甲\\n1、抓项目。' + '([' * 5000 + '责任单位:区发改局\\n'",
    "10,000 stray closers": "'一、甲\\n1、抓项目。' + ')' * 10000 + '\\n'",
    "100,000 units in one list": "'一、甲\\n1、抓项目。[责任单位:' + '、'.join(f'区第{i}局' for i in range(100000)) + ']\\n'",
    "20,000 items with open brackets": "'一、甲\\n' + '\\n'.join('1、抓' + '(' * 50 for i in range(20000))",
    "50 MB of the seed, repeated": "open(SEED, encoding='utf-8').read() * (50_000_000 // len(open(SEED, 'rb').read()))",
}
