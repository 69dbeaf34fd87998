from django.urls import path

from rollcoach.web.community import views

app_name = "community"

urlpatterns = [
    path("articles/", views.article_list, name="article-list"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/comments/", views.comment, name="comment"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.decide_comment, name="decide"),
]
