"""Rate limits ($wgRateLimits as RateLimiter::limit() applies them in 1.39)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rollwiki.services.performer import Performer, anonymous, performer_from_row
from rollwiki.services.ratelimit import RateLimiter, limiter_for, ping_limiter, subnet_of
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


def load(wiki: Wiki, user_id: int, ip: str = "10.0.0.1") -> Performer:
    def fn(conn: Any) -> Performer:
        row = uq.user_by_id(conn, user_id)
        assert row is not None
        return performer_from_row(conn, row, ip, wiki.permissions, {})

    return wiki.db.read(fn)


def configure(wiki: Wiki, **overrides: Any) -> None:
    wiki.config = wiki.config.with_overrides(overrides)
    wiki.__dict__.pop("permissions", None)


def attempts(wiki: Wiki, who: Performer, action: str, n: int) -> list[bool]:
    return [ping_limiter(wiki, who, action) for _ in range(n)]


def test_user_bucket_refuses_once_full(wiki: Wiki, make_user: Callable[..., int]) -> None:
    configure(wiki, rate_limits={"edit": {"user": [2, 60]}})
    who = load(wiki, make_user("Editor"))
    assert attempts(wiki, who, "edit", 4) == [False, False, True, True]


def test_actions_without_limits_are_never_limited(
    wiki: Wiki, make_user: Callable[..., int]
) -> None:
    configure(wiki, rate_limits={"edit": {"user": [1, 60]}})
    who = load(wiki, make_user("Editor"))
    assert attempts(wiki, who, "purge", 5) == [False] * 5


def test_noratelimit_and_excluded_ips_are_exempt(wiki: Wiki, make_user: Callable[..., int]) -> None:
    configure(
        wiki,
        rate_limits={"edit": {"user": [1, 60], "ip": [1, 60]}},
        rate_limits_excluded_ips=["192.0.2.0/24"],
    )
    admin = load(wiki, make_user("Admin", ["sysop"]))
    assert attempts(wiki, admin, "edit", 3) == [False] * 3
    anon = anonymous("192.0.2.7", wiki.permissions)
    assert attempts(wiki, anon, "edit", 3) == [False] * 3


def test_can_bypass_false_limits_even_exempt_users(
    wiki: Wiki, make_user: Callable[..., int]
) -> None:
    configure(wiki, rate_limits={"edit": {"user": [1, 60], "&can-bypass": False}})
    admin = load(wiki, make_user("Admin", ["sysop"]))
    assert attempts(wiki, admin, "edit", 2) == [False, True]


def test_newbie_bucket_overrides_user_and_group_buckets(
    wiki: Wiki, make_user: Callable[..., int]
) -> None:
    configure(
        wiki,
        autoconfirm_count=10,
        rate_limits={"edit": {"user": [5, 60], "newbie": [1, 60], "rollbacker": [50, 60]}},
    )
    newbie = load(wiki, make_user("Newbie", ["rollbacker"]))
    assert attempts(wiki, newbie, "edit", 2) == [False, True]


def test_the_most_generous_group_bucket_wins(wiki: Wiki, make_user: Callable[..., int]) -> None:
    configure(wiki, rate_limits={"rollback": {"user": [1, 60], "rollbacker": [3, 60]}})
    rollbacker = load(wiki, make_user("Rollbacker", ["rollbacker"]))
    plain = load(wiki, make_user("Plain"))
    assert attempts(wiki, rollbacker, "rollback", 4) == [False, False, False, True]
    assert attempts(wiki, plain, "rollback", 2) == [False, True]


def test_anonymous_users_count_per_ip_and_per_anon_bucket(wiki: Wiki) -> None:
    configure(wiki, rate_limits={"edit": {"ip": [2, 60]}, "move": {"anon": [1, 60]}})
    first = anonymous("198.51.100.1", wiki.permissions)
    other = anonymous("198.51.100.2", wiki.permissions)
    assert attempts(wiki, first, "edit", 3) == [False, False, True]
    assert attempts(wiki, other, "edit", 1) == [False]
    # "anon" is one bucket shared by every anonymous user.
    assert attempts(wiki, first, "move", 1) == [False]
    assert attempts(wiki, other, "move", 1) == [True]


def test_subnet_bucket_groups_neighbouring_addresses(wiki: Wiki) -> None:
    configure(wiki, rate_limits={"edit": {"subnet": [2, 60]}})
    a = anonymous("203.0.113.1", wiki.permissions)
    b = anonymous("203.0.113.200", wiki.permissions)
    c = anonymous("203.0.114.1", wiki.permissions)
    assert attempts(wiki, a, "edit", 1) + attempts(wiki, b, "edit", 2) == [False, False, True]
    assert attempts(wiki, c, "edit", 1) == [False]


def test_a_refused_attempt_counts_in_no_bucket(wiki: Wiki, make_user: Callable[..., int]) -> None:
    # WRStats tryIncr: every bucket is checked before any is incremented.
    configure(wiki, autoconfirm_count=10, rate_limits={"edit": {"newbie": [1, 60], "ip": [2, 60]}})
    newbie = load(wiki, make_user("Newbie"), ip="10.1.1.1")
    assert attempts(wiki, newbie, "edit", 3) == [False, True, True]
    anon = anonymous("10.1.1.1", wiki.permissions)
    # The IP bucket saw one counted attempt (the newbie's first), so one more fits.
    assert attempts(wiki, anon, "edit", 2) == [False, True]


def test_peeking_does_not_count(wiki: Wiki, make_user: Callable[..., int]) -> None:
    configure(wiki, rate_limits={"edit": {"user": [1, 60]}})
    who = load(wiki, make_user("Editor"))
    assert not ping_limiter(wiki, who, "edit", 0)
    assert not ping_limiter(wiki, who, "edit")
    assert ping_limiter(wiki, who, "edit", 0)


def test_limiter_is_shared_per_wiki_and_resettable(
    wiki: Wiki, make_user: Callable[..., int]
) -> None:
    configure(wiki, rate_limits={"edit": {"user": [1, 60]}})
    who = load(wiki, make_user("Editor"))
    assert limiter_for(wiki) is limiter_for(wiki)
    assert attempts(wiki, who, "edit", 2) == [False, True]
    limiter_for(wiki).reset()
    assert attempts(wiki, who, "edit", 1) == [False]


def test_a_window_frees_up_after_its_duration(wiki: Wiki, make_user: Callable[..., int]) -> None:
    configure(wiki, rate_limits={"edit": {"user": [1, 1]}})
    limiter = RateLimiter(lambda: wiki.config)
    who = load(wiki, make_user("Editor"))
    assert [limiter.limit(who, "edit") for _ in range(2)] == [False, True]
    import time

    time.sleep(1.1)
    assert limiter.limit(who, "edit") is False


@pytest.mark.parametrize(
    ("ip", "subnet"),
    [("203.0.113.9", "203.0.113"), ("2001:db8::1", "v6-20010DB800000000"), ("bogus", None)],
)
def test_subnet_of(ip: str, subnet: str | None) -> None:
    assert subnet_of(ip) == subnet


def test_rollback_counts_rollback_then_edit(wiki: Wiki, make_user: Callable[..., int]) -> None:
    from rollwiki.services.ratelimit import ping_rollback

    configure(wiki, rate_limits={"rollback": {"user": [3, 60]}, "edit": {"user": [2, 60]}})
    who = load(wiki, make_user("Rollbacker", ["rollbacker"]))
    # The edit bucket trips on the third attempt; rollback's own on the fourth.
    assert [ping_rollback(wiki, who) for _ in range(4)] == [False, False, True, True]
