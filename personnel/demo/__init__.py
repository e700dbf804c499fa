"""Demo data: the organisation of Pemerintah Kota Tanjungpinang staffed with synthetic ASN."""

from personnel.demo.organisation import KECAMATAN, ROOT_CODE
from personnel.demo.seeding import (
    DEFAULT_EMPLOYEES,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DEMO_USERS,
    SeedResult,
    seed_demo,
)

__all__ = [
    "DEFAULT_EMPLOYEES",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "KECAMATAN",
    "ROOT_CODE",
    "SeedResult",
    "seed_demo",
]
