"""Public feedback pages: the submission form, the thank-you with the code, the status page.

Order of the checks on a submission: the honeypot (a bot is thanked and nothing is written,
not even a rate-limit hit), the rate limit per address, the signed render time and the form,
the rate limit per e-mail, then the service, which refuses a recent duplicate.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from feedback import assessments, codes, figures, ratelimit, targets, working_days
from feedback.choices import Privacy, Status
from feedback.confirmation import ConfirmationError
from feedback.filters import PublicSubmissionFilter
from feedback.forms import (
    HONEYPOT,
    ClarificationForm,
    LookupForm,
    ObjectionForm,
    SubmissionForm,
    rendered_error,
    rendered_token,
    resolve_target,
    target_token,
)
from feedback.models import AssessmentTarget, Submission
from feedback.services import (
    BannedSender,
    DuplicateSubmission,
    feedback_answer_clarification,
    feedback_flag,
    feedback_object,
    feedback_submit,
    is_published,
)
from personnel.disclosure import public_employee_fields
from personnel.models import Employee, Unit

THANKS_SALT = "feedback.thanks"


def _public():
    return Submission.objects.for_status_page().with_overdue(timezone.localdate())


THANKS_MAX_AGE = 60 * 60


def too_many(request, verdict):
    minutes = max(1, round(verdict.retry_after / 60))
    response = render(request, "feedback/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _client_key(request) -> str:
    # REMOTE_ADDR is the client as TrustedProxyMiddleware resolved it: forged headers are gone.
    return ratelimit.address_key(request.META.get("REMOTE_ADDR", ""))


def _thanks(code: str):
    token = signing.dumps(code, salt=THANKS_SALT)
    return redirect(f"{reverse('feedback:thanks')}?t={token}")


def _form_page(request, form, *, status=200, problem=None, unknown_target=False):
    return render(
        request,
        "feedback/submit.html",
        {
            "form": form,
            "problem": problem,
            "unknown_target": unknown_target,
            "fixed_target": form.fixed_target,
        },
        status=status,
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method != "POST":
        token = target_token(request.GET)
        target = resolve_target(token)
        form = SubmissionForm(target=target, initial={"rendered": rendered_token()})
        return _form_page(request, form, unknown_target=target is None)

    if request.POST.get("situs_web", "").strip():
        return _thanks(codes.new_code())
    verdict = ratelimit.hit("submit-ip", _client_key(request), settings.FEEDBACK_RATE_SUBMIT_IP)
    if not verdict.allowed:
        return too_many(request, verdict)

    target = resolve_target(request.POST.get("sasaran", ""))
    problem = rendered_error(request.POST.get("rendered", ""))
    data = request.POST.copy()
    data["rendered"] = rendered_token()  # a fresh clock for the next try
    form = SubmissionForm(data, target=target)
    if not form.is_valid() or problem:
        return _form_page(request, form, status=400, problem=problem)

    email = form.cleaned_data.get("email")
    if email:
        verdict = ratelimit.hit(
            "submit-email", ratelimit.email_key(email), settings.FEEDBACK_RATE_SUBMIT_EMAIL
        )
        if not verdict.allowed:
            return too_many(request, verdict)
    try:
        submission = feedback_submit(data=form.cleaned_data, address_key=_client_key(request))
    except BannedSender:
        return _thanks(codes.new_code())
    except DuplicateSubmission:
        problem = _(
            "Masukan dengan isi yang sama sudah kami terima baru-baru ini, jadi tidak kami simpan "
            "dua kali. Bila Anda belum mencatat kodenya, tunggu tanggapan atau kirim masukan "
            "dengan isi berbeda."
        )
        return _form_page(request, form, status=409, problem=problem)
    return _thanks(submission.code)


@never_cache
def thanks(request):
    try:
        code = signing.loads(request.GET.get("t", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        code = None
    if not isinstance(code, str) or codes.STORED.fullmatch(code) is None:
        return render(request, "feedback/thanks.html", {"code": None}, status=404)
    return render(request, "feedback/thanks.html", {"code": codes.display(code)})


@never_cache
@require_http_methods(["GET", "HEAD"])
def lookup(request):
    if "kode" not in request.GET:
        return render(request, "feedback/lookup.html", {"form": LookupForm()})
    verdict = ratelimit.hit("lookup-ip", _client_key(request), settings.FEEDBACK_RATE_LOOKUP_IP)
    if not verdict.allowed:
        return too_many(request, verdict)
    form = LookupForm(request.GET)
    if not form.is_valid():
        return render(request, "feedback/lookup.html", {"form": form}, status=400)
    submission = _public().filter(code=form.cleaned_data["kode"]).first()
    if submission is None:
        return render(
            request, "feedback/lookup.html", {"form": form, "not_found": True}, status=404
        )
    return _status_page(request, submission)


def _status_page(
    request,
    submission,
    *,
    answered=False,
    answer_form=None,
    objected=False,
    objection_form=None,
    status=200,
):
    events = list(
        submission.timeline.filter(is_public=True)
        .select_related("unit")
        .only("id", "submission_id", "kind", "status", "note", "created_at", "unit__name")
    )
    original = None
    if submission.duplicate_of_id:
        original = Submission.objects.only("code").get(pk=submission.duplicate_of_id)
    return render(
        request,
        "feedback/status.html",
        {
            "form": LookupForm(initial={"kode": submission.display_code}),
            "submission": submission,
            "events": events,
            "original": original,
            "show_text": submission.privacy != Privacy.RAHASIA and submission.hidden_at is None,
            "published": is_published(submission),
            "answer_form": answer_form
            or (ClarificationForm() if submission.clarification_requested_at else None),
            "objection_form": objection_form
            or (
                ObjectionForm()
                if submission.status == Status.DITANGGAPI and submission.objected_at is None
                else None
            ),
            "objected": objected,
            "answered": answered,
        },
        status=status,
    )


@never_cache
@csrf_protect
@require_http_methods(["POST"])
def answer(request):
    """The submitter answers a unit's request for clarification, keyed by the tracking code."""
    verdict = ratelimit.hit("lookup-ip", _client_key(request), settings.FEEDBACK_RATE_LOOKUP_IP)
    if not verdict.allowed:
        return too_many(request, verdict)
    lookup_form = LookupForm(request.POST)
    if not lookup_form.is_valid():
        return render(request, "feedback/lookup.html", {"form": lookup_form}, status=400)
    submission = _public().filter(code=lookup_form.cleaned_data["kode"]).first()
    if submission is None:
        return render(
            request, "feedback/lookup.html", {"form": lookup_form, "not_found": True}, status=404
        )
    form = ClarificationForm(request.POST)
    if not form.is_valid():
        return _status_page(request, submission, answer_form=form, status=400)
    try:
        feedback_answer_clarification(submission=submission, text=form.cleaned_data["jawaban"])
    except ValidationError as error:
        form.add_error(None, error)
        return _status_page(request, submission, answer_form=form, status=409)
    submission = _public().get(pk=submission.pk)
    return _status_page(request, submission, answered=True)


class PrivacyView(TemplateView):
    template_name = "feedback/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_days=settings.FEEDBACK_CONTACT_RETENTION_DAYS, **kwargs
        )


def _submission_from_post(request):
    """The submission a tracking-page form names, or the page to answer instead."""
    verdict = ratelimit.hit("lookup-ip", _client_key(request), settings.FEEDBACK_RATE_LOOKUP_IP)
    if not verdict.allowed:
        return None, too_many(request, verdict)
    lookup_form = LookupForm(request.POST)
    if not lookup_form.is_valid():
        return None, render(request, "feedback/lookup.html", {"form": lookup_form}, status=400)
    submission = _public().filter(code=lookup_form.cleaned_data["kode"]).first()
    if submission is None:
        return None, render(
            request, "feedback/lookup.html", {"form": lookup_form, "not_found": True}, status=404
        )
    return submission, None


@never_cache
@csrf_protect
@require_http_methods(["POST"])
def objection(request):
    """The submitter objects once to the response; the case goes back to the units."""
    submission, refusal = _submission_from_post(request)
    if refusal:
        return refusal
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        return _status_page(request, submission, objection_form=form, status=400)
    try:
        feedback_object(submission=submission, reason=form.cleaned_data["alasan"])
    except ValidationError as error:
        form.add_error(None, error)
        return _status_page(request, submission, objection_form=form, status=409)
    submission = _public().get(pk=submission.pk)
    return _status_page(request, submission, objected=True)


class PublicListView(FilterView):
    """Published submissions with their responses, filterable and paginated."""

    template_name = "feedback/public_list.html"
    filterset_class = PublicSubmissionFilter
    context_object_name = "submissions"
    paginate_by = 20
    strict = False

    def get_queryset(self):
        return Submission.objects.for_public_list(timezone.localdate())


class PublicDetailView(DetailView):
    """One published submission and its public timeline; never its tracking code."""

    template_name = "feedback/public_detail.html"
    context_object_name = "submission"

    def get_queryset(self):
        return Submission.objects.for_public_list(timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = list(
            self.object.timeline.filter(is_public=True)
            .select_related("unit")
            .only("id", "submission_id", "kind", "status", "note", "created_at", "unit__name")
        )
        context["flagged"] = self.request.GET.get("dilaporkan") == "1"
        if targets.get(self.object.target_type):
            context["linked_target"] = self.object.target
        return context


@never_cache
@csrf_protect
@require_http_methods(["POST"])
def flag_item(request, pk):
    """The "Laporkan" button of a public item page."""
    verdict = ratelimit.hit("lookup-ip", _client_key(request), settings.FEEDBACK_RATE_LOOKUP_IP)
    if not verdict.allowed:
        return too_many(request, verdict)
    submission = get_object_or_404(Submission.objects.published().only("id"), pk=pk)
    feedback_flag(submission=submission, address_key=_client_key(request))
    if Submission.objects.published().filter(pk=pk).exists():
        return redirect(f"{reverse('feedback:public-detail', args=[pk])}?dilaporkan=1")
    return redirect(f"{reverse('feedback:public-list')}?dilaporkan=1")


class ScoreboardView(TemplateView):
    """Units ranked by how fast and how reliably they answer feedback."""

    template_name = "feedback/scoreboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            units=figures.scoreboard(),
            minimum=figures.MIN_SUBMISSIONS,
            respond_days=working_days.RESPOND_DAYS,
            **kwargs,
        )


# --------------------------------------------------------------------------- citizen assessment


def _assessment_target(params):
    """(target_type, target) from ?unit=<code> or ?asn=<public_id>; (None, None) if neither."""
    code, public_id = params.get("unit", "").strip(), params.get("asn", "").strip()
    if public_id:
        employee = (
            Employee.objects.filter(public_id=public_id[:40])
            .only(*public_employee_fields())
            .first()
        )
        return (AssessmentTarget.EMPLOYEE, employee) if employee else (None, None)
    if code:
        unit = Unit.objects.active().filter(code=code[:80]).first()
        return (AssessmentTarget.UNIT, unit) if unit else (None, None)
    return None, None


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def assess(request):
    params = request.POST if request.method == "POST" else request.GET
    target_type, target = _assessment_target(params)
    if target is None:
        # Without a target the page says where to start; a target that is not there is a 404.
        asked = bool(params.get("unit") or params.get("asn"))
        return render(
            request,
            "feedback/assess.html",
            {"unknown_target": asked, "no_target": not asked},
            status=404 if asked else 200,
        )
    context = {"target_type": target_type, "target": target}
    if request.method != "POST":
        form = assessments.AssessmentForm(initial={"rendered": rendered_token()})
        return render(request, "feedback/assess.html", {**context, "form": form})
    if request.POST.get(HONEYPOT, "").strip():
        return render(request, "feedback/assess_sent.html", context)
    verdict = ratelimit.hit("assess-ip", _client_key(request), settings.FEEDBACK_RATE_SUBMIT_IP)
    if not verdict.allowed:
        return too_many(request, verdict)
    problem = rendered_error(request.POST.get("rendered", ""))
    data = request.POST.copy()
    data["rendered"] = rendered_token()
    form = assessments.AssessmentForm(data)
    if not form.is_valid() or problem:
        return render(
            request,
            "feedback/assess.html",
            {**context, "form": form, "problem": problem},
            status=400,
        )
    verdict = ratelimit.hit(
        "assess-email",
        ratelimit.email_key(form.cleaned_data["email"]),
        settings.FEEDBACK_RATE_SUBMIT_EMAIL,
    )
    if not verdict.allowed:
        return too_many(request, verdict)
    assessments.assessment_submit(
        target_type=target_type,
        target=target,
        data=form.cleaned_data,
        address_key=_client_key(request),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return render(request, "feedback/assess_sent.html", context)


@never_cache
def assessment_confirm(request, token):
    try:
        assessment = assessments.assessment_confirm(token=token)
    except ConfirmationError as error:
        return render(request, "feedback/assess_confirmed.html", {"error": str(error)}, status=400)
    return render(request, "feedback/assess_confirmed.html", {"assessment": assessment})
