"""A selection and its publicly named candidates as feedback targets (feedback.targets)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.choices import Privacy, TargetType
from feedback.targets import LinkedTarget, id_in
from selection.models import Candidate, FeedbackLink, Selection


class SelectionTarget(LinkedTarget):
    type = TargetType.SELECTION
    param = "seleksi"
    noun = _("seleksi terbuka")
    link_name = "selection_link"
    link_field = "selection"

    def resolve(self, key):
        return (
            Selection.objects.public()
            .filter(published_at__lte=timezone.now(), slug=key[:80])
            .only("id", "slug", "title", "unit_id")
            .first()
        )

    def key(self, obj):
        return obj.slug

    def attach(self, submission, obj):
        FeedbackLink.objects.create(submission=submission, selection=obj)


class CandidateTarget(LinkedTarget):
    """Only a candidate a public page names; what residents say about a person competing for a
    post is read by the moderator and the unit handling it, never published."""

    type = TargetType.CANDIDATE
    param = "kandidat"
    noun = _("calon dalam seleksi terbuka")
    link_name = "selection_link"
    link_field = "candidate"
    privacy = (Privacy.RAHASIA,)
    privacy_note = _(
        "Masukan tentang seorang calon tidak pernah ditampilkan di portal: hanya moderator dan "
        "unit yang menanganinya yang membacanya."
    )

    def resolve(self, key):
        pk = id_in(key)
        if pk is None:
            return None
        return (
            Candidate.objects.named_in_public()
            .select_related("selection")
            .only("id", "name", "registration_number", "selection__slug", "selection__title")
            .filter(pk=pk)
            .first()
        )

    def key(self, obj):
        return str(obj.pk)

    def attach(self, submission, obj):
        FeedbackLink.objects.create(submission=submission, candidate=obj)
