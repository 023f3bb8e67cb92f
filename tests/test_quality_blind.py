"""Quality gate on the blind corpus: texts nobody changing the rules wrote or read.

``tests/blind/dev`` and the ``tests/blind/fresh*`` corpora may be read while developing
rules (the ``fresh`` ones were scored blind first, then opened: ``BASELINE.md``);
``tests/blind/sealed`` is only scored (see ``tests/blind/README.md``). All are pinned: each
ratio may not fall below its floor and each count of errors may not rise above its
ceiling, so a change that makes any of them worse fails. Raise a pin when the rules get
better; never lower one to make a change pass. ``python -m tools.quality`` prints the
figures. (Round 15 changed how posts are matched, ``same_lines`` in
``tools/quality/blind.py``; every pin was measured again then, and the change is reported
in ``tests/blind/README.md``.)
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from tools.ingest.records import Post
from tools.quality.__main__ import every_corpus
from tools.quality.blind import AnnotatedPost, Scores, corpora, match_posts, score

#: Lowest ratio allowed per half (what the rules achieve now).
FLOORS: dict[str, dict[str, float]] = {
    "dev": {
        "boundary_precision": 0.978,
        "boundary_recall": 1.0,
        "seminar_placement": 1.0,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.95,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.962,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 0.971,
        "speaker_recall": 0.971,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh10": {
        "boundary_precision": 0.974,
        "boundary_recall": 1.0,
        "seminar_placement": 0.973,
        "author_precision": 1.0,
        "author_recall": 0.931,
        "speaker_precision": 0.969,
        "speaker_recall": 0.969,
        "people_recall": 0.878,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.966,
    },
    "fresh11": {
        "boundary_precision": 0.802,
        "boundary_recall": 0.822,
        "seminar_placement": 0.708,
        # lowered in round 8 from 1.0, with speaker precision (0.912): an X thread's
        # replies, now kept (a line that ends in an emoji is prose), start posts of their
        # own under the thread's writer (tests/blind/README.md)
        "author_precision": 1.0,
        "author_recall": 0.823,
        "speaker_precision": 0.941,
        "speaker_recall": 0.941,
        "people_recall": 0.796,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh12": {
        "boundary_precision": 1.0,
        "boundary_recall": 0.991,
        "seminar_placement": 0.905,
        "author_precision": 0.973,
        "author_recall": 0.878,
        "speaker_precision": 0.959,
        "speaker_recall": 1.0,
        "people_recall": 0.973,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.972,
    },
    "fresh13": {
        "boundary_precision": 0.991,
        "boundary_recall": 0.984,
        "seminar_placement": 0.936,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 0.955,
        "speaker_recall": 0.977,
        "people_recall": 0.96,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.989,
    },
    "fresh14": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.974,
        "author_precision": 1.0,
        "author_recall": 0.931,
        "speaker_precision": 0.978,
        "speaker_recall": 0.957,
        "people_recall": 0.951,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.976,
    },
    "fresh15": {
        "boundary_precision": 0.935,
        "boundary_recall": 0.943,
        "seminar_placement": 0.934,
        "author_precision": 1.0,
        "author_recall": 0.932,
        "speaker_precision": 1.0,
        "speaker_recall": 0.975,
        "people_recall": 0.982,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.932,
    },
    "fresh16": {
        "boundary_precision": 1.0,
        "boundary_recall": 0.888,
        "seminar_placement": 0.888,
        "author_precision": 1.0,
        "author_recall": 0.985,
        "speaker_precision": 0.977,
        "speaker_recall": 0.955,
        "people_recall": 0.933,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.923,
    },
    "fresh17": {
        "boundary_precision": 0.942,
        "boundary_recall": 0.871,
        "seminar_placement": 0.84,
        "author_precision": 0.962,
        "author_recall": 0.921,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.925,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.984,
    },
    "fresh18": {
        "boundary_precision": 0.992,
        "boundary_recall": 0.885,
        "seminar_placement": 0.859,
        "author_precision": 1.0,
        "author_recall": 0.977,
        "speaker_precision": 0.914,
        "speaker_recall": 0.888,
        "people_recall": 0.893,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh19": {
        "boundary_precision": 0.955,
        "boundary_recall": 0.969,
        "seminar_placement": 0.954,
        "author_precision": 0.978,
        "author_recall": 0.863,
        "speaker_precision": 0.944,
        "speaker_recall": 0.918,
        "people_recall": 0.9,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh2": {
        "boundary_precision": 0.979,
        "boundary_recall": 0.979,
        "seminar_placement": 0.958,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.962,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh20": {
        "boundary_precision": 0.966,
        "boundary_recall": 0.974,
        "seminar_placement": 0.974,
        "author_precision": 0.977,
        "author_recall": 0.962,
        "speaker_precision": 0.975,
        "speaker_recall": 0.93,
        "people_recall": 0.918,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.971,
    },
    "fresh21": {
        "boundary_precision": 0.92,
        "boundary_recall": 0.982,
        "seminar_placement": 0.914,
        "author_precision": 0.947,
        "author_recall": 0.96,
        "speaker_precision": 0.945,
        "speaker_recall": 0.921,
        "people_recall": 0.987,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.934,
    },
    "fresh22": {
        "boundary_precision": 0.925,
        "boundary_recall": 0.925,
        "seminar_placement": 0.858,
        "author_precision": 1.0,
        "author_recall": 0.828,
        "speaker_precision": 0.975,
        "speaker_recall": 1.0,
        "people_recall": 0.905,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.944,
    },
    "fresh23": {
        "boundary_precision": 0.937,
        "boundary_recall": 0.967,
        "seminar_placement": 0.854,
        "author_precision": 1.0,
        "author_recall": 0.809,
        "speaker_precision": 0.923,
        "speaker_recall": 0.972,
        "people_recall": 0.944,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.655,
    },
    "fresh24": {
        "boundary_precision": 0.893,
        "boundary_recall": 0.951,
        "seminar_placement": 0.878,
        "author_precision": 1.0,
        "author_recall": 0.915,
        "speaker_precision": 0.972,
        "speaker_recall": 0.945,
        "people_recall": 0.945,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.938,
    },
    "fresh25": {
        "boundary_precision": 0.957,
        "boundary_recall": 0.991,
        "seminar_placement": 0.913,
        "author_precision": 0.953,
        "author_recall": 0.903,
        "speaker_precision": 1.0,
        "speaker_recall": 0.923,
        "people_recall": 0.935,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh26": {
        "boundary_precision": 0.976,
        "boundary_recall": 0.992,
        "seminar_placement": 0.89,
        "author_precision": 0.978,
        "author_recall": 0.965,
        "speaker_precision": 1.0,
        "speaker_recall": 0.878,
        "people_recall": 0.972,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh27": {
        "boundary_precision": 0.911,
        "boundary_recall": 0.946,
        "seminar_placement": 0.838,
        "author_precision": 0.99,
        "author_recall": 0.89,
        "speaker_precision": 0.971,
        "speaker_recall": 0.944,
        "people_recall": 0.985,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.882,
    },
    "fresh28": {
        "boundary_precision": 0.898,
        "boundary_recall": 0.927,
        "seminar_placement": 0.87,
        "author_precision": 1.0,
        "author_recall": 0.916,
        "speaker_precision": 1.0,
        "speaker_recall": 0.918,
        "people_recall": 0.919,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh29": {
        "boundary_precision": 0.958,
        "boundary_recall": 0.966,
        "seminar_placement": 0.899,
        "author_precision": 0.89,
        "author_recall": 0.836,
        "speaker_precision": 0.976,
        "speaker_recall": 0.976,
        "people_recall": 0.896,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.964,
    },
    "fresh3": {
        "boundary_precision": 0.927,
        "boundary_recall": 0.98,
        "seminar_placement": 0.884,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 0.967,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.8,
    },
    "fresh30": {
        "boundary_precision": 0.967,
        "boundary_recall": 0.986,
        "seminar_placement": 0.973,
        "author_precision": 1.0,
        "author_recall": 0.848,
        "speaker_precision": 0.967,
        "speaker_recall": 0.882,
        "people_recall": 0.969,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.959,
    },
    "fresh31": {
        "boundary_precision": 0.984,
        "boundary_recall": 1.0,
        "seminar_placement": 0.992,
        "author_precision": 1.0,
        "author_recall": 0.988,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.992,
    },
    "fresh32": {
        "boundary_precision": 0.984,
        "boundary_recall": 1.0,
        "seminar_placement": 0.976,
        "author_precision": 1.0,
        "author_recall": 0.987,
        "speaker_precision": 0.965,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.969,
    },
    "fresh33": {
        "boundary_precision": 0.958,
        "boundary_recall": 0.992,
        "seminar_placement": 0.971,
        "author_precision": 0.976,
        "author_recall": 0.981,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.977,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.995,
    },
    "fresh34": {
        "boundary_precision": 1.0,
        "boundary_recall": 0.984,
        "seminar_placement": 0.939,
        "author_precision": 1.0,
        "author_recall": 0.973,
        "speaker_precision": 1.0,
        "speaker_recall": 0.971,
        "people_recall": 0.928,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh35": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.985,
        "author_precision": 1.0,
        "author_recall": 0.988,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh36": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.918,
        "author_precision": 0.991,
        "author_recall": 0.948,
        "speaker_precision": 1.0,
        "speaker_recall": 0.964,
        "people_recall": 0.982,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.987,
    },
    "fresh37": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.985,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 0.965,
        "speaker_recall": 0.965,
        "people_recall": 0.952,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh38": {
        "boundary_precision": 0.992,
        "boundary_recall": 0.992,
        "seminar_placement": 0.984,
        "author_precision": 1.0,
        "author_recall": 0.987,
        "speaker_precision": 0.868,
        "speaker_recall": 1.0,
        "people_recall": 0.983,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh39": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 1.0,
        "author_precision": 0.99,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.925,
        "people_recall": 0.96,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh4": {
        "boundary_precision": 0.962,
        "boundary_recall": 1.0,
        "seminar_placement": 1.0,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.97,
        "people_recall": 0.98,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh40": {
        "boundary_precision": 0.956,
        "boundary_recall": 0.984,
        "seminar_placement": 0.977,
        "author_precision": 0.972,
        "author_recall": 1.0,
        "speaker_precision": 0.966,
        "speaker_recall": 0.966,
        "people_recall": 0.983,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh41": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.936,
        "author_precision": 0.986,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh42": {
        "boundary_precision": 0.992,
        "boundary_recall": 0.977,
        "seminar_placement": 0.977,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 0.875,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh43": {
        "boundary_precision": 0.992,
        "boundary_recall": 0.992,
        "seminar_placement": 0.968,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.972,
        "people_recall": 0.98,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh44": {
        "boundary_precision": 0.984,
        "boundary_recall": 1.0,
        "seminar_placement": 0.976,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.961,
        "people_recall": 0.979,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh45": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 1.0,
        "author_precision": 0.974,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.982,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh46": {
        "boundary_precision": 0.984,
        "boundary_recall": 0.992,
        "seminar_placement": 0.969,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 0.942,
        "people_recall": 0.937,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh47": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 1.0,
        "author_precision": 1.0,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 1.0,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh48": {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "seminar_placement": 0.992,
        "author_precision": 1.0,
        "author_recall": 0.987,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.961,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh5": {
        "boundary_precision": 1.0,
        "boundary_recall": 0.953,
        "seminar_placement": 0.938,
        # lowered in round 6 from 1.0: a Drupal teaser's footer "Submitted by lbairstow on
        # ..." is now read as its poster's (Lorna Bairstow, named on the page); the
        # annotator gives the teaser no author (tests/blind/README.md)
        "author_precision": 0.975,
        "author_recall": 0.95,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.938,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh6": {
        "boundary_precision": 0.875,
        "boundary_recall": 0.848,
        "seminar_placement": 0.772,
        "author_precision": 0.962,
        "author_recall": 0.615,
        "speaker_precision": 1.0,
        "speaker_recall": 0.931,
        "people_recall": 0.978,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.8,
    },
    "fresh7": {
        "boundary_precision": 0.985,
        "boundary_recall": 1.0,
        "seminar_placement": 0.985,
        "author_precision": 1.0,
        "author_recall": 0.955,
        "speaker_precision": 0.97,
        "speaker_recall": 0.97,
        "people_recall": 0.944,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh8": {
        "boundary_precision": 0.925,
        "boundary_recall": 0.948,
        "seminar_placement": 0.897,
        # lowered in round 8 from 1.0: a grant record, now found at its own title (its
        # "Back to search results" is chrome), takes a co-investigator of its list of
        # names, one to a line, for its writer (tests/blind/README.md)
        "author_precision": 0.978,
        "author_recall": 1.0,
        "speaker_precision": 0.966,
        "speaker_recall": 1.0,
        "people_recall": 0.903,
        "duplicate_precision": 1.0,
        "duplicate_recall": 0.952,
    },
    "fresh9": {
        "boundary_precision": 0.958,
        "boundary_recall": 0.972,
        "seminar_placement": 0.916,
        "author_precision": 0.983,
        "author_recall": 1.0,
        "speaker_precision": 1.0,
        "speaker_recall": 1.0,
        "people_recall": 0.929,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh49": {
        "boundary_precision": 0.791,
        "boundary_recall": 0.85,
        "seminar_placement": 0.813,
        "author_precision": 0.98,
        "author_recall": 0.859,
        "speaker_precision": 0.909,
        "speaker_recall": 1.0,
        "people_recall": 0.86,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "fresh50": {
        "boundary_precision": 0.888,
        "boundary_recall": 0.962,
        "seminar_placement": 0.916,
        "author_precision": 0.974,
        "author_recall": 0.824,
        "speaker_precision": 0.926,
        "speaker_recall": 0.974,
        "people_recall": 0.902,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
    "sealed": {
        "boundary_precision": 1.0,
        "boundary_recall": 0.976,
        "seminar_placement": 0.976,
        "author_precision": 1.0,
        "author_recall": 0.9,
        "speaker_precision": 1.0,
        "speaker_recall": 0.914,
        "people_recall": 0.946,
        "duplicate_precision": 1.0,
        "duplicate_recall": 1.0,
    },
}
#: Highest count of errors allowed per half.
CEILINGS: dict[str, dict[str, int]] = {
    "dev": {"non_persons": 0, "split_people": 0, "chrome_left": 6, "sentences_lost": 0},
    "fresh": {"non_persons": 0, "split_people": 1, "chrome_left": 5, "sentences_lost": 0},
    "fresh10": {"non_persons": 0, "split_people": 0, "chrome_left": 13, "sentences_lost": 2},
    "fresh11": {"non_persons": 0, "split_people": 0, "chrome_left": 103, "sentences_lost": 1},
    "fresh12": {"non_persons": 0, "split_people": 0, "chrome_left": 20, "sentences_lost": 4},
    "fresh13": {"non_persons": 0, "split_people": 0, "chrome_left": 8, "sentences_lost": 0},
    "fresh14": {"non_persons": 1, "split_people": 0, "chrome_left": 15, "sentences_lost": 0},
    "fresh15": {"non_persons": 0, "split_people": 1, "chrome_left": 20, "sentences_lost": 0},
    "fresh16": {"non_persons": 0, "split_people": 1, "chrome_left": 20, "sentences_lost": 1},
    "fresh17": {"non_persons": 0, "split_people": 0, "chrome_left": 26, "sentences_lost": 35},
    "fresh18": {"non_persons": 0, "split_people": 0, "chrome_left": 12, "sentences_lost": 24},
    "fresh19": {"non_persons": 2, "split_people": 0, "chrome_left": 29, "sentences_lost": 0},
    "fresh2": {"non_persons": 0, "split_people": 0, "chrome_left": 9, "sentences_lost": 0},
    "fresh20": {"non_persons": 1, "split_people": 0, "chrome_left": 28, "sentences_lost": 3},
    "fresh21": {"non_persons": 0, "split_people": 1, "chrome_left": 70, "sentences_lost": 3},
    "fresh22": {"non_persons": 0, "split_people": 0, "chrome_left": 34, "sentences_lost": 2},
    "fresh23": {"non_persons": 0, "split_people": 0, "chrome_left": 61, "sentences_lost": 2},
    "fresh24": {"non_persons": 1, "split_people": 1, "chrome_left": 56, "sentences_lost": 3},
    "fresh25": {"non_persons": 0, "split_people": 0, "chrome_left": 24, "sentences_lost": 0},
    "fresh26": {"non_persons": 0, "split_people": 0, "chrome_left": 10, "sentences_lost": 0},
    "fresh27": {"non_persons": 0, "split_people": 0, "chrome_left": 68, "sentences_lost": 3},
    "fresh28": {"non_persons": 1, "split_people": 0, "chrome_left": 23, "sentences_lost": 0},
    "fresh29": {"non_persons": 0, "split_people": 1, "chrome_left": 21, "sentences_lost": 1},
    "fresh3": {"non_persons": 0, "split_people": 0, "chrome_left": 10, "sentences_lost": 0},
    "fresh30": {"non_persons": 0, "split_people": 0, "chrome_left": 10, "sentences_lost": 1},
    "fresh31": {"non_persons": 0, "split_people": 0, "chrome_left": 7, "sentences_lost": 0},
    "fresh32": {"non_persons": 0, "split_people": 0, "chrome_left": 7, "sentences_lost": 1},
    "fresh33": {"non_persons": 2, "split_people": 0, "chrome_left": 21, "sentences_lost": 0},
    "fresh34": {"non_persons": 0, "split_people": 0, "chrome_left": 37, "sentences_lost": 3},
    "fresh35": {"non_persons": 0, "split_people": 0, "chrome_left": 7, "sentences_lost": 0},
    "fresh36": {"non_persons": 0, "split_people": 0, "chrome_left": 13, "sentences_lost": 0},
    "fresh37": {"non_persons": 0, "split_people": 0, "chrome_left": 2, "sentences_lost": 0},
    "fresh38": {"non_persons": 0, "split_people": 0, "chrome_left": 6, "sentences_lost": 0},
    "fresh39": {"non_persons": 0, "split_people": 0, "chrome_left": 5, "sentences_lost": 0},
    "fresh4": {"non_persons": 0, "split_people": 1, "chrome_left": 11, "sentences_lost": 1},
    "fresh40": {"non_persons": 1, "split_people": 0, "chrome_left": 20, "sentences_lost": 0},
    "fresh41": {"non_persons": 0, "split_people": 0, "chrome_left": 3, "sentences_lost": 0},
    "fresh42": {"non_persons": 0, "split_people": 0, "chrome_left": 10, "sentences_lost": 0},
    "fresh43": {"non_persons": 0, "split_people": 0, "chrome_left": 3, "sentences_lost": 0},
    "fresh44": {"non_persons": 0, "split_people": 0, "chrome_left": 16, "sentences_lost": 0},
    "fresh45": {"non_persons": 0, "split_people": 0, "chrome_left": 3, "sentences_lost": 1},
    "fresh46": {"non_persons": 0, "split_people": 0, "chrome_left": 6, "sentences_lost": 0},
    "fresh47": {"non_persons": 0, "split_people": 0, "chrome_left": 0, "sentences_lost": 0},
    "fresh48": {"non_persons": 0, "split_people": 0, "chrome_left": 6, "sentences_lost": 0},
    "fresh5": {"non_persons": 0, "split_people": 1, "chrome_left": 13, "sentences_lost": 6},
    "fresh6": {"non_persons": 0, "split_people": 1, "chrome_left": 38, "sentences_lost": 0},
    "fresh7": {"non_persons": 0, "split_people": 0, "chrome_left": 9, "sentences_lost": 0},
    "fresh8": {"non_persons": 1, "split_people": 0, "chrome_left": 15, "sentences_lost": 0},
    "fresh9": {"non_persons": 0, "split_people": 1, "chrome_left": 8, "sentences_lost": 0},
    "fresh49": {"non_persons": 0, "split_people": 0, "chrome_left": 50, "sentences_lost": 0},
    "fresh50": {"non_persons": 0, "split_people": 0, "chrome_left": 31, "sentences_lost": 4},
    "sealed": {"non_persons": 0, "split_people": 0, "chrome_left": 2, "sentences_lost": 0},
}


#: Corpora are scored side by side, one process each, on at most this many cores.
MAX_WORKERS = 2


@pytest.fixture(scope="module")
def every_score() -> dict[str, Scores]:
    """Every pinned corpus scored once, each ingested on its own: in parallel when the
    gate runs alone (half the time on two cores), one at a time beside other workers."""
    paths = corpora(sorted(FLOORS))
    # under pytest-xdist the other cores run other test files (the browser's among them,
    # whose focus checks look at paint): one process here, so the cores are not oversubscribed
    spare = 1 if os.environ.get("PYTEST_XDIST_WORKER") else MAX_WORKERS
    workers = max(1, min(spare, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(zip(paths, pool.map(score, paths.values()), strict=True))


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest, every_score: dict[str, Scores]) -> tuple[str, Scores]:
    name = str(request.param)
    return name, every_score[name]


def test_blind_scores_hold_their_floors(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    print(f"\n== {name}\n{scores.table()}")  # shown with -s; never the sealed misses
    low = {
        k: round(getattr(scores, k), 3)
        for k, floor in FLOORS[name].items()
        if getattr(scores, k) < floor
    }
    high = {k: getattr(scores, k) for k, top in CEILINGS[name].items() if getattr(scores, k) > top}
    assert not low, f"{name}: below the floor: {low}"
    assert not high, f"{name}: above the ceiling: {high}"


def test_every_annotated_post_is_scored(scored: tuple[str, Scores]) -> None:
    """The corpus is big enough to mean something: the issue asks for 80 posts in 24 files."""
    _, scores = scored
    assert scores.counts["posts annotated"] >= 40
    assert scores.counts["files"] >= 12


def test_every_corpus_is_pinned() -> None:
    """A corpus added to ``tests/blind/`` is scored by default and must be pinned here."""
    assert sorted(FLOORS) == sorted(CEILINGS) == sorted(every_corpus())


def _post(first: int, last: int) -> Post:
    return Post("blog/a.txt", "blog", "t", False, (), (), first, last)


def _wanted(key: str, first: int, last: int) -> AnnotatedPost:
    return AnnotatedPost(key, "blog/a.txt", None, first, last, None, (), (), (), ())


def test_a_post_matches_past_the_lines_the_annotation_puts_outside_posts() -> None:
    """A post that starts on a tweet's name and handle (lines 6-7, chrome to its annotator)
    is the annotated post of its text (line 8); a line of text between is not passed over,
    and a post that starts right on the line is preferred to one that starts above it."""
    tweets = [_post(6, 8), _post(9, 12)]
    wanted = [_wanted("a", 8, 8), _wanted("b", 10, 12)]
    assert match_posts(tweets, wanted, {"blog/a.txt": frozenset({6, 7})}) == {"a": tweets[0]}
    assert match_posts(tweets, wanted) == {}
    both = [_post(6, 7), _post(8, 8)]  # the header alone, then the text: the text matches
    assert match_posts(both, [wanted[0]], {"blog/a.txt": frozenset({6, 7})}) == {"a": both[1]}


def test_an_annotated_start_on_a_line_with_no_text_matches_the_first_line_of_text() -> None:
    """A saved page's heading opens on a line of its own ("<h3 class=post-title>", line 5)
    and its text stands on the next (line 6): an annotator may give either line as the
    post's start. A post that starts on the text matches; one that starts past a line of
    text does not."""
    post = [_post(6, 12)]
    assert match_posts(post, [_wanted("a", 5, 11)], {"blog/a.txt": frozenset({5})}) == {
        "a": post[0]
    }
    assert match_posts(post, [_wanted("a", 4, 11)], {"blog/a.txt": frozenset({5})}) == {}
