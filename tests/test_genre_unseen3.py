"""The third unseen set of real documents (tests/genre/unseen3): the parser's score does not drop
below the committed floor (issue 12).

The set was scored once unseen (F1 0.431, 7/10 complete tasks, main at 28f1015; benchmarks/results.md,
"Genre corpus score, third unseen set"), then 0.986 (10/10) after looking (branch unseen3). Any later rise
is reached after looking at these documents, so the floor guards what was reached; it does not measure
generalisation.
"""

from __future__ import annotations

import pytest
from genre_sets import CORPUS, check_gold, check_score, check_set_documents, gold_files

UNSEEN3 = CORPUS / "unseen3"
GOLD = gold_files(UNSEEN3)

# Raise these as the parser improves; never lower them.
F1_FLOOR = 1.0  # 0.431 scored once unseen; 0.986 after looking; 1.000 once a list running into a table's figures is cut
TASKS_FOUND_FLOOR = 12
UNSEEN3_DOCUMENTS = 11  # 10 scored once unseen, then one supplement scored once before any change for it (2/2)
UNSEEN3_TASKS = 12


def test_the_unseen3_set_has_its_documents():
    check_set_documents(UNSEEN3, UNSEEN3_DOCUMENTS, apart_from=("", "holdout", "fresh", "unseen", "unseen2"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_unseen3_gold_file_is_sound(path):
    check_gold(path, UNSEEN3 / "docs", described=True)


def test_unseen3_score_does_not_drop():
    check_score(UNSEEN3, n_tasks=UNSEEN3_TASKS, found_floor=TASKS_FOUND_FLOOR, f1_floor=F1_FLOOR)
