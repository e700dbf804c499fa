"""Demo performance reports (SKP) for the demo city's ASN.

Planning and writing are separate, as in personnel.demo: `plan_reports` is a pure function of
the seed and of who held which post at each period's end, and every random draw comes from a
generator seeded with the seed and stable keys (NIP, unit code, period code), never with a
database id, so the same seed and the same staff give the same reports in any database.
`seed_reports` then writes only what is missing: a second run adds nothing.

The database enforces the report workflow, so the writer inserts reports as drafts, inserts
their indicators and behaviour ratings, and then moves the statuses along the allowed path
(draft → submitted → approved → published → superseded/withdrawn) with set-based UPDATEs.

The package: `texts` holds the words, `planning` the pure plan, `writing` the database side.
"""

from reports.demo.planning import DEFAULT_SEED, DEMO_TODAY, load_staff, plan_periods, plan_reports
from reports.demo.writing import ReportSeedResult, seed_reports

__all__ = [
    "DEFAULT_SEED",
    "DEMO_TODAY",
    "ReportSeedResult",
    "load_staff",
    "plan_periods",
    "plan_reports",
    "seed_reports",
]
