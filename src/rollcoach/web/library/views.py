from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rollcoach.content.loader import load_catalog


def home(request: HttpRequest) -> HttpResponse:
    catalog = load_catalog()
    return render(request, "library/home.html", {"core": catalog.core()})
