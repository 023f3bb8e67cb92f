"""Contact details are masked; the text around them, and numbers that are not, stay."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.ingest.clean.privacy import mask_contacts

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "privacy" / "cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_mask_contacts(case: dict[str, Any]) -> None:
    assert mask_contacts(case["text"]) == (case["masked"], case["count"])


def test_the_seeds_contact_details_are_not_on_any_page(tmp_path: Path) -> None:
    from tools.ingest.pipeline import Options, build

    root = Path(__file__).resolve().parent.parent
    outcome = build(Options(sources=root / "sources", out=tmp_path))
    pages = b"".join(outcome.files.values()).decode("utf-8")
    assert "leedsbeckett.ac.uk" not in pages
    assert "esrc-co@" not in pages
    assert outcome.report.masked >= 2
