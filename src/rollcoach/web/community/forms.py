from __future__ import annotations

from django import forms

from rollcoach.web.community.models import BODY_MAX_LENGTH, Comment


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            f"Up to {BODY_MAX_LENGTH:,} characters, shown as plain text. "
            "A moderator reads every comment before it is published."
        ),
        error_messages={
            "required": "Write your comment before posting it.",
            "max_length": (
                f"Keep your comment to {BODY_MAX_LENGTH:,} characters or fewer "
                "(it has %(show_value)d)."
            ),
        },
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject"), ("spam", "Mark as spam")],
        error_messages={"required": "Choose what to do with the selected comments."},
    )
    comments = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.all(),
        error_messages={
            "required": "Select at least one comment first.",
            "invalid_choice": "One of the selected comments no longer exists; please try again.",
            "invalid_pk_value": "That is not a comment; please try again.",
        },
    )
    spam_only = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    # The comment is in the address; "Mark as spam" stays a bulk action.
    action = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose Approve or Reject for that comment."},
    )
    spam_only = forms.BooleanField(required=False)
