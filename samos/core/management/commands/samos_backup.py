"""Write one back-up archive: a consistent database dump plus the private files it uses.

The archive (tar.gz, optionally encrypted with openssl) holds `db.json` (a Django
fixture made by the serializers `dumpdata` uses, from one snapshot transaction),
`files/…` (everything under MEDIA_ROOT) and `manifest.json` (format version, migration
state, row counts per table, size and SHA-256 of every file). `samos_restore` reads it
back into an empty, migrated database. See docs/deployment.md, "Back-up en herstel".

The helpers here are shared with `samos_restore`.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JsonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.timezone import is_aware

FORMAT = "samos-backup"
FORMAT_VERSION = 1
DB_MEMBER = "db.json"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
PASSPHRASE_VARIABLE = "SAMOS_BACKUP_PASSPHRASE"  # noqa: S105  (a variable name, not a secret)
ENCRYPTED_MAGIC = b"Salted__"  # what `openssl enc -salt` writes first
OPENSSL_CIPHER = ["-aes-256-cbc", "-pbkdf2", "-iter", "200000"]

# Not in the dump, and why:
EXCLUDED_MODELS = {
    # Made again by `migrate` (post_migrate) with the same natural keys; the dump refers
    # to them by natural key (app label, model name, codename), never by id.
    "contenttypes.contenttype",
    "auth.permission",
    # Logged-in sessions: stale after a restore, everybody logs in again.
    "sessions.session",
    # Login-throttling state and django-axes' own login log; the audit table keeps the
    # login events that matter (inloggen, mislukte inlog).
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
    # Liveness of the old machine's task worker; the new beat writes its own.
    "core.workerheartbeat",
}
# Referred to by natural key, so they merge with the rows `migrate` already made.
NATURAL_FOREIGN_KEY_MODELS = {"contenttypes.contenttype", "auth.permission", "auth.group"}
# Stored without id: the role groups exist after `migrate` and merge by name.
NATURAL_PRIMARY_KEY_MODELS = {"auth.group"}
# Private files named by a plain text field instead of a FileField (model: field).
PATH_FIELDS = {"signals.attachment": "path"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds (ECMA-262); a back-up keeps them whole."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and not is_aware(o):
            return o.isoformat()
        return super().default(o)


class SnapshotSerializer(JsonSerializer):
    """Django's JSON serializer with natural keys only where the target regenerates rows,
    and times to the microsecond.

    Every other row keeps its own primary key, so references by id in the data (audit
    events, links) stay true after a restore.
    """

    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = _label(field.remote_field.model) in (
            NATURAL_FOREIGN_KEY_MODELS
        )
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = _label(field.remote_field.model) in (
            NATURAL_FOREIGN_KEY_MODELS
        )
        super().handle_m2m_field(obj, field)

    def get_dump_object(self, obj):
        self.use_natural_primary_keys = _label(obj) in NATURAL_PRIMARY_KEY_MODELS
        return super().get_dump_object(obj)


def _label(model) -> str:
    return model._meta.label_lower


def dumped_models(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """The concrete models in the dump, in an order loaddata can follow."""
    app_list = []
    for app_config in apps.get_app_configs():
        chosen = [
            model
            for model in app_config.get_models()
            if not model._meta.proxy
            and model._meta.managed
            and _label(model) not in EXCLUDED_MODELS
            and router.allow_migrate_model(using, model)
        ]
        if chosen:
            app_list.append((app_config, chosen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def counted_models(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """The dumped models plus their many-to-many tables (rows too)."""
    dumped = dumped_models(using)
    result = list(dumped)
    for model in dumped:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                result.append(through)
    return result


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        _label(model): model._base_manager.using(using).count() for model in counted_models(using)
    }


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Applied migrations per app, as recorded in the database."""
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(state.items())}


def referenced_files(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Paths under MEDIA_ROOT that rows of the dump point to."""
    paths: set[str] = set()
    for model in dumped_models(using):
        names = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if _label(model) in PATH_FIELDS:
            names.append(PATH_FIELDS[_label(model)])
        for name in names:
            values = (
                model._base_manager.using(using)
                .exclude(**{name: ""})
                .exclude(**{f"{name}__isnull": True})
            )
            paths.update(values.values_list(name, flat=True))
    return paths


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def private_files(root: Path) -> list[str]:
    """Every regular file under ROOT (relative POSIX paths), without half-written ones."""
    found = []
    if not root.is_dir():
        return found
    for directory, subdirectories, filenames in os.walk(root, followlinks=False):
        subdirectories.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            # store_private_file writes ".<name>.part" and renames it when complete.
            if filename.startswith(".") and filename.endswith(".part"):
                continue
            if path.is_symlink() or not path.is_file():
                continue
            found.append(path.relative_to(root).as_posix())
    return found


def safe_relative_path(text: str) -> PurePosixPath | None:
    """TEXT as a relative path that stays inside its root, or None."""
    if not text or "\x00" in text or "\\" in text:
        return None
    path = PurePosixPath(text)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        return None
    return path


def openssl() -> str:
    binary = shutil.which("openssl")
    if binary is None:
        raise CommandError("openssl is niet gevonden; installeer het pakket openssl.")
    return binary


def require_passphrase() -> None:
    if not os.environ.get(PASSPHRASE_VARIABLE):
        raise CommandError(
            f"Zet de wachtwoordzin in de omgevingsvariabele {PASSPHRASE_VARIABLE} "
            "(nooit als argument op de opdrachtregel)."
        )


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256 (one read per file)."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o640
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


class Command(BaseCommand):
    help = (
        "Write a back-up archive (database dump plus private files, with a manifest); "
        "--encrypt encrypts it with the passphrase in SAMOS_BACKUP_PASSPHRASE."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive file or an existing folder (default: var/backups/).",
        )
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help=f"Encrypt with openssl (AES-256, PBKDF2); passphrase from ${PASSPHRASE_VARIABLE}.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, encrypt=False, database=DEFAULT_DB_ALIAS, **options):
        if encrypt:
            require_passphrase()
            openssl()
        target = self._target(output, encrypt)
        with tempfile.TemporaryDirectory(prefix="samos-backup-") as work:
            dump_path = Path(work) / DB_MEMBER
            manifest = self._dump(dump_path, database)
            self._write_archive(target, dump_path, manifest, encrypt)
        total = sum(manifest["counts"].values())
        for warning in manifest["warnings"]:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up geschreven: {target} — {total} records, "
                f"{len(manifest['files'])} bestanden"
                + (", versleuteld." if encrypt else ", niet versleuteld.")
            )
        )

    def _target(self, output: str | None, encrypt: bool) -> Path:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"samos-backup-{stamp}.tar.gz" + (".enc" if encrypt else "")
        if not output:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = folder / name
        else:
            target = Path(output)
            if target.is_dir():
                target = target / name
        if target.exists():
            raise CommandError(f"{target} bestaat al; kies een andere naam.")
        return target

    def _dump(self, dump_path: Path, database: str) -> dict:
        connection = connections[database]
        connection.ensure_connection()
        outer = connection.in_atomic_block
        with transaction.atomic(using=database):
            if connection.vendor == "postgresql" and not outer:
                # One snapshot for every table: rows written meanwhile are not half in it.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            migrations = migration_state(database)
            counts = row_counts(database)
            referenced = referenced_files(database)
            objects = (
                obj
                for model in dumped_models(database)
                for obj in model._base_manager.using(database)
                .order_by(model._meta.pk.name)
                .iterator(chunk_size=2000)
            )
            with open(dump_path, "w", encoding="utf-8") as stream:
                SnapshotSerializer().serialize(objects, stream=stream, indent=None)
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "excluded_models": sorted(EXCLUDED_MODELS),
            "referenced_files": sorted(referenced),
            "files": [],
            "warnings": [],
        }

    def _write_archive(self, target: Path, dump_path: Path, manifest: dict, encrypt: bool):
        partial = target.with_name(f".{target.name}.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        process = None
        try:
            if encrypt:
                os.close(descriptor)
                process = subprocess.Popen(  # noqa: S603  (fixed argument list, no shell)
                    [
                        openssl(),
                        "enc",
                        *OPENSSL_CIPHER,
                        "-salt",
                        "-pass",
                        f"env:{PASSPHRASE_VARIABLE}",
                        "-out",
                        str(partial),
                    ],
                    stdin=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
                sink = process.stdin
            else:
                sink = os.fdopen(descriptor, "wb")
            with sink, tarfile.open(fileobj=sink, mode="w|gz") as archive:
                self._add_dump(archive, dump_path, manifest)
                # After the dump: SAMOS writes a file before the row that names it and
                # never changes it, so every file the dump refers to is already there.
                self._add_files(archive, manifest)
                body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                archive.addfile(
                    _tarinfo(MANIFEST_MEMBER, len(body), timezone.now().timestamp()),
                    io.BytesIO(body),
                )
            if process is not None:
                error = process.stderr.read().decode(errors="replace").strip()
                if process.wait() != 0:
                    raise CommandError(f"Versleutelen mislukt: {error}")
            os.replace(partial, target)
        except BaseException:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            partial.unlink(missing_ok=True)
            raise

    def _add_dump(self, archive: tarfile.TarFile, dump_path: Path, manifest: dict) -> None:
        stat = dump_path.stat()
        with open(dump_path, "rb") as handle:
            reader = _HashingReader(handle)
            archive.addfile(_tarinfo(DB_MEMBER, stat.st_size, stat.st_mtime), reader)
        manifest["database"] = {
            "file": DB_MEMBER,
            "size": reader.size,
            "sha256": reader.digest.hexdigest(),
        }

    def _add_files(self, archive: tarfile.TarFile, manifest: dict) -> None:
        root = media_root()
        referenced = set(manifest["referenced_files"])
        present = private_files(root)
        for relative in present:
            path = root / relative
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                reader = _HashingReader(handle)
                archive.addfile(
                    _tarinfo(FILES_PREFIX + relative, size, path.stat().st_mtime), reader
                )
            manifest["files"].append(
                {
                    "path": relative,
                    "size": reader.size,
                    "sha256": reader.digest.hexdigest(),
                    "referenced": relative in referenced,
                }
            )
        for missing in sorted(referenced - set(present)):
            manifest["warnings"].append(
                f"Bestand ontbreekt in de privémap maar de database verwijst ernaar: {missing}"
            )
