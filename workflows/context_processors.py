from .models import Notification


def notifications(request):
    """The unread count in the top bar: one indexed COUNT per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
