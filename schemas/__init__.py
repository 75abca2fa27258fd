"""The document model and its JSON Schema (imports nothing of the project)."""

from .model import SCHEMA_ID, SCHEMA_NAME, SCHEMA_VERSION, Document

__all__ = ["SCHEMA_ID", "SCHEMA_NAME", "SCHEMA_VERSION", "Document"]
