"""Public report pages (placeholder: being written)."""

from django.views.generic import TemplateView


class ReportListView(TemplateView):
    template_name = "404.html"


class ReportDetailView(TemplateView):
    template_name = "404.html"


class EmployeeReportsView(TemplateView):
    template_name = "404.html"
