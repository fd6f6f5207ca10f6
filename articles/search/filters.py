"""The filters of the article list and of search: one form reads them from the query string.

Values are cleaned before anything reaches the database (control characters and NUL bytes
dropped, length capped); a year that is not four ASCII digits is ignored; a slug that names no
term simply matches nothing. The same form gives the templates their ``<select>`` boxes.
"""

import re
from dataclasses import dataclass

from django import forms
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from articles import listings
from articles.models import (
    ArticleType,
    LiveAuthorship,
    LiveVersion,
    Region,
    Topic,
    people_with_articles,
)
from articles.models.translation import public_value

MAX_VALUE_LENGTH = 200
# The year filter probes each year between the first and the latest publication, up to this span.
MAX_PROBED_YEARS = 100
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def clean_value(value) -> str:
    """A query-string value as filters use it: control characters dropped, length capped."""
    return CONTROL.sub("", str(value or ""))[:MAX_VALUE_LENGTH].strip()


def parse_year(value) -> int | None:
    """The year a filter asks for (``"2024"`` → 2024), or None for anything else: other digits
    (``"²⁰²⁴"``), year 0, more or fewer than four digits."""
    value = str(value or "")
    if value.isascii() and value.isdigit() and len(value) == 4 and int(value) > 0:
        return int(value)
    return None


def uses_full_text(using: str = "default") -> bool:
    """Whether the database searches with PostgreSQL full text (else substrings, on SQLite)."""
    return connections[using].vendor == "postgresql"


def publication_years(lang: str) -> list[int]:
    """Years with articles live in ``lang``, newest first: the choices of the year filter.

    On PostgreSQL: the first and the latest publication, then one probe per year between them,
    each walking the versions' (language, publication time) index and stopping at the first
    visible one, instead of reading every live version to group them by year.
    """
    if not uses_full_text(LiveVersion.objects.db):
        return _grouped_years(lang)
    published = LiveVersion.objects.visible(lang).values_list("publish_at", flat=True)
    ends = published.order_by("publish_at")[:1].union(
        published.order_by("-publish_at")[:1], all=True
    )
    years = {timezone.localtime(moment).year for moment in ends}
    if not years:
        return []
    if max(years) - min(years) > MAX_PROBED_YEARS:  # a mistyped year, say 0224: group instead
        return _grouped_years(lang)
    probes = [
        published.filter(publish_at__year=year)
        .annotate(year=models.Value(year))
        .values_list("year", flat=True)[:1]
        for year in range(max(years), min(years) - 1, -1)
    ]
    return sorted(probes[0].union(*probes[1:], all=True), reverse=True)


def _grouped_years(lang):
    """Every live version's year, grouped: right everywhere, slow on a large PostgreSQL site."""
    moments = LiveVersion.objects.visible(lang).datetimes("publish_at", "year", order="DESC")
    return [moment.year for moment in moments]


@dataclass
class Choice:
    """One ``<select>`` of the filter form, as the template draws it."""

    name: str
    label: str
    all_label: str
    options: list  # [(value, text)]
    selected: str


class FilterField(forms.CharField):
    def to_python(self, value):
        return clean_value(value)


class ArticleFilterForm(forms.Form):
    """``?type=&topic=&region=&author=&year=`` for the page's language ``lang``.

    ``authors`` adds the author filter (search has it, the list does not).
    """

    type = FilterField(required=False)
    topic = FilterField(required=False)
    region = FilterField(required=False)
    author = FilterField(required=False)
    year = FilterField(required=False)

    # The taxonomy filters: name -> (model, the versions' relation to it).
    TERMS = {
        "type": (ArticleType, "article_type"),
        "topic": (Topic, "topics"),
        "region": (Region, "regions"),
    }

    def __init__(self, data, *, lang: str, authors: bool = False):
        super().__init__(data)
        self.lang = lang
        self.with_authors = authors
        if not authors:
            del self.fields["author"]

    def clean_year(self):
        year = parse_year(self.cleaned_data.get("year"))
        return str(year) if year is not None else ""

    @property
    def selected(self) -> dict[str, str]:
        """The filters that take effect: name → value."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, matches: models.QuerySet, *, version: str = "pk") -> models.QuerySet:
        """``matches`` narrowed by the chosen filters; ``version`` names the field of
        ``matches`` holding a live version's id (``pk`` for versions themselves)."""
        for name, value in self.selected.items():
            if version == "pk" and name in ("type", "year"):  # the versions' own columns
                matches = matches.filter(self.own_condition(name, value))
            else:
                matches = matches.filter(**{f"{version}__in": self.versions_with(name, value)})
        return matches

    def own_condition(self, name: str, value: str) -> models.Q:
        """The type or year filter as a condition on the versions' own columns."""
        if name == "year":
            return models.Q(publish_at__year=int(value))
        terms = ArticleType.objects.with_public_slug(self.lang, value).prefetch_related(None)
        return models.Q(article_type__in=terms.values("pk"))

    def versions_with(self, name: str, value: str) -> models.QuerySet:
        """The ids of the versions (in any language, visible or not) that filter ``name`` keeps.

        Each is one table's rows — the versions' own column, or the link table of the topics,
        regions or credits — so the planner can either walk the list's (language, publication
        time) index and probe each version, or start from a rare term's few links.
        """
        if name in ("type", "year"):
            return LiveVersion.objects.filter(self.own_condition(name, value)).values("pk")
        if name == "author":
            return LiveAuthorship.objects.filter(person__slug=value).values("version_id")
        model, relation = self.TERMS[name]
        terms = model.objects.with_public_slug(self.lang, value).prefetch_related(None)
        links = getattr(LiveVersion, relation).through.objects
        return links.filter(**{f"{model._meta.model_name}__in": terms.values("pk")}).values(
            "liveversion_id"
        )

    def listing(self) -> models.QuerySet | None:
        """With a topic or a region chosen: that term's listing rows visible in the page's
        language, narrowed by the other filters — the same versions as ``filter`` keeps, read
        from one index range (``articles.listings``). None without one."""
        selected = self.selected
        name = next((name for name in ("topic", "region") if name in selected), None)
        if name is None or "author" in selected:
            return None
        model, _relation = self.TERMS[name]
        term = model.objects.with_public_slug(self.lang, selected[name]).prefetch_related(None)
        rows = listings.visible_rows(model, self.lang, models.Subquery(term.values("pk")[:1]))
        if "region" in selected and name == "topic":
            rows = rows.filter(version_id__in=self.versions_with("region", selected["region"]))
        if "type" in selected:
            types = ArticleType.objects.with_public_slug(self.lang, selected["type"])
            rows = rows.filter(article_type__in=types.prefetch_related(None).values("pk"))
        if "year" in selected:
            rows = rows.filter(publish_at__year=int(selected["year"]))
        return rows

    def chosen_names(self, options: "FilterOptions") -> list[str]:
        """The names of the chosen filters, for the page's heading ("Publications: Energy")."""
        selected = self.selected
        names = [
            options.text(name, selected[name])
            for name in ("type", "topic", "region")
            if name in selected
        ]
        names = [name for name in names if name]
        if "year" in selected:
            names.append(selected["year"])
        return names

    def choices(self, options: "FilterOptions") -> list[Choice]:
        """The ``<select>`` boxes, in order: type, topic, region, (author), year."""
        selected = self.selected
        boxes = [
            Choice("type", _("Type"), _("All types"), list(options.type), ""),
            Choice("topic", _("Topic"), _("All topics"), list(options.topic), ""),
            Choice("region", _("Region"), _("All regions"), list(options.region), ""),
        ]
        if self.with_authors:
            boxes.append(Choice("author", _("Author"), _("All authors"), list(options.author), ""))
        boxes.append(Choice("year", _("Year"), _("All years"), list(options.year), ""))
        for box in boxes:
            box.selected = selected.get(box.name, "")
        return boxes


@dataclass(frozen=True)
class FilterOptions:
    """What each filter offers in one language: ``(value, text)`` pairs in the order shown.

    Plain strings only, so it can be kept in the page cache's store and shared by every
    process (``articles.public.caching.filter_options``)."""

    type: tuple[tuple[str, str], ...]
    topic: tuple[tuple[str, str], ...]
    region: tuple[tuple[str, str], ...]
    author: tuple[tuple[str, str], ...]
    year: tuple[tuple[str, str], ...]

    def text(self, name: str, value: str) -> str:
        """What filter ``name`` calls ``value`` ("" when it does not offer it)."""
        return next((text for option, text in getattr(self, name) if option == value), "")


def filter_options(lang: str) -> FilterOptions:
    """The filters' choices in ``lang``, from the database: the types, topics and regions named
    in ``lang``, the people credited on a version visible there, the years with one."""
    with override(lang):  # the names as readers of ``lang`` see them (honorifics)
        terms = {
            name: tuple(
                (public_value(term, "slug", lang), public_value(term, "name", lang))
                for term in model.objects.named_in(lang)
            )
            for name, (model, _relation) in ArticleFilterForm.TERMS.items()
        }
        authors = tuple((person.slug, person.display_name) for person in people_with_articles(lang))
        years = tuple((str(year), str(year)) for year in publication_years(lang))
    return FilterOptions(**terms, author=authors, year=years)
