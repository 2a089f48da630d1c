"""The project's Dutch catalogue: committed compiled, so a fresh checkout needs no gettext,
and therefore checked here to say the same as its source."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"


def _po_entries(text):
    entries = {}
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
            if key:
                entries[key] = "".join(re.findall(r'"(.*)"', msgstr.group(1)))
    return entries


def test_the_compiled_catalogue_says_what_its_source_says():
    source = _po_entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert source, "the .po has no entries"
    for msgid, msgstr in source.items():
        assert compiled.gettext(msgid) == msgstr, msgid


def test_django_admin_strings_that_django_leaves_english_are_dutch():
    with translation.override("nl"):
        assert translation.gettext("Model name") == "Onderdeel"
        assert translation.gettext("Change or view list link") == "Wijzigen of bekijken"
        # Django's own Dutch still comes through where it exists.
        assert translation.gettext("Recent actions") == "Recente acties"
