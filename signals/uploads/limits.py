"""Stop storing an upload as soon as it passes the size limit, while the body streams in.

Django would otherwise write a file of any size to a temporary file before a form sees
it. This handler runs first (FILE_UPLOAD_HANDLERS): it counts each file's bytes and skips
the file the moment it grows past SAMOS_UPLOAD_MAX_BYTES. The names of skipped files are
kept on the request, so the form can say which file was too large while the other fields
— what the user typed — survive. The reverse proxy limits the whole body as well.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from .validation import max_bytes_setting

OVERSIZED_ATTRIBUTE = "samos_oversized_uploads"


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(
        self,
        field_name,
        file_name,
        content_type,
        content_length,
        charset=None,
        content_type_extra=None,
    ):
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        self._received = 0

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > max_bytes_setting():
            oversized = getattr(self.request, OVERSIZED_ATTRIBUTE, [])
            oversized.append(self.file_name)
            setattr(self.request, OVERSIZED_ATTRIBUTE, oversized)
            raise SkipFile
        return raw_data  # pass the chunk on to Django's own handlers

    def file_complete(self, file_size):
        return None  # the next handler builds the file object


def oversized_uploads(request) -> list[str]:
    return list(getattr(request, OVERSIZED_ATTRIBUTE, []))
