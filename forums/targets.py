"""A forum and a commitment as feedback targets (feedback.targets)."""

from django.utils.translation import gettext_lazy as _

from feedback.choices import TargetType
from feedback.targets import LinkedTarget, id_in
from forums.models import Commitment, FeedbackLink, Forum


class ForumTarget(LinkedTarget):
    type = TargetType.FORUM
    param = "forum"
    noun = _("forum warga")
    link_name = "forums_link"
    link_field = "forum"

    def resolve(self, key):
        return (
            Forum.objects.public()
            .select_related("unit")
            .only("id", "slug", "title", "unit__id", "unit__code", "unit__name")
            .filter(slug=key[:80])
            .first()
        )

    def key(self, obj):
        return obj.slug

    def attach(self, submission, obj):
        FeedbackLink.objects.create(submission=submission, forum=obj)

    def suggested_unit(self, obj):
        return obj.unit


class CommitmentTarget(LinkedTarget):
    type = TargetType.COMMITMENT
    param = "komitmen"
    noun = _("komitmen")
    link_name = "forums_link"
    link_field = "commitment"

    def resolve(self, key):
        pk = id_in(key)
        if pk is None:
            return None
        return (
            Commitment.objects.select_related("unit")
            .only("id", "title", "unit__id", "unit__code", "unit__name")
            .filter(pk=pk)
            .first()
        )

    def key(self, obj):
        return str(obj.pk)

    def attach(self, submission, obj):
        FeedbackLink.objects.create(submission=submission, commitment=obj)

    def suggested_unit(self, obj):
        return obj.unit
