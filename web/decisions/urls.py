from django.urls import path

from . import views

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/lap/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/xem-truoc.pdf", views.decision_preview, name="decision_preview"),
    path("quyet-dinh/<int:pk>/sua-du-thao/", views.decision_edit, name="decision_edit"),
    path(
        "quyet-dinh/<int:pk>/bo-dong/<int:line_pk>/", views.decision_remove_line, name="decision_remove_line"
    ),
    path("quyet-dinh/<int:pk>/huy-du-thao/", views.decision_discard, name="decision_discard"),
    path("quyet-dinh/<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/phat-hanh/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:pk>/thu-hoi/", views.decision_recall, name="decision_recall"),
    path("van-thu/cho-phat-hanh/", views.issuance_queue, name="issuance_queue"),
    path("van-thu/so-van-ban/", views.issued_register, name="issued_register"),
    path("quyet-dinh/<int:pk>/ket-qua/", views.proposal_result, name="proposal_result"),
    path("quyet-dinh/<int:pk>/tai-ve.pdf", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/bang-khen/<int:line_pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("quyet-dinh/<int:pk>/in-tat-ca.pdf", views.certificates_pdf, name="certificates_pdf"),
]
