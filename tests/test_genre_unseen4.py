"""The fourth unseen set of real documents (tests/genre/unseen4): the parser's score does not drop
below the committed floor (issue 12).

The set was labelled without looking at the parser and scored once unseen before any change
(F1 0.905, recall 0.827, precision 1.000, 13/14 complete tasks, parser at 18e5574; benchmarks/results.md,
"Genre corpus score, fourth unseen set"); the same at 621478a, the parser of this session's other changes
before it was looked at). Then 1.000 (14/14) after looking: items of two numbering styles that each carry
units are both tasks. The floor guards what was reached; it does not measure generalisation.
"""

from __future__ import annotations

import pytest
from genre_sets import CORPUS, check_gold, check_score, check_set_documents, gold_files

UNSEEN4 = CORPUS / "unseen4"
GOLD = gold_files(UNSEEN4)

# Raise these as the parser improves; never lower them.
F1_FLOOR = 1.0  # scored once unseen: 0.905 (0.9053); 1.000 after looking
TASKS_FOUND_FLOOR = 14
UNSEEN4_DOCUMENTS = 5
UNSEEN4_TASKS = 14


def test_the_unseen4_set_has_its_documents():
    check_set_documents(UNSEEN4, UNSEEN4_DOCUMENTS, apart_from=("", "holdout", "fresh", "unseen", "unseen2", "unseen3"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_unseen4_gold_file_is_sound(path):
    check_gold(path, UNSEEN4 / "docs", described=True)


def test_unseen4_score_does_not_drop():
    check_score(UNSEEN4, n_tasks=UNSEEN4_TASKS, found_floor=TASKS_FOUND_FLOOR, f1_floor=F1_FLOOR)
