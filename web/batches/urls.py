from django.urls import path

from . import views

urlpatterns = [
    path("to-trinh/", views.batch_list, name="batches"),
    path("to-trinh/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("to-trinh/<int:pk>/tai-len/", views.batch_upload, name="batch_upload"),
    path("to-trinh/<int:pk>/nhap/", views.batch_import, name="batch_import"),
    path("to-trinh/<int:pk>/mau.xlsx", views.batch_template, name="batch_template"),
    path("to-trinh/<int:pk>/nop/", views.batch_submit, name="batch_submit"),
    path("to-trinh/<int:pk>/bo/<int:nomination_pk>/", views.batch_remove, name="batch_remove"),
    path("to-trinh/<int:pk>/phien-hop/", views.batch_meeting, name="batch_meeting"),
    path("to-trinh/<int:pk>/xep-loai/", views.batch_import_grades, name="batch_import_grades"),
    path("to-trinh/<int:pk>/mau-xep-loai.xlsx", views.batch_grades_template, name="batch_grades_template"),
]
