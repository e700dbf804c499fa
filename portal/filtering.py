"""A django-filter ChoiceFilter that is not deep-copied at every request.

A FilterSet deep-copies its declared filters for each instance, and the form it builds
deep-copies each field again. For a choice filter both copies walk its choices, label by lazy
label: on the report list, with every unit of the city offered, that was ~900 copies a
request. The choices (and the messages) are never changed in place, so the copies share
them; everything else is copied as before.

django-filter's choice iterator also normalizes the choices (Django's normalize_choices())
each time they are walked: to validate the value, then to render the options. Here they are
normalized once, when they are given, and the copies share that list.

`TranslatedOnce` gives a FilterSet's filters their labels, fixed choices and empty labels as
text in the active language, translated once per language and process: a lazy label is
translated again at every use, and the report list's form shows about fifty of them.
"""

import copy
import functools

import django_filters
from django import forms
from django.utils import translation
from django.utils.choices import normalize_choices
from django.utils.functional import Promise
from django_filters.fields import ChoiceField, ChoiceIterator


class NormalizedChoices(list):
    """Choices already normalized (a list of pairs), shared by a field and its copies."""


class NormalizedChoiceIterator(ChoiceIterator):
    def __init__(self, field, choices):
        if not isinstance(choices, NormalizedChoices):
            normalized = normalize_choices(choices)
            if isinstance(normalized, list):  # not lazy choices (a callable), kept lazy
                choices = NormalizedChoices(normalized)
        super().__init__(field, choices)

    def __iter__(self):
        if not isinstance(self.choices, NormalizedChoices):
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.choices


class SharedChoiceField(ChoiceField):
    iterator = NormalizedChoiceIterator

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result.choices = self._choices.choices  # the same choices, iterated for the copy
        return result


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = SharedChoiceField

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.__dict__.pop("_field", None)  # a copy builds its own field
        result.extra = dict(self.extra)  # a copy may be given other choices
        if self.method is not None:
            result.method = self.method  # the filter method, bound to the copy
        return result


def text(value):
    return str(value) if isinstance(value, Promise) else value


@functools.cache
def translated_extras(filterset_class, language: str | None) -> dict[str, dict]:
    """{filter name: its label, fixed choices and empty label as text in `language`}."""
    found = {}
    with translation.override(language):
        for name, declared in filterset_class.base_filters.items():
            texts = {"label": text(declared.label)}
            choices = declared.extra.get("choices")
            if isinstance(choices, list | tuple):  # fixed choices; a callable stays lazy
                texts["choices"] = NormalizedChoices(
                    (value, text(label)) for value, label in normalize_choices(choices)
                )
            if declared.extra.get("empty_label") is not None:
                texts["empty_label"] = text(declared.extra["empty_label"])
            found[name] = texts
    return found


class TranslatedOnce:
    """A FilterSet mixin: see the module's docstring. Choices set after `__init__` (from the
    database) replace these as before."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extras = translated_extras(type(self), translation.get_language())
        for name, texts in extras.items():
            declared = self.filters[name]
            declared.label = texts["label"]
            declared.extra.update(
                (key, texts[key]) for key in ("choices", "empty_label") if key in texts
            )
