"""{% filter_fields %} writes what the filter form's template loop wrote."""

import re

import django_filters
import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy

from personnel.models import Unit
from portal import filtering
from portal.filtering import ChoiceFilter, NormalizedChoices, TranslatedOnce
from portal.templatetags.fields import filter_fields
from portal.widgets import QuickSelect, QuickTextInput

LOOP = Template(
    """{% for field in form %}
    <div class="field{% if field.errors %} has-error{% endif %}">
      <label for="{{ field.id_for_label }}">{{ field.label }}</label>
      {{ field }}
      {% if field.errors %}<p class="field-error" id="{{ field.auto_id }}_error">"""
    """{{ field.errors|join:" " }}</p>{% endif %}
    </div>
    {% endfor %}"""
)


class Filters(forms.Form):
    unit = forms.ChoiceField(
        label="Unit <kerja> & sub-unit",
        choices=[("", "Semua"), ("dinkes", "Dinas Kesehatan")],
        required=False,
        widget=QuickSelect,
    )
    q = forms.CharField(label="Nama", max_length=5, required=False, widget=QuickTextInput)


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize(
    "data",
    [None, {}, {"unit": "dinkes", "q": "siti"}, {"unit": "<zzz>", "q": 'terlalu "panjang"'}],
)
def test_the_fields_tag_writes_the_markup_of_the_template_loop(data):
    form = Filters(data) if data is not None else Filters()
    assert normalised(filter_fields(form)) == normalised(LOOP.render(Context({"form": form})))


def test_an_invalid_field_is_marked_with_its_message():
    html = filter_fields(Filters({"unit": "zzz"}))
    assert 'class="field has-error"' in html
    assert '<p class="field-error" id="id_unit_error">' in html


# ------------------------------------------------------- django-filter's choice fields, shared


class Sorted(django_filters.FilterSet):
    unit = ChoiceFilter(
        widget=QuickSelect, choices=[("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan")]
    )
    lazy = ChoiceFilter(widget=QuickSelect, choices=lambda: [("a", "Pertama")])

    class Meta:
        model = Unit
        fields = []


def test_a_choice_filter_normalizes_its_choices_once_and_its_copies_share_them(monkeypatch):
    calls = []
    normalize = filtering.normalize_choices
    monkeypatch.setattr(
        filtering, "normalize_choices", lambda value: calls.append(value) or normalize(value)
    )
    filterset = Sorted({"unit": "disdik"}, queryset=Unit.objects.none())
    assert filterset.is_valid()
    html = str(filterset.form["unit"]) + str(filterset.form["unit"])
    assert html.count('<option value="disdik" selected>Dinas Pendidikan</option>') == 2
    given = [value for value in calls if not callable(value)]  # the lazy filter's aside
    assert given == [[("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan")]]
    field = filterset.form.fields["unit"]
    assert field.choices.choices is filterset.filters["unit"].field.choices.choices


def test_choices_given_as_a_callable_stay_lazy():
    filterset = Sorted({"lazy": "a"}, queryset=Unit.objects.none())
    assert filterset.is_valid()
    assert '<option value="a" selected>Pertama</option>' in str(filterset.form["lazy"])
    assert not isinstance(filterset.form.fields["lazy"].choices.choices, NormalizedChoices)


class Translated(TranslatedOnce, django_filters.FilterSet):
    urut = ChoiceFilter(
        widget=QuickSelect,
        label=gettext_lazy("Urutkan"),
        choices=[("predikat", gettext_lazy("Predikat (terbaik dulu)"))],
        empty_label=gettext_lazy("Semua predikat"),
    )

    class Meta:
        model = Unit
        fields = []


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("id", ["Urutkan", "Predikat (terbaik dulu)", "Semua predikat"]),
        ("en", ["Sort by", "Rating (best first)", "All ratings"]),
    ],
)
def test_labels_and_choices_are_translated_once_per_language(language, texts):
    filtering.translated_extras.cache_clear()
    with translation.override(language):
        forms = [Translated({}, queryset=Unit.objects.none()).form for _ in range(3)]
        html = [filter_fields(form) for form in forms]
    assert html[0] == html[1] == html[2]
    assert all(text in html[0] for text in texts), html[0]
    assert filtering.translated_extras.cache_info().misses == 1
    field = forms[0].fields["urut"]
    assert type(field.label) is str and all(type(label) is str for _, label in field.choices)


# --------------------------------------------------- a form class built once per set of choices


class Chosen(filtering.SharedForm, TranslatedOnce, django_filters.FilterSet):
    unit = ChoiceFilter(widget=QuickSelect, label=gettext_lazy("Unit kerja"))
    urut = ChoiceFilter(
        widget=QuickSelect,
        label=gettext_lazy("Urutkan"),
        choices=[("predikat", gettext_lazy("Predikat (terbaik dulu)"))],
    )
    q = filtering.CharFilter(widget=QuickTextInput, max_length=5)

    class Meta:
        model = Unit
        fields = []

    def __init__(self, data=None, units=(), **kwargs):
        super().__init__(data, queryset=Unit.objects.none(), **kwargs)
        self.filters["unit"].extra["choices"] = NormalizedChoices(units)


UNITS = [("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan")]


def test_forms_of_the_same_choices_share_one_form_class_and_its_fields():
    first = Chosen({"unit": "disdik"}, UNITS)
    second = Chosen({"unit": "dinkes", "q": "siti"}, list(UNITS))  # equal, not the same list
    assert first.is_valid() and second.is_valid()
    assert type(first.form) is type(second.form)
    assert first.form.fields["unit"] is second.form.fields["unit"]
    assert first.form.fields is not second.form.fields  # each form its own dict of them
    assert '<option value="disdik" selected>' in filter_fields(first.form)
    assert '<option value="dinkes" selected>' in filter_fields(second.form)
    assert 'value="siti"' in filter_fields(second.form)
    assert 'value="siti"' not in filter_fields(first.form)


def test_other_choices_or_another_language_build_another_form():
    before = Chosen({"unit": "disdik"}, UNITS)
    added = Chosen({"unit": "baru"}, [*UNITS, ("baru", "Unit Baru")])
    assert added.is_valid() and not Chosen({"unit": "baru"}, UNITS).is_valid()
    assert type(added.form) is not type(before.form)
    assert '<option value="baru" selected>Unit Baru</option>' in filter_fields(added.form)
    with translation.override("en"):
        english = Chosen({"unit": "disdik"}, UNITS)
        assert type(english.form) is not type(before.form)
        assert "Sort by" in filter_fields(english.form)
    assert "Urutkan" in filter_fields(Chosen({}, UNITS).form)


def test_a_refused_value_is_refused_by_the_shared_fields_as_by_djangos():
    for value in ["dinkes", "disdik", "DINKES", "", "zzz", "dinkes "]:
        shared = Chosen({"unit": value}, UNITS)
        django = forms.ChoiceField(choices=UNITS, required=False)
        try:
            django.clean(value)
            accepted = True
        except forms.ValidationError:
            accepted = False
        assert shared.is_valid() is accepted, value
        if not accepted:
            assert shared.form.errors["unit"]


def test_only_the_latest_form_classes_are_kept():
    for number in range(filtering.FORMS_KEPT + 5):
        Chosen({}, [("u", f"Unit {number}")]).get_form_class()
    assert len(Chosen._shared_forms) == filtering.FORMS_KEPT


class FromTheDatabase(filtering.SharedForm, django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.order_by("code"), to_field_name="code", widget=QuickSelect
    )

    class Meta:
        model = Unit
        fields = []


@pytest.mark.django_db
def test_a_filter_whose_choices_are_a_queryset_builds_its_form_at_each_use():
    assert FromTheDatabase({}).form_key() is None
    first = FromTheDatabase({})
    html = str(first.form["unit"])
    Unit.objects.create(code="baru", name="Unit Baru")
    second = FromTheDatabase({})
    assert type(second.form) is not type(first.form)
    assert "Unit Baru" in str(second.form["unit"]) and "Unit Baru" not in html


@pytest.mark.parametrize(
    "data",
    [{}, {"unit": "disdik"}, {"unit": "zzz", "q": "siti"}, {"q": '<b>"x'}, {"urut": "predikat"}],
)
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_shared_filter_form_is_written_as_the_template_loop_wrote_it(data, language):
    with translation.override(language):
        form = Chosen(data, UNITS).form
        assert normalised(filter_fields(form)) == normalised(LOOP.render(Context({"form": form})))
