"""The eligibility box's line on the nominee's emulation registration (đăng ký thi đua)."""

from datetime import date

from django.utils.translation import gettext as _

from ..registration import nominee_registered, registration_rule_on
from .history import RuleResult


def registration_result(nomination):
    """The eligibility box's line on registration, for a yearly title: registered, a warning where
    not (Law 06/2022 Art. 7: no longer a basis), a failed criterion only where the province's rule in
    force on 1/1 of the year says registration is required. None where it does not apply."""
    if nomination.route != "annual":
        return None
    registered = nominee_registered(nomination)
    if registered:
        return RuleResult(
            "registration", str(_("Đăng ký thi đua")), True, [str(_("Có trong đăng ký thi đua của đơn vị."))]
        )
    rule = registration_rule_on(date(nomination.year, 1, 1))
    message = (
        _("Đơn vị không gửi đăng ký thi đua năm %(year)s.")
        if registered is None
        else _("Không có tên trong đăng ký thi đua năm %(year)s của đơn vị.")
    ) % {"year": nomination.year}
    if rule is not None and rule.required:
        basis = f" ({rule.basis})" if rule.basis else ""
        return RuleResult(
            "registration",
            str(_("Đăng ký thi đua (bắt buộc theo quy định của tỉnh)")),
            False,
            [],
            message + basis,
        )
    return RuleResult(
        "registration",
        str(_("Đăng ký thi đua")),
        True,
        [],
        message
        + " "
        + str(_("Chỉ là cảnh báo: Luật Thi đua, khen thưởng 2022 không lấy đăng ký làm căn cứ xét.")),
        warning=True,
    )
