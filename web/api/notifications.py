"""The caller's own notifications (what the bell in the menu lists)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from workflows import selectors
from workflows.models import Notification

from .serializers import QueryBooleanField


class NotificationSerializer(serializers.ModelSerializer):
    nomination = serializers.IntegerField(source="nomination_id", read_only=True, allow_null=True)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "nomination", "created_at", "read_at", "unread"]

    def get_unread(self, obj) -> bool:
        return obj.read_at is None


class NotificationFilter(serializers.Serializer):
    unread = QueryBooleanField()


@extend_schema(
    parameters=[
        OpenApiParameter("unread", OpenApiTypes.BOOL, description="true: chỉ những thông báo chưa đọc")
    ]
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications, newest first (nobody else's: there is no one else's to ask for)."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        qs = selectors.notifications_for(user=self.request.user)
        if self.action == "list":
            params = NotificationFilter(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            if params.validated_data["unread"]:
                qs = qs.filter(read_at__isnull=True)
        return qs
