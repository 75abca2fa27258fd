"""shinkyu: 新旧対照表 PDFs to normalized, schema-validated JSON."""

from shinkyu.extract.inputs import shinkyu_version
from shinkyu.schemas.model import SCHEMA_VERSION, Document

from .api import convert, document_to_json
from .batch import ConvertResult, Status, convert_many
from .export import to_frames

__version__ = shinkyu_version()

__all__ = [
    "SCHEMA_VERSION",
    "ConvertResult",
    "Document",
    "Status",
    "__version__",
    "convert",
    "convert_many",
    "document_to_json",
    "to_frames",
]
