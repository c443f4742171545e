from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from web.accounts import LoginView

urlpatterns = [
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("web.urls")),
]

handler404 = "web.errors.page_not_found"
handler400 = "web.errors.bad_request"
