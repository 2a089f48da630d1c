"""Back-up and restore: the demo goes out as one archive and comes back intact into an
empty database and folder, encrypted or not; a damaged archive or a filled target is
refused and changes nothing."""

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from samos.accounts.models import User
from samos.accounts.roles import Role
from samos.accounts.services import roles_sync
from samos.audit.models import AuditEvent
from samos.core.management.commands.samos_backup import EXCLUDED_MODELS, row_counts
from samos.documents.models import StoredDocument
from samos.documents.services import stored_document_create
from signals.models import Area, Attachment, Signal, SourceKind
from signals.services import signal_create
from signals.uploads import validate_upload
from tests.factories import AreaFactory, SourceKindFactory, UserFactory, add_totp_device

pytestmark = pytest.mark.django_db(transaction=True)

PASSPHRASE = "een lange wachtwoordzin voor de back-up"  # noqa: S105


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def add_attachment(author, area, source_kind) -> Signal:
    """A signal with an attachment, through the real upload path."""
    return signal_create(
        author=author,
        observation="Beschadigde bushalte, foto erbij.",
        area=area,
        source_kind=source_kind,
        attachments=[validate_upload(png_upload())],
    )


def small_data() -> None:
    author = UserFactory(roles=[Role.SIGNALEERDER])
    add_totp_device(author)
    add_attachment(author, AreaFactory(), SourceKindFactory())
    stored_document_create(kind="test", title="Testbesluitenlijst", content=b"%PDF-1.7 stuk")


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def as_fields(obj) -> dict:
    values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        related = getattr(obj, field.name).all()
        # Role groups merge with the ones migrate made: the same names, maybe other ids.
        if hasattr(field.related_model, "natural_key"):
            values[field.name] = sorted(item.natural_key() for item in related)
        else:
            values[field.name] = sorted(item.pk for item in related)
    return values


def empty_target(settings, folder: Path) -> None:
    """What a new server looks like after `migrate`: role groups only, no private files."""
    call_command("flush", interactive=False, verbosity=0)
    roles_sync()
    settings.MEDIA_ROOT = folder


def backup(folder: Path, *options) -> Path:
    folder.mkdir(exist_ok=True)
    call_command("samos_backup", "--output", str(folder), *options, verbosity=0)
    (archive,) = [p for p in folder.iterdir() if p.name.startswith("samos-backup-")]
    return archive


def rewrite_archive(source: Path, target: Path, change) -> None:
    """Copy a (clear) archive member by member; CHANGE(name, bytes) may alter a member."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            content = change(member.name, old.extractfile(member).read())
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


def assert_untouched_target(folder: Path) -> None:
    assert not folder.exists() or not any(folder.iterdir())
    assert Signal.objects.count() == 0
    assert StoredDocument.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_demo_round_trip_restores_every_record_and_file(settings, tmp_path, capsys):
    call_command("seed_demo", verbosity=0)
    signaleerder = User.objects.get(username="signaleerder")
    with_attachment = add_attachment(
        signaleerder, Area.objects.filter(is_active=True).first(), SourceKind.objects.first()
    )
    assert StoredDocument.objects.count() >= 1
    assert Attachment.objects.count() >= 1
    from bob.models import DecisionList
    from kernteam.models import Case

    counts = row_counts()
    samples = {
        "signal": as_fields(Signal.objects.get(pk=with_attachment.pk)),
        "attachment": as_fields(with_attachment.attachments.get()),
        "case": as_fields(Case.objects.order_by("pk").first()),
        "audit": as_fields(AuditEvent.objects.order_by("-pk").first()),
        "decision_list": as_fields(DecisionList.objects.exclude(adopted_at=None).first()),
        "user": as_fields(signaleerder),
    }
    documents = {doc.uuid: doc.read_bytes() for doc in StoredDocument.objects.all()}
    originals = files_under(Path(settings.MEDIA_ROOT))
    assert any(name.startswith("stukken/") for name in originals)
    assert any(name.startswith("attachments/") for name in originals)

    archive = backup(tmp_path / "out")
    assert archive.read_bytes()[:2] == b"\x1f\x8b"  # gzip, not encrypted
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format_version"] == 1
    assert manifest["warnings"] == []
    assert {entry["path"] for entry in manifest["files"]} == set(originals)
    assert manifest["counts"]["signals.signal"] == counts["signals.signal"]
    assert "sessions.session" not in manifest["counts"]
    assert set(manifest["excluded_models"]) == EXCLUDED_MODELS

    restored_root = tmp_path / "hersteld"
    empty_target(settings, restored_root)
    assert Signal.objects.count() == 0
    capsys.readouterr()
    call_command("samos_restore", str(archive))
    assert "Herstel voltooid" in capsys.readouterr().out

    assert row_counts() == counts
    assert as_fields(Signal.objects.get(pk=with_attachment.pk)) == samples["signal"]
    assert as_fields(with_attachment.attachments.get()) == samples["attachment"]
    assert as_fields(Case.objects.get(pk=samples["case"]["id"])) == samples["case"]
    assert as_fields(AuditEvent.objects.get(pk=samples["audit"]["id"])) == samples["audit"]
    decision_list = DecisionList.objects.get(pk=samples["decision_list"]["id"])
    assert as_fields(decision_list) == samples["decision_list"]
    assert as_fields(User.objects.get(pk=signaleerder.pk)) == samples["user"]
    assert set(User.objects.get(pk=signaleerder.pk).roles) == {Role.SIGNALEERDER}
    # The role groups merged with the ones migrate made, permissions included.
    assert Group.objects.filter(name__in=Role.values).count() == len(Role)
    assert files_under(restored_root) == originals
    for doc in StoredDocument.objects.all():
        assert doc.read_bytes() == documents[doc.uuid]
    # Nobody changed anything: restoring writes no audit events of its own.
    assert AuditEvent.objects.count() == counts["audit.auditevent"]


def test_encrypted_round_trip_and_wrong_passphrase(settings, tmp_path, monkeypatch):
    small_data()
    counts = row_counts()
    originals = files_under(Path(settings.MEDIA_ROOT))
    monkeypatch.setenv("SAMOS_BACKUP_PASSPHRASE", PASSPHRASE)
    archive = backup(tmp_path / "out", "--encrypt")
    assert archive.name.endswith(".tar.gz.enc")
    content = archive.read_bytes()
    assert content.startswith(b"Salted__")
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(content)
    assert b"signaleerder" not in content and b"Testbesluitenlijst" not in content

    restored_root = tmp_path / "hersteld"
    empty_target(settings, restored_root)
    monkeypatch.setenv("SAMOS_BACKUP_PASSPHRASE", "verkeerde wachtwoordzin")
    with pytest.raises(CommandError, match="ontsleuteld"):
        call_command("samos_restore", str(archive))
    assert_untouched_target(restored_root)
    monkeypatch.delenv("SAMOS_BACKUP_PASSPHRASE")
    with pytest.raises(CommandError, match="SAMOS_BACKUP_PASSPHRASE"):
        call_command("samos_restore", str(archive))

    monkeypatch.setenv("SAMOS_BACKUP_PASSPHRASE", PASSPHRASE)
    call_command("samos_restore", str(archive), verbosity=0)
    assert row_counts() == counts
    assert files_under(restored_root) == originals
    assert all(doc.read_bytes() for doc in StoredDocument.objects.all())


def test_encrypt_without_passphrase_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("SAMOS_BACKUP_PASSPHRASE", raising=False)
    with pytest.raises(CommandError, match="SAMOS_BACKUP_PASSPHRASE"):
        call_command("samos_backup", "--output", str(tmp_path), "--encrypt")
    assert list(tmp_path.iterdir()) == []


def test_restore_into_a_filled_database_or_folder_is_refused(settings, tmp_path):
    small_data()
    archive = backup(tmp_path / "out")
    counts = row_counts()
    settings.MEDIA_ROOT = tmp_path / "leeg"
    with pytest.raises(CommandError, match="database is niet leeg"):
        call_command("samos_restore", str(archive))
    assert row_counts() == counts

    call_command("flush", interactive=False, verbosity=0)
    filled = tmp_path / "gevuld"
    filled.mkdir()
    (filled / "iets.txt").write_text("al aanwezig")
    settings.MEDIA_ROOT = filled
    with pytest.raises(CommandError, match="privémap .* is niet leeg"):
        call_command("samos_restore", str(archive))
    assert Signal.objects.count() == 0
    assert [p.name for p in filled.iterdir()] == ["iets.txt"]


def test_tampered_file_or_other_migration_state_is_refused(settings, tmp_path):
    small_data()
    archive = backup(tmp_path / "out")
    stored = StoredDocument.objects.get().file.name

    tampered = tmp_path / "gewijzigd.tar.gz"
    rewrite_archive(
        archive,
        tampered,
        lambda name, data: data.replace(b"stuk", b"STUK") if name == f"files/{stored}" else data,
    )
    other_schema = tmp_path / "ander-schema.tar.gz"

    def older_schema(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["signals"] = manifest["migrations"]["signals"][:-1]
        return json.dumps(manifest).encode()

    rewrite_archive(archive, other_schema, older_schema)

    restored_root = tmp_path / "hersteld"
    empty_target(settings, restored_root)
    with pytest.raises(CommandError, match=f"Bestand {stored} komt niet overeen"):
        call_command("samos_restore", str(tampered))
    assert_untouched_target(restored_root)
    assert list(tmp_path.glob(".hersteld-herstel-*")) == []  # no staging folder left

    with pytest.raises(CommandError, match="andere versie van de database-structuur"):
        call_command("samos_restore", str(other_schema))
    assert_untouched_target(restored_root)

    # --check verifies an archive without a database or folder being touched.
    call_command("samos_restore", str(archive), "--check", verbosity=0)
    with pytest.raises(CommandError, match=f"Bestand {stored}"):
        call_command("samos_restore", str(tampered), "--check")
