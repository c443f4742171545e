"""Pages over lists that can grow to a million rows: the count stops at a cap.

A COUNT over every visible nomination is the slowest part of a list page at national
scale; past CAP rows the exact number helps nobody (the user filters), so it is not taken.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

CAP = 10_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if hasattr(qs, "order_by"):
            return qs.order_by()[: self.cap].count()  # COUNT over at most cap rows
        return min(len(qs), self.cap)

    @property
    def capped(self) -> bool:
        return self.count >= self.cap


class CappedPageNumberPagination(PageNumberPagination):
    """The API's pages: the same cap on the count (``count`` in the response is at most CAP)."""

    django_paginator_class = CappedPaginator
