"""Library images and documents made the way the admin makes them, for the tests."""

from django.core.files.storage import default_storage

from library.documents import check_pdf
from library.models import Document, Image
from library.processing import clean_image
from tests import images

ALT = {
    "en": "A cable ship laying a line across the sea",
    "tr": "Denize kablo döşeyen bir gemi",
    "ru": "Судно прокладывает кабель по дну моря",
}


def library_image(size=(1600, 900), data: bytes | None = None, **texts) -> Image:
    values = {
        "title": "Cable ship",
        **{f"alt_{code}": text for code, text in ALT.items()},
        "caption_en": "The ship off the coast.",
        "credit_en": "Illustration: Meridian Institute",
    }
    image = Image(**(values | texts))
    image.set_file(clean_image(images.upload(data or images.jpeg(size), "ship.jpg")))
    image.save()
    return image


def library_portrait(data: bytes, title="Portrait") -> Image:
    """A PNG ``data`` added to the library as the admin adds it (for ``Person.portrait``)."""
    image = Image(title=title)
    image.set_file(clean_image(images.upload(data, "portrait.png", "image/png")))
    image.save()
    return image


def library_document(article, language="en", title="Grid links: the full report") -> Document:
    document = Document(article=article, language=language, title=title)
    document.set_file(check_pdf(images.upload(images.pdf(3), "r.pdf", "application/pdf")))
    document.save()
    return document


def form_data(response) -> dict:
    """The values of an admin change form, as the browser would send them back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name == "upload":
            continue
        data[name] = value
    return data


def stored_names() -> set[str]:
    """Every file under images/ and documents/ in the default storage."""

    def walk(folder):
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return set()
        found = {f"{folder}/{name}" for name in files}
        for sub in folders:
            found |= walk(f"{folder}/{sub}")
        return found

    return walk("images") | walk("documents")
