"""The append-only, hash-chained audit log."""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..policy.stages import event_label
from .nomination import Nomination


def audit_key() -> bytes:
    """The key of the chain's HMAC: AUDIT_KEY from the environment (never stored in the database)."""
    return settings.AUDIT_KEY.encode("utf-8")


class AuditEvent(models.Model):
    """Append-only, hash-chained log of every transition and document change.

    Each row stores the hash of the row before it; editing or deleting a row
    breaks the chain at that point, which ``verify_audit`` reports.
    """

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=50)
    from_status = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    at = models.DateTimeField(_("thời gian"), default=timezone.now)
    prev_hash = models.CharField(max_length=64, editable=False)
    # 0: plain SHA-256 (rows written before the key); 1: HMAC keyed with AUDIT_KEY.
    hash_version = models.PositiveSmallIntegerField(default=1, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["id"]
        indexes = [models.Index(fields=["nomination", "id"], name="audit_nom_id")]

    def __str__(self):
        return f"#{self.pk} {self.action} {self.from_status}→{self.to_status}"

    @property
    def action_display(self) -> str:
        return event_label(self.action)

    @property
    def from_status_display(self) -> str:
        return str(dict(Nomination.Status.choices).get(self.from_status, self.from_status))

    @property
    def to_status_display(self) -> str:
        return str(dict(Nomination.Status.choices).get(self.to_status, self.to_status))

    def compute_hash(self) -> str:
        """Over the previous hash and this row's content, canonical JSON: an HMAC-SHA-256 keyed
        with AUDIT_KEY (kept out of the database) from version 1; plain SHA-256 for older rows."""
        return self.hash_of(
            prev_hash=self.prev_hash,
            nomination_id=self.nomination_id,
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            action=self.action,
            from_status=self.from_status,
            to_status=self.to_status,
            comment=self.comment,
            ip=self.ip,
            data=self.data,
            at=self.at,
            hash_version=self.hash_version,
        )

    @staticmethod
    def hash_of(
        *,
        prev_hash,
        nomination_id,
        actor_id,
        actor_name,
        action,
        from_status,
        to_status,
        comment,
        ip,
        data,
        at,
        hash_version=1,
        key=None,
    ) -> str:
        """The link's hash from its column values (bulk loaders compute it without model instances)."""
        payload = {
            "prev": prev_hash,
            "nomination": nomination_id,
            "actor": actor_id,
            "actor_name": actor_name,
            "action": action,
            "from": from_status,
            "to": to_status,
            "comment": comment,
            "ip": ip,
            "data": data,
            "at": at.isoformat(),
        }
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if hash_version >= 1:
            return hmac.new(key or audit_key(), raw, hashlib.sha256).hexdigest()
        return hashlib.sha256(raw).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nhật ký chỉ được ghi thêm, không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký không được xóa."))


class AuditCheckpoint(models.Model):
    """An anchor of the chain outside its own rows: the head and the count at a moment, signed.

    Also appended to a file (AUDIT_ANCHOR_FILE) and the log, so deleting the last rows (and
    the checkpoints) or re-hashing an edited row is found by ``verify_audit``.
    """

    last_id = models.BigIntegerField(_("dòng cuối"))
    count = models.BigIntegerField(_("số dòng"))
    head_hash = models.CharField(_("băm của dòng cuối"), max_length=64)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    signature = models.CharField(_("chữ ký (HMAC)"), max_length=64)

    class Meta:
        verbose_name = _("mốc kiểm chứng nhật ký")
        verbose_name_plural = _("mốc kiểm chứng nhật ký")
        ordering = ["-last_id"]

    def __str__(self):
        return f"#{self.last_id} ({self.count})"

    def payload(self) -> bytes:
        return f"{self.last_id}|{self.count}|{self.head_hash}|{self.at.isoformat()}".encode()

    def sign(self) -> None:
        self.signature = hmac.new(audit_key(), self.payload(), hashlib.sha256).hexdigest()

    def is_authentic(self) -> bool:
        expected = hmac.new(audit_key(), self.payload(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.signature or "")
