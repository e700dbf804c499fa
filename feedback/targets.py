"""Feedback targets that live in later apps (a selection, a candidate, a forum, a commitment).

`feedback` comes before those apps and never imports them. Each one registers a LinkedTarget
in its AppConfig.ready(): feedback knows the target type's name (feedback.choices.TargetType),
the app knows how to find the object from a link's parameter, and keeps the link itself as a
row of its own pointing to the submission (written in the same transaction as the submission).
"""

from __future__ import annotations

import re

from django.core.exceptions import ObjectDoesNotExist

from feedback.choices import TARGET_FIELDS

ID = re.compile(r"[0-9]{1,12}")


def id_in(key: str) -> int | None:
    """The row id a link's parameter carries, or None when it is not one."""
    return int(key) if ID.fullmatch(key) else None


class LinkedTarget:
    """How one target type of a later app is found, described, linked and read back.

    Subclasses set the class attributes and implement `resolve` and `attach`.
    """

    type: str = ""  # a feedback.choices.TargetType value
    param: str = ""  # the query parameter of a link preselecting it: /masukan/kirim/?forum=…
    noun = ""  # what the object is, under its name on the form: "forum warga"
    link_name: str = ""  # the link model's accessor on Submission: "forums_link"
    link_field: str = ""  # the object's field on the link model: "forum"
    privacy: tuple[str, ...] | None = None  # the privacy modes allowed; None: all of them
    privacy_note = ""  # why the modes are limited, shown on the form

    def resolve(self, key: str):
        """The public object `key` names, or None. `key` is untrusted input from a URL."""
        raise NotImplementedError

    def key(self, obj) -> str:
        """The inverse of resolve: what a link carries for `obj`."""
        raise NotImplementedError

    def attach(self, submission, obj) -> None:
        """Write the link row (called inside the transaction that stores the submission)."""
        raise NotImplementedError

    def suggested_unit(self, obj):
        """The unit a moderator most likely routes this feedback to, or None."""
        return None

    def of(self, submission):
        """The object a stored submission is about (select_related(`related`) makes it free)."""
        try:
            return getattr(getattr(submission, self.link_name), self.link_field)
        except ObjectDoesNotExist:
            return None

    @property
    def related(self) -> str:
        return f"{self.link_name}__{self.link_field}"


_registry: dict[str, LinkedTarget] = {}


def register(target: LinkedTarget) -> None:
    if not target.type or not target.param or TARGET_FIELDS.get(target.type):
        raise ValueError(f"a linked target needs its own type and parameter: {target!r}")
    _registry[target.type] = target


def get(target_type: str) -> LinkedTarget | None:
    return _registry.get(target_type)


def registered() -> list[LinkedTarget]:
    return list(_registry.values())


def related_paths() -> list[str]:
    """select_related() paths that load every linked target with the submission."""
    return [target.related for target in _registry.values()]
