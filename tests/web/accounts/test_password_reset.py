from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/password_reset/"
NEW = "rolling-calmly-at-dawn-7"


def _link(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body)
    assert found, body
    return found.group(1)


def test_it_emails_a_link_that_sets_a_new_password(client: Client, owner: User) -> None:
    response = client.post(URL, {"email": "alice@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "rollcoach" in message.subject
    link = _link(message.body)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    saved = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert saved["Location"] == "/accounts/reset/done/"
    owner.refresh_from_db()
    assert owner.check_password(NEW)
    assert client.login(username="alice", password=NEW)


def test_it_does_not_reveal_unknown_addresses(client: Client, owner: User) -> None:
    response = client.post(URL, {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_link_works_once(client: Client, owner: User) -> None:
    client.post(URL, {"email": "alice@example.com"})
    link = _link(mail.outbox[0].body)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    again = Client().get(link, follow=True)
    assert "This link has expired" in again.content.decode()


def test_a_made_up_link_changes_nothing(client: Client, owner: User, password: str) -> None:
    response = client.get("/accounts/reset/MQ/abc-123/")
    assert "This link has expired" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(password)


def test_it_sends_one_inbox_only_a_few_links_an_hour(
    client: Client, owner: User, fresh_rate_limits: None
) -> None:
    for _ in range(3):
        assert client.post(URL, {"email": "alice@example.com"}).status_code == 302
    refused = client.post(URL, {"email": "Alice@Example.com "})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_it_limits_how_many_links_one_address_asks_for(
    client: Client, owner: User, fresh_rate_limits: None
) -> None:
    for n in range(10):
        client.post(URL, {"email": f"someone-{n}@example.com"})
    refused = client.post(URL, {"email": "alice@example.com"})
    assert refused.status_code == 429
    assert mail.outbox == []


def test_a_stranger_cannot_use_up_the_owners_links(
    client: Client, owner: User, fresh_rate_limits: None
) -> None:
    stranger = Client()
    for _ in range(3):
        asked = stranger.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR="203.0.113.9")
        assert asked.status_code == 302
    refused = stranger.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert len(mail.outbox) == 3

    mine = client.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR="198.51.100.4")
    assert mine.status_code == 302
    assert len(mail.outbox) == 4
    link = _link(mail.outbox[-1].body)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    saved = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert saved["Location"] == "/accounts/reset/done/"
    owner.refresh_from_db()
    assert owner.check_password(NEW)


def test_each_network_gets_only_a_few_links_for_one_inbox(
    client: Client, owner: User, fresh_rate_limits: None
) -> None:
    for n in range(4):
        for _ in range(3):
            address = f"192.0.2.{n}"
            assert (
                client.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR=address).status_code
                == 302
            )
        assert (
            client.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR=address).status_code == 429
        )
    assert len(mail.outbox) == 12
