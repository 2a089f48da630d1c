"""Reading the mail that Django's file backend wrote (embedded default, no SMTP server).

Each file holds one or more messages, separated by a line of 79 dashes.
"""

import datetime
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

# Bytes, not text: Django writes 8-bit UTF-8 bodies, and only the bytes parser decodes them
# by their declared charset (a text parser turns "één" into "��n").
_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# The backend names files like 20261124-101500-140234567890.log.
_VALID_NAME = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9]+\.log$")


@dataclass(frozen=True)
class OutboxMessage:
    file_name: str
    index: int
    subject: str
    to: str
    sender: str
    # Aware, so templates show it in Dutch local time; None when the header is unreadable.
    date: datetime.datetime | None
    body: str
    attachments: list[str]

    @property
    def key(self) -> str:
        return f"{self.file_name}:{self.index}"


def outbox_enabled() -> bool:
    return settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"


def _folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def _body_and_attachments(message: EmailMessage) -> tuple[str, list[str]]:
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = body_part.get_content() if body_part is not None else ""
    attachments = [part.get_filename() or "bijlage" for part in message.iter_attachments()]
    return body, attachments


def _sent_at(message: EmailMessage) -> datetime.datetime | None:
    try:
        sent = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        return None
    return sent if sent.tzinfo else sent.replace(tzinfo=datetime.UTC)


def _parse_file(path: Path) -> list[OutboxMessage]:
    messages = []
    chunks = [c for c in path.read_bytes().split(_SEPARATOR) if c.strip()]
    for index, chunk in enumerate(chunks):
        message = message_from_bytes(chunk.strip(b"\n"), policy=policy.default)
        body, attachments = _body_and_attachments(message)
        messages.append(
            OutboxMessage(
                file_name=path.name,
                index=index,
                subject=str(message.get("Subject", "")),
                to=str(message.get("To", "")),
                sender=str(message.get("From", "")),
                date=_sent_at(message),
                body=body,
                attachments=attachments,
            )
        )
    return messages


def outbox_messages(*, limit: int = 200) -> list[OutboxMessage]:
    """The newest messages first."""
    folder = _folder()
    if not outbox_enabled() or not folder.is_dir():
        return []
    files = sorted(
        (p for p in folder.iterdir() if _VALID_NAME.match(p.name)),
        key=lambda p: p.name,
        reverse=True,
    )
    result: list[OutboxMessage] = []
    for path in files:
        result.extend(reversed(_parse_file(path)))
        if len(result) >= limit:
            break
    return result[:limit]


def outbox_message(key: str) -> OutboxMessage | None:
    """One message by `file:index`; None for anything that is not a mail file of ours."""
    file_name, _, index = key.partition(":")
    if not _VALID_NAME.match(file_name) or not index.isdigit() or not outbox_enabled():
        return None
    path = _folder() / file_name
    if not path.is_file():
        return None
    messages = _parse_file(path)
    position = int(index)
    return messages[position] if position < len(messages) else None
