"""The XML dump importer: schema 0.10/0.11, contributors, re-imports, errors, atomicity."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from rollwiki.services.dumpreader import DumpError, open_dump
from rollwiki.services.importer import Importer, ImportFailure, ImportOptions, ImportStats
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.schema import actor, logging, page, recentchanges, revision, user

DATA = Path(__file__).parent.parent / "data" / "conformance"

HEAD_11 = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">'
)
HEAD_10 = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">'
)


def rev(
    ts: str,
    text: str,
    *,
    user: str | None = "Alice",
    ip: str | None = None,
    comment: str = "",
    extra: str = "",
    contributor: str | None = None,
) -> str:
    if contributor is None:
        if ip is not None:
            contributor = f"<contributor><ip>{ip}</ip></contributor>"
        else:
            contributor = f"<contributor><username>{user}</username><id>7</id></contributor>"
    return (
        f"<revision><timestamp>{ts}</timestamp>{contributor}<comment>{comment}</comment>"
        f"{extra}<model>wikitext</model><format>text/x-wiki</format>"
        f'<text xml:space="preserve">{text}</text></revision>'
    )


def page_xml(title: str, *revisions: str, ns: int = 0) -> str:
    return f"<page><title>{title}</title><ns>{ns}</ns>{''.join(revisions)}</page>"


def dump(*pages: str, head: str = HEAD_11, siteinfo: str = "") -> bytes:
    return f"{head}{siteinfo}{''.join(pages)}</mediawiki>".encode()


def run(wiki: Wiki, data: bytes, **options: Any) -> ImportStats:
    return Importer(wiki, ImportOptions(**options)).run(io.BytesIO(data))


def history(wiki: Wiki, title: str, ns: int = 0) -> list[dict[str, Any]]:
    """Revisions of a page, oldest first by id, with author names and texts."""

    def read(conn: Any) -> list[dict[str, Any]]:
        row = pq.page_by_title(conn, ns, title.replace(" ", "_"))
        if row is None:
            return []
        rows = conn.execute(
            select(revision, actor.c.actor_name, actor.c.actor_user)
            .join(actor, actor.c.actor_id == revision.c.rev_actor)
            .where(revision.c.rev_page == row["page_id"])
            .order_by(revision.c.rev_id)
        ).mappings()
        out = []
        for r in rows:
            item = dict(r)
            item["text"] = pq.content_text(conn, r["rev_content"])
            item["latest"] = r["rev_id"] == row["page_latest"]
            out.append(item)
        return out

    return wiki.db.read(read)


def count(wiki: Wiki, table: Any) -> int:
    return int(
        wiki.db.read(lambda c: c.execute(select(func.count()).select_from(table)).scalar_one())
    )


# -- schema versions and revision fields -----------------------------------------------------


@pytest.mark.parametrize("head", [HEAD_10, HEAD_11], ids=["schema-0.10", "schema-0.11"])
def test_revisions_keep_timestamps_comments_texts_and_parents(wiki: Wiki, head: str) -> None:
    data = dump(
        page_xml(
            "Imported page",
            rev("2020-01-01T00:00:00Z", "first", comment="one"),
            rev("2020-01-02T00:00:00Z", "second", user="Bob", comment="two", extra="<minor/>"),
        ),
        head=head,
    )
    stats = run(wiki, data, username_prefix="imported")
    assert (stats.pages, stats.revisions) == (1, 2)
    revs = history(wiki, "Imported page")
    assert [(r["rev_timestamp"], r["rev_comment"], r["text"]) for r in revs] == [
        ("20200101000000", "one", "first"),
        ("20200102000000", "two", "second"),
    ]
    assert [r["actor_name"] for r in revs] == ["imported>Alice", "imported>Bob"]
    assert [r["rev_parent_id"] for r in revs] == [0, revs[0]["rev_id"]]
    assert [bool(r["rev_minor_edit"]) for r in revs] == [False, True]
    assert revs[1]["latest"]
    assert revs[1]["rev_sha1"] == hashlib.sha1(b"second").hexdigest()


def test_import_adds_no_recent_changes_null_revision_or_edit_count(
    wiki: Wiki, make_user: Any
) -> None:
    make_user("Alice")
    run(wiki, dump(page_xml("Quiet", rev("2020-01-01T00:00:00Z", "x"))), assign_known_users=True)
    assert count(wiki, recentchanges) == 0
    assert len(history(wiki, "Quiet")) == 1
    assert wiki.db.read(lambda c: c.execute(select(user.c.user_editcount)).scalar()) == 0


def test_latest_revision_is_the_newest_by_timestamp_not_the_last_in_the_file(wiki: Wiki) -> None:
    data = dump(
        page_xml(
            "Out of order",
            rev("2020-01-03T00:00:00Z", "newest"),
            rev("2020-01-01T00:00:00Z", "oldest"),
            rev("2020-01-02T00:00:00Z", "middle"),
        )
    )
    run(wiki, data)
    revs = {r["text"]: r for r in history(wiki, "Out of order")}
    assert revs["newest"]["latest"]
    # The parent is the newest revision not newer than the imported one (as 1.39).
    assert revs["oldest"]["rev_parent_id"] == 0
    assert revs["middle"]["rev_parent_id"] == revs["oldest"]["rev_id"]
    row = wiki.db.read(lambda c: pq.page_by_title(c, 0, "Out_of_order"))
    assert row is not None and row["page_len"] == len("newest")


def test_unchanged_text_reuses_the_content_row(wiki: Wiki) -> None:
    data = dump(
        page_xml(
            "Same text",
            rev("2020-01-01T00:00:00Z", "same"),
            rev("2020-01-02T00:00:00Z", "same", user="Bob"),
        )
    )
    run(wiki, data)
    first, second = history(wiki, "Same text")
    assert second["rev_content"] == first["rev_content"]
    assert second["rev_content_origin"] == first["rev_id"]


# -- contributors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "prefix", "expected"),
    [
        ("Alice", "imported", "imported>Alice"),
        ("Alice", "en>", "en>Alice"),  # a trailing ">" or ":" is trimmed, as 1.39
        ("imported>Alice", "imported", "imported>Alice"),  # already external: verbatim
        ("other>Bob", "imported", "other>Bob"),
        ("Maintenance script", "imported", "Maintenance script"),  # reserved: not prefixed
    ],
)
def test_username_prefix(wiki: Wiki, make_user: Any, name: str, prefix: str, expected: str) -> None:
    if name == "Maintenance script":
        make_user(name)
    run(
        wiki,
        dump(page_xml("Prefixed", rev("2020-01-01T00:00:00Z", "x", user=name))),
        username_prefix=prefix,
    )
    assert [r["actor_name"] for r in history(wiki, "Prefixed")] == [expected]


def test_known_users_are_assigned_only_when_asked(wiki: Wiki, make_user: Any) -> None:
    alice = make_user("Alice")
    data = dump(page_xml("Known", rev("2020-01-01T00:00:00Z", "x", user="Alice")))
    run(wiki, data)
    assert [(r["actor_name"], r["actor_user"]) for r in history(wiki, "Known")] == [
        ("imported>Alice", None)
    ]
    data = dump(page_xml("Known 2", rev("2020-01-01T00:00:00Z", "x", user="Alice")))
    run(wiki, data, assign_known_users=True)
    assert [(r["actor_name"], r["actor_user"]) for r in history(wiki, "Known 2")] == [
        ("Alice", alice)
    ]


@pytest.mark.parametrize(
    ("ip", "stored"),
    [("192.0.2.5", "192.0.2.5"), ("2001:db8::7", "2001:DB8:0:0:0:0:0:7")],
)
def test_ip_contributors_become_ip_actors(wiki: Wiki, ip: str, stored: str) -> None:
    run(wiki, dump(page_xml("By IP", rev("2020-01-01T00:00:00Z", "x", ip=ip))))
    assert [(r["actor_name"], r["actor_user"]) for r in history(wiki, "By IP")] == [(stored, None)]


def test_deleted_contributor_comment_and_text_import_as_mediawiki_does(wiki: Wiki) -> None:
    # Observed on 1.39: "<prefix>>Unknown user", an empty comment and an empty text.
    deleted = (
        "<revision><timestamp>2020-01-02T00:00:00Z</timestamp>"
        '<contributor deleted="deleted" /><comment deleted="deleted" />'
        '<text bytes="12" deleted="deleted" /><sha1>abc</sha1></revision>'
    )
    data = dump(page_xml("Hidden", rev("2020-01-01T00:00:00Z", "visible"), deleted))
    run(wiki, data, username_prefix="imp")
    _, hidden = history(wiki, "Hidden")
    assert (hidden["actor_name"], hidden["rev_comment"], hidden["text"]) == (
        "imp>Unknown user",
        "",
        "",
    )
    assert hidden["latest"]


@pytest.mark.parametrize("name", ["bad<name", ""])
def test_invalid_contributor_name_rejects_the_page(wiki: Wiki, name: str) -> None:
    data = dump(
        page_xml("Before", rev("2020-01-01T00:00:00Z", "ok")),
        page_xml("Broken", rev("2020-01-01T00:00:00Z", "x", user=name.replace("<", "&lt;"))),
    )
    with pytest.raises(ImportFailure, match="invalid contributor name"):
        run(wiki, data)
    assert len(history(wiki, "Before")) == 1
    assert history(wiki, "Broken") == []


# -- re-imports ----------------------------------------------------------------------------------


def test_reimporting_the_fixture_dump_changes_nothing(wiki: Wiki) -> None:
    data = (DATA / "fixtures-import.xml").read_bytes()
    first = run(wiki, data)
    assert (first.pages, first.revisions) == (27, 54)
    before = count(wiki, revision)
    second = run(wiki, data)
    assert (second.pages, second.revisions, second.revisions_seen) == (27, 0, 54)
    assert count(wiki, revision) == before
    names = wiki.db.read(lambda c: sorted(r[0] for r in c.execute(select(actor.c.actor_name))))
    assert names == ["imported>Alice", "imported>Mallory"]


def test_reimport_without_sha1_in_the_dump_skips_existing_revisions(wiki: Wiki) -> None:
    data = dump(
        page_xml("No sha1", rev("2020-01-01T00:00:00Z", "a"), rev("2020-01-02T00:00:00Z", "b"))
    )
    run(wiki, data)
    stats = run(wiki, data)
    assert stats.revisions == 0
    assert len(history(wiki, "No sha1")) == 2


def test_new_revisions_of_an_existing_page_are_added(wiki: Wiki) -> None:
    run(wiki, dump(page_xml("Grows", rev("2020-01-01T00:00:00Z", "a"))))
    stats = run(
        wiki,
        dump(page_xml("Grows", rev("2020-01-01T00:00:00Z", "a"), rev("2020-01-05T00:00:00Z", "b"))),
    )
    assert stats.revisions == 1
    first, second = history(wiki, "Grows")
    assert second["rev_parent_id"] == first["rev_id"] and second["latest"]


# -- errors and atomicity ---------------------------------------------------------------


def test_malformed_xml_names_line_and_column_and_keeps_earlier_pages(wiki: Wiki) -> None:
    data = (
        HEAD_11
        + "\n"
        + page_xml("Good page", rev("2020-01-01T00:00:00Z", "ok"))
        + "\n<page><title>Half page</title><ns>0</ns>\n"
        + rev("2020-01-01T00:00:00Z", "lost")
        + "\n<oops></page>\n</mediawiki>"
    ).encode()
    with pytest.raises(DumpError) as info:
        run(wiki, data)
    assert (info.value.line, info.value.column) == (5, 9)
    assert str(info.value) == "XML error at line 5, column 9: mismatched tag"
    assert len(history(wiki, "Good page")) == 1
    assert history(wiki, "Half page") == []


def test_document_that_is_not_a_dump_is_refused(wiki: Wiki) -> None:
    with pytest.raises(DumpError, match=r"Expected '<mediawiki>' tag, got '<notmw>' tag\."):
        run(wiki, b"<notmw/>")


def test_doctype_declarations_are_refused(wiki: Wiki) -> None:
    data = b'<!DOCTYPE m [<!ENTITY a "aaaa">]><mediawiki></mediawiki>'
    with pytest.raises(DumpError, match="document type declarations"):
        run(wiki, data)


@pytest.mark.parametrize(
    ("bad_revision", "message"),
    [
        (rev("yesterday", "x"), "invalid timestamp"),
        ("<revision><timestamp>2020-01-02T00:00:00Z</timestamp></revision>", "Missing text"),
        (
            "<revision><timestamp>2020-01-02T00:00:00Z</timestamp><model>klingon</model>"
            "<text>x</text></revision>",
            'content model "klingon"',
        ),
    ],
)
def test_a_rejected_revision_rolls_back_its_whole_page(
    wiki: Wiki, bad_revision: str, message: str
) -> None:
    data = dump(
        page_xml("Kept", rev("2020-01-01T00:00:00Z", "kept")),
        page_xml("Atomic", rev("2020-01-01T00:00:00Z", "first"), bad_revision),
    )
    with pytest.raises(ImportFailure, match=message):
        run(wiki, data)
    assert len(history(wiki, "Kept")) == 1
    assert history(wiki, "Atomic") == []
    assert wiki.db.read(lambda c: pq.page_by_title(c, 0, "Atomic")) is None


def test_text_over_the_maximum_article_size_is_refused(wiki: Wiki) -> None:
    wiki.config.max_article_size_kib = 1
    data = dump(page_xml("Huge", rev("2020-01-01T00:00:00Z", "x" * 1025)))
    with pytest.raises(ImportFailure, match=r"exceeds the maximum allowable size \(1 KiB\)"):
        run(wiki, data)
    assert count(wiki, page) == 0


# -- titles, namespaces, uploads, log items -----------------------------------------------------


def test_siteinfo_namespaces_map_foreign_names(wiki: Wiki) -> None:
    siteinfo = (
        "<siteinfo><sitename>Other</sitename><namespaces>"
        '<namespace key="0" case="first-letter" />'
        '<namespace key="4" case="first-letter">Otherwiki</namespace>'
        '<namespace key="100" case="first-letter">Portal</namespace>'
        "</namespaces></siteinfo>"
    )
    data = dump(
        page_xml("Otherwiki:Rules", rev("2020-01-01T00:00:00Z", "r"), ns=4),
        page_xml("Portal:Science", rev("2020-01-01T00:00:00Z", "s"), ns=100),
        siteinfo=siteinfo,
    )
    run(wiki, data)
    titles = wiki.db.read(
        lambda c: sorted(
            (r.page_namespace, r.page_title)
            for r in c.execute(select(page.c.page_namespace, page.c.page_title))
        )
    )
    # Known namespace ids map to the local namespace; an unknown one lands in the main one.
    assert titles == [(0, "Portal:Science"), (4, "Rules")]


def test_invalid_interwiki_and_special_titles_are_skipped_with_notices(wiki: Wiki) -> None:
    wiki._interwiki = {"wikipedia"}
    data = dump(
        page_xml("Bad[title", rev("2020-01-01T00:00:00Z", "x")),
        page_xml("wikipedia:Foo", rev("2020-01-01T00:00:00Z", "x")),
        page_xml("Special:Foo", rev("2020-01-01T00:00:00Z", "x"), ns=-1),
        page_xml("Fine", rev("2020-01-01T00:00:00Z", "x")),
    )
    stats = run(wiki, data)
    assert stats.pages == 1 and count(wiki, page) == 1
    assert stats.notices == [
        'Page "Bad[title" was not imported because the name to which it would be imported is '
        "invalid on this wiki.",
        'Page "wikipedia:Foo" was not imported because its name is reserved for external '
        "linking (interwiki).",
        'Page "Special:Foo" was not imported because it belongs to a special namespace that '
        "does not allow pages.",
    ]


def test_target_namespace_and_root_page(wiki: Wiki) -> None:
    data = dump(page_xml("Talk:Moved", rev("2020-01-01T00:00:00Z", "x"), ns=1))
    run(wiki, data, target_namespace=12)
    run(wiki, data, root_page=wiki.titles.parse("User:Imports"))
    keys = wiki.db.read(
        lambda c: sorted(
            (r.page_namespace, r.page_title)
            for r in c.execute(select(page.c.page_namespace, page.c.page_title))
        )
    )
    assert keys == [(2, "Imports/Talk:Moved"), (12, "Moved")]


def test_uploads_are_skipped_with_a_notice(wiki: Wiki) -> None:
    upload = (
        "<upload><timestamp>2020-01-01T00:00:00Z</timestamp><filename>A.png</filename></upload>"
    )
    data = dump(page_xml("File:A.png", rev("2020-01-01T00:00:00Z", "desc"), upload, ns=6))
    stats = run(wiki, data)
    assert stats.uploads_skipped == 1
    assert stats.notices == ["File upload A.png (line 1) skipped: files are not imported."]
    assert len(history(wiki, "A.png", ns=6)) == 1


def test_content_model_defaults_follow_the_title(wiki: Wiki) -> None:
    css = (
        "<revision><timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<contributor><ip>192.0.2.1</ip></contributor>"
        '<text xml:space="preserve">body {}</text></revision>'
    )
    run(wiki, dump(page_xml("MediaWiki:Common.css", css, ns=8)))
    row = wiki.db.read(lambda c: pq.page_by_title(c, 8, "Common.css"))
    assert row is not None and row["page_content_model"] == "css"


def test_log_items_are_imported_once(wiki: Wiki) -> None:
    item = (
        "<logitem><id>5</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<contributor><username>Alice</username><id>3</id></contributor>"
        "<comment>why</comment><type>protect</type><action>protect</action>"
        "<logtitle>Some page</logtitle>"
        '<params xml:space="preserve">a:1:{s:4:"4::x";s:1:"y";}</params></logitem>'
    )
    data = dump(item)
    assert run(wiki, data).log_items == 1
    assert run(wiki, data).log_items == 0
    rows = wiki.db.read(lambda c: [dict(r) for r in c.execute(select(logging)).mappings()])
    assert [(r["log_type"], r["log_title"], r["log_params"], r["log_comment"]) for r in rows] == [
        ("protect", "Some_page", '{"4::x": "y"}', "why")
    ]


# -- streams ------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [None, gzip.compress, bz2.compress], ids=["xml", "gz", "bz2"])
def test_open_dump_reads_plain_and_compressed_files(
    wiki: Wiki, tmp_path: Path, compress: Any
) -> None:
    data = dump(page_xml("Packed", rev("2020-01-01T00:00:00Z", "x")))
    path = tmp_path / "dump.xml"
    path.write_bytes(compress(data) if compress else data)
    with open_dump(path) as stream:
        stats = Importer(wiki).run(stream)
    assert stats.revisions == 1


def test_small_chunks_give_the_same_result(wiki: Wiki) -> None:
    data = (DATA / "fixtures-import.xml").read_bytes()
    from rollwiki.services.dumpreader import DumpReader

    items = list(DumpReader(io.BytesIO(data), chunk_size=7))
    whole = list(DumpReader(io.BytesIO(data)))
    assert items == whole
    assert sum(1 for i in items if type(i).__name__ == "RevisionData") == 54


# -- every engine ----------------------------------------------------------------------------


def test_import_and_reimport_on_every_engine(engine_wiki: Wiki) -> None:
    data = dump(
        page_xml(
            "Engine page",
            rev("2020-01-02T00:00:00Z", "second", user="Bob"),
            rev("2020-01-01T00:00:00Z", "first", ip="2001:db8::5"),
        ),
        page_xml("Café ☕", rev("2020-01-01T00:00:00Z", "ünïcödé", user="Zoë")),
    )
    assert run(engine_wiki, data).revisions == 3
    assert run(engine_wiki, data).revisions == 0
    second, first = history(engine_wiki, "Engine page")
    assert second["latest"] and not first["latest"]
    assert first["actor_name"] == "2001:DB8:0:0:0:0:0:5" and second["rev_parent_id"] == 0
    (cafe,) = history(engine_wiki, "Café ☕")
    assert (cafe["actor_name"], cafe["text"]) == ("imported>Zoë", "ünïcödé")
