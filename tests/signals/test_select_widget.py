"""The signal filters' fast <select> must render exactly what Django's own Select does,
hostile labels included (they are escaped, never markup)."""

from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from signals.forms import Select

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)
choice = st.tuples(text, text)
choices = st.one_of(
    st.lists(choice, max_size=6),
    st.lists(st.tuples(text, st.lists(choice, min_size=1, max_size=4)), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(
    choices=choices,
    value=text,
    attrs=st.dictionaries(st.sampled_from(["id", "class", "aria-label"]), text, max_size=2),
)
def test_renders_like_djangos_select(choices, value, attrs):
    ours = Select(attrs=attrs, choices=choices).render("area", value)
    django = forms.Select(attrs=attrs, choices=choices).render("area", value)
    assert ours == django


def test_a_hostile_label_is_escaped():
    html = Select(choices=[("1", '<script>alert("x")</script>')]).render("area", "1")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "selected" in html
