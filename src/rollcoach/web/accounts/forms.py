from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from rollcoach.web.accounts import limits, usernames

TOO_MANY_CODE = "too_many_attempts"


class SignupForm(UserCreationForm[User]):
    """Sign-up answers the same whether or not an email address has an account already: the
    address only receives password links, and a link is sent for each account that has it."""

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

    def clean_username(self) -> str:
        # The field has already put the name in NFKC form, as it is stored.
        username = usernames.normal(str(self.cleaned_data.get("username") or ""))
        if usernames.is_reserved(username):
            raise ValidationError(usernames.RESERVED_MESSAGE, code="reserved_username")
        if usernames.is_taken(username):
            raise ValidationError(usernames.TAKEN, code="username_taken")
        return username

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"].strip())


class LimitedLogin(AuthenticationForm):
    """Refuses to check any password once too many have failed, on the site and in the admin."""

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        if self.request is None:
            return super().clean()
        if limits.login_blocked(self.request, username):
            raise ValidationError(limits.TOO_MANY, code=TOO_MANY_CODE)
        try:
            return super().clean()
        except ValidationError:
            limits.record_login_failure(self.request, username)
            raise


class LoginForm(LimitedLogin):
    """Django's login form, limited."""


class AdminLoginForm(LimitedLogin, AdminAuthenticationForm):
    """The admin's login form (staff only), limited as the site's login is."""


def _confirm(
    request: HttpRequest | None, user: User, password: str, wrong: ValidationError
) -> None:
    """Checks a signed-in person's password, unless too many checks have failed lately."""
    if request is not None and limits.confirm_blocked(request, user):
        raise ValidationError(limits.TOO_MANY, code=TOO_MANY_CODE)
    if not user.check_password(password):
        if request is not None:
            limits.record_confirm_failure(request, user)
        raise wrong


class LimitedPasswordChangeForm(PasswordChangeForm):
    """Django's password change form; the old password is checked only a few times."""

    def __init__(
        self, user: User, *args: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = str(self.cleaned_data["old_password"])
        wrong = ValidationError(
            self.error_messages["password_incorrect"], code="password_incorrect"
        )
        assert isinstance(self.user, User)
        _confirm(self.request, self.user, old_password, wrong)
        return old_password


class AdminLimitedPasswordChangeForm(LimitedPasswordChangeForm):
    required_css_class = "required"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="Type your password to confirm that you want everything deleted.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(
        self, user: User, *args: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        wrong = ValidationError(
            "That password is not right, so nothing was deleted. Please try again.",
            code="wrong_password",
        )
        _confirm(self.request, self.user, password, wrong)
        return password
