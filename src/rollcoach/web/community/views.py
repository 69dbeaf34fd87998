from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rollcoach.content.articles import Article, find_article, load_articles
from rollcoach.web.community import moderation
from rollcoach.web.community.forms import CommentForm, DecisionForm, ModerationForm
from rollcoach.web.community.models import COMMENTS, Comment
from rollcoach.web.community.services import TooManyComments, post_comment
from rollcoach.web.pagecache import for_visitors

RATE_LIMITED = (
    "You have posted several comments in the last few minutes. "
    "Please wait ten minutes and try again; your text is kept below."
)


def _article_or_404(slug: str) -> Article:
    article = find_article(slug)
    if article is None:
        raise Http404("No such article")
    return article


def _render_article(
    request: HttpRequest, article: Article, form: CommentForm, status: int = 200
) -> HttpResponse:
    login = resolve_url(settings.LOGIN_URL)
    ctx = {
        "article": article,
        "comments": Comment.objects.visible_to(request.user, article.slug),
        "published_count": Comment.objects.on_article(article.slug).published().count(),
        "form": form,
        "login_url": f"{login}?{urlencode({'next': article.url + '#comments'})}",
    }
    return render(request, "community/article_detail.html", ctx, status=status)


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Comment.objects.published()
        .values_list("article")
        .annotate(n=Count("id"))
        .values_list("article", "n")
    )
    articles = [(article, counts.get(article.slug, 0)) for article in load_articles()]
    return render(request, "community/article_list.html", {"articles": articles})


@require_GET
@for_visitors(topic=COMMENTS)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_article(request, _article_or_404(slug), CommentForm())


@require_POST
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article_or_404(slug)
    if not request.user.is_authenticated:
        login = resolve_url(settings.LOGIN_URL)
        return redirect(f"{login}?{urlencode({'next': article.url + '#comments'})}")
    assert isinstance(request.user, User)

    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_article(request, article, form, status=400)
    try:
        saved = post_comment(
            author=request.user, article=article.slug, body=form.cleaned_data["body"]
        )
    except TooManyComments:
        form.add_error(None, RATE_LIMITED)
        return _render_article(request, article, form, status=429)
    messages.success(
        request, "Thank you. Your comment is awaiting approval; only you can see it until then."
    )
    return redirect(f"{article.url}#comment-{saved.pk}")


def _staff_only(request: HttpRequest) -> User:
    # Not found rather than forbidden: the queue's existence is nobody else's business.
    if not (request.user.is_active and request.user.is_staff):
        raise Http404("No such page")
    assert isinstance(request.user, User)
    return request.user


def _queue_url(spam_only: bool) -> str:
    target = resolve_url("community:moderation")
    return f"{target}?spam=1" if spam_only else target


def _render_queue(
    request: HttpRequest, spam_only: bool, problems: list[str], status: int = 200
) -> HttpResponse:
    queue = moderation.queue(spam_only)
    titles = {article.slug: article.title for article in load_articles()}
    rows = [
        (c, titles.get(c.article, c.article), moderation.why_flagged(c)) for c in queue.comments
    ]
    ctx = {"queue": queue, "rows": rows, "spam_only": spam_only, "problems": problems}
    return render(request, "community/moderation_queue.html", ctx, status=status)


def _problems(form: forms.Form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


@require_http_methods(["GET", "POST"])
def moderation_queue(request: HttpRequest) -> HttpResponse:
    moderator = _staff_only(request)
    if request.method == "GET":
        return _render_queue(request, request.GET.get("spam") == "1", [])
    form = ModerationForm(request.POST)
    if not form.is_valid():
        spam_only = request.POST.get("spam_only") == "1"
        return _render_queue(request, spam_only, _problems(form), status=400)
    action = form.cleaned_data["action"]
    chosen = [c.pk for c in form.cleaned_data["comments"]]
    changed = moderation.decide(ids=chosen, action=action, moderator=moderator)
    messages.success(request, _decided(changed, action))
    return redirect(_queue_url(form.cleaned_data["spam_only"]))


@require_POST
def decide_comment(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _staff_only(request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        spam_only = request.POST.get("spam_only") == "1"
        return _render_queue(request, spam_only, _problems(form), status=400)
    action = form.cleaned_data["action"]
    comment = Comment.objects.select_related("author").filter(pk=pk).first()
    if comment is None:
        messages.warning(request, "That comment no longer exists; nothing changed.")
    elif moderation.decide(ids=[pk], action=action, moderator=moderator):
        done = "Approved and published" if action == "approve" else "Rejected"
        messages.success(request, f"{done} the comment by {comment.author_name}.")
    else:
        messages.warning(
            request,
            f"The comment by {comment.author_name} had already been moderated by someone "
            "else; nothing changed.",
        )
    return redirect(_queue_url(form.cleaned_data["spam_only"]))


def _decided(changed: int, action: str) -> str:
    done = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}[action]
    noun = "comment" if changed == 1 else "comments"
    text = f"{changed} {noun} {done}."
    if changed == 0:
        text += " They had already been moderated by someone else."
    return text
