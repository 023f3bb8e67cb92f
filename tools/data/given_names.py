"""Derive ``tools/ingest/rules/given_names.txt`` from the ``names-dataset`` package.

The census list the name model starts from (``names``, US 1990) knows few names from
outside the United States: not Aoife, Tadhg, Nnamdi, Kwabena, Efua or Xiaolu. The
worldwide ``names-dataset`` (MIT licence; first names from a large public data set, ranked
per country) knows them, but it takes about 900 MB of memory and 5 s to load, far too much
for every run. So this script keeps, once, what the pipeline needs of it:

* a name that ranks among the ``MAX_RANK`` most common given names of some country (its
  long tail is mostly noise: "Meeting" is no name there, but "Open" and "Act" are);
* whose letters are letters (no digits, no spaces);
* and that is not a common English word (``wordfreq``'s Zipf frequency below
  ``MAX_ZIPF``): "Trust", "Hall" or "Care" rank as names in some country, yet in an
  English text they are words. Names that are words too (Grace, Mark, Rose) stay known
  through the census list.

The series' texts are British and Irish, and the census list is American: Callum, Niall,
Ffion, Owain or Ged rank too low worldwide, or are frequent enough in English text (as
names), to pass the rules above. So the English-speaking countries (``ENGLISH``) get a
second chance: a name in their top ``ENGLISH_RANK`` that is no common word, in their top
``ENGLISH_MID_RANK`` and below ``ENGLISH_MID_ZIPF`` (Ewan, 3.0; Hamish, Graeme, Alistair,
Martyn: names written often, rarely words), or in their top ``ENGLISH_COMMON_RANK`` and below
``ENGLISH_ZIPF`` (a word as rare as "Callum", 3.05, not as common as "Open", 5.5). So does
a name in the top ``WIDE_RANK`` of two countries or more (Yusuf, Ingrid, Tariq), below
``ENGLISH_ZIPF``.

Run it after upgrading either package, and commit the file it writes::

    python -m tools.data.given_names

Both packages are in the ``data`` dependency group; the pipeline never imports them.
"""

from __future__ import annotations

import gzip
import pickle
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "ingest" / "rules" / "given_names.txt"
MAX_RANK = 1000
MAX_ZIPF = 3.0
MIN_LETTERS = 2
MIN_WIDE_LETTERS = 3
ENGLISH = ("GB", "IE", "US", "CA", "AU", "NZ")
ENGLISH_RANK = 3000
ENGLISH_MID_RANK = 1000
ENGLISH_MID_ZIPF = 3.5
ENGLISH_COMMON_RANK = 300
ENGLISH_ZIPF = 4.0
#: A name in the top ``WIDE_RANK`` of ``WIDE_COUNTRIES`` or more countries is known below
#: ``ENGLISH_ZIPF`` too: English texts name Yusuf, Ingrid or Tariq often enough to pass
#: ``MAX_ZIPF``, and no common word ranks that high in two countries.
WIDE_RANK = 100
WIDE_COUNTRIES = 2


def derive() -> list[str]:
    """The kept names, case-folded and sorted."""
    from wordfreq import zipf_frequency

    data = resources.files("names_dataset").joinpath("v3/first_names.pkl.gz")
    with data.open("rb") as raw, gzip.open(raw) as unpacked:
        table = pickle.load(unpacked)  # the package's own file, as its loader reads it
    kept: set[str] = set()
    for name, facts in table.items():
        ranks = facts.get("rank") or {}
        folded = name.casefold()
        if not ranks or len(folded) < MIN_LETTERS or not folded.isalpha():
            continue
        zipf = zipf_frequency(folded, "en")
        english = min((ranks[c] for c in ENGLISH if c in ranks), default=MAX_RANK * 100)
        wide = sum(1 for rank in ranks.values() if rank <= WIDE_RANK) >= WIDE_COUNTRIES
        if (
            (min(ranks.values()) <= MAX_RANK and zipf < MAX_ZIPF)
            or (english <= ENGLISH_RANK and zipf < MAX_ZIPF)
            or (english <= ENGLISH_MID_RANK and zipf < ENGLISH_MID_ZIPF)
            or (english <= ENGLISH_COMMON_RANK and zipf < ENGLISH_ZIPF)
            or (wide and len(folded) >= MIN_WIDE_LETTERS and zipf < ENGLISH_ZIPF)
        ):
            kept.add(folded)
    return sorted(kept)


def main() -> int:
    names = derive()
    from importlib.metadata import version

    head = (
        "# Given names of many countries, derived from the names-dataset package "
        f"({version('names-dataset')}, MIT licence) by tools/data/given_names.py:\n"
        f"# names ranked in the top {MAX_RANK} of some country (top {ENGLISH_RANK} of an "
        f"English-speaking one), common English words\n# (wordfreq {version('wordfreq')} Zipf "
        f">= {MAX_ZIPF}; >= {ENGLISH_MID_ZIPF} for an English top {ENGLISH_MID_RANK}; "
        f">= {ENGLISH_ZIPF} for an English top {ENGLISH_COMMON_RANK} or a top "
        f"{WIDE_RANK} of {WIDE_COUNTRIES} countries) left out.\n# Do not edit by hand;"
        " run `python -m tools.data.given_names` to make it again.\n"
    )
    OUT.write_text(head + "".join(f"{n}\n" for n in names), encoding="utf-8")
    print(f"{OUT}: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
