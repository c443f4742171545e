"""What the models with a protected django-fsm status share."""

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMFieldMixin


class ProtectedStatusModel(ConcurrentTransitionMixin, models.Model):
    """A protected FSM status with the optimistic check on save, and a thread-safe re-read.

    django-fsm's ``FSMModelMixin.refresh_from_db`` switches the *shared* field's
    ``protected`` flag off and on around the read, so under a threaded server
    another request can find it on again halfway and fail with "Direct status
    modification is not allowed". The descriptor only refuses a write when the
    value is already on the instance, so dropping this instance's value first
    lets the read set it, and the flag is never touched.
    """

    class Meta:
        abstract = True

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        for field in self._meta.concrete_fields:
            wanted = fields is None or field.name in fields or field.attname in fields
            if isinstance(field, FSMFieldMixin) and field.protected and wanted:
                self.__dict__.pop(field.attname, None)
        models.Model.refresh_from_db(self, using=using, fields=fields, from_queryset=from_queryset)
        self._update_initial_state()
