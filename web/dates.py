"""Days as people type them: dd/mm/yyyy in a text box, never the browser's own date box.

The browser's native date input shows the browser's locale (mm/dd/yyyy in an English Chromium) and
turned 15/03/1982 typed the Vietnamese way into another day without a word. Every screen where a
person types a day uses ``DayField`` (or its widget), like the report screens' period boxes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DAY_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DayInput(forms.DateInput):
    """A text box for dd/mm/yyyy (numeric keypad on a phone, no autofill of another day)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                "maxlength": "10",
                "class": "day-input",
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


class DayField(forms.DateField):
    """A day typed dd/mm/yyyy (ISO accepted from links and scripts); anything else is refused
    in Vietnamese with an example, never guessed."""

    widget = DayInput
    input_formats = DAY_FORMATS
    default_error_messages = {
        "invalid": _("Ngày không hợp lệ; hãy ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 15/03/1982."),
    }
