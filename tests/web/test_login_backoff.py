from datetime import UTC, datetime, timedelta

from prongsai.web.agencies.login_backoff import Failures, Rules, pair_pause, retry_at

NOW = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
RULES = Rules()


def test_the_pause_starts_at_the_fifth_failure_and_doubles_up_to_an_hour():
    minutes = [pair_pause(n, RULES) / timedelta(minutes=1) for n in range(1, 14)]
    assert minutes == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert pair_pause(10**9, RULES) == timedelta(hours=1)


def test_a_pause_counts_from_the_last_failure():
    pair = Failures(6, NOW - timedelta(seconds=30))
    assert retry_at(pair, pair, False, NOW, RULES) == NOW + timedelta(seconds=90)
    assert retry_at(Failures(6, NOW - timedelta(minutes=3)), Failures(6, NOW), False, NOW, RULES) is None


def test_the_account_pause_is_short_and_spares_a_known_address():
    account = Failures(500, NOW - timedelta(seconds=10))
    assert retry_at(Failures(), account, False, NOW, RULES) == NOW + timedelta(seconds=50)
    assert retry_at(Failures(), account, True, NOW, RULES) is None
    assert retry_at(Failures(), Failures(29, NOW), False, NOW, RULES) is None


def test_nothing_counted_means_no_pause():
    assert retry_at(Failures(), Failures(), False, NOW, RULES) is None
