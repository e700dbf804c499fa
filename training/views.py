"""Public training pages: the calendar of events and the 20 JP figures."""

from itertools import groupby

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from personnel.charts import share_bars
from personnel.disclosure import suppress
from training import figures
from training.models import Topic, TrainingEvent

TREND_YEARS = 4


def chosen_year(request, years: list[int]) -> tuple[int, str]:
    """?tahun=YYYY among `years`, else the current year; with a message for a bad value."""
    today = timezone.localdate()
    raw = request.GET.get("tahun", "").strip()
    if not raw:
        return today.year, ""
    if raw.isdigit() and int(raw) in years:
        return int(raw), ""
    return today.year, _("Tahun «%(value)s» tidak tersedia; yang ditampilkan tahun ini.") % {
        "value": raw[:20]
    }


def event_years() -> list[int]:
    years = {day.year for day in TrainingEvent.objects.dates("end", "year")}
    return sorted(years | {timezone.localdate().year}, reverse=True)


class CalendarView(ListView):
    """The year's training events by month, with how many ASN took part."""

    template_name = "training/calendar.html"
    context_object_name = "events"

    def get_queryset(self):
        self.years = event_years()
        self.year, self.year_error = chosen_year(self.request, self.years)
        events = TrainingEvent.objects.in_year(self.year).annotate(participants=Count("records"))
        topic = self.request.GET.get("rumpun", "")
        self.topic = topic if topic in Topic.values else ""
        self.topic_error = (
            _("Rumpun «%(value)s» tidak dikenal; semua rumpun ditampilkan.") % {"value": topic[:40]}
            if topic and not self.topic
            else ""
        )
        if self.topic:
            events = events.filter(topic=self.topic)
        return events.order_by("start", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(context["events"])
        for event in events:
            event.participants_shown = suppress(event.participants)
        context.update(
            months=[
                (month, list(items))
                for month, items in groupby(events, key=lambda event: event.start.replace(day=1))
            ],
            years=self.years,
            year=self.year,
            topics=Topic.choices,
            topic=self.topic,
            errors=[error for error in (self.year_error, self.topic_error) if error],
            today=timezone.localdate(),
        )
        return context


class AchievementView(TemplateView):
    """Each top-level unit's share of PNS who reached 20 JP in the year, and the city trend."""

    template_name = "training/achievement.html"

    def get_context_data(self, **kwargs):
        years = event_years()
        year, error = chosen_year(self.request, years)
        rows, city = figures.city_achievement(year)
        trend = figures.city_trend(sorted(years[:TREND_YEARS]))
        return super().get_context_data(
            year=year,
            years=years,
            errors=[error] if error else [],
            rows=rows,
            city=city,
            trend=trend,
            trend_chart=share_bars(
                trend,
                title=_("Persentase PNS yang mencapai 20 JP per tahun, seluruh kota"),
                chart_id="grafik-jp",
            ),
            right=figures.YEARLY_JP_RIGHT,
            **kwargs,
        )
