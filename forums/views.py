"""Public pages of the forums: the list, a forum with its registration, the calendar feed,
and the commitments tracker."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from forums import ical, services
from forums.choices import RegistrationStatus
from forums.filters import CommitmentFilter
from forums.forms import RegistrationForm
from forums.models import Commitment, Forum

PAST_FORUMS = 24


def with_seats(forums):
    return forums.annotate(
        seats_taken=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        )
    )


def aspirations_of(forum):
    """The aspirations raised at the forum with their public status (never the sender's
    contact; only what the feedback status page shows)."""
    return list(
        forum.aspirations.select_related("submission__unit").only(
            "forum_id",
            "raised_by",
            "submission__code",
            "submission__subject",
            "submission__status",
            "submission__unit__name",
        )
    )


class ForumListView(TemplateView):
    template_name = "forums/forum_list.html"

    def get_context_data(self, **kwargs):
        forums = Forum.objects.public().select_related("unit")
        return super().get_context_data(
            upcoming=list(with_seats(forums.upcoming())),
            past=list(forums.past()[:PAST_FORUMS]),
            **kwargs,
        )


class ForumDetailView(DetailView):
    template_name = "forums/forum_detail.html"
    context_object_name = "forum"

    def get_queryset(self):
        return with_seats(Forum.objects.public().select_related("unit"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RegistrationForm())
        context["commitments"] = list(self.object.commitments.select_related("unit"))
        context["aspirations"] = aspirations_of(self.object)
        context["today"] = timezone.localdate()
        return context


@require_POST
def register(request, slug):
    view = ForumDetailView(request=request, kwargs={"slug": slug})
    view.object = forum = get_object_or_404(view.get_queryset(), slug=slug)
    form = RegistrationForm(request.POST)

    def page_with_errors():
        context = view.get_context_data(object=forum, form=form)
        return render(request, view.template_name, context, status=400)

    if not form.is_valid():
        return page_with_errors()
    if form.cleaned_data["website"]:
        # A bot filled the hidden field: answer as usual, record nothing.
        return render(request, "forums/registered.html", {"forum": forum, "seat": None})
    try:
        seat = services.forum_register(
            forum=forum,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            community=form.cleaned_data["community"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return page_with_errors()
    return render(request, "forums/registered.html", {"forum": forum, "seat": seat})


def calendar_feed(request):
    forums = Forum.objects.public().upcoming()
    body = ical.calendar(
        forums,
        base=request.build_absolute_uri("/").rstrip("/"),
        host=request.get_host(),
        name=_("Forum warga Kota Tanjungpinang"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="forum-warga.ics"'
    return response


class CommitmentListView(FilterView):
    template_name = "forums/commitment_list.html"
    filterset_class = CommitmentFilter
    context_object_name = "commitments"
    paginate_by = 50
    strict = False

    def get_queryset(self):
        return Commitment.objects.select_related("unit", "forum").order_by("due_date", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["overdue_count"] = Commitment.objects.overdue().count()
        return context


class CommitmentDetailView(DetailView):
    template_name = "forums/commitment_detail.html"
    context_object_name = "commitment"

    def get_queryset(self):
        return Commitment.objects.select_related("unit", "forum").prefetch_related("updates")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)
