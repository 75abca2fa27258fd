"""Analysis stage: projects, KPIs, 数値目標, era dates, quantities, sections and changes."""

from .analyze import analyze
from .nlp import NlpSettings, ParseCache, load_nlp

__all__ = ["NlpSettings", "ParseCache", "analyze", "load_nlp"]
