"""Reminders by e-mail and LINE: each person's choice of channel, the LINE link codes, the
installation's sending settings (secrets sealed at rest), and every reminder sent or tried.

A SentReminder row is claimed (created, or a failed one taken back) before anything is sent; its
unique key makes one process the sender whatever the number of servers or runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prongsai.channels.sealing import Sealer, derive_key

EMAIL, LINE, BOTH, NONE = "email", "line", "both", "none"
CHANNELS = [(EMAIL, "อีเมล"), (LINE, "LINE"), (BOTH, "อีเมลและ LINE"), (NONE, "ไม่รับการแจ้งเตือน")]
CHANNEL_TH = {EMAIL: "อีเมล", LINE: "LINE"}


def sealer() -> Sealer:
    """Its own key, derived from the channel key that seals complaints (settings.CHANNEL_KEY)."""
    return Sealer(derive_key(settings.CHANNEL_KEY.hex(), "reminder-settings"))


class ReminderPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference",
                                verbose_name="ผู้ใช้")
    channel = models.CharField("รับการแจ้งเตือนทาง", max_length=8, choices=CHANNELS, default=EMAIL)
    line_user_id = models.CharField("บัญชี LINE ที่เชื่อมไว้", max_length=64, blank=True)
    line_linked_at = models.DateTimeField("เชื่อม LINE เมื่อ", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    AUDIT_FIELDS = ("channel",)

    class Meta:
        verbose_name = "การรับการแจ้งเตือน"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_channel_display()})"

    def channels(self) -> list[str]:
        return {EMAIL: [EMAIL], LINE: [LINE], BOTH: [EMAIL, LINE]}.get(self.channel, [])


class LineLinkCode(models.Model):
    """A 6-digit code a person sends to the LINE Official Account to link their LINE account:
    it expires after LIFETIME_MINUTES and works once."""

    LIFETIME_MINUTES = 30

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=6, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "รหัสเชื่อม LINE"


class LineLinkMiss(models.Model):
    """A wrong code sent by a LINE account: counted in the database (not per server process) so
    that guessing another person's code runs into LineLinkMiss.LIMIT an hour."""

    LIMIT = 5

    line_user_id = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True)


class ReminderSettings(models.Model):
    """One row (pk 1): how this installation sends. Secrets are sealed; never shown back."""

    NONE_SECURITY, STARTTLS, SSL = "none", "starttls", "ssl"
    SECURITIES = [(STARTTLS, "STARTTLS (พอร์ต 587)"), (SSL, "SSL/TLS (พอร์ต 465)"), (NONE_SECURITY, "ไม่เข้ารหัส (พอร์ต 25)")]
    SECRETS = ("smtp_password", "line_token", "line_secret")

    smtp_host = models.CharField("เซิร์ฟเวอร์อีเมล (SMTP)", max_length=200, blank=True)
    smtp_port = models.PositiveIntegerField("พอร์ต", default=587)
    smtp_security = models.CharField("การเข้ารหัส", max_length=10, choices=SECURITIES, default=STARTTLS)
    smtp_user = models.CharField("ชื่อผู้ใช้ SMTP", max_length=200, blank=True)
    smtp_password_sealed = models.BinaryField(default=b"", blank=True)
    sender = models.EmailField("อีเมลผู้ส่ง", blank=True)
    line_token_sealed = models.BinaryField(default=b"", blank=True)
    line_secret_sealed = models.BinaryField(default=b"", blank=True)
    line_account = models.CharField("LINE Official Account (ID)", max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    AUDIT_FIELDS = ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "sender", "line_account")

    class Meta:
        verbose_name = "การตั้งค่าการแจ้งเตือน"

    @classmethod
    def load(cls) -> ReminderSettings:
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def secret(self, name: str) -> str:
        return sealer().open_text(bytes(getattr(self, f"{name}_sealed") or b""), f"reminder-settings:{name}")

    def set_secret(self, name: str, value: str) -> None:
        setattr(self, f"{name}_sealed", sealer().seal_text(value, f"reminder-settings:{name}"))

    def has_secret(self, name: str) -> bool:
        return bool(getattr(self, f"{name}_sealed"))


class SentReminder(models.Model):
    SENDING, SENT, FAILED = "sending", "sent", "failed"
    STATUSES = [(SENDING, "กำลังส่ง"), (SENT, "ส่งแล้ว"), (FAILED, "ส่งไม่สำเร็จ")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    channel = models.CharField(max_length=8)
    day = models.DateField("วันที่ของการแจ้งเตือน")  # the occasion's day, not the day of the run
    due = models.DateField("ครบกำหนด")
    subject = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=STATUSES, default=SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    reason = models.CharField("สาเหตุที่ส่งไม่สำเร็จ", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "การแจ้งเตือนที่ส่ง"
        constraints = [models.UniqueConstraint(fields=["user", "key", "channel", "day"], name="one_reminder_send")]
        indexes = [models.Index(fields=["status", "updated_at"])]
