from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "selection"
    verbose_name = _("Seleksi terbuka")

    def ready(self):
        from feedback import targets
        from selection.targets import CandidateTarget, SelectionTarget

        targets.register(SelectionTarget())
        targets.register(CandidateTarget())
