"""A django-filter ChoiceFilter that is not deep-copied at every request.

A FilterSet deep-copies its declared filters for each instance, and the form it builds
deep-copies each field again. For a choice filter both copies walk its choices, label by lazy
label: on the report list, with every unit of the city offered, that was ~900 copies a
request. The choices (and the messages) are never changed in place, so the copies share
them; everything else is copied as before.
"""

import copy

import django_filters
from django import forms
from django_filters.fields import ChoiceField


class SharedChoiceField(ChoiceField):
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
