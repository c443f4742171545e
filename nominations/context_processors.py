from .models import Role


def roles(request):
    """Expose the user's roles to templates without a query per check."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset()}
    return {"user_roles": user.role_names, "ROLE": {r.name: r.value for r in Role}}
