from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("bieu/<str:code>/", views.form_detail, name="form"),
    path("so-lieu-to-chuc-cong-chuc/", views.workforce, name="workforce"),
    path("bao-cao-tong-ket.docx", views.narrative_docx, name="docx"),
    path("xuat/", views.export_create, name="export_create"),
    path("xuat/<int:pk>/", views.export_status, name="export"),
    path("xuat/<int:pk>/tep/", views.export_file, name="export_file"),
]
