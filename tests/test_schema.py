import json

import jsonschema
from shinkyu.schemas.generate import SCHEMA_PATH, schema_text
from shinkyu.schemas.model import SCHEMA_ID, SCHEMA_NAME, SCHEMA_VERSION


def test_committed_schema_matches_model() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schema is stale: run `make schema` (python -m shinkyu.schemas.generate)"
    )


def test_schema_header() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["properties"]["schema_name"]["const"] == SCHEMA_NAME
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    jsonschema.Draft202012Validator.check_schema(schema)
