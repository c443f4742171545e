from django.urls import path

from . import batch_views, decision_views, extension_views, views

app_name = "nominations"

urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("tao-moi/", views.nomination_create, name="create"),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/sua/", views.nomination_edit, name="edit"),
    path("<int:pk>/thao-tac/<slug:action>/", views.nomination_action, name="action"),
    path("<int:pk>/tai-lieu/", views.document_upload, name="document_upload"),
    path("<int:pk>/tai-lieu/<int:document_pk>/tai-ve/", views.document_download, name="document_download"),
    path("<int:pk>/y-kien/", views.comment_add, name="comment_add"),
    path("<int:pk>/cong-khai/", views.disclosure_open, name="disclosure_open"),
    path("gia-han/", extension_views.extension_list, name="extensions"),
    path("quyet-dinh/", decision_views.decision_list, name="decisions"),
    path("quyet-dinh/lap/", decision_views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/xem-truoc.pdf", decision_views.decision_preview, name="decision_preview"),
    path("quyet-dinh/<int:pk>/ky/", decision_views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/tai-ve.pdf", decision_views.decision_pdf, name="decision_pdf"),
    path(
        "quyet-dinh/<int:pk>/bang-khen/<int:line_pk>.pdf",
        decision_views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("to-trinh/", batch_views.batch_list, name="batches"),
    path("to-trinh/<int:pk>/", batch_views.batch_detail, name="batch_detail"),
    path("to-trinh/<int:pk>/tai-len/", batch_views.batch_upload, name="batch_upload"),
    path("to-trinh/<int:pk>/nhap/", batch_views.batch_import, name="batch_import"),
    path("to-trinh/<int:pk>/mau.xlsx", batch_views.batch_template, name="batch_template"),
    path("to-trinh/<int:pk>/nop/", batch_views.batch_submit, name="batch_submit"),
]
