"""Eligibility from the catalog's rules, on the demo's realistic history."""

from datetime import date

import pytest

from nominations import services
from nominations.exceptions import InvalidInput
from nominations.models import AuditEvent, AwardRecord, EligibilityRule, Initiative, Nomination, Unit
from nominations.policy import eligibility
from tests.conftest import attach_required
from workflows import actions

pytestmark = pytest.mark.django_db


def new(demo, clerk, name, award, **extra):
    fields = {
        "award_type": __import__("nominations.models", fromlist=["AwardType"]).AwardType.objects.get(
            code=award
        ),
        "route": "annual",
        "year": 2026,
        "nominee_kind": "individual",
        "nominee_name": name,
        "nominee_gender": "female",
        "nominee_birth_year": 1982,
        "nominee_position": "Giáo viên",
        "achievements": "Thành tích tiêu biểu.",
        **extra,
    }
    return services.nomination_create(actor=demo[clerk], **fields)


def results(nomination):
    return {r.code: r for r in eligibility.evaluate(nomination)}


def test_three_consecutive_years_and_a_provincial_initiative_pass_cstd_tinh(demo):
    n = new(demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", nominee_citizen_id="034182001234")
    r = results(n)
    assert r["CSTD_TINH_3_NAM"].passed
    assert any("2023" in e for e in r["CSTD_TINH_3_NAM"].evidence)
    assert r["CSTD_TINH_SANG_KIEN"].passed
    assert "Ứng dụng học liệu số" in " ".join(r["CSTD_TINH_SANG_KIEN"].evidence)
    assert r["KHONG_KY_LUAT"].passed


def test_two_years_fail_and_the_message_says_why(demo):
    n = new(
        demo,
        "donvi_soyte",
        "Trần Văn Đức",
        "CSTD_TINH",
        nominee_citizen_id="034079004567",
        nominee_gender="male",
    )
    rule = results(n)["CSTD_TINH_3_NAM"]
    assert not rule.passed
    assert "Chỉ có 2 năm liên tục" in rule.message and "cần 3 năm" in rule.message
    # his initiative is grassroots only: not enough for the provincial title
    assert not results(n)["CSTD_TINH_SANG_KIEN"].passed


def test_an_initiative_used_once_cannot_be_used_again(demo):
    n = new(
        demo,
        "donvi_sogd",
        "Đặng Quốc Khánh",
        "CSTD_TINH",
        nominee_citizen_id="034075002468",
        nominee_gender="male",
    )
    rule = results(n)["CSTD_TINH_SANG_KIEN"]
    assert not rule.passed and "chỉ làm căn cứ cho một lần" in rule.message
    used = Initiative.objects.get(owner_name="Đặng Quốc Khánh")
    with pytest.raises(InvalidInput, match="mỗi sáng kiến chỉ dùng một lần"):
        services.initiative_link(nomination=n, initiative=used, actor=demo["donvi_sogd"])

    # Nhung's initiative, once linked to her dossier, is no longer free for another one.
    first = new(demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", nominee_citizen_id="034182001234")
    hers = Initiative.objects.get(owner_name="Nguyễn Thị Hồng Nhung")
    services.initiative_link(nomination=first, initiative=hers, actor=demo["donvi_sogd"])
    assert AuditEvent.objects.filter(nomination=first, action="initiative_link").exists()
    second = new(
        demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TOAN_QUOC", nominee_citizen_id="034182001234"
    )
    with pytest.raises(InvalidInput):
        services.initiative_link(nomination=second, initiative=hers, actor=demo["donvi_sogd"])
    # Withdrawing the first frees it.
    actions.perform(user=demo["donvi_sogd"], nomination_id=first.pk, action="withdraw")
    services.initiative_link(nomination=second, initiative=hers, actor=demo["donvi_sogd"])


def test_thematic_awards_do_not_count_toward_merit_titles(demo):
    AwardRecord.objects.filter(nominee_citizen_id="034182001234", year=2024).update(route="thematic")
    n = new(demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", nominee_citizen_id="034182001234")
    assert not results(n)["CSTD_TINH_3_NAM"].passed


def test_discipline_fails_the_general_rule(demo):
    n = new(
        demo,
        "donvi_sogd",
        "Nguyễn Thị Hồng Nhung",
        "CSTD_TINH",
        nominee_citizen_id="034182001234",
        under_inspection=True,
    )
    rule = results(n)["KHONG_KY_LUAT"]
    assert not rule.passed and "thanh tra" in rule.message


def test_a_rule_applies_only_within_its_effective_dates(demo):
    n = new(demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", nominee_citizen_id="034182001234")
    bases = {r.code: r for r in eligibility.evaluate(n, on_date=date(2025, 3, 1))}
    assert bases  # Decree 98/2023 set in force then
    in_force = EligibilityRule.objects.filter(code="CSTD_TINH_3_NAM", effective_from=date(2025, 7, 1)).get()
    in_force.params = {"title": "CSTD_CO_SO", "years": 4}
    in_force.save()  # a change of law is a change of data
    assert not results(n)["CSTD_TINH_3_NAM"].passed
    assert {r.code: r for r in eligibility.evaluate(n, on_date=date(2025, 3, 1))}["CSTD_TINH_3_NAM"].passed


def test_history_follows_a_person_across_units(demo):
    """Her titles of 2023–2024 name the Thái Bình department, 2025 its Hưng Yên successor; the
    Hưng Yên department's nomination reads all three, and no record was rewritten."""
    records = AwardRecord.objects.filter(nominee_citizen_id="034182001234").order_by("year")
    assert [(r.year, r.unit.code) for r in records] == [
        (2023, "SO_GDDT"),
        (2024, "SO_GDDT"),
        (2025, "HY_SO_GDDT"),
    ]
    n = new(demo, "donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", nominee_citizen_id="034182001234")
    assert n.unit.code == "HY_SO_GDDT"
    assert results(n)["CSTD_TINH_3_NAM"].passed
    other = Unit.objects.get(code="HY_SO_YTE")
    records.update(unit=other)  # recorded under another unit still counts: history follows the person
    assert results(n)["CSTD_TINH_3_NAM"].passed


def test_the_appraiser_passes_a_failed_rule_only_with_a_justification(demo):
    n = new(
        demo,
        "donvi_soyte",
        "Trần Văn Đức",
        "CSTD_TINH",
        nominee_citizen_id="034079004567",
        nominee_gender="male",
    )
    attach_required(n, demo["donvi_soyte"])
    actions.perform(user=demo["donvi_soyte"], nomination_id=n.pk, action="submit")
    actions.perform(user=demo["cum_vhxh"], nomination_id=n.pk, action="approve_cluster")
    with pytest.raises(InvalidInput, match="giải trình"):
        actions.perform(
            user=demo["thamdinh"], nomination_id=n.pk, action="pass_appraisal", checklist={"documents": True}
        )
    reason = "Thành tích đột xuất trong phòng chống dịch, Hội đồng xem xét đặc cách."
    n = actions.perform(
        user=demo["thamdinh"],
        nomination_id=n.pk,
        action="pass_appraisal",
        checklist={"documents": True},
        justification=reason,
    )
    assert n.status == Nomination.Status.COUNCIL_VOTE
    event = AuditEvent.objects.filter(nomination=n, action="pass_appraisal").get()
    assert event.data["justification"] == reason
    assert any(not r["passed"] and r["code"] == "CSTD_TINH_3_NAM" for r in event.data["rules"])


def test_the_unit_sees_the_warnings_before_submitting(client, demo):
    n = Nomination.objects.get(nominee_name="Nguyễn Thị Hồng Nhung")
    client.force_login(demo["donvi_sogd"])
    page = client.get(f"/ho-so/{n.pk}/").content.decode()
    assert "Tiêu chuẩn khen thưởng" in page and "3 năm liên tục Chiến sĩ thi đua cơ sở" in page
    api = client.get(f"/api/nominations/{n.pk}/eligibility/").json()
    assert {r["code"] for r in api} >= {"CSTD_TINH_3_NAM", "CSTD_TINH_SANG_KIEN", "KHONG_KY_LUAT"}


# --- the criteria as the law writes them (issue 13), each with a passing and a failing demo person ---


def test_bang_khen_two_consecutive_excellent_years_with_two_initiatives_in_them(demo):
    ha = new(demo, "donvi_sogd", "Đinh Thị Thu Hà", "BANG_KHEN_TINH", nominee_citizen_id="034185002222")
    rule = results(ha)["BK_TINH_CA_NHAN"]
    assert rule.passed, rule.message
    assert "Phần mềm xếp thời khóa biểu trường THPT" in " ".join(rule.evidence)
    # Excellent in 2023 and 2025 but only "good" in 2024: not two consecutive years.
    tien = new(demo, "donvi_sogd", "Lương Văn Tiến", "BANG_KHEN_TINH", nominee_citizen_id="034180003333")
    rule = results(tien)["BK_TINH_CA_NHAN"]
    assert not rule.passed and "2 năm liên tục hoàn thành xuất sắc nhiệm vụ" in rule.message


def test_initiatives_outside_the_excellent_years_do_not_count(demo):
    from nominations.models import Initiative

    Initiative.objects.filter(owner_citizen_id="034185002222", year=2024).update(year=2019)
    ha = new(demo, "donvi_sogd", "Đinh Thị Thu Hà", "BANG_KHEN_TINH", nominee_citizen_id="034185002222")
    rule = results(ha)["BK_TINH_CA_NHAN"]
    assert not rule.passed and "có 1 sáng kiến" in rule.message


def test_national_title_needs_two_successive_conferrals_of_the_provincial_one(demo):
    oanh = new(demo, "donvi_soyte", "Phan Thị Kim Oanh", "CSTD_TOAN_QUOC", nominee_citizen_id="034178004444")
    assert results(oanh)["CSTD_TQ_2_NAM"].passed
    khoa = new(
        demo,
        "donvi_soyte",
        "Vũ Đình Khoa",
        "CSTD_TOAN_QUOC",
        nominee_citizen_id="034176005555",
        nominee_gender="male",
    )
    rule = results(khoa)["CSTD_TQ_2_NAM"]
    assert not rule.passed and "2 lần liên tục" in rule.message


def test_lao_dong_tien_tien_reads_the_year_grade(demo):
    from nominations.models import AssessmentGrade, Unit

    gd = Unit.objects.get(code="HY_SO_GDDT")
    AssessmentGrade.objects.create(
        nominee_name="Hồ Thị Mơ",
        nominee_citizen_id="034190006666",
        unit=gd,
        year=2026,
        grade="hoan_thanh_tot",
    )
    AssessmentGrade.objects.create(
        nominee_name="Tô Văn Lợi", nominee_citizen_id="034191007777", unit=gd, year=2026, grade="hoan_thanh"
    )
    mo = new(demo, "donvi_sogd", "Hồ Thị Mơ", "LDTT", nominee_citizen_id="034190006666")
    assert results(mo)["LDTT_XEP_LOAI"].passed
    loi = new(
        demo, "donvi_sogd", "Tô Văn Lợi", "LDTT", nominee_citizen_id="034191007777", nominee_gender="male"
    )
    rule = results(loi)["LDTT_XEP_LOAI"]
    assert not rule.passed and "hoàn thành tốt nhiệm vụ trở lên" in rule.message


def test_grades_import_is_all_rows_or_none(demo):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from nominations.models import AssessmentGrade
    from nominations.services import import_grades
    from nominations.services.imports import GRADE_HISTORY_COLUMNS

    def workbook(rows):
        book = Workbook()
        for row in [GRADE_HISTORY_COLUMNS, *rows]:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue())

    before = AssessmentGrade.objects.count()
    bad = import_grades(
        workbook(
            [["Người A", "", 1980, "SO_GDDT", 2025, "HTXS"], ["Người B", "", 1981, "KHONG_CO", 2025, "giỏi"]]
        )
    )
    assert not bad.ok and any("Dòng 3" in e for e in bad.errors) and AssessmentGrade.objects.count() == before
    good = import_grades(
        workbook(
            [
                ["Người A", "", 1980, "SO_GDDT", 2025, "HTXS"],
                ["Người B", "", 1981, "SO_YTE", 2025, "Hoàn thành tốt nhiệm vụ"],
            ]
        )
    )
    assert good.ok and good.created == 2 and AssessmentGrade.objects.count() == before + 2


def test_a_collectives_title_reads_its_members_year(demo):
    """Tập thể lao động tiên tiến: ≥ 70 % of the members hold Lao động tiên tiến, nobody disciplined at
    "cảnh cáo" or above. Sở GD&ĐT: 150 of 160; the commune: 80 of 120 (67 %)."""
    from nominations.models import AssessmentGrade

    def collective(clerk, name):
        return new(
            demo,
            clerk,
            name,
            "TAP_THE_LDTT",
            nominee_kind="collective",
            nominee_gender="",
            nominee_birth_year=None,
        )

    sogd = results(collective("donvi_sogd", "Văn phòng Sở Giáo dục và Đào tạo"))["TT_LDTT_THANH_VIEN"]
    assert sogd.passed, sogd.message
    assert "160 thành viên" in sogd.evidence[0] and "150 Lao động tiên tiến" in sogd.evidence[0]
    xa = results(collective("donvi_xa", "Cán bộ, công chức xã Hồng Việt"))["TT_LDTT_THANH_VIEN"]
    assert not xa.passed and "67% đạt Lao động tiên tiến, cần 70%" in xa.message
    AssessmentGrade.objects.filter(unit__code="HY_SO_GDDT", year=2026).filter(
        pk=AssessmentGrade.objects.filter(unit__code="HY_SO_GDDT", year=2026).order_by("pk").values("pk")[:1]
    ).update(disciplined=True)
    again = results(collective("donvi_sogd", "Phòng Giáo dục trung học"))["TT_LDTT_THANH_VIEN"]
    assert not again.passed and "kỷ luật từ cảnh cáo" in again.message
    hospital = new(
        demo,
        "donvi_soyte",
        "Khoa Nhi, Bệnh viện Đa khoa tỉnh",
        "TAP_THE_LDXS",
        nominee_kind="collective",
        nominee_gender="",
        nominee_birth_year=None,
    )
    ungraded = results(hospital)["TT_LDXS_THANH_VIEN"]
    assert not ungraded.passed and "Chưa có kết quả đánh giá" in ungraded.message


def test_one_flag_per_cluster_a_year(demo):
    from workflows import actions

    def flag(clerk, name):
        n = new(
            demo,
            clerk,
            name,
            "CO_THI_DUA_TINH",
            nominee_kind="collective",
            nominee_gender="",
            nominee_birth_year=None,
        )
        from nominations.policy import documents as rules

        for kind in rules.required_documents(n):
            from tests.conftest import pdf_file

            services.document_add(
                nomination=n, actor=demo[clerk], kind=kind, uploaded=pdf_file(f"{kind}.pdf")
            )
        return n

    first = flag("donvi_sogd", "Sở Giáo dục và Đào tạo")
    actions.perform(user=demo["donvi_sogd"], nomination_id=first.pk, action="submit")
    assert results(first)["CO_THI_DUA_MOT_CUM"].passed
    second = flag("donvi_soyte", "Sở Y tế")
    actions.perform(user=demo["donvi_soyte"], nomination_id=second.pk, action="submit")
    second.refresh_from_db()
    rule = results(second)["CO_THI_DUA_MOT_CUM"]
    assert not rule.passed and "tối đa 1" in rule.message and "Sở Giáo dục và Đào tạo" in rule.evidence


def test_submitting_a_dossier_that_fails_a_rule_asks_the_clerk_first(demo, client):
    """The commune's collective (80 of 120 LĐTT, 67 %) fails TTLĐTT: the clerk is told which
    criterion fails and must confirm; the dossier stays a draft until then, the comment is kept."""
    from django.urls import reverse

    n = new(
        demo,
        "donvi_xa",
        "Văn phòng HĐND và UBND xã",
        "TAP_THE_LDTT",
        nominee_kind="collective",
        nominee_gender="",
        nominee_birth_year=None,
    )
    attach_required(n, demo["donvi_xa"])
    client.force_login(demo["donvi_xa"])
    url = reverse("nominations:action", args=[n.pk, "submit"])
    asked = client.post(url, {"submit-comment": "Đề nghị xét"})
    page = asked.content.decode()
    assert asked.status_code == 200 and "Hồ sơ chưa đạt một số tiêu chuẩn — vẫn nộp?" in page
    assert "67% đạt Lao động tiên tiến, cần 70%" in page and 'value="Đề nghị xét"' in page
    n.refresh_from_db()
    assert n.status == Nomination.Status.DRAFT
    done = client.post(url, {"submit-comment": "Đề nghị xét", "confirm_ineligible": "1"})
    assert done.status_code == 302
    n.refresh_from_db()
    assert n.status != Nomination.Status.DRAFT
    assert AuditEvent.objects.filter(nomination=n, action="submit", comment="Đề nghị xét").exists()


def test_a_dossier_that_meets_every_rule_is_submitted_at_once(demo, client):
    from django.urls import reverse

    n = new(
        demo,
        "donvi_sogd",
        "Văn phòng Sở Giáo dục và Đào tạo",
        "TAP_THE_LDTT",
        nominee_kind="collective",
        nominee_gender="",
        nominee_birth_year=None,
    )
    assert all(r.passed for r in eligibility.evaluate(n)), [r.message for r in eligibility.evaluate(n)]
    attach_required(n, demo["donvi_sogd"])
    client.force_login(demo["donvi_sogd"])
    assert client.post(reverse("nominations:action", args=[n.pk, "submit"])).status_code == 302


def test_youth_volunteer_medal_reads_the_certified_service_and_who_may_be_honoured_posthumously(demo):
    """Huy chương TNXP vẻ vang: the catalog's ``min_service_years`` (2) against the certified service;
    posthumous where the catalog allows it. The demo's two former volunteers pass and fail."""
    thang = new(
        demo,
        "donvi_donghung",
        "Nguyễn Văn Thắng",
        "HC_TNXP",
        route="resistance",
        nominee_citizen_id="034048008888",
        nominee_gender="male",
        nominee_birth_year=1948,
        posthumous=True,
    )
    r = results(thang)
    assert r["HC_TNXP_THOI_GIAN"].passed
    assert "Đội TNXP 305" in r["HC_TNXP_THOI_GIAN"].evidence[0]
    assert "15/03/1967" in r["HC_TNXP_THOI_GIAN"].evidence[0]
    assert r["HC_TNXP_TRUY_TANG"].passed and r["HC_TNXP_TRUY_TANG"].evidence == ["Truy tặng"]

    ly = new(
        demo,
        "donvi_donghung",
        "Trần Thị Lý",
        "HC_TNXP",
        route="resistance",
        nominee_citizen_id="034152009999",
        nominee_birth_year=1952,
    )
    rule = results(ly)["HC_TNXP_THOI_GIAN"]
    assert not rule.passed and "1 năm 5 tháng, cần từ 2 năm" in rule.message
    nobody = new(demo, "donvi_donghung", "Lê Văn Chưa", "HC_TNXP", route="resistance", nominee_gender="male")
    assert "Chưa có quá trình tham gia được xác nhận" in results(nobody)["HC_TNXP_THOI_GIAN"].message

    # A change of the catalog is a change of data: the same person, no posthumous award allowed.
    from nominations.models import AwardType

    award = AwardType.objects.get(code="HC_TNXP")
    award.rule_params = {**award.rule_params, "posthumous_allowed": False}
    award.save()
    thang.refresh_from_db()
    rule = results(thang)["HC_TNXP_TRUY_TANG"]
    assert not rule.passed and "không xét truy tặng" in rule.message


def test_service_history_import_is_all_rows_or_none(demo):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from nominations.models import ServiceRecord
    from nominations.services import import_service_records
    from nominations.services.imports import SERVICE_COLUMNS

    def workbook(rows):
        book = Workbook()
        for row in [SERVICE_COLUMNS, *rows]:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("tnxp.xlsx", buffer.getvalue())

    before = ServiceRecord.objects.count()
    bad = import_service_records(
        workbook(
            [
                ["Người A", "", 1950, "Đội 1", "01/02/1968", "01/02/1971", ""],
                ["Người B", "", 1951, "Đội 2", "01/02/1971", "31/02/1970", ""],
            ]
        )
    )
    assert not bad.ok and any("Dòng 3" in e and "den_ngay" in e for e in bad.errors)
    assert ServiceRecord.objects.count() == before
    good = import_service_records(workbook([["Người A", "", 1950, "Đội 1", "01/02/1968", "01/02/1971", ""]]))
    assert good.ok and good.created == 1 and ServiceRecord.objects.get(nominee_name="Người A").months == 36
