"""Extraction stage: a 新旧対照表 file to a :class:`~shinkyu.schemas.model.Document`."""

from .document import extract_document
from .pdf import extract_pdf
from .settings import ExtractSettings

__all__ = ["ExtractSettings", "extract_document", "extract_pdf"]
