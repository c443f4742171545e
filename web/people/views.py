"""People and collectives: search by name (without accents) or identity number, and the profile."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nominations import people


@login_required
def people_search(request):
    q = (request.GET.get("q") or "").strip()[:100]
    results = people.people_search(user=request.user, q=q) if q else []
    if not q and not people.may_look_up(request.user):
        people.people_search(user=request.user, q="x")  # the same 404 as a search
    return render(request, "people/search.html", {"q": q, "results": results})


@login_required
def person_profile(request, profile_id):
    profile = people.person_profile(user=request.user, profile_id=profile_id)
    return render(request, "people/profile.html", {"profile": profile})
