from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.web.audit"
    label = "audit"
    verbose_name = "บันทึกการเปลี่ยนแปลง"

    def ready(self) -> None:
        from django.contrib.auth import signals

        signals.user_logged_in.connect(_logged_in, dispatch_uid="prongsai-audit-login")
        signals.user_logged_out.connect(_logged_out, dispatch_uid="prongsai-audit-logout")
        signals.user_login_failed.connect(_login_failed, dispatch_uid="prongsai-audit-login-failed")


def _logged_in(sender, request, user, **kwargs):  # type: ignore[no-untyped-def]
    from prongsai.web.audit import log

    log.signed_in(request, user)


def _logged_out(sender, request, user, **kwargs):  # type: ignore[no-untyped-def]
    from prongsai.web.audit import log

    log.signed_out(request, user)


def _login_failed(sender, credentials, request=None, **kwargs):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from prongsai.web.audit import log

    log.sign_in_failed(request, credentials.get(get_user_model().USERNAME_FIELD, ""))
