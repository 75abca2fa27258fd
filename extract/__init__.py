"""Extraction stage: a 新旧対照表 PDF to a :class:`~shinkyu.schemas.model.Document`."""

from .pdf import extract_pdf
from .settings import ExtractSettings

__all__ = ["ExtractSettings", "extract_pdf"]
