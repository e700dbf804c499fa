"""The audit trail: every insert, change and delete of a tracked model, with who and from where.

django-pghistory writes the events with PostgreSQL triggers, so no path around the ORM (a bulk
update, a raw UPDATE in an import, a psql session) escapes it; its middleware attaches the
staff user and the URL of the request to each event, and services add what they did and why.
"""

import pghistory


def audited(**options):
    """Track a model's inserts, updates and deletes in its own event table."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **options
    )
