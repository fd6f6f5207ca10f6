"""Revisions of articles with django-reversion: registration, readable diffs, restore.

An article's revision holds the article and, through ``follow``, its authorships, highlights
and citations. A diff is computed from the stored data of two revisions, field by field and
language by language; a restore brings back the content of one revision as a new revision,
never its workflow state (that changes only through ``articles.editorial.transitions``).
"""

import difflib
import json
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils import dateparse, formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from reversion.models import Version

from articles.editorial.transitions import record_restore
from articles.models import Article, ArticleType, Authorship, Highlight, Region, Topic
from articles.permissions import article_policy
from citations.models import Citation, Source
from people.models import Person
from thinktank.comparison import same
from thinktank.languages import language_codes, language_name
from thinktank.richtext import RichTextField, canonical_html, readable_paragraphs

INLINES = ("authorships", "highlights", "citations")
# Workflow and bookkeeping fields: shown nowhere in diffs, never brought back by a restore.
LIFECYCLE_FIELDS = ("status", "publish_at", "first_published_at", "created_by")
NOT_COMPARED = {"id", "created_at", "updated_at", *LIFECYCLE_FIELDS}


def register():
    """Register the article and its inlines (called from ``ArticlesConfig.ready``)."""
    for model in (Authorship, Highlight, Citation):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=INLINES)


def versions_of(article):
    """The article's own versions, newest first, with who made them."""
    return Version.objects.get_for_object(article).select_related("revision__user")


# Reading stored data -----------------------------------------------------------------------


def _stored_fields(version):
    return json.loads(version.serialized_data)[0]["fields"]


@dataclass
class Snapshot:
    """An article as a revision stored it: its fields and the lines of its inlines."""

    fields: dict
    inlines: dict = field(default_factory=dict)


def snapshot(version):
    inline_models = {
        "authorships": Authorship,
        "highlights": Highlight,
        "citations": Citation,
    }
    rows = {name: [] for name in INLINES}
    by_model = {model: name for name, model in inline_models.items()}
    siblings = version.revision.version_set.select_related("content_type")
    for sibling in siblings:
        model = sibling.content_type.model_class()
        if model in by_model:
            rows[by_model[model]].append(_stored_fields(sibling))
    return Snapshot(
        fields=_stored_fields(version),
        inlines={
            "authorships": _authorship_lines(rows["authorships"]),
            "highlights": _highlight_lines(rows["highlights"]),
            "citations": _citation_lines(rows["citations"]),
        },
    )


def _names(model, pks):
    found = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=pks)}
    return {pk: found.get(pk, f"#{pk}") for pk in pks}


def _authorship_lines(rows):
    names = _names(Person, [row["person"] for row in rows])
    roles = dict(Authorship.Role.choices)
    rows = sorted(rows, key=lambda row: row.get("sort_order", 0))
    return [f"{names[row['person']]} ({roles.get(row['role'], row['role'])})" for row in rows]


def _highlight_lines(rows):
    rows = sorted(rows, key=lambda row: row.get("sort_order", 0))
    lines = []
    for row in rows:
        for code in language_codes():
            text = row.get(f"text_{code}") or ""
            if text:
                lines.append(f"[{language_name(code)}] {text}")
    return lines


def _citation_lines(rows):
    titles = _names(Source, [row["source"] for row in rows])
    lines = []
    for row in sorted(rows, key=lambda row: row["number"]):
        parts = [f"[{row['number']}] {titles[row['source']]}"]
        if row.get("accessed_on"):
            parts.append(_("accessed %(date)s") % {"date": row["accessed_on"]})
        if row.get("locator"):
            parts.append(row["locator"])
        for code in language_codes():
            if row.get(f"note_{code}"):
                parts.append(f"{_('note')} ({language_name(code)}): {row[f'note_{code}']}")
        lines.append(" — ".join(parts))
    return lines


# Comparing -------------------------------------------------------------------------------


@dataclass
class FieldChange:
    """One field that differs between two revisions; ``language`` is "" for a field that is the
    same in every language (type, topics, image)."""

    label: str
    old: str
    new: str
    language: str = ""
    rich: bool = False

    @property
    def inline_diff(self):
        """The new text with the changed words marked: <del> and <ins>, everything escaped;
        rich text as its paragraphs, without tags."""
        if self.rich:
            return text_diff(readable_paragraphs(self.old), readable_paragraphs(self.new))
        return word_diff(self.old, self.new)

    @property
    def formatting_only(self):
        """Rich text whose words are the same: only formatting or link targets changed."""
        return self.rich and readable_paragraphs(self.old) == readable_paragraphs(self.new)


@dataclass
class InlineChange:
    label: str
    removed: list
    added: list


def _compared_fields():
    """(stored name, label, language, model field) for every compared field, one per language
    for translated ones."""
    translated = translator.get_options_for_model(Article).fields
    result = []
    for model_field in [*Article._meta.concrete_fields, *Article._meta.many_to_many]:
        name = model_field.name
        if name in NOT_COMPARED or getattr(model_field, "translated_field", None):
            continue
        if (
            model_field.many_to_many
            and model_field.remote_field.through._meta.auto_created is False
        ):
            continue  # authors: compared through the authorship lines
        if name in translated:
            for code in language_codes():
                result.append(
                    (
                        f"{name}_{code}",
                        f"{model_field.verbose_name} ({language_name(code)})",
                        code,
                        Article._meta.get_field(f"{name}_{code}"),
                    )
                )
        else:
            result.append((name, str(model_field.verbose_name), "", model_field))
    return result


def _display(name, value):
    if value in (None, "", []):
        return ""
    if name == "article_type":
        return _names(ArticleType, [value])[value]
    if name in ("topics", "regions"):
        model = Topic if name == "topics" else Region
        names = _names(model, value)
        return ", ".join(sorted(names.values()))
    if name == "original_language":
        return language_name(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and (moment := dateparse.parse_datetime(value)) and "T" in value:
        return formats.date_format(moment, "DATETIME_FORMAT")
    return str(value)


def compare(old_version, new_version):
    """What changed from one revision to another: field changes, then inline changes.

    Values are compared by content (``thinktank.comparison``): a body whose HTML was only
    rewritten (line breaks, entities, attribute order) or an empty value stored as ``None`` in
    one and ``""`` in the other is no change."""
    old, new = snapshot(old_version), snapshot(new_version)
    fields = []
    for name, label, language, model_field in _compared_fields():
        before, after = old.fields.get(name), new.fields.get(name)
        if same(model_field, before, after):
            continue
        rich = isinstance(model_field, RichTextField)
        fields.append(
            FieldChange(
                str(label),
                canonical_html(before) if rich else _display(name, before),
                canonical_html(after) if rich else _display(name, after),
                language=language,
                rich=rich,
            )
        )
    inline_labels = {
        "authorships": _("Authors"),
        "highlights": _("Highlights"),
        "citations": _("Citations"),
    }
    inlines = []
    for name in INLINES:
        before, after = old.inlines[name], new.inlines[name]
        if before != after:
            removed = [line for line in before if line not in after]
            added = [line for line in after if line not in before]
            if not removed and not added:  # same lines, new order
                removed, added = before, after
            inlines.append(InlineChange(str(inline_labels[name]), removed, added))
    return fields, inlines


PARAGRAPH = "\n"  # a paragraph break among the words (a word never holds whitespace)


def _split(tokens):
    """Runs of words between paragraph breaks: ``[a, b, ¶, c]`` gives ``[[a, b], [c]]``."""
    runs = [[]]
    for token in tokens:
        if token == PARAGRAPH:
            runs.append([])
        else:
            runs[-1].append(token)
    return runs


def _marked(old_tokens, new_tokens):
    """Paragraphs of the new text (escaped), changed runs of words in <del> (the old words) and
    <ins> (the new ones)."""
    paragraphs = [[]]

    def add(tokens, tag=None):
        for index, words in enumerate(_split(tokens)):
            if index:
                paragraphs.append([])
            if words:
                text = escape(" ".join(words))
                paragraphs[-1].append(f"<{tag}>{text}</{tag}>" if tag else text)

    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            add(old_tokens[a1:a2])
            continue
        if a2 > a1:
            add(old_tokens[a1:a2], "del")
        if b2 > b1:
            add(new_tokens[b1:b2], "ins")
    return [" ".join(pieces) for pieces in paragraphs if pieces]


def word_diff(old: str, new: str) -> SafeString:
    """Word-level diff of two one-line texts; whitespace is not a change."""
    return mark_safe(" ".join(_marked((old or "").split(), (new or "").split())))  # noqa: S308 -- escaped


def _tokens(paragraphs):
    tokens = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            tokens.append(PARAGRAPH)
        tokens.extend(paragraph.split())
    return tokens


def text_diff(old_paragraphs: list[str], new_paragraphs: list[str]) -> SafeString:
    """Word-level diff of two texts of paragraphs, as <p> paragraphs with <del> and <ins>."""
    marked = _marked(_tokens(old_paragraphs), _tokens(new_paragraphs))
    return mark_safe("".join(f"<p>{paragraph}</p>" for paragraph in marked))  # noqa: S308 -- escaped


# Restoring -------------------------------------------------------------------------------


def restore(article, version, *, by):
    """Bring back the content of ``version`` (inlines included) as a new revision.

    The workflow state stays as it is now: restoring an old text never publishes or unpublishes.
    """
    article_policy.check_can_edit(by, article)
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise ValueError("This version belongs to another object.")
    keep = {
        name: getattr(article, Article._meta.get_field(name).attname) for name in LIFECYCLE_FIELDS
    }
    with transaction.atomic(), reversion.create_revision():
        version.revision.revert(delete=True)
        restored = Article.objects.get(pk=article.pk)
        for name in LIFECYCLE_FIELDS:
            setattr(restored, Article._meta.get_field(name).attname, keep[name])
        restored.save()
        reversion.set_user(by)
        reversion.set_comment(
            _("Restored the revision of %(date)s.")
            % {"date": formats.date_format(version.revision.date_created, "DATETIME_FORMAT")}
        )
        record_restore(restored, by=by, revision_id=version.revision_id)
    return restored


def restored_changes(article: Article, version: Version) -> list[str]:
    """The labels of what restoring ``version`` would change, compared with the latest revision:
    fields (“title (English)”) and inlines (“Authors”)."""
    latest = latest_version(article)
    if latest is None or latest.pk == version.pk:
        return []
    fields, inlines = compare(latest, version)
    return [change.label for change in fields] + [change.label for change in inlines]


def latest_version(article):
    return versions_of(article).first()
