"""Optional virus scan through clamd's INSTREAM command; fails closed.

The protocol is small enough to speak directly: send `zINSTREAM\\0`, then the content in
chunks each prefixed by its length as a 4-byte big-endian number, then a zero length.
clamd answers `stream: OK`, `stream: <name> FOUND` or `… ERROR`, ended by a NUL byte.
"""

import logging
import socket
import struct
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
CHUNK_SIZE = 64 * 1024
MAX_REPLY = 4096

MESSAGE_UNAVAILABLE = _(
    "De virusscanner is niet bereikbaar; het bestand is niet opgeslagen. Probeer het later opnieuw."
)
MESSAGE_FOUND = _(
    "De virusscanner heeft een virus gevonden in dit bestand (%(name)s); "
    "het bestand is niet opgeslagen."
)


class _ScannerUnavailable(Exception):
    pass


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("unix:"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(address.removeprefix("unix:"))
        except BaseException:
            sock.close()
            raise
        return sock
    host, separator, port = address.rpartition(":")
    if not separator or not host or not port.isdigit():
        raise _ScannerUnavailable(
            f"SAMOS_CLAMAV_ADDRESS is not host:port or unix:/path: {address!r}"
        )
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def _read_reply(sock: socket.socket, *, timeout: float) -> str:
    # The socket timeout holds per call; the deadline stops a scanner that drips bytes.
    deadline = time.monotonic() + timeout
    reply = b""
    while b"\0" not in reply and len(reply) < MAX_REPLY:
        if time.monotonic() > deadline:
            raise TimeoutError("clamd reply too slow")
        data = sock.recv(MAX_REPLY)
        if not data:
            break
        reply += data
    return reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def _instream(content: bytes, *, address: str, timeout: float) -> str:
    with _connect(address, timeout) as sock:
        sock.sendall(b"zINSTREAM\0")
        for start in range(0, len(content), CHUNK_SIZE):
            chunk = content[start : start + CHUNK_SIZE]
            sock.sendall(struct.pack(">I", len(chunk)) + chunk)
        sock.sendall(struct.pack(">I", 0))
        return _read_reply(sock, timeout=timeout)


def scan_for_viruses(content: bytes) -> None:
    """Raise a ValidationError when clamd finds a virus or cannot give a clear answer.

    Does nothing when SAMOS_CLAMAV_ADDRESS is empty. Any doubt — no connection, a
    timeout, an error or an unexpected reply — refuses the file (fail closed).
    """
    address = str(getattr(settings, "SAMOS_CLAMAV_ADDRESS", "") or "").strip()
    if not address:
        return
    timeout = float(getattr(settings, "SAMOS_CLAMAV_TIMEOUT", DEFAULT_TIMEOUT))
    unavailable = ValidationError(MESSAGE_UNAVAILABLE, code="virus_scanner_unavailable")
    try:
        reply = _instream(content, address=address, timeout=timeout)
    except (OSError, _ScannerUnavailable) as exc:  # socket.timeout is an OSError
        logger.warning("Virus scanner at %s unavailable: %s", address, exc)
        raise unavailable from exc

    if reply == "stream: OK":
        return
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        name = reply.removeprefix("stream: ").removesuffix(" FOUND").strip()
        name = "".join(c for c in name if c.isprintable())[:100] or "onbekend"
        logger.warning("Virus scanner refused an upload: %s", name)
        raise ValidationError(MESSAGE_FOUND, code="virus_found", params={"name": name})
    logger.warning("Virus scanner at %s gave an unexpected reply: %.200r", address, reply)
    raise unavailable
