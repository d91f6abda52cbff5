"""action=options: validation warnings as 1.39 gives them, storage, reset, errors."""

from __future__ import annotations

from typing import Any

import pytest
from accounts_helpers import logged_in, new_client, post, token

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


@pytest.fixture
def editor(wiki: Wiki, make_user: Any) -> tuple[int, Any]:
    user_id: int = make_user("Editor")
    return user_id, logged_in(wiki, "Editor")


def options(client: Any, **params: Any) -> Any:
    return post(client, action="options", token=token(client), **params)


def stored(wiki: Wiki, user_id: int) -> dict[str, str | None]:
    return wiki.db.read(lambda c: uq.options_of(c, user_id))


def test_changes_are_validated_and_stored(wiki: Wiki, editor: tuple[int, Any]) -> None:
    user_id, client = editor
    change = (
        "watchrollback=1|nosuchopt=3|language=xx|rclimit=abc|userjs-foo=bar|userjs-b@d=1|"
        "realname=Bob|watchdefault=foo|date=bad|wllimit=100000|skin=nope|rcdays=0.01"
    )
    body = options(client, change=change).json()
    # The warning text as observed on the 1.39 oracle for the same input.
    assert body == {
        "warnings": {
            "options": {
                "*": 'Validation error for "nosuchopt": not a valid preference.\n'
                'Validation error for "language": The value you specified is not a valid '
                "option.\n"
                'Validation error for "rclimit": The value you specified is not a number.\n'
                'Validation error for "userjs-b@d": invalid characters in key (only "a-z", '
                '"A-Z", "0-9", "_", and "-" are allowed).\n'
                'Validation error for "realname": cannot be set by this module.\n'
                'Validation error for "date": The value you specified is not a valid option.\n'
                'Validation error for "wllimit": The value you specified is above the maximum '
                "of 1000.\n"
                'Validation error for "skin": The value you specified is not a valid option.\n'
                'Validation error for "rcdays": The value you specified is below the minimum '
                "of 0.041666666666667."
            }
        },
        "options": "success",
    }
    assert stored(wiki, user_id) == {
        "watchrollback": "1",
        "userjs-foo": "bar",
        "watchdefault": "foo",
    }


def test_options_reach_the_performer(wiki: Wiki, editor: tuple[int, Any]) -> None:
    from rollwiki.services.performer import load_performer
    from rollwiki.services.sessions import Session

    user_id, client = editor
    options(client, change="watchrollback=1|language=uk")

    def performer(conn: Any) -> Any:
        return load_performer(
            conn,
            Session(user_id=user_id),
            "127.0.0.1",
            wiki.permissions,
            wiki.config.default_user_options,
        )

    loaded = wiki.db.read(performer)
    assert loaded.option("watchrollback") == 1
    assert loaded.option("language") == "uk"
    assert loaded.option("watchdefault") == 1


def test_default_values_are_not_stored(wiki: Wiki, editor: tuple[int, Any]) -> None:
    user_id, client = editor
    options(client, change="watchrollback=1")
    options(client, optionname="watchrollback", optionvalue="0")
    assert stored(wiki, user_id) == {}


def test_optionname_without_value_resets_the_option(wiki: Wiki, editor: tuple[int, Any]) -> None:
    user_id, client = editor
    options(client, change="watchrollback=1|hideminor=1")
    assert options(client, optionname="watchrollback", formatversion="2").json() == {
        "options": "success"
    }
    assert stored(wiki, user_id) == {"hideminor": "1"}


@pytest.mark.parametrize(
    ("kinds", "left"),
    [("all", {}), ("userjs", {"hideminor": "1"}), ("registered", {"userjs-x": "y"})],
)
def test_reset_by_kind(
    wiki: Wiki, editor: tuple[int, Any], kinds: str, left: dict[str, str]
) -> None:
    user_id, client = editor
    options(client, change="hideminor=1|userjs-x=y")
    assert options(client, reset="1", resetkinds=kinds).json() == {"options": "success"}
    assert stored(wiki, user_id) == left


@pytest.mark.parametrize(
    ("params", "code", "info"),
    [
        ({}, "nochanges", "No changes were requested."),
        ({"optionvalue": "1"}, "nooptionname", 'The "optionname" parameter must be set.'),
    ],
)
def test_options_errors(
    wiki: Wiki, editor: tuple[int, Any], params: dict[str, str], code: str, info: str
) -> None:
    _, client = editor
    response = options(client, **params)
    assert response.headers["mediawiki-api-error"] == code
    assert response.json()["error"]["info"] == info


def test_anonymous_cannot_set_options(wiki: Wiki) -> None:
    response = post(new_client(wiki), action="options", change="hideminor=1", token="+\\")
    assert response.headers["mediawiki-api-error"] == "notloggedin"
    # Observed on the 1.39 oracle.
    assert response.json()["error"]["info"] == "You must be logged in to edit your preferences."


def test_bot_password_without_editmyoptions_grant_is_refused(
    wiki: Wiki, make_user: Any, make_bot_password: Any
) -> None:
    user_id = make_user("Editor")
    password = make_bot_password(user_id, "edit", ["basic", "editpage"])
    client = new_client(wiki)
    post(
        client,
        action="login",
        lgname="Editor@edit",
        lgpassword=password,
        lgtoken=token(client, "login"),
    )
    response = options(client, change="hideminor=1")
    assert response.headers["mediawiki-api-error"] == "permissiondenied"
    assert stored(wiki, user_id) == {}
