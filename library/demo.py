"""Generated media for the demo content: abstract hero images, people's portraits and report
PDFs, drawn here (no third-party photos), made once and found again on the next ``load_demo``."""

import functools
import hashlib
import io

from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageDraw

from library.documents import check_pdf
from library.models import Document, Image
from library.processing import Cleaned, clean_image

HERO_SIZE = (1200, 675)
ALT = {
    "en": "Abstract illustration: overlapping circles over coloured horizontal bands",
    "tr": "Soyut illüstrasyon: renkli yatay şeritlerin üzerinde iç içe geçen daireler",
    "ru": "Абстрактная иллюстрация: пересекающиеся круги на фоне цветных горизонтальных полос",
}
CREDIT = {
    "en": "Illustration: generated for the demo",
    "tr": "İllüstrasyon: demo için üretildi",
    "ru": "Иллюстрация: создана для демонстрации",
}


class _Named(io.BytesIO):
    def __init__(self, content: bytes, name: str, content_type: str):
        super().__init__(content)
        self.name, self.size, self.content_type = name, len(content), content_type


@functools.lru_cache(maxsize=32)
def hero(seed: str) -> Cleaned:
    """The cleaned hero of ``seed`` (drawn once per process)."""
    return clean_image(_Named(hero_jpeg(seed), f"{seed}.jpg", "image/jpeg"))


def hero_jpeg(seed: str) -> bytes:
    """An abstract picture whose colours and shapes follow from ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    width, height = HERO_SIZE
    image = PILImage.new("RGB", HERO_SIZE)
    draw = ImageDraw.Draw(image)
    bands = 6
    for band in range(bands):
        r, g, b = digest[band * 3 : band * 3 + 3]
        colour = (40 + r // 3, 60 + g // 3, 90 + b // 3)
        draw.rectangle([0, band * height // bands, width, (band + 1) * height // bands], colour)
    for index in range(5):
        x = digest[18 + index] * width // 256
        y = digest[23 + index] * height // 256
        radius = 80 + digest[(index * 7) % 32]
        colour = (
            200 + digest[index] % 56,
            160 + digest[index + 5] % 90,
            80 + digest[index + 9] % 120,
        )
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=colour, width=14)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def demo_hero(slug: str, new_files: list) -> Image:
    """The demo article ``slug``'s hero image (made on the first run; the files written are
    added to ``new_files`` as ``(storage, name)``, for the loader to remove on a failure)."""
    title = f"Demo illustration: {slug}"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    image = Image(title=title)
    for code, text in ALT.items():
        setattr(image, f"alt_{code}", text)
        setattr(image, f"credit_{code}", CREDIT[code])
    image.set_file(hero(slug))
    image.save()
    new_files.extend((default_storage, name) for name in image.stored_names())
    return image


def demo_portrait(slug: str, png: bytes, new_files: list) -> Image:
    """The demo person ``slug``'s portrait, a library image made from ``png`` through the
    library's checks (on the first run, and again when its file is gone from storage)."""
    title = f"Demo portrait: {slug}"
    image = Image.objects.filter(title=title).first()
    if image is not None and default_storage.exists(image.file):
        return image
    image = image or Image(title=title)
    image.set_file(clean_image(_Named(png, f"{slug}.png", "image/png")))
    image.save()
    new_files.extend((default_storage, name) for name in image.stored_names())
    return image


def report_pdf(title: str, pages: int = 4) -> bytes:
    """A plain multi-page PDF standing in for the full report."""
    sheets = []
    for number in range(pages):
        sheet = PILImage.new("RGB", (595, 842), "white")
        draw = ImageDraw.Draw(sheet)
        draw.text((60, 60), title if number == 0 else f"{number + 1}", fill="black")
        for line in range(20):
            draw.line([(60, 120 + line * 30), (535, 120 + line * 30)], fill=(200, 200, 200))
        sheets.append(sheet)
    buffer = io.BytesIO()
    sheets[0].save(buffer, "PDF", save_all=True, append_images=sheets[1:], resolution=72)
    return buffer.getvalue()


def demo_report(article, language: str, title: str, new_files: list) -> Document:
    """The full report of a demo report article, in its original language (made once)."""
    document = Document.objects.filter(article=article, language=language).first()
    if document is not None:
        return document
    document = Document(article=article, language=language, title=title)
    document.set_file(check_pdf(_Named(report_pdf(title), "report.pdf", "application/pdf")))
    document.save()
    new_files.append((default_storage, document.file))
    return document
