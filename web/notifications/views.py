"""In-app notifications: the list, marking read, and the delivery preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import User
from workflows import notify, selectors

from .. import exports


@login_required
def notification_list(request):
    if exports.wants_xlsx(request):
        # Downloading is not reading: nothing is marked read.
        return exports.xlsx_list(
            request,
            filename="thong-bao",
            title=_("Thông báo của %(name)s") % {"name": request.user.get_full_name()},
            total_label=_("Tổng cộng: %(n)s thông báo"),
            items=selectors.notifications_for(user=request.user),
            columns=[
                exports.Column(_("Tiêu đề"), lambda n: n.title),
                exports.Column(_("Nội dung"), lambda n: n.body),
                exports.Column(_("Thời gian"), lambda n: exports.moment(n.created_at), fmt=exports.MOMENT),
                exports.Column(_("Đã đọc"), lambda n: _("Đã đọc") if n.read_at else _("Chưa đọc")),
            ],
        )
    page = Paginator(selectors.notifications_for(user=request.user), 30).get_page(request.GET.get("page"))
    items = list(page)  # read before marking: the page still shows which ones were new
    notify.notifications_mark_read(user=request.user, ids=[n.pk for n in items if n.read_at is None])
    return render(
        request,
        "notifications/list.html",
        {"page": page, "items": items, "modes": User.NotificationMode.choices, "unread_notifications": 0},
    )


@login_required
@require_POST
def notification_open(request, pk):
    notification = notify.notification_open(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    notify.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mode(request):
    if notify.notification_mode_set(user=request.user, mode=request.POST.get("mode")):
        messages.success(request, _("Đã lưu cách nhận thông báo qua e-mail."))
    else:
        messages.error(request, _("Lựa chọn không hợp lệ."))
    return redirect("notifications:list")
