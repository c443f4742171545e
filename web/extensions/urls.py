from django.urls import path

from . import views

urlpatterns = [
    path("gia-han/", views.extension_list, name="extensions"),
]
