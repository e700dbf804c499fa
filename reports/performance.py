"""Unit performance and the city dashboard (placeholder: being written)."""

from django.views.generic import TemplateView


class UnitPerformanceView(TemplateView):
    template_name = "404.html"


class CityDashboardView(TemplateView):
    template_name = "404.html"
