from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rollcoach.content.articles import Article, find_article, load_articles
from rollcoach.web.community import moderation
from rollcoach.web.community.forms import CommentForm, ModerationForm
from rollcoach.web.community.models import Comment
from rollcoach.web.community.services import TooManyComments, post_comment

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
        saved = post_comment(request.user, article.slug, form.cleaned_data["body"])
    except TooManyComments:
        form.add_error(None, RATE_LIMITED)
        return _render_article(request, article, form, status=429)
    messages.success(
        request, "Thank you. Your comment is awaiting approval; only you can see it until then."
    )
    return redirect(f"{article.url}#comment-{saved.pk}")


@require_http_methods(["GET", "POST"])
def moderation_queue(request: HttpRequest) -> HttpResponse:
    # Not found rather than forbidden: the queue's existence is nobody else's business.
    if not (request.user.is_active and request.user.is_staff):
        raise Http404("No such page")
    assert isinstance(request.user, User)

    spam_only = request.GET.get("spam") == "1"
    form = ModerationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            chosen = [c.pk for c in form.cleaned_data["comments"]]
            changed = moderation.decide(chosen, form.cleaned_data["action"], request.user)
            messages.success(request, _decided(changed, form.cleaned_data["action"]))
            target = resolve_url("community:moderation")
            return redirect(f"{target}?spam=1" if form.cleaned_data["spam_only"] else target)
        spam_only = request.POST.get("spam_only") == "1"

    queue = moderation.queue(spam_only)
    titles = {article.slug: article.title for article in load_articles()}
    rows = [(c, titles.get(c.article, c.article)) for c in queue.comments]
    ctx = {"queue": queue, "rows": rows, "spam_only": spam_only, "form": form}
    return render(
        request, "community/moderation_queue.html", ctx, status=400 if form.errors else 200
    )


def _decided(changed: int, action: str) -> str:
    done = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}[action]
    noun = "comment" if changed == 1 else "comments"
    text = f"{changed} {noun} {done}."
    if changed == 0:
        text += " They had already been moderated by someone else."
    return text
