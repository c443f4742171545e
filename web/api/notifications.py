"""The caller's own notifications (what the bell in the menu lists)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from workflows import selectors
from workflows.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    nomination = serializers.IntegerField(source="nomination_id", read_only=True, allow_null=True)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "nomination", "created_at", "read_at", "unread"]

    def get_unread(self, obj) -> bool:
        return obj.read_at is None


@extend_schema(
    parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Chỉ những thông báo chưa đọc")]
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications, newest first (nobody else's: there is no one else's to ask for)."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        qs = selectors.notifications_for(user=self.request.user)
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.filter(read_at__isnull=True)
        return qs
