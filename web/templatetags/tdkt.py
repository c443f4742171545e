from django import template

register = template.Library()


@register.filter
def vnd(value) -> str:
    """2340000 → "2.340.000 đ" (Vietnamese thousands separator)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:,}".replace(",", ".") + " đ"
