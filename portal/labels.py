"""get_FOO_display() that translates one label, not every choice of the field.

Django's `Model._get_FIELD_display` builds a dict of the field's choices at each call, hashing
each label on the way; a lazy label is translated to be hashed, so each call translates every
choice of the field. The report page calls it seven times (predikat, ratings, each indicator's
aspect): 8 % of its time. `ChoiceLabels` keeps each field's dict (labels still lazy) from its
first use: a call then translates the one label it returns, in the active language.

`_get_FIELD_display` is Django's own (private) method, the one each get_FOO_display() is bound
to; tests/portal/test_labels.py compares this one with it for every choice of every field that
uses it, so a Django upgrade that changes its behaviour fails there.
"""

from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_labels: dict = {}  # field -> {value: label}


def choice_labels(field) -> dict:
    """{value: label} of a field's choices (flattened), built once per field."""
    labels = _labels.get(field)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        if not isinstance(field.choices, CallableChoiceIterator):  # those may change
            _labels[field] = labels
    return labels


class ChoiceLabels:
    """A model mixin (before models.Model): the same get_FOO_display(), faster."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = choice_labels(field)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (a list): hashable as Django makes it
            label = labels.get(make_hashable(value), value)
        return force_str(label, strings_only=True)
