"""Restore a `samos_backup` archive into an empty, migrated database and an empty folder.

All or nothing: the archive is decrypted and every file checked against the manifest
before anything is written; the data loads in one transaction that is rolled back when
a row count or a stored document's hash does not match, and then the restored files
are removed again. See docs/deployment.md, "Back-up en herstel".
"""

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import m2m_changed

from samos.accounts.roles import Role

from .samos_backup import (
    DB_MEMBER,
    ENCRYPTED_MAGIC,
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_MEMBER,
    OPENSSL_CIPHER,
    PASSPHRASE_VARIABLE,
    media_root,
    migration_state,
    openssl,
    private_files,
    require_passphrase,
    row_counts,
    safe_relative_path,
)

# `migrate` makes these rows itself; the dump's rows merge with them by natural key, so
# the target may hold more (a role added since) but never fewer.
REGENERATED = {"auth.group", "auth.group_permissions"}
DIRECTORY_MODE = 0o750
FILE_MODE = 0o640


@contextmanager
def _quiet_m2m_signals():
    """loaddata marks saves as raw, so audit receivers skip them, but not the m2m_changed
    of the many-to-many rows it sets; a restore is no change by anyone."""
    saved = m2m_changed.receivers
    m2m_changed.receivers = []
    m2m_changed.sender_receivers_cache.clear()
    try:
        yield
    finally:
        m2m_changed.receivers = saved
        m2m_changed.sender_receivers_cache.clear()


class Command(BaseCommand):
    help = (
        "Restore a samos_backup archive into an empty database (after `migrate`) and an "
        "empty private folder; --check only verifies the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by samos_backup.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only decrypt and verify the archive and its files; write nothing.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, check=False, database=DEFAULT_DB_ALIAS, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"Archief niet gevonden: {source}")
        with tempfile.TemporaryDirectory(prefix="samos-restore-") as work:
            tar_path = self._decrypted(source, Path(work))
            with self._open(tar_path) as tar:
                manifest = self._manifest(tar)
                if not check:
                    self._check_migrations(manifest, database)
                    self._check_empty(database)
                staging = self._staging_folder(Path(work), check)
                try:
                    self._extract(tar, manifest, staging)
                    if check:
                        self._report_check(manifest)
                        return
                    with self._open_member(tar, DB_MEMBER) as handle:
                        dump_path = Path(work) / DB_MEMBER
                        with open(dump_path, "wb") as out:
                            shutil.copyfileobj(handle, out)
                    self._verify_dump(dump_path, manifest)
                    self._load(dump_path, manifest, staging, database)
                finally:
                    if staging.exists():
                        shutil.rmtree(staging)
        self._report(manifest)

    # --- reading the archive ------------------------------------------------------------

    def _decrypted(self, source: Path, work: Path) -> Path:
        with open(source, "rb") as handle:
            magic = handle.read(len(ENCRYPTED_MAGIC))
        if magic != ENCRYPTED_MAGIC:
            return source
        require_passphrase()
        target = work / "archief.tar.gz"
        result = subprocess.run(  # noqa: S603  (fixed argument list, no shell)
            [
                openssl(),
                "enc",
                "-d",
                *OPENSSL_CIPHER,
                "-pass",
                f"env:{PASSPHRASE_VARIABLE}",
                "-in",
                str(source),
                "-out",
                str(target),
            ],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(
                "Het archief kan niet worden ontsleuteld: verkeerde wachtwoordzin in "
                f"{PASSPHRASE_VARIABLE} of een beschadigd archief. Er is niets gewijzigd."
            )
        return target

    @contextmanager
    def _open(self, path: Path):
        try:
            tar = tarfile.open(path, mode="r:gz")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise CommandError(
                "Dit is geen leesbaar SAMOS-back-uparchief (beschadigd, of versleuteld met "
                f"een andere wachtwoordzin): {error}. Er is niets gewijzigd."
            ) from error
        try:
            yield tar
        except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise CommandError(
                f"Het archief is beschadigd: {error}. Er is niets gewijzigd."
            ) from error
        finally:
            tar.close()

    def _open_member(self, tar: tarfile.TarFile, name: str):
        try:
            member = tar.getmember(name)
        except KeyError:
            raise CommandError(f"Het archief mist {name}; dit is geen SAMOS-back-up.") from None
        if not member.isfile():
            raise CommandError(f"{name} in het archief is geen gewoon bestand.")
        return tar.extractfile(member)

    def _manifest(self, tar: tarfile.TarFile) -> dict:
        with self._open_member(tar, MANIFEST_MEMBER) as handle:
            try:
                manifest = json.load(handle)
            except ValueError as error:
                raise CommandError(f"manifest.json is onleesbaar: {error}") from error
        if manifest.get("format") != FORMAT:
            raise CommandError("Dit archief is geen SAMOS-back-up.")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise CommandError(
                f"Archiefversie {manifest.get('format_version')} wordt niet ondersteund "
                f"(deze versie van SAMOS leest versie {FORMAT_VERSION})."
            )
        return manifest

    # --- checks before anything is written ---------------------------------------------

    def _check_migrations(self, manifest: dict, database: str) -> None:
        connection = connections[database]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "De database is niet bijgewerkt: draai eerst `python manage.py migrate`."
            )
        current = migration_state(database)
        wanted = manifest.get("migrations", {})
        if current != wanted:
            differing = sorted(
                app
                for app in set(current) | set(wanted)
                if current.get(app, []) != wanted.get(app, [])
            )
            details = "; ".join(
                f"{app}: back-up {_latest(wanted.get(app))}, hier {_latest(current.get(app))}"
                for app in differing
            )
            raise CommandError(
                "De back-up hoort bij een andere versie van de database-structuur dan deze "
                f"code ({details}). Herstel met de SAMOS-versie waarmee de back-up is gemaakt."
            )

    def _check_empty(self, database: str) -> None:
        counts = row_counts(database)
        filled = sorted(
            label for label, count in counts.items() if count and label not in REGENERATED
        )
        other_groups = list(
            Group.objects.using(database)
            .exclude(name__in=Role.values)
            .values_list("name", flat=True)
        )
        if filled or other_groups:
            shown = ", ".join(filled[:8] + [f"groep {name}" for name in other_groups[:3]])
            raise CommandError(
                "De database is niet leeg (gegevens in onder meer: "
                f"{shown}). Herstel alleen in een lege database waarop net "
                "`python manage.py migrate` is gedraaid."
            )
        root = media_root()
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise CommandError(
                f"De privémap {root} is niet leeg. Herstel alleen in een lege of nog niet "
                "bestaande map (SAMOS_PRIVATE_ROOT)."
            )

    def _staging_folder(self, work: Path, check: bool) -> Path:
        if check:
            return work / "bestanden"
        # Next to MEDIA_ROOT, so the files move into place with one rename.
        root = media_root()
        root.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{root.name}-herstel-", dir=root.parent))

    def _extract(self, tar: tarfile.TarFile, manifest: dict, staging: Path) -> None:
        expected = {entry["path"]: entry for entry in manifest.get("files", [])}
        seen: set[str] = set()
        for member in tar:
            if member.name in (DB_MEMBER, MANIFEST_MEMBER):
                continue
            relative = (
                safe_relative_path(member.name[len(FILES_PREFIX) :])
                if member.name.startswith(FILES_PREFIX)
                else None
            )
            if relative is None or not member.isfile():
                raise CommandError(f"Onverwacht onderdeel in het archief: {member.name}")
            name = relative.as_posix()
            entry = expected.get(name)
            if entry is None:
                raise CommandError(f"Bestand staat niet in het manifest: {name}")
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
            digest = hashlib.sha256()
            size = 0
            with tar.extractfile(member) as source, open(target, "wb") as out:
                while chunk := source.read(1024 * 1024):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            os.chmod(target, FILE_MODE)
            if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                raise CommandError(
                    f"Bestand {name} komt niet overeen met het manifest (grootte of SHA-256): "
                    "het archief is beschadigd of gewijzigd. Er is niets hersteld."
                )
            seen.add(name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise CommandError(f"Bestand ontbreekt in het archief: {missing[0]}")
        # mkdir(parents=True) gives intermediate folders the default mode.
        for folder in staging.rglob("*"):
            if folder.is_dir():
                os.chmod(folder, DIRECTORY_MODE)

    def _verify_dump(self, dump_path: Path, manifest: dict) -> None:
        digest = hashlib.sha256(dump_path.read_bytes()).hexdigest()
        if digest != manifest.get("database", {}).get("sha256"):
            raise CommandError(
                "De databasedump (db.json) komt niet overeen met het manifest: het archief "
                "is beschadigd of gewijzigd. Er is niets hersteld."
            )

    # --- writing ------------------------------------------------------------------------

    def _load(self, dump_path: Path, manifest: dict, staging: Path, database: str) -> None:
        root = media_root()
        root_existed = root.exists()
        moved = False
        try:
            with transaction.atomic(using=database):
                with _quiet_m2m_signals():
                    call_command("loaddata", str(dump_path), database=database, verbosity=0)
                self._verify_counts(manifest, database)
                if root_existed:
                    root.rmdir()  # empty, checked above
                os.replace(staging, root)
                os.chmod(root, DIRECTORY_MODE)
                moved = True
                self._verify_documents(manifest, database)
        except BaseException:
            if moved:
                shutil.rmtree(root)
                if root_existed:
                    root.mkdir(mode=DIRECTORY_MODE)
            raise

    def _verify_counts(self, manifest: dict, database: str) -> None:
        current = row_counts(database)
        wanted = manifest["counts"]
        wrong = []
        for label in sorted(set(current) | set(wanted)):
            have, want = current.get(label, 0), wanted.get(label, 0)
            if have != want and not (label in REGENERATED and have >= want):
                wrong.append(f"{label}: {have} in plaats van {want}")
        if wrong:
            raise CommandError(
                "Aantallen na het laden kloppen niet (" + "; ".join(wrong[:8]) + "). "
                "Er is niets hersteld."
            )

    def _verify_documents(self, manifest: dict, database: str) -> None:
        from samos.documents.models import StoredDocument

        known_missing = {entry for entry in manifest.get("referenced_files", [])} - {
            entry["path"] for entry in manifest.get("files", [])
        }
        broken = []
        for document in StoredDocument.objects.using(database).order_by("pk").iterator():
            if document.file.name in known_missing:
                continue
            try:
                document.read_bytes()
            except (ValidationError, OSError) as error:
                broken.append(f"{document.file.name} ({error})")
        present = set(private_files(media_root()))
        for path in manifest.get("referenced_files", []):
            if path not in known_missing and path not in present:
                broken.append(f"{path} (ontbreekt)")
        if broken:
            raise CommandError(
                "Opgeslagen stukken kloppen niet na het herstel: "
                + "; ".join(broken[:5])
                + ". Er is niets hersteld."
            )

    # --- reporting ----------------------------------------------------------------------

    def _report_check(self, manifest: dict) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Archief in orde: back-up van {manifest['created_at']}, "
                f"{sum(manifest['counts'].values())} records, "
                f"{len(manifest['files'])} bestanden met kloppende SHA-256."
            )
        )

    def _report(self, manifest: dict) -> None:
        for warning in manifest.get("warnings", []):
            self.stderr.write(self.style.WARNING(f"Uit de back-up: {warning}"))
        tables = sum(1 for label in manifest["counts"] if manifest["counts"][label])
        self.stdout.write(
            self.style.SUCCESS(
                f"Herstel voltooid: back-up van {manifest['created_at']}, "
                f"{sum(manifest['counts'].values())} records in {tables} tabellen, "
                f"{len(manifest['files'])} bestanden; aantallen en kenmerken van alle "
                "opgeslagen stukken kloppen."
            )
        )
        self.stdout.write(
            "Niet in de back-up: sessies (iedereen logt opnieuw in), inlogblokkades en de "
            "takenwachtrij."
        )


def _latest(names: list[str] | None) -> str:
    return names[-1] if names else "geen"
