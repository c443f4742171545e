"""The appraisal and the vote of a dossier, read once and shown the same way on every screen."""

from django import template

from nominations.review_record import edit_changes, latest_appraisal, latest_vote, rule_text

register = template.Library()


@register.simple_tag
def appraisal_of(nomination):
    return latest_appraisal(nomination)


@register.simple_tag
def vote_of(nomination):
    return latest_vote(nomination)


@register.inclusion_tag("includes/appraisal_flag.html")
def appraisal_flag(nomination):
    """A mark beside a dossier whose automatic check failed, with the appraiser's justification."""
    return {"appraisal": latest_appraisal(nomination)}


@register.inclusion_tag("includes/vote_text.html")
def vote_text(nomination):
    return {"vote": latest_vote(nomination)}


@register.simple_tag
def changes(event) -> list[dict]:
    """An edit's changed fields, old → new, with the fields' own labels."""
    return edit_changes(event)


@register.simple_tag
def threshold_rule(threshold) -> str:
    """The rule a threshold applies, in the same words as a recorded vote's."""
    return rule_text(threshold.percent, threshold.base, threshold.strict)
