"""Tests for title parsing and formatting (MediaWikiTitleCodec)."""

from __future__ import annotations

import pytest

from rollwiki.services.namespaces import NS_MAIN, NS_USER, NamespaceTable
from rollwiki.services.textnormal import clean_up
from rollwiki.services.titles import MalformedTitle, Title, TitleParser, ucfirst

INTERWIKI = {"wikipedia", "mw", "commons", "wikidata", "metawikimedia"}


@pytest.fixture
def parser() -> TitleParser:
    return TitleParser(NamespaceTable.default("OracleWiki"), INTERWIKI)


def api_parse(parser: TitleParser, text: str) -> Title:
    """What the API does with a title: WebRequest's clean-up, then Title::newFromText()."""
    return parser.parse(clean_up(text))


# Checked against MediaWiki 1.39.17 (action=query&titles=..., which also shows the main
# text's normalisation; fragments were checked by reading splitTitleString()).
NORMALISED: list[tuple[str, Title]] = [
    ("talk:foo_bar#x", Title(1, "Foo bar", "x")),
    ("  Foo  bar  ", Title(0, "Foo bar")),
    ("Foo__bar", Title(0, "Foo bar")),
    ("_Foo_", Title(0, "Foo")),
    ("foo", Title(0, "Foo")),
    ("Foo\u00a0bar", Title(0, "Foo bar")),
    ("Foo\u3000bar", Title(0, "Foo bar")),
    ("Foo\u2003\u2003bar", Title(0, "Foo bar")),
    ("Foo\u180ebar", Title(0, "Foo bar")),
    ("Foo\u205fbar", Title(0, "Foo bar")),
    ("Foo\u2028bar", Title(0, "Foo bar")),
    ("Foo\u200ebar", Title(0, "Foobar")),
    ("Foo\u202abar\u202c", Title(0, "Foobar")),
    ("\u200fFoo", Title(0, "Foo")),
    ("Foo\u200bbar", Title(0, "Foo\u200bbar")),
    ("Foo\u00adbar", Title(0, "Foo\u00adbar")),
    ("user_TALK:foo", Title(3, "Foo")),
    ("image_talk:foo", Title(7, "Foo")),
    ("Image:Foo.png", Title(6, "Foo.png")),
    ("project talk:Foo", Title(5, "Foo")),
    ("oraclewiki_talk:foo", Title(5, "Foo")),
    ("PROJECT:Foo", Title(4, "Foo")),
    ("MEDIAWIKI:foo", Title(8, "Foo")),
    ("Talk : Foo", Title(1, "Foo")),
    ("Talk_:_Foo", Title(1, "Foo")),
    (":Foo", Title(0, "Foo")),
    (":Talk:Foo", Title(1, "Foo")),
    ("Talk:Foo:Bar", Title(1, "Foo:Bar")),
    ("Talk:foo:Bar", Title(1, "Foo:Bar")),
    ("Foo:Bar", Title(0, "Foo:Bar")),
    ("imported:Foo", Title(0, "Imported:Foo")),
    ("Media:Foo.jpg", Title(-2, "Foo.jpg")),
    ("Special:Foo", Title(-1, "Foo")),
    ("A&amp;B", Title(0, "A&B")),
    ("&#65;bc", Title(0, "Abc")),
    ("&#x41;bc", Title(0, "Abc")),
    ("Foo&eacute;", Title(0, "Fooé")),
    ("Foo&", Title(0, "Foo&")),
    ("Foo&bar", Title(0, "Foo&bar")),
    ("Talk:Foo\n", Title(1, "Foo")),
    ("User:2001:db8::1", Title(2, "2001:DB8:0:0:0:0:0:1")),
    ("User:01.002.3.4", Title(2, "1.2.3.4")),
    ("User:::1", Title(2, "0:0:0:0:0:0:0:1")),
    ("User talk:2001:DB8::ff", Title(3, "2001:DB8:0:0:0:0:0:FF")),
    ("User:2001:db8::/32", Title(2, "2001:DB8:0:0:0:0:0:0/32")),
    ("User:1.2.3.4/024", Title(2, "1.2.3.4/024")),
    ("Talk:2001:db8::1", Title(1, "2001:db8::1")),
    ("User:wikipedia:Foo", Title(2, "Wikipedia:Foo")),
    ("ß", Title(0, "SS")),
    ("ǆ", Title(0, "Ǆ")),
    ("ﬁ", Title(0, "FI")),
    ("ı", Title(0, "I")),
    ("ა", Title(0, "Ა")),
    ("ŉ", Title(0, "ʼN")),
    ("é", Title(0, "É")),
    ("e\u0301", Title(0, "É")),
    ("Foo/.Bar", Title(0, "Foo/.Bar")),
    ("...", Title(0, "...")),
    (".Foo", Title(0, ".Foo")),
    ("Foo/...", Title(0, "Foo/...")),
    ("100%", Title(0, "100%")),
    ("Foo%2", Title(0, "Foo%2")),
    ("Foo%zz", Title(0, "Foo%zz")),
    ("~~", Title(0, "~~")),
    ("Foo+bar", Title(0, "Foo+bar")),
    ("Foo?bar=baz", Title(0, "Foo?bar=baz")),
    ("Foo#bar#baz", Title(0, "Foo", "bar#baz")),
    ("Foo_#_bar_", Title(0, "Foo", " bar")),
    ("a" * 255, Title(0, "A" + "a" * 254)),
    ("é" * 127, Title(0, "É" + "é" * 126)),
    ("Special:" + "a" * 300, Title(-1, "A" + "a" * 299)),
    ("Special:" + "a" * 512, Title(-1, "A" + "a" * 511)),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_titles_are_normalised_like_mediawiki(
    parser: TitleParser, text: str, expected: Title
) -> None:
    assert api_parse(parser, text) == expected


# Checked against MediaWiki 1.39.17 (the "interwiki" member of action=query).
INTERWIKI_TITLES: list[tuple[str, Title, str]] = [
    ("wikipedia:Foo", Title(0, "Foo", "", "wikipedia"), "wikipedia:Foo"),
    ("WIKIPEDIA:foo", Title(0, "foo", "", "wikipedia"), "wikipedia:foo"),
    ("wikipedia :Foo", Title(0, "Foo", "", "wikipedia"), "wikipedia:Foo"),
    ("wikipedia:", Title(0, "", "", "wikipedia"), "wikipedia:"),
    ("wikipedia::Foo", Title(0, "Foo", "", "wikipedia"), "wikipedia:Foo"),
    ("wikipedia:Talk:Foo", Title(0, "Talk:Foo", "", "wikipedia"), "wikipedia:Talk:Foo"),
    ("wikipedia:foo_bar#Sec_1", Title(0, "foo bar", "Sec 1", "wikipedia"), "wikipedia:foo bar"),
    ("mw:Foo", Title(0, "Foo", "", "mw"), "mw:Foo"),
    ("Mw:Foo", Title(0, "Foo", "", "mw"), "mw:Foo"),
]


@pytest.mark.parametrize(("text", "expected", "prefixed"), INTERWIKI_TITLES)
def test_interwiki_titles_keep_their_case_and_are_returned_not_rejected(
    parser: TitleParser, text: str, expected: Title, prefixed: str
) -> None:
    title = api_parse(parser, text)
    assert title == expected
    assert title.is_external
    assert parser.prefixed_text(title) == prefixed


# Checked against MediaWiki 1.39.17 (invalidreason of action=query&titles=...).
INVALID: list[tuple[str, str, tuple[str | int, ...]]] = [
    ("", "title-invalid-empty", ()),
    (" ", "title-invalid-empty", ()),
    ("_", "title-invalid-empty", ()),
    (":", "title-invalid-empty", ()),
    ("Talk:", "title-invalid-empty", ()),
    ("Talk: ", "title-invalid-empty", ()),
    ("User:", "title-invalid-empty", ()),
    (":Talk:", "title-invalid-empty", ()),
    ("Talk:#foo", "title-invalid-empty", ()),
    ("Foo[bar]", "title-invalid-characters", ("[",)),
    ("Foo|bar", "title-invalid-characters", ("|",)),
    ("Foo{bar}", "title-invalid-characters", ("{",)),
    ("Foo<bar>", "title-invalid-characters", ("<",)),
    ("Foo>bar", "title-invalid-characters", (">",)),
    ("Foo\tbar", "title-invalid-characters", ("\t",)),
    ("Foo\x7f", "title-invalid-characters", ("\x7f",)),
    ("Foo%20bar", "title-invalid-characters", ("%20",)),
    ("A&amp;amp;B", "title-invalid-characters", ("&amp;",)),
    ("&foo;", "title-invalid-characters", ("&foo;",)),
    ("Talk:File:Foo", "title-invalid-talk-namespace", ()),
    ("Talk:Project:Foo", "title-invalid-talk-namespace", ()),
    ("Talk:Talk:Foo", "title-invalid-talk-namespace", ()),
    ("Talk:Media:Foo", "title-invalid-talk-namespace", ()),
    ("Talk:Special:Foo", "title-invalid-talk-namespace", ()),
    ("Talk:wikipedia:Foo", "title-invalid-talk-namespace", ()),
    (".", "title-invalid-relative", ()),
    ("..", "title-invalid-relative", ()),
    ("./Foo", "title-invalid-relative", ()),
    ("../Foo", "title-invalid-relative", ()),
    ("Foo/./Bar", "title-invalid-relative", ()),
    ("Foo/../Bar", "title-invalid-relative", ()),
    ("Foo/.", "title-invalid-relative", ()),
    ("Foo/..", "title-invalid-relative", ()),
    ("~~~", "title-invalid-magic-tilde", ()),
    ("Foo~~~~", "title-invalid-magic-tilde", ()),
    ("a" * 256, "title-invalid-too-long", (255,)),
    ("é" * 128, "title-invalid-too-long", (255,)),
    ("Special:" + "a" * 513, "title-invalid-too-long", (512,)),
    ("::Foo", "title-invalid-leading-colon", ()),
    ("Talk:::1", "title-invalid-leading-colon", ()),
    ("\ufffd", "title-invalid-utf8", ()),
    ("&#0;", "title-invalid-utf8", ()),
    ("&#xD800;", "title-invalid-utf8", ()),
    ("&#1114112;", "title-invalid-utf8", ()),
    ("\ufffe", "title-invalid-utf8", ()),
    ("Foo\x01bar", "title-invalid-utf8", ()),
]


@pytest.mark.parametrize(("text", "key", "params"), INVALID)
def test_invalid_titles_give_mediawikis_message_key(
    parser: TitleParser, text: str, key: str, params: tuple[str | int, ...]
) -> None:
    with pytest.raises(MalformedTitle) as caught:
        api_parse(parser, text)
    assert (caught.value.key, caught.value.params) == (key, params)


def test_malformed_title_is_a_value_error_carrying_the_input(parser: TitleParser) -> None:
    with pytest.raises(ValueError, match="title-invalid-characters") as caught:
        parser.parse("Foo|bar")
    assert isinstance(caught.value, MalformedTitle)
    assert caught.value.text == "Foo|bar"


def test_raw_control_characters_are_invalid_characters_without_request_clean_up(
    parser: TitleParser,
) -> None:
    # MediaWiki's WebRequest turns them into U+FFFD first (hence title-invalid-utf8 above).
    with pytest.raises(MalformedTitle) as caught:
        parser.parse("Foo\x01bar")
    assert (caught.value.key, caught.value.params) == ("title-invalid-characters", ("\x01",))


def test_lone_surrogates_count_as_invalid_utf8(parser: TitleParser) -> None:
    with pytest.raises(MalformedTitle) as caught:
        parser.parse("Foo\ud800")
    assert caught.value.key == "title-invalid-utf8"


def test_a_fragment_alone_is_the_empty_main_namespace_title(parser: TitleParser) -> None:
    # The API drops such a title silently (action=query&titles=%23foo has no pages).
    assert parser.parse("#foo") == Title(0, "", "foo")


def test_interwiki_title_in_a_non_main_default_namespace_is_invalid(parser: TitleParser) -> None:
    # TitleValue::assertValidSpec(): only the main namespace may have an empty text.
    with pytest.raises(MalformedTitle) as caught:
        parser.parse("wikipedia:", NS_USER)
    assert caught.value.key == "title-invalid"


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("Foo", NS_USER, Title(2, "Foo")),
        ("foo_bar", NS_USER, Title(2, "Foo bar")),
        (":Foo", NS_USER, Title(0, "Foo")),
        ("Talk:Foo", NS_USER, Title(1, "Foo")),
        ("User:Foo", NS_USER, Title(2, "Foo")),
        ("Foo:Bar", NS_USER, Title(2, "Foo:Bar")),
        ("2001:db8::1", NS_USER, Title(2, "2001:DB8:0:0:0:0:0:1")),
        ("wikipedia:Foo", NS_USER, Title(2, "Foo", "", "wikipedia")),
        ("wikipedia::Foo", NS_USER, Title(0, "Foo", "", "wikipedia")),
    ],
)
def test_default_namespace_applies_without_a_prefix(
    parser: TitleParser, text: str, default: int, expected: Title
) -> None:
    assert parser.parse(text, default) == expected


def test_without_capital_links_only_special_user_and_mediawiki_are_capitalised() -> None:
    parser = TitleParser(NamespaceTable.default(), INTERWIKI, capital_links=False)
    assert parser.parse("foo") == Title(0, "foo")
    assert parser.parse("Talk:foo") == Title(1, "foo")
    assert parser.parse("User:foo") == Title(2, "Foo")
    assert parser.parse("User talk:foo") == Title(3, "Foo")
    assert parser.parse("MediaWiki:foo") == Title(8, "Foo")
    assert parser.parse("Special:foo") == Title(-1, "Foo")


def test_case_sensitive_namespaces_keep_the_first_letter() -> None:
    table = NamespaceTable.from_config(
        [
            {"id": 0, "name": ""},
            {"id": 1, "name": "Talk"},
            {"id": 2, "name": "User"},
            {"id": 100, "name": "Wiktionary", "case": "case-sensitive"},
            {"id": 101, "name": "Wiktionary talk"},
        ],
        [],
    )
    parser = TitleParser(table)
    assert parser.parse("wiktionary:foo") == Title(100, "foo")
    # The talk namespace follows its subject (NamespaceInfo::isCapitalized()).
    assert parser.parse("wiktionary talk:foo") == Title(101, "foo")


def test_interwiki_prefixes_may_be_a_predicate() -> None:
    asked: list[str] = []

    def known(prefix: str) -> bool:
        asked.append(prefix)
        return prefix == "wikipedia"

    parser = TitleParser(NamespaceTable.default(), known)
    assert parser.parse("WikiPedia:Foo") == Title(0, "Foo", "", "wikipedia")
    assert parser.parse("Nowhere:Foo") == Title(0, "Nowhere:Foo")
    assert asked == ["wikipedia", "nowhere"]


def test_local_interwiki_prefixes_are_stripped_like_a_leading_colon() -> None:
    parser = TitleParser(
        NamespaceTable.default(), {"local", "wikipedia"}, local_interwikis=["Local"]
    )
    assert parser.parse("local:Talk:Foo") == Title(1, "Foo")
    assert parser.parse("LOCAL:local:foo") == Title(0, "Foo")
    assert parser.parse("local:wikipedia:Foo") == Title(0, "Foo", "", "wikipedia")
    assert parser.parse("local:") == Title(0, "Main Page")


@pytest.mark.parametrize(
    ("namespace", "text", "expected"),
    [
        (0, "Foo", Title(0, "Foo")),
        (1, "foo_bar", Title(1, "Foo bar")),
        (4, "Sandbox", Title(4, "Sandbox")),
        (0, "Talk:Foo", Title(1, "Foo")),
        (2, "Talk:Foo", Title(2, "Talk:Foo")),
        (2, "::1", Title(2, "0:0:0:0:0:0:0:1")),
        (0, "Foo|bar", None),
        (1, "", None),
        (1, "File:Foo", None),
        (99, "Foo", None),
    ],
)
def test_make_validates_a_namespace_and_text_pair(
    parser: TitleParser, namespace: int, text: str, expected: Title | None
) -> None:
    assert parser.make(namespace, text) == expected


def test_make_with_fragment_and_interwiki(parser: TitleParser) -> None:
    assert parser.make(0, "Foo", "Bar_baz") == Title(0, "Foo", "Bar baz")
    assert parser.make(0, "foo", interwiki="wikipedia") == Title(0, "foo", "", "wikipedia")


def test_formatting(parser: TitleParser) -> None:
    title = parser.parse("oraclewiki_talk:foo_bar#Sec_1")
    assert title.dbkey == "Foo_bar"
    assert parser.prefixed_text(title) == "OracleWiki talk:Foo bar"
    assert parser.prefixed_dbkey(title) == "OracleWiki_talk:Foo_bar"
    assert parser.full_text(title) == "OracleWiki talk:Foo bar#Sec 1"
    assert parser.prefixed_text(Title(0, "Main Page")) == "Main Page"
    assert parser.full_text(Title(0, "Foo", "", "wikipedia")) == "wikipedia:Foo"


def test_unknown_namespaces_format_as_a_bad_title(parser: TitleParser) -> None:
    assert parser.prefixed_text(Title(100, "Foo")) == "Special:Badtitle/NS100:Foo"
    with pytest.raises(ValueError):
        parser.namespace_text(100)
    assert parser.namespace_text(5) == "OracleWiki talk"


def test_talk_and_subject_pages(parser: TitleParser) -> None:
    page = Title(NS_MAIN, "Foo", "Sec")
    assert parser.talk(page) == Title(1, "Foo")
    assert parser.subject(parser.talk(page)) == Title(0, "Foo")
    assert parser.subject(page) is page
    talk = Title(3, "Foo")
    assert parser.talk(talk) is talk
    assert parser.subject(talk) == Title(2, "Foo")


@pytest.mark.parametrize(
    "title", [Title(0, "", "Sec"), Title(0, "Foo", "", "wikipedia"), Title(-1, "Foo")]
)
def test_some_titles_have_no_talk_page(parser: TitleParser, title: Title) -> None:
    with pytest.raises(ValueError):
        parser.talk(title)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("foo", "Foo"), ("", ""), ("ß", "SS"), ("ǅ", "Ǆ"), ("ᾳx", "ΑΙx"), ("1a", "1a"), ("`a", "`a")],
)
def test_ucfirst_upper_cases_the_first_character_fully(text: str, expected: str) -> None:
    assert ucfirst(text) == expected
