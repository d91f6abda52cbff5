"""Special:Block / Special:Unblock and Special:ApiSandbox."""

from __future__ import annotations

import json
import re
from typing import Any

from web_helpers import INDEX, browser, content, form_fields, heading, logged_in_browser

from rollwiki.services import blocks
from rollwiki.services.performer import performer_from_row
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


def block_of(wiki: Wiki, name: str) -> blocks.Block | None:
    def read(conn: Any) -> blocks.Block | None:
        row = uq.user_by_name(conn, name)
        performer = performer_from_row(conn, row, "10.0.0.1", wiki.permissions, {})
        return blocks.find_block(conn, performer)

    return wiki.db.read(read)


def test_block_and_unblock_a_user(wiki: Wiki, make_user: Any, edit_as: Any) -> None:
    make_user("Admin", ["sysop"])
    make_user("Vandal")
    edit_as("Vandal", "Page", "text")
    admin = logged_in_browser(wiki, "Admin")
    form = admin.get(INDEX, params={"title": "Special:Block/Vandal"}).text
    fields = form_fields(form, "mw-block-form")
    assert fields["wpTarget"] == "Vandal"
    fields.update({"wpExpiry": "1 week", "wpReason": "vandalism"})
    response = admin.post(INDEX + "?title=Special:Block/Vandal", data=fields)
    assert heading(response.text) == "Block succeeded"
    assert "Vandal has been blocked." in content(response.text)
    block = block_of(wiki, "Vandal")
    assert block is not None and block.row["ipb_reason"] == "vandalism"
    assert block.expiry != "infinity"
    # The blocked user cannot edit and sees why.
    vandal = logged_in_browser(wiki, "Vandal")
    page = vandal.get(INDEX, params={"title": "Page", "action": "edit"}).text
    assert "Your username or IP address has been blocked." in content(page)
    log = browser(wiki).get(INDEX, params={"title": "Special:Log", "type": "block"}).text
    assert "blocked Vandal" in content(log) and "(vandalism)" in content(log)
    form = admin.get(INDEX, params={"title": "Special:Unblock/Vandal"}).text
    response = admin.post(
        INDEX + "?title=Special:Unblock/Vandal", data=form_fields(form, "mw-unblock-form")
    )
    assert "Vandal has been unblocked." in content(response.text)
    assert block_of(wiki, "Vandal") is None


def test_block_needs_the_right_and_a_token(wiki: Wiki, make_user: Any) -> None:
    make_user("Admin", ["sysop"])
    make_user("Editor")
    make_user("Vandal")
    page = logged_in_browser(wiki, "Editor").get(INDEX, params={"title": "Special:Block"}).text
    assert heading(page) == "Permission error"
    admin = logged_in_browser(wiki, "Admin")
    response = admin.post(
        INDEX + "?title=Special:Block",
        data={"wpTarget": "Vandal", "wpExpiry": "infinite", "wpEditToken": "bad"},
    )
    assert "problem with your login session" in content(response.text)
    assert block_of(wiki, "Vandal") is None


def test_block_errors_are_shown(wiki: Wiki, make_user: Any) -> None:
    make_user("Admin", ["sysop"])
    admin = logged_in_browser(wiki, "Admin")
    fields = form_fields(admin.get(INDEX, params={"title": "Special:Block"}).text, "mw-block-form")
    fields.update({"wpTarget": "Nobody at all", "wpExpiry": "1 week"})
    response = admin.post(INDEX + "?title=Special:Block", data=fields)
    assert "Nobody at all" in content(response.text)
    assert heading(response.text) != "Block succeeded"
    fields.update({"wpTarget": "Admin", "wpExpiry": "not a time"})
    response = admin.post(INDEX + "?title=Special:Block", data=fields)
    assert "Expiry time invalid." in content(response.text)


def test_api_sandbox_describes_modules_from_their_declarations(wiki: Wiki) -> None:
    page = browser(wiki).get(INDEX, params={"title": "Special:ApiSandbox"}).text
    assert heading(page) == "API sandbox"
    assert '<script src="/w/static/apisandbox.js" defer></script>' in page
    m = re.search(
        r'<script type="application/json" id="mw-apisandbox-data">(.*?)</script>', page, re.S
    )
    assert m is not None
    data = json.loads(m.group(1))
    rollback = data["actions"]["rollback"]
    params = {p["name"]: p for p in rollback["params"]}
    assert params["user"]["required"] is True
    assert params["token"]["tokentype"] == "rollback"
    assert params["markbot"]["type"] == "boolean"
    assert "summary" in params and params["summary"]["help"]
    assert rollback["mustbeposted"] is True
    assert "recentchanges" in data["query"]["list"]
    rc = {p["name"]: p for p in data["query"]["list"]["recentchanges"]["params"]}
    assert "rclimit" in rc and rc["rclimit"]["default"] == 10
    assert data["apiUrl"] == "/w/api.php"
