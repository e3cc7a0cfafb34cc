"""Candidate records from an article, a curation report against a curated source, likely duplicates."""

from helixgraph.suggest.compare import CurationReport, compare_draft
from helixgraph.suggest.duplicates import likely_duplicates
from helixgraph.suggest.suggester import LANGUAGES, suggest_article

__all__ = ["LANGUAGES", "CurationReport", "compare_draft", "likely_duplicates", "suggest_article"]
