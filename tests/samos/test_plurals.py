"""Proper Dutch plurals everywhere: every counted message, in Python (ngettext) and in
templates ({% blocktranslate count %}), rendered with 1 and with 2; and no count put into
a message that cannot change with it."""

import ast
import re
from pathlib import Path

from django.template import Context, engines
from django.template.base import FilterExpression, Parser
from django.templatetags.i18n import BlockTranslateNode
from django.utils.translation import ngettext, override

ROOT = Path(__file__).resolve().parents[2]
CODE = ["samos", "signals", "kernteam", "bob", "communicatie", "crisis"]
# A number that counts things: it must pass through ngettext, never gettext.
COUNT_PLACEHOLDER = re.compile(r"%\((count|n|aantal|total|done|of)\)d")


def _calls(names: set[str]):
    for root in CODE:
        for path in (ROOT / root).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                    if name in names:
                        yield path, node


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _fill(message: str, number: int) -> str:
    names = re.findall(r"%\((\w+)\)[sd]", message)
    values = {name: number if f"%({name})d" in message else "x" for name in names}
    return message % values if values else message


def test_every_ngettext_message_reads_well_with_one_and_with_two():
    rendered = 0
    for path, call in _calls({"ngettext", "ngettext_lazy"}):
        singular, plural = (_literal(arg) for arg in call.args[:2])
        assert singular and plural, f"{path}:{call.lineno}: ngettext without literal texts"
        with override("nl"):
            one = _fill(ngettext(singular, plural, 1), 1)
            two = _fill(ngettext(singular, plural, 2), 2)
        assert one != two, f"{path}:{call.lineno}: the same text for 1 and 2"
        assert "(s)" not in one + two and "(en)" not in one + two, f"{path}:{call.lineno}"
        rendered += 1
    assert rendered >= 8  # the walk found the project's messages, not nothing


def test_no_count_goes_into_a_message_without_a_plural():
    offenders = [
        f"{path}:{call.lineno}: {text[:70]}"
        for path, call in _calls({"_", "gettext", "gettext_lazy", "pgettext"})
        if (text := _literal(call.args[0]) if call.args else None)
        and COUNT_PLACEHOLDER.search(text)
    ]
    assert not offenders, "\n".join(offenders)


def _count_nodes(nodelist):
    for node in nodelist:
        if isinstance(node, BlockTranslateNode) and node.countervar:
            yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _count_nodes(getattr(node, attr, None) or [])


def test_every_counted_template_text_reads_well_with_one_and_with_two():
    engine = engines["django"].engine
    parser = Parser([])
    rendered = 0
    for path in sorted((ROOT / "templates").rglob("*.html")):
        template = engine.from_string(path.read_text())
        for node in _count_nodes(template.nodelist):
            texts = []
            for number in (1, 2):
                node.counter = FilterExpression(str(number), parser)
                node.extra_context = {
                    name: FilterExpression('"x"', parser) for name in node.extra_context
                }
                context = Context({})
                with override("nl"), context.bind_template(template):
                    texts.append(node.render(context))
            assert texts[0] != texts[1], f"{path.name}: {texts[0]!r} for 1 and 2"
            assert "(s)" not in "".join(texts) and "(en)" not in "".join(texts), path.name
            rendered += 1
    assert rendered >= 10
