"""What the models with a protected django-fsm status share."""

from django.db import models
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMFieldMixin, transition


def table_transition(lifecycle, field, action: str, *, permission=None):
    """A django-fsm transition with exactly the edges ``lifecycle`` (``policy.lifecycle.Lifecycle``)
    gives ``action``, one per source; where a source has several targets the method returns one,
    and django-fsm refuses any other. Every model with a lifecycle table declares its transitions so."""

    def decorate(method):
        for source in lifecycle.sources(action):
            targets = lifecycle.targets(action, source=source)
            target = targets[0] if len(targets) == 1 else RETURN_VALUE(*targets)
            method = transition(field=field, source=source, target=target, permission=permission)(method)
        return method

    return decorate


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
