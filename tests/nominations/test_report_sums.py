"""Every statistical form adds up, on generated data: each total is the sum of its parts.

The identities are written here from the forms of TT 02/2023/TT-BNV (report-forms.md §2), not read
from the code under test: column 1 is the sum of the other columns; row 01 is the collectives,
households and individuals, and again the routes; the individuals are their five classes; the
enterprises are among the collectives; 0601's total is each of its three breakdowns; 0605's total
is each of its three breakdowns and the women are among the people. The summary adds up in every
grouping, and every grouping has the same totals.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from nominations.models import (
    AwardeeClass,
    AwardRecord,
    AwardType,
    DecisionLine,
    Movement,
    NomineeKind,
    ReportGroup,
    Route,
)
from nominations.reports import reporting_year
from nominations.reports.forms import form_0601_from, form_0602_from, form_0603_from
from nominations.reports.movements import LaunchedMovement
from nominations.reports.summary import DIMENSIONS
from tests.factories import AwardTypeFactory
from tests.reports_data import Builder

PERIOD = reporting_year(2026)


def codes(a, b):
    return [f"{i:02d}" for i in range(a, b + 1)]


# (total, parts, at_most) over rows; every form's column 1 is the sum of the others.
ROWS = {
    "0601": [("01", codes(2, 5), False), ("01", codes(6, 10), False), ("01", ["11", "12"], False)],
    "0602": [
        ("01", ["02", "03"], False),
        ("01", ["06", "08", "09"], False),
        ("09", codes(10, 14), False),
        ("01", codes(15, 21), False),
        ("06", ["07"], True),
    ],
    "0603": [
        ("01", ["02", "04", "05"], False),
        ("05", codes(6, 10), False),
        ("01", codes(11, 17), False),
        ("02", ["03"], True),
    ],
    "0604": [("01", codes(2, 5), False)],
    "0605": [("01", codes(2, 7), False), ("01", codes(8, 12), False), ("01", codes(13, 15), False)],
}
COLUMNS = {
    "0601": ("1", [str(i) for i in range(2, 5)]),
    "0602": ("1", [str(i) for i in range(2, 16)]),
    "0603": ("1", [str(i) for i in range(2, 6)]),
    "0604": None,
    "0605": None,
}


def assert_adds_up(code: str, cells: dict[str, dict[str, int]]):
    """``cells``: row code → column key → value, as the API returns them."""
    columns = sorted({k for row in cells.values() for k in row}, key=int)
    if COLUMNS[code]:
        total, parts = COLUMNS[code]
        assert sorted(parts + [total], key=int) == columns
        for row, values in cells.items():
            assert values[total] == sum(values[p] for p in parts), (code, row, values)
    if code == "0605":
        for row, values in cells.items():
            assert values["2"] <= values["1"], (code, row, values)
    for total, parts, at_most in ROWS[code]:
        for column in columns:
            whole, summed = cells[total][column], sum(cells[p][column] for p in parts)
            if at_most:
                assert summed <= whole, (code, total, parts, column)
            else:
                assert summed == whole, (code, total, parts, column, whole, summed)


def as_cells(report) -> dict:
    return {code: dict(values) for code, values in report.values.items()}


# --- the forms' arithmetic over any grouped facts (fast: no database) -------------------------

award_groups = st.lists(
    st.fixed_dictionaries(
        {
            "group": st.sampled_from([*ReportGroup.values, ""]),
            "level": st.sampled_from(AwardType.Level.values),
            "label": st.sampled_from(["Bằng khen", "Tập thể lao động xuất sắc", "Huân chương Lao động"]),
            "nominee_kind": st.sampled_from(NomineeKind.values),
            "is_enterprise": st.booleans(),
            "awardee_class": st.sampled_from([*AwardeeClass.values, "", None]),
            "route": st.sampled_from([*Route.values, "", None]),
            "n": st.integers(min_value=1, max_value=500),
        }
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(groups=award_groups)
def test_forms_0602_and_0603_add_up_over_any_awards(groups):
    for code, build in (("0602", form_0602_from), ("0603", form_0603_from)):
        report = build(PERIOD, [dict(g) for g in groups])
        assert_adds_up(code, as_cells(report))
        assert report.broken_sums() == []
    # 0602 leaves nothing out (its last pair is "the other forms"); 0603 counts its four columns only.
    assert form_0602_from(PERIOD, groups).total() == sum(g["n"] for g in groups)
    four = {ReportGroup.BANG_KHEN, ReportGroup.CSTD, ReportGroup.CO_THI_DUA, ReportGroup.HUY_HIEU}
    assert form_0603_from(PERIOD, groups).total() == sum(g["n"] for g in groups if g["group"] in four)


movements = st.lists(
    st.builds(
        LaunchedMovement,
        pk=st.integers(1, 10_000),
        name=st.just("Phong trào"),
        launched_on=st.just(date(2026, 3, 1)),
        launch_level=st.sampled_from(Movement.LaunchLevel.values),
        scope=st.sampled_from(Movement.Scope.values),
        kind=st.sampled_from(Movement.Kind.values),
        months=st.integers(1, 240),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(launched=movements)
def test_form_0601_adds_up_over_any_movements(launched):
    report = form_0601_from(PERIOD, launched)
    assert_adds_up("0601", as_cells(report))
    assert report.total() == len(launched)


def test_form_0603_of_the_issue_adds_up_and_names_what_it_leaves_out():
    """The issue's 0603: 101 Bằng khen, 20 CSTĐ, 29 Tập thể lao động xuất sắc. The form has no column
    for the title: its total is 121 = 101 + 20 + 0 + 0, and the screen names the 29 left out."""
    base = {"level": "province", "is_enterprise": False, "awardee_class": "", "route": "annual"}
    groups = [
        {
            **base,
            "group": ReportGroup.BANG_KHEN,
            "label": "Bằng khen",
            "nominee_kind": "individual",
            "n": 101,
        },
        {**base, "group": ReportGroup.CSTD, "label": "CSTĐ", "nominee_kind": "individual", "n": 20},
        {
            **base,
            "group": ReportGroup.OTHER,
            "label": "Tập thể lao động xuất sắc",
            "nominee_kind": "collective",
            "n": 29,
        },
    ]
    with translation.override("vi"):
        report = form_0603_from(PERIOD, groups)
    assert report.values["01"] == {"1": 121, "2": 101, "3": 20, "4": 0, "5": 0}
    assert "Không tính vào biểu: 29 lượt Tập thể lao động xuất sắc" in " ".join(report.notes)
    # The 121 individuals had no class: counted as direct workers, and told.
    assert report.values["10"]["1"] == 121
    assert any("121 lượt cá nhân chưa ghi đối tượng" in n for n in report.notes)


# --- end to end: generated awards, history and movements, read back over HTTP -----------------

DAYS = st.sampled_from(
    [date(2025, 11, 30), date(2025, 12, 1), date(2026, 3, 15), date(2026, 11, 30), date(2026, 12, 1)]
)
award = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["bk", "cstd", "flag", "ttlđxs", "ttg", "ldtt"]),
        "kind": st.sampled_from(NomineeKind.values),
        "cls": st.sampled_from([*AwardeeClass.values, ""]),
        "route": st.sampled_from(Route.values),
        "enterprise": st.booleans(),
        "day": DAYS,
        "unit": st.sampled_from(["so_gd", "so_yte", "so_tc"]),
        "how": st.sampled_from(["decision", "unit", "draft", "proposal", "refused", "history", "undated"]),
    }
)
movement = st.fixed_dictionaries(
    {
        "launched_on": st.sampled_from([None, date(2025, 12, 1), date(2026, 6, 1), date(2024, 2, 29)]),
        "start_year": st.sampled_from([None, 2020, 2025, 2026]),
        "end_year": st.sampled_from([None, 2026, 2030]),
        "launch_level": st.sampled_from(["", *Movement.LaunchLevel.values]),
        "scope": st.sampled_from(["", *Movement.Scope.values]),
        "kind": st.sampled_from(["", *Movement.Kind.values]),
        "duration_months": st.sampled_from([None, 6, 12, 30, 48, 120]),
    }
)


def _catalog(w):
    province = AwardType.Level.PROVINCE
    return {
        "bk": w.award,
        "cstd": w.cstd,
        "flag": AwardTypeFactory(
            code="CO_TINH", name="Cờ thi đua", level=province, report_group="co_thi_dua"
        ),
        "ttlđxs": AwardTypeFactory(code="TTLDXS", name="Tập thể lao động xuất sắc", level=province),
        "ttg": AwardTypeFactory(
            code="BK_TTG", name="Bằng khen TTg", level=AwardType.Level.NATIONAL, report_group="bang_khen_ttg"
        ),
        "ldtt": AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", level=AwardType.Level.GRASSROOTS),
    }


def _make(w, catalog, builder, a):
    unit = getattr(w, a["unit"])
    award_type = catalog[a["type"]]
    if a["how"] in ("history", "undated"):
        AwardRecord.objects.create(
            nominee_kind=a["kind"],
            nominee_name="Lịch sử",
            unit=unit,
            award_type=award_type,
            route=a["route"],
            year=a["day"].year,
            decision_date=a["day"] if a["how"] == "history" else None,
        )
        return
    builder.award(
        unit,
        award_type,
        a["day"],
        kind=a["kind"],
        route=a["route"],
        cls=a["cls"] if a["kind"] == NomineeKind.INDIVIDUAL else "",
        enterprise=a["enterprise"] and a["kind"] == NomineeKind.COLLECTIVE,
        submitted=a["day"],
        signed=a["how"] != "draft",
        proposal=a["how"] in ("proposal", "refused"),
        result=DecisionLine.Result.NOT_AWARDED if a["how"] == "refused" else DecisionLine.Result.AWARDED,
        decision_unit=unit if a["how"] == "unit" else None,
    )


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(awards=st.lists(award, max_size=10), launched=st.lists(movement, max_size=5))
def test_every_form_and_grouping_adds_up_over_http(world, awards, launched):
    cache.clear()  # the API's throttle
    point = transaction.savepoint()
    try:
        catalog = _catalog(world)
        builder = Builder(world)
        for a in awards:
            _make(world, catalog, builder, a)
        for i, m in enumerate(launched):
            Movement.objects.create(name=f"Phong trào {i}", **m)
        client = APIClient()
        client.force_authenticate(world.head)
        params = {"from": "2025-12-01", "to": "2026-11-30"}
        for code in ("0601", "0602", "0603", "0604", "0605"):
            data = client.get(f"/api/reports/forms/{code}/", params).json()
            cells = {}
            for row in data["rows"]:
                # The row's cells are the columns in order, and the same as its values.
                assert [c["column"] for c in row["cells"]] == [c["key"] for c in data["columns"]]
                cells[row["code"]] = {c["column"]: c["value"] for c in row["cells"]}
                assert cells[row["code"]] == row["values"]
            assert_adds_up(code, cells)
        totals = set()
        for group_by in DIMENSIONS:
            data = client.get("/api/reports/summary/", {**params, "group_by": group_by}).json()
            for side in (data, data["previous"]):
                for measure in ("nominations", "awarded", "amount"):
                    assert side["totals"][measure] == sum(r[measure] for r in side["rows"]), (
                        group_by,
                        measure,
                    )
            totals.add((data["totals"]["awarded"], data["previous"]["totals"]["awarded"]))
        assert len(totals) == 1  # every grouping counts the same awards
    finally:
        transaction.savepoint_rollback(point)
