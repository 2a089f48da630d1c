"""The runner's blocks are a registry (bob.runner_blocks): a step names its blocks, and an
app above bob adds its own without bob importing it. Names nobody registered are skipped."""

import copy
from dataclasses import replace
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from bob import protocol, runner_blocks
from bob.runner_blocks import RunnerBlock
from samos.accounts.roles import Role
from tests.factories import SessionFactory, add_totp_device

pytestmark = pytest.mark.django_db


def _templates_with(extra: dict) -> list:
    from django.conf import settings

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", extra),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return templates


@pytest.fixture
def chair_client(client):
    from django_otp import DEVICE_ID_SESSION_KEY

    session = SessionFactory(bezig=True)
    device = add_totp_device(session.chair)
    client.force_login(session.chair)
    store = client.session
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    return client, session


@pytest.fixture
def step_with_probe():
    """The first session's 'communicatie' step also names a block 'probe' and one that
    nobody registers."""
    steps = list(protocol.PROTOCOL["eerste"])
    index = next(i for i, s in enumerate(steps) if s.key == "communicatie")
    steps[index] = replace(steps[index], blocks=("probe", "niet_geregistreerd", "decisions"))
    with mock.patch.dict(protocol.PROTOCOL, {"eerste": tuple(steps)}):
        yield


def test_a_block_registered_from_outside_is_drawn_with_its_context(chair_client, step_with_probe):
    client, session = chair_client
    seen = []

    def context(request):
        seen.append((request.session.pk, request.step.key, request.user.pk))
        return {"probe_text": "Plan van de communicatieadviseur"}

    probe = RunnerBlock("probe", context, template="probe/_block.html")
    templates = _templates_with({"probe/_block.html": "<p id='probe'>{{ probe_text }}</p>"})
    with (
        mock.patch.dict(runner_blocks._REGISTRY, {"probe": probe}),
        override_settings(TEMPLATES=templates),
    ):
        page = client.get(session.get_absolute_url(), {"stap": "communicatie"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<p id='probe'>Plan van de communicatieadviseur</p>" in html
    assert seen == [(session.pk, "communicatie", session.chair.pk)]
    # The block comes above the step's form; the decisions block stays below it.
    assert html.index("id='probe'") < html.index('name="verder"')


def test_a_name_nobody_registered_is_skipped(chair_client, step_with_probe):
    client, session = chair_client
    page = client.get(session.get_absolute_url(), {"stap": "communicatie"})
    assert page.status_code == 200
    blocks = [*page.context["blocks_before_record"], *page.context["blocks_after_record"]]
    # Blocks of every step (an exercise's injects) come on top of the step's own.
    assert [block.key for block in blocks if not block.every_step] == ["decisions"]


def test_every_block_the_protocol_names_is_registered_by_bob():
    named = {key for steps in protocol.PROTOCOL.values() for s in steps for key in s.blocks}
    assert named - set(runner_blocks._REGISTRY) == set()


def test_a_key_cannot_be_taken_twice():
    with pytest.raises(ValueError, match="already registered"):
        runner_blocks.register(RunnerBlock("decisions", lambda request: {}))


@pytest.mark.parametrize(("kind", "step"), [("vervolg", "nieuw"), ("laatste", "feiten")])
def test_follow_ups_show_the_members_preparations(client, verified_login, kind, step):
    from kernteam.services import preparation_save
    from tests.factories import AttendeeFactory, UserFactory

    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(chair=chair, kind=kind)
    member = UserFactory(roles=[Role.KERNTEAMLID])
    AttendeeFactory(session=session, user=member)
    preparation_save(
        user=member,
        session_uuid=session.uuid,
        expected_version=0,
        what_happened="Sinds de avond is het online rustiger geworden.",
    )
    url = reverse("bob:session_run", kwargs={"uuid": session.uuid}) + f"?stap={step}"
    page = client.get(url).content.decode()
    assert "Voorbereiding van de groepsleden" in page
    assert "online rustiger" in page


def test_a_block_of_every_step_comes_first_in_each_step():
    every = RunnerBlock("probe_every", lambda request: {}, every_step=True)
    with mock.patch.dict(runner_blocks._REGISTRY, {"probe_every": every}):
        for steps in protocol.PROTOCOL.values():
            for step in steps:
                blocks = runner_blocks.blocks_for(step)
                flags = [block.every_step for block in blocks]
                assert every in blocks and flags == sorted(flags, reverse=True)
