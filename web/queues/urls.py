from django.urls import path

from ..decisions.views import decision_draft
from . import meeting, views

app_name = "queues"

urlpatterns = [
    path("viec-cua-toi/", views.my_work, name="my_work"),
    path("viec-cua-toi/xu-ly-nhieu/", views.bulk_action, name="bulk"),
    path("nhiem-vu/<int:task_id>/nhan/", views.task_claim, name="claim"),
    path("nhiem-vu/<int:task_id>/tra-hang-cho/", views.task_release, name="release"),
    path("ho-so-don-vi/", views.unit_dossiers, name="unit"),
    path("cho-ky/", views.signature_queue, name="signature"),
    path("cho-ky/du-thao-quyet-dinh/", decision_draft, name="decision_draft"),
    path("giam-sat/", views.oversight_board, name="oversight"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("phien-hop-hoi-dong/", meeting.council_meeting, name="meeting"),
    path("phien-hop-cum-khoi/", meeting.cluster_meeting, name="cluster_meeting"),
]
