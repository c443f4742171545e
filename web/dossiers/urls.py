from django.urls import path

from . import declared, views

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
    path("<int:pk>/ke-khai-lich-su/", declared.declare, name="history_declare"),
    path("<int:pk>/ke-khai-lich-su/<int:declared_pk>/xac-nhan/", declared.confirm, name="history_confirm"),
    path(
        "<int:pk>/ke-khai-lich-su/<int:declared_pk>/khong-xac-nhan/", declared.reject, name="history_reject"
    ),
    path(
        "<int:pk>/ke-khai-lich-su/<int:declared_pk>/minh-chung/", declared.evidence, name="history_evidence"
    ),
]
