"""The held-out set of real documents (tests/genre/holdout): sound labels, and the parser's score
does not drop below the committed floor (issue 12).

The held-out set was scored once before anyone looked at it (2026-12-03 14:25, ten documents:
F1 0.950, 101/110 tasks; the five documents held out later were scored unseen at 17:31; main at
fd785e9, all fifteen: F1 0.953, 112/130 tasks; see benchmarks/results.md, "Genre corpus score,
held-out set" and "…, after looking"). The parser was then changed after looking at these
documents (branch holdout-fix), so this floor guards what was reached; it does not measure
generalisation any more.
"""

from __future__ import annotations

import pytest
from genre_sets import CORPUS, check_gold, check_score, check_set_documents, gold_files

HOLDOUT = CORPUS / "holdout"
GOLD = gold_files(HOLDOUT)

# Raise these as the parser improves; never lower them.
F1_FLOOR = 1.0
TASKS_FOUND_FLOOR = 130
HOLDOUT_DOCUMENTS = 15
HOLDOUT_TASKS = 130


def test_the_holdout_set_has_its_documents():
    check_set_documents(HOLDOUT, HOLDOUT_DOCUMENTS, apart_from=("", "fresh"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_holdout_gold_file_loads_and_every_label_occurs_in_its_document(path):
    check_gold(path, HOLDOUT / "docs")


def test_holdout_score_does_not_drop():
    check_score(HOLDOUT, n_tasks=HOLDOUT_TASKS, found_floor=TASKS_FOUND_FLOOR, f1_floor=F1_FLOOR)
