"""The search box of the article list in the admin: words in a title (any language) or in an
author's name, drafts included.

Each word of the query (quoted phrases stay whole) must occur, case-insensitively, in one of the
article's titles or in the given or family name of one of its authors. On PostgreSQL the titles
are read through trigram indexes (``articles/migrations/0007_admin_indexes.py``) and the
authors' articles through an array of ids, so the database combines index bitmaps instead of
reading 100,000 articles; no join, so no duplicates to remove. On SQLite the same conditions
read the table.
"""

from django.db import models
from django.utils.text import smart_split, unescape_string_literal

from articles.models import Authorship
from people.models import Person
from thinktank.languages import localized_names

MAX_WORDS = 8


class InIds(models.Func):
    """``pk IN (subquery)`` written so PostgreSQL can combine it with index scans in an OR:
    ``pk = ANY(ARRAY(subquery))`` (the subquery is run once, its ids looked up in the index)."""

    conditional = True
    output_field = models.BooleanField()
    arity = 2

    def __init__(self, subquery: models.QuerySet):
        super().__init__(models.F("pk"), models.Subquery(subquery))

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (inner, inner_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        params = (*column_params, *inner_params)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{inner})", params
        return f"{column} IN {inner}", params


def search_words(search_term: str) -> list[str]:
    """The words of the search box, as the admin reads them: quoted phrases stay whole."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1] and len(bit) > 1:
            bit = unescape_string_literal(bit)
        if bit.strip():
            words.append(bit)
    return words[:MAX_WORDS]


def search_articles(queryset: models.QuerySet, search_term: str) -> models.QuerySet:
    """The articles of ``queryset`` whose titles or authors' names contain every word."""
    for word in search_words(search_term):
        people = Person.objects.filter(
            models.Q(given_name__icontains=word) | models.Q(family_name__icontains=word)
        ).values("pk")
        by_author = Authorship.objects.filter(person__in=people).values("article_id")
        titles = models.Q.create(
            [(f"{name}__icontains", word) for name in localized_names("title")],
            connector=models.Q.OR,
        )
        queryset = queryset.filter(titles | models.Q(InIds(by_author)))
    return queryset
