from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def add_search_words(sender, instance, raw=False, **kwargs):
    """A unit, position or employee saved: its words join the search's word list (a name's
    words are never shown as a correction)."""
    from personnel.models import Employee, Position, Unit
    from portal.models import SearchWord

    if raw:
        return
    if sender is Unit:
        SearchWord.objects.add([instance.name], public=instance.is_active)
    elif sender is Position:
        SearchWord.objects.add([instance.title], public=True)
    elif sender is Employee:
        SearchWord.objects.add([instance.name], public=False)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from personnel.models import Employee, Position, Unit
        from portal import lookups

        lookups.register()
        for model in (Unit, Position, Employee):
            post_save.connect(add_search_words, sender=model, dispatch_uid=f"search-words-{model}")
