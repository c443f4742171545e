"""Notifications: an in-app row per person, e-mailed now or in the daily digest.

Every notification has a unique key, so the same event told twice (a sweep
that runs twice, a retried worker) stores and sends it once.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from nominations.models import User

from .models import Notification


def notify(
    *, recipients, kind: str, title: str, body: str = "", url: str = "", nomination=None, key: str
) -> list[int]:
    """Store one notification per recipient (idempotent by ``key``) and queue the e-mails: one
    INSERT … ON CONFLICT (key) DO NOTHING for all of them (no savepoint per person), one delivery
    task on commit. Returns the ids of the rows this call wrote."""
    return notify_many(
        [
            Notice(
                recipients=list(recipients),
                kind=kind,
                title=title,
                body=body,
                url=url,
                nomination_id=getattr(nomination, "pk", None),
                key=key,
            )
        ]
    )


PLAIN_FIELDS = (models.IntegerField, models.CharField, models.TextField, models.ForeignKey)


def insert_returning(model, columns: list[str], rows: list[tuple], conflict: str, returning: str) -> list:
    """INSERT … ON CONFLICT (conflict) DO NOTHING RETURNING: only the rows this call wrote come back
    (PostgreSQL, and SQLite ≥ 3.35). Rows in slices, within the databases' parameter limits."""
    table = connection.ops.quote_name(model._meta.db_table)
    fields = {f.column: f for f in model._meta.concrete_fields}
    # Numbers and text go to the driver as they are; only the other columns (JSON, dates) need the
    # field's own preparation, which was most of this function's time on a sweep page.
    prepare = [None if isinstance(fields[c], PLAIN_FIELDS) else fields[c] for c in columns]
    # PostgreSQL takes up to 65,535 parameters a statement; SQLite builds may stop at 999.
    size = 1000 if connection.vendor == "postgresql" else 100
    written = []
    for start in range(0, len(rows), size):
        part = rows[start : start + size]
        values = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in part)
        params = [
            value if field is None else field.get_db_prep_value(value, connection, prepared=False)
            for row in part
            for field, value in zip(prepare, row, strict=True)
        ]
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
            f"ON CONFLICT ({conflict}) DO NOTHING RETURNING {returning}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            written.extend(cursor.fetchall())
    return written


@dataclass
class Notice:
    """One message to several people (``notify_many``)."""

    recipients: list
    kind: str
    title: str
    body: str
    url: str
    nomination_id: int | None
    key: str


def notify_many(notices: list[Notice]) -> list[int]:
    """Store many notices at once: one INSERT … ON CONFLICT (key) DO NOTHING RETURNING per slice
    (idempotent by key, like ``notify``), and ONE delivery task for the e-mails of the batch."""
    now = timezone.now()
    rows = []
    for notice in notices:
        for user in {u.pk: u for u in notice.recipients if u is not None and u.is_active}.values():
            digest = user.notification_mode == User.NotificationMode.DIGEST
            status = (
                Notification.EmailStatus.SKIPPED
                if not user.email
                else Notification.EmailStatus.DIGEST
                if digest
                else Notification.EmailStatus.PENDING
            )
            rows.append(
                (
                    user.pk, notice.nomination_id, notice.kind, notice.title[:255], notice.body, notice.url,
                    f"{notice.key}:u{user.pk}"[:120], now, status,
                )
            )  # fmt: skip
    if not rows:
        return []
    written = insert_returning(
        Notification,
        [
            "recipient_id",
            "nomination_id",
            "kind",
            "title",
            "body",
            "url",
            "key",
            "created_at",
            "email_status",
        ],
        rows,
        conflict="key",
        returning="id, email_status",
    )
    pending = [pk for pk, status in written if status == Notification.EmailStatus.PENDING]
    if pending:
        transaction.on_commit(lambda: enqueue_deliveries(pending))
    return [pk for pk, _status in written]


def enqueue_deliveries(notification_ids: list[int]) -> None:
    from django_q.tasks import async_task

    async_task(
        "workflows.tasks.deliver_notifications",
        notification_ids,
        task_name=f"notify-{notification_ids[0]}-{len(notification_ids)}",
    )


def enqueue_delivery(notification_id: int) -> None:
    from django_q.tasks import async_task

    async_task("workflows.tasks.deliver_notification", notification_id, task_name=f"notify-{notification_id}")


def deliver(notification_id: int) -> bool:
    """Send one pending e-mail; a second delivery of the same row sends nothing."""
    with transaction.atomic():
        # Lock the notification row only: locking the recipient's row too (the join) made two
        # workers delivering to one person skip each other's e-mails for good.
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, email_status=Notification.EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return False
        context = {
            "notification": notification,
            "user": notification.recipient,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("notifications/email_subject.txt", context).strip()
        message = render_to_string("notifications/email_body.txt", context)
        try:
            send_mail(subject, message, None, [notification.recipient.email])
        except Exception:
            notification.email_status = Notification.EmailStatus.FAILED
        else:
            notification.email_status = Notification.EmailStatus.SENT
            notification.emailed_at = timezone.now()
        notification.save(update_fields=["email_status", "emailed_at"])
        return notification.email_status == Notification.EmailStatus.SENT


STUCK_AFTER = timedelta(minutes=10)


def redeliver_stuck(*, now=None) -> int:
    """Queue again the e-mails still pending long after they were queued (a lost task, a worker
    that died): delivery is idempotent, so a second try of a sent one sends nothing."""
    now = now or timezone.now()
    stuck = list(
        Notification.objects.filter(
            email_status=Notification.EmailStatus.PENDING, created_at__lt=now - STUCK_AFTER
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in stuck:
        enqueue_delivery(pk)
    return len(stuck)


def send_digests(*, now=None) -> int:
    """One e-mail per digest user with everything not yet e-mailed; returns e-mails sent."""
    now = now or timezone.now()
    sent = 0
    user_ids = (
        Notification.objects.filter(email_status=Notification.EmailStatus.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(recipient_id=user_id, email_status=Notification.EmailStatus.DIGEST)
                .order_by("created_at")
            )
            if not rows:
                continue
            user = User.objects.get(pk=user_id)
            context = {"notifications": rows, "user": user, "site_url": settings.SITE_URL, "now": now}
            subject = render_to_string("notifications/digest_subject.txt", context).strip()
            message = render_to_string("notifications/digest_body.txt", context)
            send_mail(subject, message, None, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
                email_status=Notification.EmailStatus.SENT, emailed_at=now
            )
            sent += 1
    return sent


def notification_open(*, user, pk: int) -> Notification | None:
    """The user's notification, marked read (None if it is not theirs)."""
    notification = Notification.objects.filter(pk=pk, recipient=user).first()
    if notification is not None and notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    return notification


def notifications_mark_read(*, user, ids) -> int:
    """The notifications just shown to their recipient are read (the list shows them once as new)."""
    return Notification.objects.filter(recipient=user, pk__in=list(ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_mode_set(*, user, mode: str) -> bool:
    """Immediately or in the daily digest; False for an unknown choice."""
    if mode not in User.NotificationMode.values:
        return False
    User.objects.filter(pk=user.pk).update(notification_mode=mode)
    return True
