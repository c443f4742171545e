from django.urls import path

from . import batch_views, extension_views, views

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
    path("gia-han/", extension_views.extension_list, name="extensions"),
    path("to-trinh/", batch_views.batch_list, name="batches"),
    path("to-trinh/<int:pk>/", batch_views.batch_detail, name="batch_detail"),
    path("to-trinh/<int:pk>/tai-len/", batch_views.batch_upload, name="batch_upload"),
    path("to-trinh/<int:pk>/nhap/", batch_views.batch_import, name="batch_import"),
    path("to-trinh/<int:pk>/mau.xlsx", batch_views.batch_template, name="batch_template"),
    path("to-trinh/<int:pk>/nop/", batch_views.batch_submit, name="batch_submit"),
]
