"""A django-filter ChoiceFilter that is not deep-copied at every request.

A FilterSet deep-copies its declared filters for each instance, and the form it builds
deep-copies each field again. For a choice filter both copies walk its choices, label by lazy
label: on the report list, with every unit of the city offered, that was ~900 copies a
request. The choices (and the messages) are never changed in place, so the copies share
them; everything else is copied as before.

django-filter's choice iterator also normalizes the choices (Django's normalize_choices())
each time they are walked: to validate the value, then to render the options. Here they are
normalized once, when they are given, and the copies share that list.
"""

import copy

import django_filters
from django import forms
from django.utils.choices import normalize_choices
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
