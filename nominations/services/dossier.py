"""The dossier's contents: documents, the comment thread, the initiative it rests on."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import (
    Comment,
    Document,
    DocumentKind,
    Initiative,
    Nomination,
)
from ..policy.permissions import can_act, can_view
from ..uploads import check_upload


@transaction.atomic
def document_add(*, nomination: Nomination, actor, kind: str, uploaded, ip: str | None = None) -> Document:
    """Attach a file; an earlier file of the same kind stays, marked superseded."""
    # Re-read under a row lock: the caller's instance may predate a transition.
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not can_act(actor, nomination, "edit"):
        raise NotPermitted()
    if not nomination.is_editable_by_unit:
        raise InvalidState(_("Chỉ bổ sung tài liệu khi hồ sơ đang soạn hoặc bị trả lại."))
    document = store_document(
        owner={"nomination": nomination},
        kind=kind,
        uploaded=uploaded,
        actor=actor,
        dossier_version=nomination.version + 1,
    )
    record_event(
        action="document_add",
        actor=actor,
        nomination=nomination,
        from_status=nomination.status,
        to_status=nomination.status,
        ip=ip,
        data={
            "document": document.pk,
            "kind": kind,
            "name": document.original_name,
            "sha256": document.sha256,
            "supersedes": document.supersedes,
        },
    )
    return document


@transaction.atomic
def comment_add(*, nomination: Nomination, actor, body: str) -> Comment:
    """A note on the dossier's thread, from anyone who may see it."""
    if not can_view(actor, nomination):
        raise NotPermitted()
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Nội dung ý kiến không được để trống."), fields={"body": _("Bắt buộc.")})
    return Comment.objects.create(nomination=nomination, author=actor, body=body, stage=nomination.status)


def free_initiative(nomination: Nomination) -> None:
    """A nomination that ends without an award no longer holds its initiative."""
    Initiative.objects.filter(used_by=nomination).update(used_by=None)


@transaction.atomic
def initiative_link(*, nomination: Nomination, initiative, actor, ip: str | None = None) -> Nomination:
    """Name the initiative this nomination rests on; one initiative, one award."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not can_act(actor, nomination, "edit"):
        raise NotPermitted()
    if not nomination.is_editable_by_unit:
        raise InvalidState(_("Chỉ gắn sáng kiến khi hồ sơ đang soạn hoặc bị trả lại."))
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.used_by_record_id or (initiative.used_by_id and initiative.used_by_id != nomination.pk):
        raise InvalidInput(
            _("Sáng kiến “%(t)s” đã làm căn cứ cho một lần khen thưởng khác; mỗi sáng kiến chỉ dùng một lần.")
            % {"t": initiative.title},
            fields={"initiative": _("Đã được sử dụng.")},
        )
    Initiative.objects.filter(used_by=nomination).exclude(pk=initiative.pk).update(used_by=None)
    initiative.used_by = nomination
    initiative.save(update_fields=["used_by"])
    record_event(
        action="initiative_link",
        actor=actor,
        nomination=nomination,
        from_status=nomination.status,
        to_status=nomination.status,
        ip=ip,
        data={"initiative": initiative.pk, "title": initiative.title},
    )
    return nomination


def store_document(
    *, owner: dict, kind: str, uploaded, actor, dossier_version: int = 0, field: str = "file"
) -> Document:
    """Check the upload, mark the owner's current file of that kind superseded, store the new one.

    ``owner`` is ``{"nomination": n}`` or ``{"batch": b, "nomination": None}`` (a batch's own
    letter). Call inside the caller's transaction; ``document.supersedes`` lists the replaced ids.
    """
    if kind not in DocumentKind.values:
        raise InvalidInput(_("Loại tài liệu không hợp lệ."), fields={"kind": _("Không hợp lệ.")})
    checked = check_upload(uploaded, field=field)
    current = Document.objects.filter(superseded=False, kind=kind, **owner)
    superseded = list(current.values_list("id", flat=True))
    Document.objects.filter(id__in=superseded).update(superseded=True)
    document = Document(
        **{k: v for k, v in owner.items() if v is not None},
        kind=kind,
        original_name=checked.safe_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        dossier_version=dossier_version,
        uploaded_by=actor,
    )
    try:
        document.file.save(checked.safe_name, ContentFile(checked.content), save=False)
    except OSError as exc:
        # Storage down or full: nothing is recorded (the caller's transaction rolls back).
        raise InvalidState(
            _(
                "Không lưu được tệp vào kho lưu trữ (lỗi hệ thống lưu trữ). Hồ sơ không thay đổi; vui lòng thử lại sau."
            )
        ) from exc
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)  # no orphan file behind a failed row
        raise
    document.supersedes = superseded
    return document
