from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nominations import views as nomination_views

urlpatterns = [
    path("", nomination_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ho-so/", include("nominations.urls")),
    path("thong-bao/", include("workflows.urls")),
    path("cong-viec/", include("workflows.queue_urls")),
    path("cong-khai/", include("nominations.public_urls")),
    path("api/", include("nominations.api.urls")),
    path("admin/", admin.site.urls),
]
