"""The periods of a public application: one JSON part, each period checked, a refusal that names
the period and the field in Vietnamese (issue 31, item 7), never DRF's nested repr."""

import json

import pytest
from django.http import QueryDict
from rest_framework import serializers

from web.api.applications import PeriodsField


class Form(serializers.Serializer):
    periods = PeriodsField()


def _read(value):
    """As a multipart part arrives: one text field holding JSON."""
    data = QueryDict(mutable=True)
    data["periods"] = json.dumps(value)
    form = Form(data=data)
    return form, form.is_valid()


def _refusal(value):
    form, valid = _read(value)
    assert not valid
    return form.errors["periods"][0]


def test_well_formed_periods_are_read():
    form, valid = _read([{"force": "Đội TNXP 305", "started_on": "1967-01-01", "ended_on": "1969-06-30"}])
    assert valid, form.errors
    rows = form.validated_data["periods"]
    assert [r["force"] for r in rows] == ["Đội TNXP 305"]
    assert str(rows[0]["ended_on"]) == "1969-06-30"


@pytest.mark.parametrize("value", [None, [], {}, "x"])
def test_no_list_of_periods_is_one_clear_message(value):
    message = _refusal(value)
    assert "giai đoạn" in message and "ErrorDetail" not in message


def test_a_bad_period_is_named_with_its_field():
    message = _refusal([{"force": "Đội 1", "started_on": "1967-01-01"}, "x"])
    assert "Giai đoạn 1, Đến ngày:" in message
    assert "Giai đoạn 2: phải là một đối tượng JSON." in message
    assert "ErrorDetail" not in message and "non_field_errors" not in message
