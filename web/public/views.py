"""Public pages (no login): published awards, decision verification, comment windows; throttled."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nominations import selectors, services
from nominations.exceptions import ActionError
from nominations.publishing.verification import verify_decision as check
from workflows import actions as workflow_actions

from ..http import client_ip
from .forms import ApplicationForm, CommentForm, ResubmitForm, TrackForm, VerifyForm

THROTTLE = 30  # requests per IP per 10 minutes on each public form


def throttled(request, scope: str, limit: int = THROTTLE) -> bool:
    """A simple per-IP counter in Django's cache (shared cache in production, LocMem in the demo)."""
    key = f"public:{scope}:{hashlib.sha256((client_ip(request) or '').encode()).hexdigest()[:32]}"
    count = cache.get_or_set(key, 0, timeout=600)
    if count >= limit:
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


# --- the citizen's application (Huy chương Thanh niên xung phong vẻ vang) ---------------------

# Filing is rarer than reading: a tighter count per IP (a household files one or two).
APPLY_THROTTLE = 5


def _filing(form) -> services.Filing:
    data = form.cleaned_data
    return services.Filing(
        applicant_name=data["applicant_name"],
        applicant_identity=data["applicant_identity"],
        relationship=data["relationship"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        volunteer_name=data["volunteer_name"],
        volunteer_birth_year=data["volunteer_birth_year"],
        volunteer_identity=data["volunteer_identity"],
        posthumous=data["posthumous"],
        death_note=data["death_note"],
        achievements=data["achievements"],
        periods=[services.Period(force=f, started_on=a, ended_on=b) for f, a, b in form.periods()],
        files=form.files_by_kind(),
    )


def _apply_throttled(request) -> bool:
    return throttled(request, "apply", limit=APPLY_THROTTLE)


def application_apply(request):
    """The public form: no account; the tracking code on success."""
    communes = selectors.application_communes()
    form = ApplicationForm(request.POST or None, request.FILES or None, communes=communes)
    if request.method == "POST":
        if _apply_throttled(request):
            return render(request, "public/throttled.html", status=429)
        if form.is_valid() and form.is_robot:
            return render(request, "public/application_filed.html", {"code": None})
        if form.is_valid():
            try:
                application = workflow_actions.file_application(
                    commune=form.cleaned_data["commune"], filing=_filing(form), ip=client_ip(request)
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
                for name, message in (exc.fields or {}).items():
                    if name in form.fields and name not in ("files",):
                        form.add_error(name, str(message))
            else:
                return render(request, "public/application_filed.html", {"application": application})
    return render(
        request, "public/application_apply.html", {"form": form}, status=400 if form.errors else 200
    )


def application_track(request):
    """The applicant's case by code and identity number; one answer (404) for any wrong pair."""
    source = request.POST if request.method == "POST" else request.GET
    form = TrackForm(source or None)
    if not form.is_bound:
        return render(request, "public/application_track.html", {"form": form})
    if throttled(request, "track"):
        return render(request, "public/throttled.html", status=429)
    application = None
    if form.is_valid():
        application = selectors.application_tracked(
            code=form.cleaned_data["code"], identity_number=form.cleaned_data["identity_number"]
        )
    if application is None:
        return render(
            request,
            "public/application_track.html",
            {"form": form, "not_found": True},
            status=404,
        )
    resubmit = None
    if application.status == application.Status.RETURNED:
        resubmit = ResubmitForm(
            initial={"code": application.code, "identity_number": application.applicant_identity}
        )
    return render(
        request,
        "public/application_track.html",
        {"form": TrackForm(), "application": application, "resubmit": resubmit},
    )


def application_resubmit(request):
    """The missing papers, sent by the applicant with the code and identity number."""
    if request.method != "POST":
        return redirect("public:application_track")
    if _apply_throttled(request):
        return render(request, "public/throttled.html", status=429)
    form = ResubmitForm(request.POST, request.FILES)
    application = None
    if form.is_valid():
        application = selectors.application_tracked(
            code=form.cleaned_data["code"], identity_number=form.cleaned_data["identity_number"]
        )
    if application is None:
        return render(
            request, "public/application_track.html", {"form": TrackForm(), "not_found": True}, status=404
        )
    files = [("proof", form.cleaned_data["proof"])]
    if form.cleaned_data.get("proof_more"):
        files.append(("proof", form.cleaned_data["proof_more"]))
    try:
        workflow_actions.resubmit_application(
            application=application, files=files, note=form.cleaned_data["note"], ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "public/application_track.html",
            {"form": TrackForm(), "application": application, "resubmit": form},
            status=400,
        )
    messages.success(request, _("Đã nhận giấy tờ bổ sung. Xã tiếp tục xét hồ sơ."))
    application.refresh_from_db()
    return render(request, "public/application_track.html", {"form": TrackForm(), "application": application})


def application_postings(request):
    """The communes' posted lists (niêm yết) and the form to comment on one."""
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if throttled(request, "comment"):
            return render(request, "public/throttled.html", status=429)
        posting = selectors.posting_for(pk=_number(request.POST.get("posting")))
        if form.is_valid() and form.is_robot:
            messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến được chuyển đến xã, phường."))
            return redirect("public:application_postings")
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in ("name", "contact", "body")}
            try:
                workflow_actions.add_posting_comment(posting=posting, ip=client_ip(request), **fields)
            except ActionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến được chuyển đến xã, phường."))
                return redirect("public:application_postings")
    return render(
        request, "public/application_postings.html", {"items": selectors.postings_open(), "form": form}
    )


def examples(request):
    """The advanced examples (điển hình tiên tiến) the Standing agency recognised, for everyone."""
    page = Paginator(selectors.published_examples(), 30).get_page(request.GET.get("page"))
    return render(request, "public/examples.html", {"page": page})
