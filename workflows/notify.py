"""Notifications: an in-app row per person, e-mailed now or in the daily digest.

Every notification has a unique key, so the same event told twice (a sweep
that runs twice, a retried worker) stores and sends it once.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from nominations.models import User

from .models import Notification


def notify(
    *, recipients, kind: str, title: str, body: str = "", url: str = "", nomination=None, key: str
) -> list:
    """Store one notification per recipient (idempotent by ``key``) and queue the e-mails."""
    created = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        digest = user.notification_mode == User.NotificationMode.DIGEST
        status = (
            Notification.EmailStatus.SKIPPED
            if not user.email
            else Notification.EmailStatus.DIGEST
            if digest
            else Notification.EmailStatus.PENDING
        )
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    nomination=nomination,
                    kind=kind,
                    title=title[:255],
                    body=body,
                    url=url,
                    key=f"{key}:u{user.pk}"[:120],
                    email_status=status,
                )
        except IntegrityError:
            continue  # already told: at-least-once delivery, exactly-once effect
        created.append(notification)
        if status == Notification.EmailStatus.PENDING:
            transaction.on_commit(lambda pk=notification.pk: enqueue_delivery(pk))
    return created


def notify_many(items) -> int:
    """Many notifications at once (a decision of hundreds of titles): one INSERT … ON CONFLICT DO
    NOTHING instead of a savepoint per row; ``items`` are ``notify``'s keyword arguments. The e-mails
    of rows still pending are queued on commit (delivery sends a row once, so queueing twice is safe)."""
    rows = []
    for item in items:
        for user in {u.pk: u for u in item["recipients"] if u is not None and u.is_active}.values():
            digest = user.notification_mode == User.NotificationMode.DIGEST
            rows.append(
                Notification(
                    recipient=user,
                    nomination=item.get("nomination"),
                    kind=item["kind"],
                    title=item["title"][:255],
                    body=item.get("body", ""),
                    url=item.get("url", ""),
                    key=f"{item['key']}:u{user.pk}"[:120],
                    email_status=Notification.EmailStatus.SKIPPED
                    if not user.email
                    else Notification.EmailStatus.DIGEST
                    if digest
                    else Notification.EmailStatus.PENDING,
                )
            )
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    pending = [r.key for r in rows if r.email_status == Notification.EmailStatus.PENDING]
    if pending:

        def queue():
            for pk in Notification.objects.filter(
                key__in=pending, email_status=Notification.EmailStatus.PENDING
            ).values_list("pk", flat=True):
                enqueue_delivery(pk)

        transaction.on_commit(queue)
    return len(rows)


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
