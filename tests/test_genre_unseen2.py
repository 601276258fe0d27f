"""The second unseen set of real documents (tests/genre/unseen2): the parser's score does not drop
below the committed floor (issue 12).

The set was scored once unseen (F1 0.450, 15/40 complete tasks, main at f9d6772; benchmarks/results.md,
"Genre corpus score, second unseen set"), then 0.894 (36/40) after looking (branch unseen2). Any later rise was reached after looking at these
documents, so the floor guards what was reached; it does not measure generalisation.
"""

from __future__ import annotations

import pytest
from genre_sets import CORPUS, check_gold, check_score, check_set_documents, gold_files

UNSEEN2 = CORPUS / "unseen2"
GOLD = gold_files(UNSEEN2)

# Raise these as the parser improves; never lower them.
F1_FLOOR = 1.0  # 1.000 after branch unseen2-rest (glued deadline cell, wrapped piped cells, watermarks, pipe-prefixed cells), after looking
TASKS_FOUND_FLOOR = 40
UNSEEN2_DOCUMENTS = 12
UNSEEN2_TASKS = 40


def test_the_unseen2_set_has_its_documents():
    check_set_documents(UNSEEN2, UNSEEN2_DOCUMENTS, apart_from=("", "holdout", "fresh"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_unseen2_gold_file_is_sound(path):
    check_gold(path, UNSEEN2 / "docs", described=True)


def test_unseen2_score_does_not_drop():
    check_score(UNSEEN2, n_tasks=UNSEEN2_TASKS, found_floor=TASKS_FOUND_FLOOR, f1_floor=F1_FLOOR)
