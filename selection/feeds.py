"""Atom feeds of what each selection announces: the opening, each stage's results, the
appointment. City-wide, and per selection."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from selection.models import Selection, Stage

FEED_LENGTH = 50


@dataclass(frozen=True)
class Announcement:
    key: str
    title: str
    link: str
    when: datetime
    text: str


def announcements(selections) -> list[Announcement]:
    """Newest first: openings, announced stage results and appointments (three queries)."""
    now = timezone.now()
    selections = list(selections.filter(published_at__lte=now))
    by_id = {selection.pk: selection for selection in selections}
    items = [
        Announcement(
            f"{s.slug}",
            _("Dibuka: %(title)s") % {"title": s.title},
            s.get_absolute_url(),
            s.published_at,
            _("Pengumuman seleksi terbuka untuk %(unit)s.") % {"unit": s.unit.name},
        )
        for s in selections
    ]
    stages = Stage.objects.filter(
        selection__in=list(by_id), results_published_at__lte=now
    ).order_by()
    for stage in stages:
        selection = by_id[stage.selection_id]
        items.append(
            Announcement(
                f"{selection.slug}/{stage.kind}",
                _("Hasil %(stage)s: %(title)s")
                % {"stage": stage.get_kind_display().lower(), "title": selection.title},
                f"{selection.get_absolute_url()}#tahap-{stage.kind}",
                stage.results_published_at,
                _("Hasil tahap ini telah diumumkan."),
            )
        )
    for s in selections:
        if s.appointed_id and s.appointed_on:
            items.append(
                Announcement(
                    f"{s.slug}/pelantikan",
                    _("Pelantikan: %(title)s") % {"title": s.title},
                    f"{s.get_absolute_url()}#pelantikan",
                    timezone.make_aware(datetime.combine(s.appointed_on, datetime.min.time())),
                    _("Seleksi selesai dengan pelantikan."),
                )
            )
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:FEED_LENGTH]


class SelectionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(Selection.objects.public(), slug=slug)

    def title(self, obj):
        if obj is None:
            return _("Seleksi terbuka Kota Tanjungpinang")
        return obj.title

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("selection:list")

    def subtitle(self, obj):
        return _("Pengumuman, hasil tiap tahap dan pelantikan.")

    def items(self, obj):
        selections = Selection.objects.public().select_related("unit")
        if obj is not None:
            selections = selections.filter(pk=obj.pk)
        return announcements(selections)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return f"tag:tanjungpinang,seleksi:{item.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.when

    def item_updateddate(self, item):
        return item.when
