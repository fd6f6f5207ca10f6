"""What an article page shows of the media library, read when the page is rendered."""

from library.models import Document, Image


def hero_context(image: Image | None, lang: str) -> dict:
    """The hero image of a page in ``lang``, with its caption and credit in that language."""
    if image is None or not image.file:
        return {"hero": None, "hero_caption": "", "hero_credit": ""}
    return {
        "hero": image,
        "hero_caption": image.caption_in(lang),
        "hero_credit": image.credit_in(lang),
    }


def documents_of(version) -> list[Document]:
    """The article's documents, the page's language first."""
    if not version.article_id:
        return []
    documents = list(Document.objects.filter(article_id=version.article_id))
    return sorted(
        documents, key=lambda document: (document.language != version.language, document.language)
    )
