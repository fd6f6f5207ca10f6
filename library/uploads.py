"""An upload handler that stops reading a request once its file passes the image size limit,
so a 50 MB upload is refused after 10 MB, not read to the end first (Django reads the body
while it parses it; a handler is the one place that can stop it)."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from library.processing import MAX_BYTES


class SizeLimit(FileUploadHandler):
    """Counts the bytes of uploaded files; past ``limit`` the rest of the body is not read."""

    def __init__(self, request=None, limit: int = MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handlers store it

    def file_complete(self, file_size: int) -> None:
        return None


def limit_uploads(request) -> SizeLimit:
    """Put a ``SizeLimit`` before ``request``'s handlers (before its body is read)."""
    handler = SizeLimit(request)
    request.upload_handlers.insert(0, handler)
    return handler
