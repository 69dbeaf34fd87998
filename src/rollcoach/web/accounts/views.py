from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rollcoach.web.accounts import limits
from rollcoach.web.accounts.deletion import delete_account
from rollcoach.web.accounts.export import export_user_data
from rollcoach.web.accounts.forms import (
    TOO_MANY_CODE,
    AdminLimitedPasswordChangeForm,
    DeleteAccountForm,
    LimitedPasswordChangeForm,
    LoginForm,
    SignupForm,
)
from rollcoach.web.accounts.summary import account_summary
from rollcoach.web.signed_in import SignedInRequest

ONBOARDING_URL = "/start/"


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    if request.method == "POST":
        if not limits.signup_allowed(request):
            form = SignupForm(initial={k: request.POST.get(k, "") for k in ("username", "email")})
            context = {"form": form, "too_many": limits.TOO_MANY}
            return render(request, "accounts/signup.html", context, status=429)
        form = SignupForm(request.POST)
        if form.is_valid():
            auth_login(request, form.save())
            return redirect(ONBOARDING_URL)
    else:
        form = SignupForm()
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, TOO_MANY_CODE):
            response.status_code = 429
        return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page, through the site's limiter (its form is AdminLoginForm, set
    in apps.py); refused attempts answer 429 as the site's login does."""
    response = admin.site.login(request)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.has_error(NON_FIELD_ERRORS, TOO_MANY_CODE):
        response.status_code = 429
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, where the old password is checked only a few times."""

    form_class = LimitedPasswordChangeForm
    template_name = "accounts/password_change_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error("old_password", TOO_MANY_CODE):
            response.status_code = 429
        return response


class AdminPasswordChangeView(PasswordChangeView):
    form_class = AdminLimitedPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("admin:password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


def admin_password_change(request: HttpRequest) -> HttpResponseBase:
    """The admin's password change (staff only), limited as the site's is."""
    request.current_app = admin.site.name
    return admin.site.admin_view(AdminPasswordChangeView.as_view())(request)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not limits.reset_allowed(self.request, form.cleaned_data["email"]):
            context = self.get_context_data(form=form, too_many=limits.TOO_MANY)
            return self.render_to_response(context, status=429)
        return super().form_valid(form)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.info(request, "You are logged out. See you next time.")
    return redirect("home")


@login_required
@require_GET
def account(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/account.html", account_summary(request.user))


@login_required
@require_GET
def export(request: SignedInRequest) -> HttpResponse:
    data = export_user_data(request.user)
    body = json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"rollcoach-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Health data must not linger in shared caches or the browser's cache.
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = DeleteAccountForm(user, request.POST, request=request)
        if form.is_valid():
            delete_account(user)
            auth_logout(request)
            messages.success(request, "Your account and everything in it are deleted. Take care.")
            return redirect("home")
        if form.has_error("password", TOO_MANY_CODE):
            context = {"form": form, **account_summary(user)}
            return render(request, "accounts/delete.html", context, status=429)
    else:
        form = DeleteAccountForm(user)
    return render(request, "accounts/delete.html", {"form": form, **account_summary(user)})
