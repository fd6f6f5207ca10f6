"""Generated test files: images of every awkward kind, and small PDFs (no third-party data)."""

import io
import os
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_LATITUDE = (40.0, 26.0, 46.0)


def image_bytes(size=(800, 600), mode="RGB", image_format="JPEG", color="teal", **options):
    image = Image.new(mode, size, color)
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(size=(800, 600), **options) -> bytes:
    return image_bytes(size, "RGB", "JPEG", **options)


def photo(size=(1600, 900)) -> bytes:
    """A JPEG with a photograph's detail (noise, not one flat colour: browsers do not count a
    flat image as the page's largest contentful paint)."""
    noise = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png(size=(800, 600), mode="RGB", color="teal") -> bytes:
    return image_bytes(size, mode, "PNG", color=color)


def jpeg_with_gps(size=(1200, 600), orientation=6) -> bytes:
    """A camera's JPEG: GPS position, maker, orientation (rotated 90°), a comment with HTML."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SpyCam Industries"
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (49.0, 52.0, 3.0)}
    return jpeg(size, exif=exif.tobytes(), comment=b"<script>alert('jpeg')</script>")


def png_with_size(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb's
    header: nothing is allocated until the pixels are read)."""
    data = png((8, 8))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    patched = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return data[:8] + patched + data[8 + 25 :]


def animated_webp() -> bytes:
    frames = [Image.new("RGB", (64, 64), color) for color in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("P", (64, 64), index) for index in (1, 2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def pdf(pages: int = 2, text: str = "Grid links report") -> bytes:
    """A minimal valid PDF with ``pages`` pages (written by hand: no PDF library needed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + index} 0 R" for index in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n% " + text.encode() + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
