"""Settings are documented and read through one helper."""

from pathlib import Path

from django.conf import settings

from samos.env import REGISTRY


def test_readme_documents_every_environment_variable():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    undocumented = [name for name in REGISTRY if f"`{name}`" not in readme]
    assert len(REGISTRY) > 10
    assert undocumented == []


def test_every_variable_has_a_help_text():
    assert [var.name for var in REGISTRY.values() if len(var.help) < 10] == []


def test_readme_names_no_path_of_this_machine():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert str(settings.BASE_DIR) not in readme
