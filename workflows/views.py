"""In-app notifications: the list, marking read, and the delivery preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.models import User

from .models import Notification


@login_required
def notification_list(request):
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "modes": User.NotificationMode.choices},
    )


@login_required
@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mode(request):
    mode = request.POST.get("mode")
    if mode not in User.NotificationMode.values:
        messages.error(request, _("Lựa chọn không hợp lệ."))
    else:
        User.objects.filter(pk=request.user.pk).update(notification_mode=mode)
        messages.success(request, _("Đã lưu cách nhận thông báo qua e-mail."))
    return redirect("notifications:list")
