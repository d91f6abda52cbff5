"""prop=imageinfo and prop=categoryinfo on a wiki without files or category rows, as the 1.39
oracle answers for missing files and categories (pywikibot asks for both before a save)."""

from __future__ import annotations

from typing import Any

import pytest


def test_pywikibot_page_info_request_has_no_warnings(api: Any, edit: Any) -> None:
    # pywikibot's loadpageinfo() before a save; the oracle answers it without warnings
    # (recorded with an anonymous session: only gtllimit is clamped; the oracle's client
    # was 127.0.0.1, the test client's address is "testclient").
    edit("Main Page", "text")
    body = api(
        "titles=Main%20Page&prop=info|imageinfo|categoryinfo&inprop=protection"
        "&iiprop=timestamp|user|comment|url|size|sha1|mime|mediatype|archivename|bitdepth"
        "&iilimit=max&generator=templates&action=query&gtllimit=5000&meta=userinfo"
        "&uiprop=blockinfo|hasmsg&maxlag=30",
        fv=1,
    )
    assert body == {
        "batchcomplete": "",
        "warnings": {
            "templates": {
                "*": 'The value "5000" for parameter "gtllimit" must be between 1 and 500.'
            }
        },
        "limits": {"imageinfo": 500},
        "query": {"userinfo": {"id": 0, "name": "testclient", "anon": ""}},
    }


def test_missing_files_have_an_empty_repository_and_other_pages_nothing(
    api: Any, edit: Any
) -> None:
    # Oracle: titles=File:Nope.png|Main_Page|Category:X&prop=imageinfo|categoryinfo (fv1).
    page_id = edit("Main Page", "text").page["page_id"]
    body = api(
        "action=query&titles=File:Nope.png|Main_Page|Category:X&prop=imageinfo|categoryinfo", fv=1
    )
    assert body["query"]["pages"] == {
        "-1": {"ns": 6, "title": "File:Nope.png", "missing": "", "imagerepository": ""},
        "-2": {"ns": 14, "title": "Category:X", "missing": ""},
        str(page_id): {"pageid": page_id, "ns": 0, "title": "Main Page"},
    }
    assert "warnings" not in body


def test_badfile_adds_a_filemissing_entry(api: Any, edit: Any) -> None:
    # Oracle, fv2: iiprop=badfile|canonicaltitle|url on a missing file and on a file
    # description page without a file (the latter also gets descriptionshorturl).
    page_id = edit("File:Described.png", "description").page["page_id"]
    body = api(
        "action=query&titles=File:Nope.png|File:Described.png&prop=imageinfo"
        "&iiprop=badfile|canonicaltitle|url|timestamp|user"
    )
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert pages["File:Nope.png"] == {
        "ns": 6,
        "title": "File:Nope.png",
        "missing": True,
        "imagerepository": "",
        "badfile": False,
        "imageinfo": [
            {
                "canonicaltitle": "File:Nope.png",
                "descriptionurl": "http://testserver/wiki/File:Nope.png",
                "filemissing": True,
            }
        ],
    }
    assert pages["File:Described.png"]["imageinfo"] == [
        {
            "canonicaltitle": "File:Described.png",
            "descriptionurl": "http://testserver/wiki/File:Described.png",
            "descriptionshorturl": f"http://testserver/w/index.php?curid={page_id}",
            "filemissing": True,
        }
    ]
    assert pages["File:Described.png"]["pageid"] == page_id


def test_badfile_in_formatversion_1_drops_the_false_flag(api: Any) -> None:
    # Oracle: titles=File:Nope.png&prop=imageinfo&iiprop=badfile (fv1).
    body = api("action=query&titles=File:Nope.png&prop=imageinfo&iiprop=badfile", fv=1)
    assert body["query"]["pages"] == {
        "-1": {
            "ns": 6,
            "title": "File:Nope.png",
            "missing": "",
            "imagerepository": "",
            "imageinfo": [{"filemissing": ""}],
        }
    }


def test_urlparam_on_a_missing_file_warns_about_the_handler(api: Any) -> None:
    # Oracle: iiprop=badfile&iiurlwidth=100&iiurlparam=foo.
    body = api(
        "action=query&titles=File:Nope.png&prop=imageinfo&iiprop=badfile"
        "&iiurlwidth=100&iiurlparam=foo"
    )
    assert body["warnings"] == {
        "imageinfo": {
            "warnings": "Could not create thumbnail because Nope.png does not have an "
            "associated image handler."
        }
    }
    assert body["query"]["pages"][0]["imageinfo"] == [{"filemissing": True}]


@pytest.mark.parametrize(
    ("query", "code", "info"),
    [
        # Oracle: iicontinue must have two |-separated parts.
        (
            "iicontinue=x",
            "badcontinue",
            "Invalid continue param. You should pass the original value returned by the "
            "previous query.",
        ),
        # Oracle: an invalid context title.
        (
            "iibadfilecontexttitle=%3C%3E",
            "invalid-title",
            'Invalid title in "iibadfilecontexttitle" parameter.',
        ),
    ],
)
def test_bad_parameters_are_errors(api: Any, query: str, code: str, info: str) -> None:
    body = api(f"action=query&titles=File:Nope.png&prop=imageinfo&{query}", fv=1)
    assert body["error"]["code"] == code
    assert body["error"]["info"] == info
    assert "query" not in body


def test_iicontinue_skips_the_files_before_it(api: Any) -> None:
    # Oracle: titles=File:B.png|File:A.png&iicontinue=A.png|2020 keeps both;
    # B.png|... skips A.png.
    body = api("action=query&titles=File:B.png|File:A.png&prop=imageinfo&iicontinue=B.png|2020")
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert "imagerepository" not in pages["File:A.png"]
    assert pages["File:B.png"]["imagerepository"] == ""


def test_uploadwarning_is_not_offered(api: Any) -> None:
    body = api("action=query&titles=File:Nope.png&prop=imageinfo&iiprop=uploadwarning", fv=1)
    assert body["warnings"]["imageinfo"] == {
        "*": 'Unrecognized value for parameter "iiprop": uploadwarning'
    }


def test_categoryinfo_continue_only_filters(api: Any) -> None:
    # Oracle: cicontinue=x is accepted (it filters cat_title >= value).
    body = api("action=query&titles=Category:X&prop=categoryinfo&cicontinue=x", fv=1)
    assert body["query"]["pages"] == {"-1": {"ns": 14, "title": "Category:X", "missing": ""}}
    assert "warnings" not in body


def test_an_empty_generator_with_prop_info_gives_no_pages(api: Any, edit: Any) -> None:
    # Oracle: titles=Main Page&prop=info&generator=templates on a page without templates.
    edit("Main Page", "no templates here")
    body = api("action=query&titles=Main%20Page&prop=info&generator=templates", fv=1)
    assert body == {"batchcomplete": ""}
