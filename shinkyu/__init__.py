"""shinkyu: 新旧対照表 PDFs to normalized, schema-validated JSON."""

from shinkyu.schemas.model import SCHEMA_VERSION, Document

from .api import convert, document_to_json

__all__ = ["SCHEMA_VERSION", "Document", "convert", "document_to_json"]
