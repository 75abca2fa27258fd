"""Generate the committed JSON Schema from the model.

``python -m shinkyu.schemas.generate`` rewrites ``schemas/shinkyu-document.schema.json``;
``--check`` exits 1 when the committed file differs from the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .model import SCHEMA_ID, SCHEMA_NAME, SCHEMA_VERSION, Document

SCHEMA_PATH = Path(__file__).with_name(f"{SCHEMA_NAME}.schema.json")


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`Document`, with ``$id`` and version."""
    schema = Document.model_json_schema(mode="serialization")
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "shinkyu document",
        "x-schema-name": SCHEMA_NAME,
        "x-schema-version": SCHEMA_VERSION,
    }
    out.update({k: v for k, v in schema.items() if k not in ("$schema", "$id", "title")})
    return out


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(
                f"{SCHEMA_PATH} is stale: run python -m shinkyu.schemas.generate", file=sys.stderr
            )
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
