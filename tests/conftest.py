from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Golden files are rewritten only when this is set; test_golden_switch asserts it is off.
REGEN_ENV = "SHINKYU_REGEN_GOLDEN"


def regen_golden() -> bool:
    return os.environ.get(REGEN_ENV, "") not in ("", "0")


def manifest() -> list[dict[str, Any]]:
    return json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def sample_id(s: dict[str, Any]) -> str:
    return Path(s["pdf"]).stem


@pytest.fixture(scope="session")
def extracted() -> dict[str, Any]:
    """Every sample PDF extracted once per test session."""
    from shinkyu.extract import extract_pdf

    return {sample_id(s): extract_pdf(SAMPLES / s["pdf"]) for s in manifest()}
