from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.application_list, name="list"),
    path("nhap-ho-so-giay/", views.application_enter, name="enter"),
    path("hop-xet/", views.application_review, name="review"),
    path("trinh-tinh/", views.application_send_up, name="send_up"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/tep/<int:file_pk>/", views.application_file, name="file"),
]
