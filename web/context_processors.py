from workflows.selectors import unread_notification_count


def roles(request):
    """The user's roles and unread notifications for the top bar, without a query per check."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset()}
    return {
        "user_roles": user.role_names,
        "unread_notifications": unread_notification_count(user=user),
    }
