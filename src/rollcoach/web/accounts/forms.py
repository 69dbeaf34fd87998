from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from rollcoach.web.accounts import limits


class SignupForm(UserCreationForm[User]):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Only used to reset your password if you forget it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "Letters, digits and @ . + - _ only, up to 150."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = "Type the same password again, to be sure."

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip())
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                "An account with this email already exists. Log in, or reset its password.",
                code="duplicate_email",
            )
        return email


class LoginForm(AuthenticationForm):
    """Django's login form, refusing to check any password once too many have failed."""

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        if self.request is None:
            return super().clean()
        if limits.login_blocked(self.request, username):
            raise ValidationError(limits.TOO_MANY, code="too_many_attempts")
        try:
            return super().clean()
        except ValidationError:
            limits.record_login_failure(self.request, username)
            raise


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="Type your password to confirm that you want everything deleted.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise ValidationError(
                "That password is not right, so nothing was deleted. Please try again.",
                code="wrong_password",
            )
        return password
