"""The fifth unseen set of real documents (tests/genre/unseen5): the parser's score does not drop
below the committed floor (issue 12).

The set was found and labelled by a helper session that never ran the parser, and scored once
before any change: F1 0.841 (recall 0.828, precision 0.854), 38/39 complete tasks (parser at
77251e4; the same at e840ffb, after the tables-read-across change, which had not looked at it).
After looking: 0.970, 39/39 — a unit marked ``*`` leads only where the document says what ``*``
means (``data/grammar/markers.csv``), ``X、Y分别牵头`` (two leads) and ``X配合落实`` (support) are
role suffixes, a unit cell closed by a role word reads as units, ``各区、县(市)政府(管委会)`` is one
collective. What is left (4 triples of ci_lishui_2023) is a labelling disagreement, kept as
labelled: after ``列第一位为牵头或汇总单位,下同`` the set's labeller read a task's single unit as
responsible; the project reads it as lead, as the development set's ci_xiamen_2019 gold does
(CONVENTIONS.md: the first unit leads). The floor guards what was reached; it does not measure
generalisation.
"""

from __future__ import annotations

import pytest
from genre_sets import CORPUS, check_gold, check_score, check_set_documents, gold_files

UNSEEN5 = CORPUS / "unseen5"
GOLD = gold_files(UNSEEN5)

# Raise these as the parser improves; never lower them.
F1_FLOOR = 0.969  # scored once unseen: 0.841; 0.9697 after looking
TASKS_FOUND_FLOOR = 39
UNSEEN5_DOCUMENTS = 5
UNSEEN5_TASKS = 39


def test_the_unseen5_set_has_its_documents():
    check_set_documents(UNSEEN5, UNSEEN5_DOCUMENTS,
                        apart_from=("", "holdout", "fresh", "unseen", "unseen2", "unseen3", "unseen4"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_unseen5_gold_file_is_sound(path):
    check_gold(path, UNSEEN5 / "docs", described=True)


def test_unseen5_score_does_not_drop():
    check_score(UNSEEN5, n_tasks=UNSEEN5_TASKS, found_floor=TASKS_FOUND_FLOOR, f1_floor=F1_FLOOR)
