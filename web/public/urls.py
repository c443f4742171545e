from django.urls import path

from . import views as public_views

app_name = "public"

urlpatterns = [
    path("khen-thuong/", public_views.published_awards, name="awards"),
    path("xac-thuc/", public_views.verify_decision, name="verify"),
    path("lay-y-kien/", public_views.disclosures, name="disclosures"),
    path("dien-hinh-tien-tien/", public_views.examples, name="examples"),
]
