from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_search, name="search"),
    path("<str:profile_id>/", views.person_profile, name="profile"),
]
