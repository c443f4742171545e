"""Public pages (no login): published awards and decision verification, throttled."""

import hashlib
import re

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AwardRecord, AwardType, Decision
from .signing import verify_pdf
from .text import normalize_search

THROTTLE = 30  # requests per IP per 10 minutes on each public form
SHA = re.compile(r"^[0-9a-fA-F]{64}$")


def throttled(request, scope: str) -> bool:
    """A simple per-IP counter in Django's cache (shared cache in production, LocMem in the demo)."""
    key = f"public:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    count = cache.get_or_set(key, 0, timeout=600)
    if count >= THROTTLE:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=600)
    return False


def published_awards(request):
    if throttled(request, "awards"):
        return render(request, "public/throttled.html", status=429)
    qs = (
        AwardRecord.objects.filter(revoked=False, decision__status=Decision.Status.SIGNED)
        .select_related("unit", "award_type", "decision")
        .order_by("-decision__decision_date", "nominee_name")
    )
    q = (request.GET.get("q") or "")[:100]
    key = normalize_search(q)
    if key:
        qs = qs.filter(nominee_name_search__contains=key)
    if (request.GET.get("year") or "").isdigit():
        qs = qs.filter(year=int(request.GET["year"]))
    if request.GET.get("award"):
        qs = qs.filter(award_type__code=request.GET["award"][:40])
    if (request.GET.get("unit") or "").isdigit():
        qs = qs.filter(unit_id=int(request.GET["unit"]))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "public/awards.html",
        {"page": page, "q": q, "awards": AwardType.objects.order_by("name").values_list("code", "name")},
    )


class VerifyForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số quyết định (ví dụ 12/QĐ-UBND)"), max_length=50)
    file = forms.FileField(label=gettext_lazy("Tệp PDF quyết định"), required=False)
    sha256 = forms.CharField(label=gettext_lazy("Hoặc mã SHA-256 của tệp"), max_length=64, required=False)


def verify_decision(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        if throttled(request, "verify"):
            return render(request, "public/throttled.html", status=429)
        if form.is_valid():
            result = check(
                number=form.cleaned_data["number"].strip(),
                data=form.cleaned_data["file"].read(25 * 1024 * 1024) if form.cleaned_data["file"] else None,
                sha256=form.cleaned_data["sha256"].strip().lower(),
            )
    return render(request, "public/verify.html", {"form": form, "result": result})


def check(*, number: str, data: bytes | None, sha256: str) -> dict:
    """Valid only for a signed decision whose stored hash matches and whose signature verifies."""
    decision = (
        Decision.objects.filter(number=number, status=Decision.Status.SIGNED).select_related("signer").first()
    )
    if decision is None:
        return {"valid": False, "reason": _("Không có quyết định đã ký mang số này.")}
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != decision.sha256 or not verify_pdf(data).valid:
            return {
                "valid": False,
                "reason": _("Tệp không đúng bản đã ký (đã bị thay đổi hoặc không phải quyết định này)."),
            }
    elif not SHA.match(sha256 or "") or sha256 != decision.sha256:
        return {"valid": False, "reason": _("Mã SHA-256 không khớp với bản đã ký.")}
    return {
        "valid": True,
        "number": decision.number,
        "signer": decision.signer.get_full_name() if decision.signer else "",
        "signer_title": decision.signer_title,
        "signed_at": decision.signed_at,
    }


class CommentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    contact = forms.CharField(label=gettext_lazy("Điện thoại hoặc e-mail"), max_length=150, required=False)
    body = forms.CharField(
        label=gettext_lazy("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


def disclosures(request):
    """Upward proposals open for public comment, and the form to comment."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect
    from django.utils import timezone

    from . import services
    from .exceptions import ActionError
    from .models import PublicDisclosure

    today = timezone.localdate()
    open_now = PublicDisclosure.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related(
        "nomination__unit", "nomination__award_type"
    )
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if throttled(request, "comment"):
            return render(request, "public/throttled.html", status=429)
        disclosure = get_object_or_404(PublicDisclosure, pk=request.POST.get("disclosure") or 0)
        if form.is_valid():
            try:
                services.public_comment_add(
                    disclosure=disclosure, ip=request.META.get("REMOTE_ADDR"), **form.cleaned_data
                )
            except ActionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến sẽ được báo cáo Hội đồng."))
                return redirect("public:disclosures")
    return render(request, "public/disclosures.html", {"items": open_now, "form": form})
