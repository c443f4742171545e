from django.urls import path

from . import views as public_views

app_name = "public"

urlpatterns = [
    path("khen-thuong/", public_views.published_awards, name="awards"),
    path("xac-thuc/", public_views.verify_decision, name="verify"),
    path("lay-y-kien/", public_views.disclosures, name="disclosures"),
    path("huy-chuong-tnxp/nop-ho-so/", public_views.application_apply, name="application_apply"),
    path("huy-chuong-tnxp/tra-cuu/", public_views.application_track, name="application_track"),
    path("huy-chuong-tnxp/bo-sung/", public_views.application_resubmit, name="application_resubmit"),
    path("huy-chuong-tnxp/niem-yet/", public_views.application_postings, name="application_postings"),
    path("dien-hinh-tien-tien/", public_views.examples, name="examples"),
]
