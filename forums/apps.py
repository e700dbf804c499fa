from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "forums"
    verbose_name = _("Forum warga dan komitmen")

    def ready(self):
        from feedback import targets
        from forums.targets import CommitmentTarget, ForumTarget

        targets.register(ForumTarget())
        targets.register(CommitmentTarget())
