"""Signals the domain sends; the layers above listen (the domain imports none of them)."""

from django.dispatch import Signal

# Sent, inside the moving transaction, when a merger or a split has moved open nominations to
# another unit: ``nomination_ids`` (a list). Copies of the unit kept beside the nominations (the
# open deadlines' ``unit``) follow it.
nominations_moved = Signal()
