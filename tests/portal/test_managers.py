"""Querysets built once per process (portal.managers.BuiltOnceManager) and cloned for each use."""

import pytest

from reports.models import Indicator, Report, ReportQuerySet, Withholding
from tests.factories import ReportFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_disclosed_reports_are_the_same_query_as_built_anew():
    assert str(Report.objects.disclosed().query) == str(ReportQuerySet(Report).disclosed().query)
    assert str(Indicator.objects.disclosed().query) == str(
        Indicator.objects.get_queryset().disclosed().query
    )


def test_each_use_gets_its_own_copy_that_filtering_does_not_share():
    first, second = ReportFactory(status="published"), ReportFactory(status="published")
    only_first = Report.objects.disclosed().filter(pk=first.pk)
    assert list(only_first) == [first]
    assert set(Report.objects.disclosed()) == {first, second}


def test_a_withholding_decided_after_the_query_was_built_applies_at_once():
    report = ReportFactory(status="published")
    assert Report.objects.disclosed().filter(pk=report.pk).exists()
    Withholding.objects.create(
        employee=report.employee, reason="Uji konsekuensi", decided_by=UserFactory()
    )
    assert not Report.objects.disclosed().filter(pk=report.pk).exists()
