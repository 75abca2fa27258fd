"""Extraction stage: a 新旧対照表 file to a :class:`~shinkyu.schemas.model.Document`."""

from .pdf import extract_document, extract_pdf
from .settings import ExtractSettings

__all__ = ["ExtractSettings", "extract_document", "extract_pdf"]
