"""การกำกับดูแล."""
from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "prongsai.web.supervision"
    label = "supervision"
    verbose_name = "การกำกับดูแล"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from prongsai.web.supervision import overview

        for model in overview.WATCHED:
            post_save.connect(overview.data_changed, sender=model, dispatch_uid=f"supervision-saved-{model.__name__}")
            post_delete.connect(overview.data_changed, sender=model,
                                dispatch_uid=f"supervision-deleted-{model.__name__}")
