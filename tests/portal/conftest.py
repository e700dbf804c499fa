"""Fixtures shared by the tests of the public pages' plumbing (page cache, conditional GET)."""

import pytest

from tests.factories import PeriodFactory, UnitFactory


@pytest.fixture
def unit():
    """A city agency under the city government."""
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)


@pytest.fixture
def year():
    return PeriodFactory(kind="tahunan", year=2025, number=1)
