"""Links and the small pieces of HTML every listing shares (Mirrors Linker, LinkRenderer
and ChangesList's helpers).

Every function escapes its text and returns :class:`Markup`; page existence comes from a
per-request :class:`LinkCache` that views fill with one batch query before rendering.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from ..i18n.messages import Num
from ..services.namespaces import NS_SPECIAL, NS_USER, NS_USER_TALK
from ..services.titles import MalformedTitle, Title
from ..storage.queries.pages import pages_by_titles
from .context import WebContext

# $wgRCChangedSizeThreshold: bigger byte changes are printed in bold.
CHANGED_SIZE_THRESHOLD = 500


class LinkCache:
    """Which pages exist, looked up in batches (Mirrors LinkBatch + LinkCache)."""

    def __init__(self, ctx: WebContext) -> None:
        self.ctx = ctx
        self._known: dict[tuple[int, str], bool] = {}

    def preload(self, titles: Iterable[Title | None]) -> None:
        keys = {
            (t.namespace, t.dbkey)
            for t in titles
            if t is not None and t.namespace >= 0 and not t.interwiki and t.text
        }
        keys -= set(self._known)
        if not keys:
            return
        found = self.ctx.wiki.db.read(lambda conn: pages_by_titles(conn, keys))
        for key in keys:
            self._known[key] = key in found

    def exists(self, title: Title) -> bool:
        if title.interwiki or not title.text:
            return True
        if title.namespace == NS_SPECIAL:
            from .specials import special_page_exists

            return special_page_exists(title.text)
        if title.namespace < 0:
            return False
        key = (title.namespace, title.dbkey)
        if key not in self._known:
            self.preload([title])
        return self._known[key]


def links(ctx: WebContext) -> LinkCache:
    cache = ctx.__dict__.get("_link_cache")
    if cache is None:
        cache = LinkCache(ctx)
        ctx.__dict__["_link_cache"] = cache
    return cache


def attrs(**values: Any) -> Markup:
    """Attributes in the given order; None values are left out; names use ``_`` for ``-``."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f' {name}="{escape(str(value))}"')
    return Markup("".join(out))


def title_of(ctx: WebContext, text: str, namespace: int = 0) -> Title | None:
    try:
        return ctx.wiki.titles.parse(text, namespace)
    except MalformedTitle:
        return None


def link(
    ctx: WebContext,
    title: Title,
    text: str | Markup | None = None,
    *,
    query: dict[str, Any] | None = None,
    classes: str = "",
    tooltip: str | None = None,
    known: bool = False,
    extra: dict[str, Any] | None = None,
) -> Markup:
    """LinkRenderer::makeLink(): blue when the page exists (or ``known``), red otherwise."""
    name = ctx.wiki.prefixed(title)
    label = escape(name if text is None else text)
    exists = known or links(ctx).exists(title)
    cls = classes
    if exists:
        href = ctx.url(title, query)
        tip = name if tooltip is None else tooltip
    else:
        href = ctx.url(title, {"action": "edit", "redlink": "1"})
        cls = ("new " + cls).strip()
        tip = ctx.msg("red-link-title", name)
    extra_attrs = attrs(**extra) if extra else Markup("")
    return Markup(
        f"<a{attrs(href=href, class_=cls or None, title=tip or None)}{extra_attrs}>{label}</a>"
    )


def user_page(ctx: WebContext, name: str) -> Title | None:
    if ctx.wiki.usernames.is_ip(name) or ">" in name:
        return None
    return title_of(ctx, name, NS_USER)


def preload_users(ctx: WebContext, names: Iterable[str]) -> None:
    """One query for the user and talk pages of the names a listing shows."""
    titles: list[Title | None] = []
    for name in set(names):
        if ">" in name:
            continue
        page = title_of(ctx, name, NS_USER)
        if page is not None:
            titles.append(page)
            titles.append(Title(NS_USER_TALK, page.text))
    links(ctx).preload(titles)


def user_link(ctx: WebContext, name: str, *, hidden: bool = False) -> Markup:
    """Linker::userLink(): the user page, or the contributions of an IP."""
    if hidden:
        return Markup(f'<span class="history-deleted">{escape(ctx.msg("rev-deleted-user"))}</span>')
    label = Markup(f"<bdi>{escape(name)}</bdi>")
    if ">" in name:  # imported "prefix>Name": no local page
        return Markup(f'<span class="mw-userlink mw-extuserlink">{label}</span>')
    if ctx.wiki.usernames.is_ip(name):
        return link(
            ctx,
            Title(NS_SPECIAL, f"Contributions/{name}"),
            label,
            classes="mw-userlink mw-anonuserlink",
            known=True,
        )
    page = user_page(ctx, name)
    if page is None:
        return Markup(f'<span class="mw-userlink">{label}</span>')
    return link(ctx, page, label, classes="mw-userlink")


def user_tool_items(ctx: WebContext, name: str) -> list[Markup]:
    """Linker::userToolLinkArray(): talk, contribs, and block for those who may block."""
    items: list[Markup] = []
    if ">" in name:
        return items
    talk = title_of(ctx, name, NS_USER_TALK)
    if talk is not None:
        items.append(link(ctx, talk, ctx.msg("talkpagelinktext"), classes="mw-usertoollinks-talk"))
    items.append(
        link(
            ctx,
            Title(NS_SPECIAL, f"Contributions/{name}"),
            ctx.msg("contribslink"),
            classes="mw-usertoollinks-contribs",
            known=True,
        )
    )
    if ctx.performer.allowed("block"):
        items.append(
            link(
                ctx,
                Title(NS_SPECIAL, f"Block/{name}"),
                ctx.msg("blocklink"),
                classes="mw-usertoollinks-block",
                known=True,
            )
        )
    return items


def user_tool_links(ctx: WebContext, name: str, *, changeslist: bool = False) -> Markup:
    """Linker::userToolLinks(): "(talk | contribs | block)".

    Listings use the ``mw-changeslist-links`` form (one ``<span>`` per item, separators from
    CSS); diffs and the rollback success page print the parentheses and pipes.
    """
    items = user_tool_items(ctx, name)
    if not items:
        return Markup("")
    if changeslist:
        inner = Markup(" ").join(Markup(f"<span>{i}</span>") for i in items)
        return Markup(f' <span class="mw-usertoollinks mw-changeslist-links">{inner}</span>')
    sep = Markup(escape(ctx.msg("pipe-separator")))
    return Markup(f' <span class="mw-usertoollinks">({sep.join(items)})</span>')


def user_with_tools(ctx: WebContext, name: str, *, changeslist: bool = False) -> Markup:
    return user_link(ctx, name) + user_tool_links(ctx, name, changeslist=changeslist)


# -- sizes, flags, tags, comments ------------------------------------------------------------


def size(ctx: WebContext, nbytes: int, *, css: str = "history-size mw-diff-bytes") -> Markup:
    """The page size after the change ("34 bytes")."""
    text = ctx.msg("nbytes", Num(nbytes))
    return Markup(f"<span{attrs(class_=css, data_mw_bytes=nbytes)}>{escape(text)}</span>")


def size_delta(ctx: WebContext, old: int | None, new: int) -> Markup:
    """Mirrors ChangesList::showCharacterDifference()."""
    delta = new - (old or 0)
    title = ctx.msg("rc-change-size-new", Num(new))
    if delta > 0:
        cls, text = "mw-plusminus-pos", "+" + ctx.formatter.param_text(Num(delta))
    elif delta < 0:
        cls, text = "mw-plusminus-neg", "\u2212" + ctx.formatter.param_text(Num(-delta))
    else:
        cls, text = "mw-plusminus-null", "0"
    tag = "strong" if abs(delta) > CHANGED_SIZE_THRESHOLD else "span"
    return Markup(
        f'<{tag} dir="ltr"{attrs(class_=cls + " mw-diff-bytes", title=title)}>'
        f"{escape(text)}</{tag}>"
    )


def flag(ctx: WebContext, kind: str) -> Markup:
    """ChangesList::flag(): m (minor), b (bot), N (new), ! (unpatrolled)."""
    letter, tip, css = {
        "minor": ("minoreditletter", "recentchanges-label-minor", "minoredit"),
        "bot": ("boteditletter", "recentchanges-label-bot", "botedit"),
        "new": ("newpageletter", "recentchanges-label-newpage", "newpage"),
        "unpatrolled": (
            "unpatrolledletter",
            "recentchanges-label-unpatrolled",
            "unpatrolled",
        ),
    }[kind]
    return Markup(f"<abbr{attrs(class_=css, title=ctx.msg(tip))}>{escape(ctx.msg(letter))}</abbr>")


def tag_display(ctx: WebContext, tag: str) -> str:
    """ChangeTags::tagShortDescriptionMessage(): the tag-<name> message, or the name."""
    key = f"tag-{tag}"
    return ctx.msg(key) if ctx.formatter.exists(key) else tag


def tag_summary(ctx: WebContext, tags: list[str]) -> Markup:
    """ChangeTags::formatSummaryRow(): "Tags: Rollback, Reverted"."""
    if not tags:
        return Markup("")
    markers = [
        Markup(
            f'<span class="mw-tag-marker mw-tag-marker-{escape(t)}">{escape(tag_display(ctx, t))}'
            "</span>"
        )
        for t in tags
    ]
    joined = Markup(escape(ctx.msg("comma-separator"))).join(markers)
    wrapper = ctx.msg_html("tag-list-wrapper", Num(len(tags)), joined)
    return Markup(f' <span class="mw-tag-markers">{wrapper}</span>')


def comment_html(html: str, *, parentheses: bool = False) -> Markup:
    """Linker::commentBlock(): an empty comment prints nothing."""
    if not html:
        return Markup("")
    if parentheses:
        return Markup(f' <span class="comment">({html})</span>')
    return Markup(f' <span class="comment comment--without-parentheses">{html}</span>')


def changeslist_links(items: Iterable[Markup | str]) -> Markup:
    """Tool links as ``<span class="mw-changeslist-links"><span>…</span>…</span>``."""
    inner = Markup("").join(Markup(f"<span>{i}</span>") for i in items if i)
    return Markup(f'<span class="mw-changeslist-links">{inner}</span>') if inner else Markup("")


def date_time(ctx: WebContext, ts: str) -> str:
    """Language::userTimeAndDate() in the user language: "20:24, 26 November 2026"."""
    from ..services import timestamps

    return timestamps.format_user_datetime(
        ts, ctx.lang, pref=str(ctx.performer.option("date") or "default")
    )
