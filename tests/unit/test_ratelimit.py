from facilitator.web.ratelimit import SlidingWindowLimiter


def test_sliding_window_allows_the_rate_and_recovers() -> None:
    limiter = SlidingWindowLimiter()
    assert all(limiter.hit("10/10second", "a", now=100 + i * 0.1) for i in range(10))
    assert not limiter.hit("10/10second", "a", now=101)
    assert limiter.hit("10/10second", "b", now=101)  # per key
    assert limiter.hit("10/10second", "a", now=110.05)  # the first hit has left the window
    limiter.forget("a")
    assert all(limiter.hit("10/10second", "a", now=110.1) for _ in range(10))


def test_idle_keys_are_pruned() -> None:
    limiter = SlidingWindowLimiter()
    for n in range(50):
        limiter.hit("10/10second", f"phone-{n}", now=1000.0)
    assert len(limiter) == 50
    limiter.hit("10/10second", "late", now=1100.0)  # a minute later, the sweep runs
    assert len(limiter) == 1


def test_test_peeks_without_counting() -> None:
    limiter = SlidingWindowLimiter()
    assert all(limiter.hit("3/minute", "a", now=10.0) for _ in range(3))
    assert not limiter.test("3/minute", "a", now=20.0)
    assert limiter.test("3/minute", "b", now=20.0)
    assert limiter.test("3/minute", "a", now=70.5)  # the window has passed
    assert len(limiter) == 1  # a peek stores nothing


def test_a_sweep_keeps_keys_of_a_longer_window() -> None:
    limiter = SlidingWindowLimiter()
    limiter.hit("10/10second", "phone", now=1000.0)  # the first sweep
    assert all(limiter.hit("2/minute", "guesser", now=1045.0) for _ in range(2))
    limiter.hit("10/10second", "phone", now=1061.0)  # a sweep called with a 10 s rate
    assert not limiter.test("2/minute", "guesser", now=1062.0)  # still blocked
