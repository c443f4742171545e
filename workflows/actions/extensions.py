"""Granting a late submission: the service records it, the unit's clerks are told."""

from django.db import transaction

from nominations import services

from .. import announce


def grant_extension(*, actor, ip=None, **fields):
    with transaction.atomic():
        extension = services.submission_extension_grant(actor=actor, ip=ip, **fields)
        announce.after_extension(extension=extension)
    return extension
