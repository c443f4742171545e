from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="list"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request"),
    path("cua-don-vi/", views.asked_of_me, name="mine"),
    path("dang-ky/", views.registration_list, name="registrations"),
    path("dang-ky/<int:pk>/duyet/", views.registration_answer, name="registration_answer"),
]
