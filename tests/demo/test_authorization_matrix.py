"""The authorization matrix: every address of the URL configuration × every demo role (and nobody)
× an object in and out of scope, with the answer each must give. An address nobody classified
fails the test, so a new screen or endpoint cannot slip in unchecked."""

import pytest
from django.core.cache import cache
from django.urls import URLResolver, get_resolver
from rest_framework.test import APIClient

from nominations.models import Decision, DecisionLine, Document, Nomination, Role
from tests.demo.test_demo_scope import expected_for

pytestmark = pytest.mark.django_db
A = "anonymous"
DRAFTERS = (Role.LEADER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.APPRAISER)

# name -> (rule, method, roles)   rule: public | login | roles | nomination | document | decision | post_scoped
MATRIX = {
    "login": ("public", "GET", ()),
    "logout": ("post_any", "POST", ()),
    "home": ("login", "GET", ()),
    "nominations:list": ("login", "GET", ()),
    "nominations:create": ("login", "GET", ()),
    "nominations:detail": ("nomination", "GET", ()),
    "nominations:edit": ("nomination_edit", "GET", ()),
    "nominations:action": ("post_scoped", "POST", ()),
    "nominations:document_upload": ("post_scoped", "POST", ()),
    "nominations:document_download": ("document", "GET", ()),
    "nominations:comment_add": ("post_scoped", "POST", ()),
    "nominations:disclosure_open": ("post_scoped", "POST", ()),
    "nominations:extensions": ("roles", "GET", (Role.AGENCY_HEAD,)),
    "nominations:decisions": (
        "roles",
        "GET",
        (Role.LEADER, Role.AGENCY_HEAD, Role.APPRAISER, Role.UNIT_HEAD, Role.UNIT_CLERK, Role.CLERK_OFFICE),
    ),
    "nominations:decision_create": ("post_roles", "POST", (Role.LEADER, Role.UNIT_HEAD)),
    "nominations:decision_detail": ("decision", "GET", ()),
    "nominations:decision_preview": ("decision", "GET", ()),
    "nominations:decision_sign": ("post_roles", "POST", (Role.LEADER, Role.UNIT_HEAD)),
    "nominations:decision_issue": ("post_roles", "POST", (Role.CLERK_OFFICE,)),
    "nominations:decision_recall": ("post_roles", "POST", (Role.LEADER, Role.UNIT_HEAD)),
    # Drafting before the signature: the signers, and the Standing agency for the province's drafts.
    "nominations:decision_edit": ("post_roles", "POST", DRAFTERS),
    "nominations:decision_remove_line": ("post_roles", "POST", DRAFTERS),
    "nominations:decision_discard": ("post_roles", "POST", DRAFTERS),
    "nominations:issuance_queue": ("roles", "GET", (Role.CLERK_OFFICE,)),
    "nominations:issued_register": ("roles", "GET", (Role.CLERK_OFFICE,)),
    "nominations:proposal_result": ("post_roles", "POST", (Role.APPRAISER, Role.AGENCY_HEAD)),
    "nominations:decision_pdf": ("decision", "GET", ()),
    "nominations:certificate_pdf": ("decision", "GET", ()),
    "nominations:certificates_pdf": ("decision", "GET", ()),
    "nominations:batches": ("roles", "GET", (Role.UNIT_CLERK,)),
    "nominations:batch_detail": ("batch", "GET", ()),
    "nominations:batch_upload": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_import": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_template": ("batch", "GET", ()),
    "nominations:batch_submit": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_remove": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_meeting": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_import_grades": ("post_roles", "POST", (Role.UNIT_CLERK,)),
    "nominations:batch_grades_template": ("batch", "GET", ()),
    "notifications:list": ("login", "GET", ()),
    "notifications:open": ("post_any", "POST", ()),
    "notifications:read_all": ("post_any", "POST", ()),
    "notifications:mode": ("post_any", "POST", ()),
    "queues:my_work": ("login", "GET", ()),
    "queues:claim": ("post_any", "POST", ()),
    "queues:release": ("post_any", "POST", ()),
    "queues:unit": ("roles", "GET", (Role.UNIT_CLERK,)),
    "queues:signature": ("roles", "GET", (Role.LEADER, Role.UNIT_HEAD)),
    "queues:dashboard": ("roles", "GET", (Role.AGENCY_HEAD, Role.LEADER)),
    # The provincial Council's secretary, and a unit's clerk or head for its own council.
    "queues:meeting": ("roles", "GET", (Role.COUNCIL_SECRETARY, Role.UNIT_CLERK, Role.UNIT_HEAD)),
    "queues:cluster_meeting": ("roles", "GET", (Role.CLUSTER_REVIEWER,)),
    "queues:decision_draft": ("post_roles", "POST", (Role.LEADER, Role.UNIT_HEAD)),
    "queues:oversight": ("roles", "GET", (Role.AGENCY_HEAD,)),
    "queues:bulk": ("post_any", "POST", ()),
    # People and collectives: a unit its own, the Standing agency everyone, anyone else 404.
    "people:search": ("people", "GET", ()),
    "people:profile": ("people", "GET", ()),
    # Paper history on a dossier: the dossier's scope first (404 outside it).
    "nominations:history_declare": ("post_scoped", "POST", ()),
    "nominations:history_confirm": ("post_scoped", "POST", ()),
    "nominations:history_reject": ("post_scoped", "POST", ()),
    "nominations:history_evidence": ("declared", "GET", ()),
    # Reports: every signed-in user, each in their own scope (tests/web/test_reports_screens.py).
    "reports:index": ("login", "GET", ()),
    "reports:docx": ("login", "GET", ()),
    "reports:form": ("login_args", "GET", ()),
    "reports:export_create": ("post_any", "POST", ()),
    # Forms 0604/0605 entered by the Standing agency (tests/web/test_reports_workforce.py).
    "reports:workforce": ("roles", "GET", (Role.APPRAISER, Role.AGENCY_HEAD)),
    "reports:export": ("own_export", "GET", ()),
    "reports:export_file": ("own_export", "GET", ()),
    # The emulation year: the lists scoped to each user; one movement, request or registration in or
    # out of the user's scope (the Standing agency and the province's roles see all, a unit its own).
    "movements:list": ("login", "GET", ()),
    "movements:mine": ("login", "GET", ()),
    "movements:registrations": ("login", "GET", ()),
    "movements:detail": ("movement", "GET", ()),
    "movements:request": ("movement_request", "GET", ()),
    "movements:registration_answer": ("post_registration", "POST", ()),
    "public:awards": ("public", "GET", ()),
    "public:verify": ("public", "GET", ()),
    "public:disclosures": ("public", "GET", ()),
    # Citizens' applications (Huy chương TNXP): the public form, tracking and posted lists; the
    # commune's screens for its own staff (others 404), a case for its commune and, once sent up,
    # the province.
    "public:application_apply": ("public", "GET", ()),
    "public:application_track": ("public", "GET", ()),
    "public:application_postings": ("public", "GET", ()),
    "public:application_resubmit": ("public_post", "POST", ()),
    "applications:list": ("login", "GET", ()),
    "applications:enter": ("commune", "GET", (Role.UNIT_CLERK,)),
    "applications:review": ("commune", "GET", (Role.UNIT_CLERK, Role.UNIT_HEAD)),
    "applications:send_up": ("commune", "GET", (Role.UNIT_HEAD,)),
    "applications:detail": ("application", "GET", ()),
    "applications:file": ("application", "GET", ()),
    "public:examples": ("public", "GET", ()),
    # The API: checked through its schema below; the addresses are classified here.
    "api:token": ("public_post", "POST", ()),
    "api:verify": ("public", "GET", ()),
    "api:schema": ("public", "GET", ()),
    "api:docs": ("public", "GET", ()),
    "api:api-root": ("api", "GET", ()),
}
API_PREFIXES = (
    "api:nomination",
    "api:task",
    "api:decision",
    "api:proposal",
    "api:public-award",
    "api:report-",
    "api:notification",
    "api:person",
    "api:batch-",
    "api:meeting-",
    "api:application-",
    "api:public-application-",
    "api:movement",
    "api:registration",
)
PEOPLE_EVERYONE = (Role.APPRAISER, Role.AGENCY_HEAD)
PEOPLE_OWN_UNIT = (Role.UNIT_CLERK, Role.UNIT_HEAD)


def people_answer(user, unit_id=None) -> int:
    """What a people address answers: the Standing agency everyone, a unit its own, others 404."""
    if may(user, PEOPLE_EVERYONE):
        return 200
    if may(user, PEOPLE_OWN_UNIT) and user.unit_id and (unit_id is None or unit_id == user.unit_id):
        return 200
    return 404


def own_units(user) -> set[int]:
    """The units whose movement requests and registrations a user sees: all for the province's
    roles (None), else the user's own and, for a cluster's head, its members'."""
    from nominations.models import ClusterMembership
    from nominations.policy.stages import PROVINCE_ROLES

    if may(user, PROVINCE_ROLES):
        return None
    units = {user.unit_id} if user.unit_id else set()
    if user.has_role(Role.CLUSTER_REVIEWER):
        units |= set(
            ClusterMembership.objects.filter(cluster__reviewers=user).values_list("unit_id", flat=True)
        )
    return units


def scoped_samples(model, user):
    """One row of ``model`` (a MovementRequest or Registration) in the user's scope and one out of it."""
    units = own_units(user)
    rows = model.objects.order_by("pk")
    if units is None:
        return [(rows.first(), True), (rows.last(), True)]
    return [(rows.filter(unit_id__in=units).first(), True), (rows.exclude(unit_id__in=units).first(), False)]


def url_names():
    def walk(patterns, ns=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if str(p.pattern).startswith(("admin/", "i18n/")):
                    continue
                yield from walk(p.url_patterns, p.namespace or ns)
            elif p.name:
                yield f"{ns}:{p.name}" if ns else p.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_address_is_classified():
    unclassified = [n for n in url_names() if n not in MATRIX and not n.startswith(API_PREFIXES)]
    assert unclassified == [], f"classify these addresses in the matrix: {unclassified}"


def applications_to_check():
    """One case still at its commune and one sent up to the province (the demo's Xã Hồng Việt)."""
    from nominations.models import CitizenApplication

    at_commune = CitizenApplication.objects.filter(nomination__isnull=True).order_by("pk").first()
    sent_up = CitizenApplication.objects.filter(nomination__isnull=False).order_by("pk").first()
    return [a for a in (at_commune, sent_up) if a is not None]


def application_answer(user, application, *, web: bool) -> int:
    """The commune's clerk and Chairman see their commune's cases; the province those sent up."""
    from nominations.policy.stages import PROVINCE_ROLES

    if user is None:
        return 302 if web else 401
    own = user.unit_id == application.commune_id and may(user, (Role.UNIT_CLERK, Role.UNIT_HEAD))
    province = application.nomination_id is not None and may(user, PROVINCE_ROLES)
    return 200 if own or province else 404


def may(user, roles) -> bool:
    return user is not None and (user.is_superuser or any(user.has_role(r) for r in roles))


def visible_decisions(user):
    from nominations.selectors import decisions_list

    return set(decisions_list(user=user).values_list("pk", flat=True))


USERS = [
    A,
    "donvi_sogd",
    "donvi_xa",
    "thutruong_sogd",
    "chutich_xa",
    "cum_vhxh",
    "thamdinh",
    "thuky",
    "chutich",
    "truongban",
]


@pytest.mark.parametrize("username", USERS)
def test_every_screen_answers_each_role_as_it_should(client, demo, username):
    from django.urls import reverse

    cache.clear()
    user = None if username == A else demo[username]
    if user is not None:
        client.force_login(user)
    allowed = expected_for(username) if user is not None else set()
    inside = Nomination.objects.filter(pk__in=allowed).order_by("pk").first()
    outside = Nomination.objects.exclude(pk__in=allowed).order_by("pk").first()
    decisions = visible_decisions(user) if user is not None else set()
    signed = Decision.objects.filter(status="signed", kind="decision").order_by("pk")
    seen = []
    for name, (rule, _method, roles) in MATRIX.items():
        if name.startswith("api:") or rule in ("post_any", "public_post"):
            continue
        cases = []  # (path, expected)
        if rule == "public":
            cases.append((reverse(name), 200))
        elif rule in ("login", "roles"):
            ok = user is not None and (rule == "login" or may(user, roles))
            cases.append((reverse(name), 200 if ok else (302 if user is None else 403)))
        elif rule in ("nomination", "nomination_edit"):
            for n, inside_scope in ((inside, True), (outside, False)):
                if n is None:
                    continue
                expected = 302 if user is None else (200 if inside_scope else 404)
                if rule == "nomination_edit" and expected == 200:
                    expected = (200, 302)  # the form, or back to the dossier when it is not editable
                cases.append((reverse(name, args=[n.pk]), expected))
        elif rule == "document":
            for n, inside_scope in ((inside, True), (outside, False)):
                doc = Document.objects.filter(nomination=n).first() if n else None
                if doc is None:
                    continue
                expected = 302 if user is None else (200 if inside_scope else 404)
                cases.append((reverse(name, args=[n.pk, doc.pk]), expected))
        elif rule == "decision":
            # Issue 26: a unit clerk reads the decisions that name their unit's people.
            readers = (Role.LEADER, Role.AGENCY_HEAD, Role.APPRAISER, Role.UNIT_HEAD, Role.UNIT_CLERK)
            for d in signed:
                # A unit prints its own people's certificates: one of theirs when there is one.
                own = DecisionLine.objects.filter(
                    decision=d, nomination__unit_id=getattr(user, "unit_id", None)
                )
                line = own.first() or DecisionLine.objects.filter(decision=d).first()
                args = [d.pk, line.pk] if name.endswith("certificate_pdf") else [d.pk]
                if user is None:
                    expected = 302
                elif not may(user, readers):
                    expected = 403
                else:
                    expected = 200 if d.pk in decisions else 404
                cases.append((reverse(name, args=args), expected))
        elif rule == "batch":
            from nominations.models import Batch

            for b in Batch.objects.order_by("pk"):
                if user is None:
                    expected = 302
                elif not may(user, (Role.UNIT_CLERK,)):
                    expected = 403
                else:
                    expected = 200 if user.unit_id == b.unit_id else 404
                cases.append((reverse(name, args=[b.pk]), expected))
        elif rule == "people":
            if name == "people:search":
                cases.append((reverse(name), 302 if user is None else people_answer(user)))
            else:
                unit = demo["donvi_sogd"].unit_id
                expected = 302 if user is None else people_answer(user, unit)
                cases.append((reverse(name, args=[f"dv{unit}"]), expected))
        elif rule == "declared":
            from nominations.models import DeclaredHistory

            for n, inside_scope in ((inside, True), (outside, False)):
                declared = DeclaredHistory.objects.filter(nomination=n).first() if n else None
                if declared is not None:
                    expected = 302 if user is None else (200 if inside_scope else 404)
                    cases.append((reverse(name, args=[n.pk, declared.pk]), expected))
        elif rule == "commune":
            commune_staff = (
                user is not None and user.unit_id and user.unit.kind == "commune" and may(user, roles)
            )
            cases.append((reverse(name), 302 if user is None else (200 if commune_staff else 404)))
        elif rule == "application":
            for application in applications_to_check():
                args = [application.pk]
                if name.endswith(":file"):
                    args.append(application.files.order_by("pk").first().pk)
                cases.append((reverse(name, args=args), application_answer(user, application, web=True)))
        elif rule == "login_args":
            cases.append((reverse(name, args=["0603"]), 302 if user is None else 200))
        elif rule in ("movement", "movement_request"):
            from nominations.models import Movement, MovementRequest

            for r, inside_scope in scoped_samples(MovementRequest, user) if user is not None else []:
                if r is None:
                    continue
                target = r.movement_id if rule == "movement" else r.pk
                cases.append((reverse(name, args=[target]), 200 if inside_scope else 404))
                if rule == "movement" and not inside_scope:
                    # Out of scope only when none of the user's units takes part in that movement.
                    units = own_units(user)
                    if MovementRequest.objects.filter(movement_id=target, unit_id__in=units).exists():
                        cases[-1] = (cases[-1][0], 200)
            if user is None:
                any_movement = Movement.objects.order_by("pk").first()
                cases.append(
                    (
                        reverse("movements:detail", args=[any_movement.pk])
                        if rule == "movement"
                        else reverse(name, args=[MovementRequest.objects.order_by("pk").first().pk]),
                        302,
                    )
                )
        elif rule == "own_export":
            continue  # per user: tests/web/test_reports_screens.py
        elif rule in ("post_scoped", "post_roles"):
            continue  # the POST matrix below
        for path, expected in cases:
            status = client.get(path).status_code
            wanted = expected if isinstance(expected, tuple) else (expected,)
            assert status in wanted, (username, name, path, status, expected)
            seen.append(name)
    assert seen, "the matrix exercised nothing"


@pytest.mark.parametrize("username", USERS)
def test_every_action_refuses_the_wrong_role_and_scope(client, demo, username):
    """POST: nobody signed in is sent to log in; out of scope is 404; the wrong role 403; never a 500."""
    from django.urls import reverse

    cache.clear()
    user = None if username == A else demo[username]
    if user is not None:
        client.force_login(user)
    allowed = expected_for(username) if user is not None else set()
    outside = Nomination.objects.exclude(pk__in=allowed).order_by("pk").first()
    draft = Decision.objects.filter(status="signed").order_by("pk").first()
    for name, (rule, _method, roles) in MATRIX.items():
        if rule == "post_registration":
            from nominations.models import Registration

            for r, inside_scope in scoped_samples(Registration, user) if user is not None else []:
                if r is None:
                    continue
                status = client.post(reverse(name, args=[r.pk])).status_code
                # In scope: back to the list with the refusal or the answer said; out of it: 404.
                assert status == (302 if inside_scope else 404), (username, name, status)
            if user is None:
                any_registration = Registration.objects.order_by("pk").first()
                assert client.post(reverse(name, args=[any_registration.pk])).status_code == 302
        elif rule == "post_scoped" and outside is not None:
            if name.endswith(":action"):
                args = [outside.pk, "approve_cluster"]
            elif name.endswith(("history_confirm", "history_reject")):
                args = [outside.pk, 1]
            else:
                args = [outside.pk]
            status = client.post(reverse(name, args=args)).status_code
            assert status == (302 if user is None else 404), (username, name, status)
        elif rule == "post_roles":
            if "batch" in name:
                from nominations.models import Batch

                batch = Batch.objects.order_by("pk").first()
                args = [batch.pk]
                if name == "nominations:batch_remove":
                    args.append(batch.nominations.order_by("pk").values_list("pk", flat=True).first())
            elif name in ("queues:decision_draft", "nominations:decision_create"):
                args = []
            elif name == "nominations:decision_remove_line":
                args = [draft.pk, draft.lines.order_by("position").values_list("pk", flat=True).first()]
            else:
                args = [draft.pk]
            status = client.post(reverse(name, args=args)).status_code
            if user is None:
                assert status == 302, (username, name, status)
            elif not may(user, roles):
                assert status == 403, (username, name, status)
            else:
                assert status < 500, (username, name, status)


@pytest.mark.parametrize("username", USERS)
def test_every_api_read_answers_each_role_as_it_should(demo, username):
    """Every GET of the API schema: 401 for nobody, 200 in scope, 404 out of it, 403 for the wrong role."""
    cache.clear()
    api = APIClient()
    user = None if username == A else demo[username]
    if user is not None:
        api.force_authenticate(user)
    schema = APIClient().get("/api/schema/?format=json").json()
    allowed = expected_for(username) if user is not None else set()
    inside = Nomination.objects.filter(pk__in=allowed).order_by("pk").first()
    outside = Nomination.objects.exclude(pk__in=allowed).order_by("pk").first()
    readers = (Role.LEADER, Role.AGENCY_HEAD, Role.APPRAISER, Role.UNIT_HEAD, Role.UNIT_CLERK)
    checked = 0
    for path, operations in schema["paths"].items():
        path = path.replace("{id}", "{pk}")
        if "get" not in operations or path.startswith(("/api/schema", "/api/docs", "/api/public/decisions")):
            continue
        if path.startswith("/api/public/applications/"):
            # One's own case needs its code and the applicant's identity number: 404 without them.
            assert api.get(path.replace("{code}", "ZZZZZZZZZZ")).status_code == 404, path
            checked += 1
            continue
        if path.startswith("/api/public/"):
            assert api.get(path).status_code == 200, path
            checked += 1
            continue
        if path.startswith("/api/applications/{pk}"):
            for application in applications_to_check():
                status = api.get(path.replace("{pk}", str(application.pk))).status_code
                expected = application_answer(user, application, web=False)
                assert status == expected, (username, path, application.pk, status, expected)
                checked += 1
            continue
        if "{pk}" in path and path.startswith("/api/nominations/"):
            if "{doc_id}" in path:
                continue  # files: covered by the screens' matrix and the scope tests
            for n, inside_scope in ((inside, True), (outside, False)):
                if n is None:
                    continue
                status = api.get(path.replace("{pk}", str(n.pk))).status_code
                expected = 401 if user is None else (200 if inside_scope else 404)
                assert status == expected, (username, path, n.pk, status, expected)
                checked += 1
        elif path.startswith(("/api/decisions/", "/api/proposals/")):
            kind = "proposal" if path.startswith("/api/proposals/") else "decision"
            target = Decision.objects.filter(kind=kind, status="signed").order_by("pk").first()
            url = path.replace("{pk}", str(target.pk)) if target else path
            status = api.get(url).status_code
            if user is None:
                expected = 401
            elif not may(user, readers):
                expected = 403
            elif "{pk}" in path:
                expected = 200 if target.pk in visible_decisions(user) else 404
            else:
                expected = 200
            assert status == expected, (username, url, status, expected)
            checked += 1
        elif "{pk}" in path and path.startswith(
            ("/api/movement-requests/", "/api/registrations/", "/api/movements/")
        ):
            from nominations.models import MovementRequest, Registration

            model = Registration if path.startswith("/api/registrations/") else MovementRequest
            for r, inside_scope in (
                scoped_samples(model, user) if user is not None else [(model.objects.first(), False)]
            ):
                if r is None:
                    continue
                target = r.movement_id if path.startswith("/api/movements/") else r.pk
                status = api.get(path.replace("{pk}", str(target))).status_code
                if user is None:
                    expected = 401
                elif path.startswith("/api/movements/") and not inside_scope:
                    units = own_units(user)
                    taking_part = MovementRequest.objects.filter(
                        movement_id=target, unit_id__in=units
                    ).exists()
                    expected = 200 if taking_part else 404
                else:
                    expected = 200 if inside_scope else 404
                assert status == expected, (username, path, target, status, expected)
                checked += 1
        elif path.startswith("/api/people/"):
            unit = demo["donvi_sogd"].unit_id
            url = path.replace("{pk}", f"dv{unit}")
            status = api.get(url).status_code
            expected = 401 if user is None else people_answer(user, unit if "{pk}" in path else None)
            assert status == expected, (username, url, status, expected)
            checked += 1
        elif "{code}" in path:
            status = api.get(path.replace("{code}", "0603")).status_code
            assert status == (401 if user is None else 200), (username, path, status)
            checked += 1
        elif "{pk}" not in path:
            status = api.get(path).status_code
            assert status == (401 if user is None else 200), (username, path, status)
            checked += 1
    assert checked >= 8
