"""Public pages (no login): published awards, decision verification, comment windows; throttled."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nominations import selectors
from nominations.exceptions import ActionError
from nominations.publishing.verification import verify_decision as check
from workflows import actions as workflow_actions

from ..http import client_ip
from .forms import CommentForm, VerifyForm

THROTTLE = 30  # requests per IP per 10 minutes on each public form


def throttled(request, scope: str) -> bool:
    """A simple per-IP counter in Django's cache (shared cache in production, LocMem in the demo)."""
    key = f"public:{scope}:{hashlib.sha256((client_ip(request) or '').encode()).hexdigest()[:32]}"
    count = cache.get_or_set(key, 0, timeout=600)
    if count >= THROTTLE:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=600)
    return False


def _number(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def published_awards(request):
    if throttled(request, "awards"):
        return render(request, "public/throttled.html", status=429)
    q = (request.GET.get("q") or "")[:100]
    qs = selectors.published_awards(
        search=q,
        year=_number(request.GET.get("year")),
        award_type=request.GET.get("award") or "",
        unit=_number(request.GET.get("unit")),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "public/awards.html",
        {"page": page, "q": q, "awards": selectors.award_type_choices()},
    )


def verify_decision(request):
    """By the form, or opened from the QR code of a signed document (``?number=``: prefilled and
    looked up at once, by number alone)."""
    prefilled = request.method == "GET" and bool(request.GET.get("number"))
    if prefilled:
        form = VerifyForm({"number": request.GET["number"][:50]})
    else:
        form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" or prefilled:
        if throttled(request, "verify"):
            return render(request, "public/throttled.html", status=429)
        if form.is_valid():
            result = check(
                number=form.cleaned_data["number"].strip(),
                data=form.cleaned_data["file"].read(25 * 1024 * 1024) if form.cleaned_data["file"] else None,
                sha256=form.cleaned_data["sha256"].strip().lower(),
            )
    return render(request, "public/verify.html", {"form": form, "result": result})


def disclosures(request):
    """Upward proposals open for public comment, and the form to comment."""
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if throttled(request, "comment"):
            return render(request, "public/throttled.html", status=429)
        disclosure = selectors.disclosure_for(pk=_number(request.POST.get("disclosure")))
        if form.is_valid() and form.is_robot:
            # Said to have worked, recorded nowhere.
            messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến sẽ được báo cáo Hội đồng."))
            return redirect("public:disclosures")
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in ("name", "contact", "body")}
            try:
                workflow_actions.add_public_comment(disclosure=disclosure, ip=client_ip(request), **fields)
            except ActionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến sẽ được báo cáo Hội đồng."))
                return redirect("public:disclosures")
    return render(request, "public/disclosures.html", {"items": selectors.disclosures_open(), "form": form})


def examples(request):
    """The advanced examples (điển hình tiên tiến) the Standing agency recognised, for everyone."""
    page = Paginator(selectors.published_examples(), 30).get_page(request.GET.get("page"))
    return render(request, "public/examples.html", {"page": page})
