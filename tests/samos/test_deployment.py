"""The production stack, checked by reading it (no Docker engine runs on our machines),
and production settings checked in fresh processes."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from samos.env import REGISTRY

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def production_env(**overrides) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "samos.settings",
        "SAMOS_ENVIRONMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "samos.example.nl",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_manage(*args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_the_stack_has_its_services():
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(SERVICES)


def test_exactly_one_beat():
    beats = [name for name, svc in SERVICES.items() if "beat" in " ".join(svc.get("command", []))]
    assert beats == ["beat"]
    assert SERVICES["beat"].get("deploy", {}).get("replicas", 1) == 1


def test_redis_keeps_its_data_and_never_evicts():
    command = " ".join(SERVICES["redis"]["command"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command


@pytest.mark.parametrize("name", ["postgres", "redis", "web"])
def test_health_checks(name):
    assert SERVICES[name]["healthcheck"]["test"]


@pytest.mark.parametrize("name", ["web", "worker"])
def test_app_waits_for_healthy_services_and_migrations(name):
    depends = SERVICES[name]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    assert depends["migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", ["web", "worker", "beat", "migrate"])
def test_app_services_run_in_production_mode(name):
    assert SERVICES[name]["environment"]["SAMOS_ENVIRONMENT"] == "production"


def test_every_configured_samos_variable_exists_in_the_code():
    settings.SECRET_KEY  # noqa: B018  (import settings: fills the registry)
    names = set()
    for svc in SERVICES.values():
        names |= set(svc.get("environment", {}) or {})
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("=", 1)[0])
    compose_only = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}
    # Read by gunicorn itself (its worker count), not by SAMOS.
    other_programs = {"WEB_CONCURRENCY"}
    assert sorted(names - compose_only - other_programs - set(REGISTRY)) == []


def test_image_runs_as_a_non_root_user_and_downloads_no_browser():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "playwright install" not in dockerfile


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "PostgreSQL"),
        ({"SAMOS_DEMO_MODE": "1"}, "SAMOS_DEMO_MODE"),
        ({"SECRET_KEY": "kort"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(override, named):
    result = run_manage("check", env=production_env(**override))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_the_proxy_body_limit_in_the_guide_takes_the_largest_legal_signal(settings):
    from signals.forms import MAX_ATTACHMENTS

    guide = (ROOT / "docs" / "deployment.md").read_text()
    (megabytes,) = re.findall(r"client_max_body_size (\d+)m", guide)
    largest_signal = MAX_ATTACHMENTS * settings.SAMOS_UPLOAD_MAX_BYTES + 1024 * 1024  # + text
    assert int(megabytes) * 1024 * 1024 >= largest_signal


def test_the_image_can_encrypt_backups():
    assert re.search(r"apt-get install[^&]*\bopenssl\b", (ROOT / "Dockerfile").read_text())
