"""Special:UserLogin, UserLogout, CreateAccount, UserRights, BotPasswords, Preferences:
forms, tokens, the session shared with api.php, and the database after each."""

from __future__ import annotations

import json
from typing import Any

import pytest
from web_helpers import (
    INDEX,
    browser,
    content,
    form_fields,
    heading,
    hidden_value,
    logged_in_browser,
    web_login,
)

from rollwiki.services import timestamps
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq

API = "/w/api.php"


def whoami(client: Any) -> str:
    data = client.get(API, params={"action": "query", "meta": "userinfo", "format": "json"})
    return str(data.json()["query"]["userinfo"]["name"])


def test_web_login_is_an_api_login_and_back(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    client = browser(wiki)
    response = web_login(client, "Editor")
    assert response.headers["location"] == "/wiki/Main_Page"
    cookie = response.headers["set-cookie"]
    assert "testwiki_session=" in cookie and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert whoami(client) == "Editor"
    # ...and a session made by api.php is a login on index.php.
    api_client = browser(wiki)
    token = api_client.get(
        API, params={"action": "query", "meta": "tokens", "type": "login", "format": "json"}
    ).json()["query"]["tokens"]["logintoken"]
    api_client.post(
        API,
        data={
            "action": "clientlogin",
            "username": "Editor",
            "password": "EditorPass-1234",
            "logintoken": token,
            "loginreturnurl": "http://x/",
            "format": "json",
        },
    )
    page = api_client.get(INDEX, params={"title": "Main Page"}).text
    assert '"wgUserName":"Editor"' in page


def test_login_returns_to_the_page_asked_for(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    client = browser(wiki)
    form = client.get(INDEX, params={"title": "Special:UserLogin", "returnto": "Some page"}).text
    fields = {
        "wpName": "Editor",
        "wpPassword": "EditorPass-1234",
        "wpLoginToken": hidden_value(form, "wpLoginToken"),
        "returnto": hidden_value(form, "returnto"),
    }
    response = client.post(INDEX + "?title=Special:UserLogin", data=fields, follow_redirects=False)
    assert response.headers["location"] == "/wiki/Some_page"


@pytest.mark.parametrize(
    ("name", "password", "text"),
    [
        ("Editor", "wrong-password", "Incorrect username or password entered."),
        ("Nobody", "whatever-1234", "Incorrect username or password entered."),
        # A bot-password name is not a main account (observed on 1.39: wrongpassword).
        ("Editor@bot", "b" * 32, "Incorrect username or password entered."),
    ],
)
def test_login_failures(
    wiki: Wiki, make_user: Any, make_bot_password: Any, name: str, password: str, text: str
) -> None:
    uid = make_user("Editor")
    make_bot_password(uid, "bot", ["basic"], password="b" * 32)
    client = browser(wiki)
    form = client.get(INDEX, params={"title": "Special:UserLogin"}).text
    response = client.post(
        INDEX + "?title=Special:UserLogin",
        data={
            "wpName": name,
            "wpPassword": password,
            "wpLoginToken": hidden_value(form, "wpLoginToken"),
        },
    )
    assert response.status_code == 200
    assert text in content(response.text)
    assert whoami(client) != "Editor"


def test_login_without_token_is_refused(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    client = browser(wiki)
    response = client.post(
        INDEX + "?title=Special:UserLogin",
        data={"wpName": "Editor", "wpPassword": "EditorPass-1234"},
    )
    assert "problem with your login session" in content(response.text)
    assert whoami(client) != "Editor"


def test_logout_needs_a_post_with_token(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    client = logged_in_browser(wiki, "Editor")
    form = client.get(INDEX, params={"title": "Special:UserLogout"}).text
    assert "Do you want to log out?" in content(form)
    assert whoami(client) == "Editor"
    client.post(INDEX + "?title=Special:UserLogout", data={"wpEditToken": "bad"})
    assert whoami(client) == "Editor"
    response = client.post(
        INDEX + "?title=Special:UserLogout", data=form_fields(form, "mw-userlogout")
    )
    assert "You are now logged out." in content(response.text)
    assert whoami(client) != "Editor"


def test_create_account_logs_the_new_user_in(wiki: Wiki) -> None:
    client = browser(wiki)
    form = client.get(INDEX, params={"title": "Special:CreateAccount"}).text
    fields = form_fields(form, "userlogin2")
    fields.update(
        {"wpName": "Newbie", "wpPassword": "Newbie-Pass-1234", "retype": "Newbie-Pass-1234"}
    )
    response = client.post(
        INDEX + "?title=Special:CreateAccount", data=fields, follow_redirects=False
    )
    assert response.status_code == 302
    assert whoami(client) == "Newbie"
    assert wiki.db.read(lambda c: uq.user_by_name(c, "Newbie")) is not None


def test_create_account_errors(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    client = browser(wiki)
    form = client.get(INDEX, params={"title": "Special:CreateAccount"}).text
    fields = form_fields(form, "userlogin2")
    fields.update({"wpName": "Editor", "wpPassword": "x-Pass-1234", "retype": "x-Pass-1234"})
    response = client.post(INDEX + "?title=Special:CreateAccount", data=fields)
    assert "Username entered already in use." in content(response.text)


def test_userrights_grants_rollbacker_with_expiry(wiki: Wiki, make_user: Any) -> None:
    make_user("Bureaucrat", ["bureaucrat"])
    vandal = make_user("Helper")
    client = logged_in_browser(wiki, "Bureaucrat")
    form = client.get(INDEX, params={"title": "Special:UserRights/Helper"}).text
    fields = form_fields(form, "mw-userrights-form2")
    fields.update({"wpGroup-rollbacker": "1", "wpExpiry-rollbacker": "1 week"})
    response = client.post(INDEX + "?title=Special:UserRights/Helper", data=fields)
    assert "The user groups of Helper have been saved." in content(response.text)
    groups = dict(wiki.db.read(lambda c: uq.groups_of(c, vandal, timestamps.mw_now())))
    assert "rollbacker" in groups and groups["rollbacker"] is not None
    # Removing it again.
    form = client.get(INDEX, params={"title": "Special:UserRights/Helper"}).text
    fields = form_fields(form, "mw-userrights-form2")
    fields.pop("wpGroup-rollbacker")
    client.post(INDEX + "?title=Special:UserRights/Helper", data=fields)
    groups = dict(wiki.db.read(lambda c: uq.groups_of(c, vandal, timestamps.mw_now())))
    assert "rollbacker" not in groups


def test_userrights_token_is_bound_to_the_target(wiki: Wiki, make_user: Any) -> None:
    make_user("Bureaucrat", ["bureaucrat"])
    make_user("One")
    two = make_user("Two")
    client = logged_in_browser(wiki, "Bureaucrat")
    fields = form_fields(
        client.get(INDEX, params={"title": "Special:UserRights/One"}).text, "mw-userrights-form2"
    )
    fields.update({"wpGroup-sysop": "1", "user": "Two"})
    client.post(INDEX + "?title=Special:UserRights/Two", data=fields)
    assert wiki.db.read(lambda c: uq.groups_of(c, two, timestamps.mw_now())) == []


def test_userrights_without_the_right_is_read_only(wiki: Wiki, make_user: Any) -> None:
    make_user("Editor")
    target = make_user("Other")
    client = logged_in_browser(wiki, "Editor")
    page = client.get(INDEX, params={"title": "Special:UserRights/Other"}).text
    assert 'name="wpEditToken"' not in page
    client.post(
        INDEX + "?title=Special:UserRights/Other", data={"wpGroup-sysop": "1", "wpEditToken": "+\\"}
    )
    assert wiki.db.read(lambda c: uq.groups_of(c, target, timestamps.mw_now())) == []


def test_bot_passwords_create_update_delete(wiki: Wiki, make_user: Any) -> None:
    uid = make_user("Owner")
    client = logged_in_browser(wiki, "Owner")
    form = client.get(INDEX, params={"title": "Special:BotPasswords/mybot"}).text
    fields = form_fields(form, "mw-botpasswords-form")
    fields.update(
        {"wpGrant-basic": "1", "wpGrant-rollback": "1", "wpGrant-editpage": "1", "wpSave": "1"}
    )
    response = client.post(INDEX + "?title=Special:BotPasswords/mybot", data=fields)
    assert heading(response.text) == "Bot password created"
    text = content(response.text)
    assert "The new password to log in with Owner@mybot is" in text
    password = text.split("Owner@mybot is ")[1].split(" ")[0].rstrip(".")
    assert len(password) == 32
    row = wiki.db.read(lambda c: uq.bot_password(c, uid, "mybot"))
    assert json.loads(row["bp_grants"]) == ["basic", "editpage", "rollback"]
    # The password logs in through the API.
    api = browser(wiki)
    token = api.get(
        API, params={"action": "query", "meta": "tokens", "type": "login", "format": "json"}
    ).json()["query"]["tokens"]["logintoken"]
    login = api.post(
        API,
        data={
            "action": "login",
            "lgname": "Owner@mybot",
            "lgpassword": password,
            "lgtoken": token,
            "format": "json",
        },
    )
    assert login.json()["login"]["result"] == "Success"
    # Shown once: the edit form does not show it again.
    form = client.get(INDEX, params={"title": "Special:BotPasswords/mybot"}).text
    assert password not in form
    fields = form_fields(form, "mw-botpasswords-form")
    fields.pop("wpGrant-rollback")
    fields["wpSave"] = "1"
    response = client.post(INDEX + "?title=Special:BotPasswords/mybot", data=fields)
    assert heading(response.text) == "Bot password updated"
    row = wiki.db.read(lambda c: uq.bot_password(c, uid, "mybot"))
    assert json.loads(row["bp_grants"]) == ["basic", "editpage"]
    # Updating ended the session that used the old grants.
    check = api.get(API, params={"action": "query", "meta": "userinfo", "format": "json"})
    assert check.json()["query"]["userinfo"].get("anon") is not None
    listing = client.get(INDEX, params={"title": "Special:BotPasswords"}).text
    assert "mybot" in content(listing)
    fields = form_fields(
        client.get(INDEX, params={"title": "Special:BotPasswords/mybot"}).text,
        "mw-botpasswords-form",
    )
    fields["wpDelete"] = "1"
    response = client.post(INDEX + "?title=Special:BotPasswords/mybot", data=fields)
    assert heading(response.text) == "Bot password deleted"
    assert wiki.db.read(lambda c: uq.bot_password(c, uid, "mybot")) is None


def test_bot_passwords_need_login_and_token(wiki: Wiki, make_user: Any) -> None:
    uid = make_user("Owner")
    page = browser(wiki).get(INDEX, params={"title": "Special:BotPasswords"}).text
    assert "Bot passwords" in heading(page)
    client = logged_in_browser(wiki, "Owner")
    client.post(
        INDEX + "?title=Special:BotPasswords/evil",
        data={"wpSave": "1", "wpGrant-basic": "1", "wpEditToken": "+\\"},
    )
    assert wiki.db.read(lambda c: uq.bot_password(c, uid, "evil")) is None


def test_preferences_save_rollback_options_and_language(wiki: Wiki, make_user: Any) -> None:
    uid = make_user("Editor")
    client = logged_in_browser(wiki, "Editor")
    form = client.get(INDEX, params={"title": "Special:Preferences"}).text
    page = content(form)
    for label in (
        "Show a confirmation prompt when clicking on a rollback link",
        "Don't show diff after performing a rollback",
        "Add pages where I have performed a rollback to my watchlist",
    ):
        assert label in page
    fields = form_fields(form, "mw-prefs-form")
    fields.update({"wpshowrollbackconfirmation": "1", "wpwatchrollback": "1", "wplanguage": "uk"})
    response = client.post(INDEX + "?title=Special:Preferences", data=fields)
    assert heading(response.text) == "Налаштування"
    options = wiki.db.read(lambda c: uq.options_of(c, uid))
    assert options["showrollbackconfirmation"] == "1"
    assert options["watchrollback"] == "1"
    assert options["language"] == "uk"
    # The option is the API's too.
    data = client.get(
        API, params={"action": "query", "meta": "userinfo", "uiprop": "options", "format": "json"}
    ).json()
    assert data["query"]["userinfo"]["options"]["showrollbackconfirmation"] in (1, "1")


def test_preferences_refuse_a_bad_token(wiki: Wiki, make_user: Any) -> None:
    uid = make_user("Editor")
    client = logged_in_browser(wiki, "Editor")
    client.post(
        INDEX + "?title=Special:Preferences",
        data={"wpshowrollbackconfirmation": "1", "wpEditToken": "bad"},
    )
    assert "showrollbackconfirmation" not in wiki.db.read(lambda c: uq.options_of(c, uid))
