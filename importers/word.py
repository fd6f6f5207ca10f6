"""Word documents and pasted text in: a draft article with its footnotes as citations.

``import_word`` is the one way in, used by the upload form and ``manage.py import_docx``. The
draft belongs to whoever imported it and reaches readers only when an editor publishes it.
Importing the same file again updates its draft (while it is still a draft), never a second one.
"""

import hashlib
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleType, Status
from audit.log import log
from audit.registry import register_actions
from importers.citations import replace_citations
from importers.docx import WordDocument, read_docx
from importers.footnotes import split_pasted_text
from importers.models import ImportRecord
from importers.problems import ImportProblem
from importers.report import ItemResult
from importers.slugs import free_slug
from thinktank.languages import validate_language_code
from thinktank.richtext import sanitize_html

WORD_ORIGIN = "word"
IMPORTED = "import"
register_actions([(IMPORTED, gettext_lazy("Imported"))])


def content_key(data: bytes) -> str:
    """What identifies an imported file or text: the same content is the same draft."""
    return hashlib.sha256(data).hexdigest()


def read_pasted(text: str, title: str = "") -> WordDocument:
    """Pasted text: paragraphs separated by blank lines, a numbered list at the end."""
    body, references = split_pasted_text(text)
    paragraphs = [" ".join(block.split()) for block in body.split("\n\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if not title and paragraphs:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return WordDocument(title=title[:300], body=sanitize_html(html), references=references)


def import_document(
    document: WordDocument,
    *,
    key: str,
    label: str,
    language: str,
    article_type: ArticleType,
    by: Any,
) -> ItemResult:
    """Make (or, imported again, update) the draft of ``document``; all of it or nothing."""
    validate_language_code(language)
    if not document.title:
        raise ImportProblem(
            _("The document has no title: give its first paragraph the Title style.")
        )
    if not document.body:
        raise ImportProblem(_("The document has no text."))
    with transaction.atomic(), reversion.create_revision():
        record = (
            ImportRecord.objects.select_for_update(of=("self",))
            .select_related("article")
            .filter(origin=WORD_ORIGIN, kind=ImportRecord.Kind.ARTICLE, key=key)
            .first()
        )
        article = record.article if record is not None else None
        if article is not None and article.status != Status.DRAFT:
            return ItemResult(
                key=key,
                label=label,
                outcome="skipped",
                reason=_("already imported as “%(title)s”, which is no longer a draft")
                % {"title": article},
                article_id=article.pk,
            )
        outcome = "updated" if article is not None else "created"
        if article is None:
            article = Article(created_by=by, status=Status.DRAFT)
        article.article_type = article_type
        article.original_language = language
        setattr(article, f"title_{language}", document.title)
        setattr(
            article,
            f"slug_{language}",
            free_slug(Article, document.title, language, exclude_pk=article.pk),
        )
        setattr(article, f"body_{language}", document.body)
        try:
            article.full_clean()
        except ValidationError as exc:
            raise ImportProblem(" ".join(exc.messages)) from exc
        article.save()
        ImportRecord.objects.update_or_create(
            origin=WORD_ORIGIN,
            kind=ImportRecord.Kind.ARTICLE,
            key=key,
            defaults={"article": article},
        )
        result = ItemResult(key=key, label=label, outcome=outcome, article_id=article.pk)
        result.add_citations(replace_citations(article, document.references))
        reversion.set_user(by)
        reversion.set_comment(_("Imported from %(file)s.") % {"file": label})
        log(
            by,
            IMPORTED,
            article,
            language=language,
            file=label,
            citations_parsed=len(result.parsed),
            citations_left_as_text=len(result.left_as_text),
        )
    return result


def import_word(
    data: bytes, *, filename: str, language: str, article_type: ArticleType, by: Any
) -> ItemResult:
    """Import a .docx file (its bytes); ``ImportProblem`` when it cannot be read."""
    document = read_docx(data)
    return import_document(
        document,
        key=content_key(data),
        label=filename,
        language=language,
        article_type=article_type,
        by=by,
    )
