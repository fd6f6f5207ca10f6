"""What is stored: taxonomy, articles (the working version), translation state, what readers
see (live versions, corrections) and the search index.

One module per concern; the app label and table names are those of a single ``models.py``.
"""

from articles.models.article import (
    MAX_HIGHLIGHTS,
    Article,
    ArticleQuerySet,
    Authorship,
    Highlight,
    Status,
)
from articles.models.listing import RegionCount, RegionListing, TopicCount, TopicListing
from articles.models.live import Correction, LiveAuthorship, LiveVersion, people_with_articles
from articles.models.search import SearchEntry
from articles.models.taxonomy import ArticleType, Region, TaxonomyTerm, Topic
from articles.models.translation import (
    TRANSLATION_TARGETS,
    Translation,
    TranslationStatus,
    TranslatorLanguage,
)

__all__ = [
    "MAX_HIGHLIGHTS",
    "TRANSLATION_TARGETS",
    "Article",
    "ArticleQuerySet",
    "ArticleType",
    "Authorship",
    "Correction",
    "Highlight",
    "LiveAuthorship",
    "LiveVersion",
    "Region",
    "RegionCount",
    "RegionListing",
    "SearchEntry",
    "Status",
    "TaxonomyTerm",
    "Topic",
    "TopicCount",
    "TopicListing",
    "Translation",
    "TranslationStatus",
    "TranslatorLanguage",
    "people_with_articles",
]
