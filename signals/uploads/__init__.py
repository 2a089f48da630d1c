"""Safe attachment handling for signals: validate, sanitise, store privately, serve.

Use it in this order (see docs/adr/0005-uploads.md):

    upload = validate_upload(request.FILES["bijlage"])        # ValidationError on refusal
    path = store_private_file(sanitised_content(upload), extension=upload.extension)
    ... keep path, upload.content_type and upload.download_name on the model ...
    return attachment_response(path=path, download_name=name, content_type=content_type)
"""

from .clamav import scan_for_viruses
from .download import attachment_response, safe_download_name
from .images import sanitise_image
from .kinds import ALLOWED_CONTENT_TYPES
from .storage import delete_private_file, private_path, store_private_file
from .validation import ValidatedUpload, sanitised_content, validate_upload

__all__ = [
    "ALLOWED_CONTENT_TYPES",
    "ValidatedUpload",
    "attachment_response",
    "delete_private_file",
    "private_path",
    "safe_download_name",
    "sanitise_image",
    "sanitised_content",
    "scan_for_viruses",
    "store_private_file",
    "validate_upload",
]
