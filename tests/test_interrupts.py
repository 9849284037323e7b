"""Ctrl-C and SIGTERM wait until a held block ends, then reach their handler."""

from __future__ import annotations

import os
import signal

import pytest

from scanner.interrupts import interrupts_held


@pytest.fixture(autouse=True)
def _python_sigint_handler():
    """Python's own Ctrl-C handler in each test: a Spark session started by an earlier
    test of the run replaces it with its own."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_inside_the_block_is_raised_after_it() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        steps.append("after the signal")
    assert steps == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_sigterm_goes_to_the_handler_that_was_there() -> None:
    seen = []
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: seen.append(signum))
    try:
        with interrupts_held():
            os.kill(os.getpid(), signal.SIGTERM)
            assert seen == []
        assert seen == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_quiet_block_changes_nothing() -> None:
    with interrupts_held():
        value = 1 + 1
    assert value == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_signals_wait_for_a_checkpoint():
    import os
    import signal

    import pytest

    from scanner.interrupts import checkpoint, interrupts_at_checkpoints

    with interrupts_at_checkpoints():
        checkpoint()  # nothing pending: no-op
        os.kill(os.getpid(), signal.SIGTERM)
        done = "the block went on past the signal"
        with pytest.raises(KeyboardInterrupt):
            checkpoint()
        checkpoint()  # delivered once
    assert done
    checkpoint()  # outside the block: always a no-op
