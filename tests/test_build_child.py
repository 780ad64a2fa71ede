"""The build reads and renders in a forked child, so that its memory is given
back when it is done; what the child returns or raises must reach the parent
intact, and what it tells the parent on the way is acted on at once."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator import build
from generator.build import _in_child
from generator.problems import CurriculumError, Problem


def test_the_childs_result_comes_back():
    assert _in_child(lambda a, b: (a + b, os.getpid()), 2, 3)[0] == 5
    assert _in_child(lambda: os.getpid()) != os.getpid()


def test_curriculum_errors_keep_every_problem():
    problems = [
        Problem("a.yml", 3, 5, "jp", "harus berupa bilangan bulat."),
        Problem("b.yml", 1, 1, "", "berkas kosong.", severity="warning"),
    ]

    def fail():
        raise CurriculumError(problems)

    with pytest.raises(CurriculumError) as caught:
        _in_child(fail)
    assert caught.value.problems == problems
    assert str(caught.value) == "1 galat pada kurikulum"


def test_an_exception_that_cannot_cross_arrives_as_its_traceback():
    def fail():
        lock = threading.Lock()  # locks do not pickle
        raise ValueError(lock)

    with pytest.raises(RuntimeError, match="ValueError"):
        _in_child(fail)


def test_a_child_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="tanpa hasil"):
        _in_child(lambda: os._exit(3))


def test_the_parent_acts_on_a_message_while_the_child_goes_on(tmp_path):
    flag = tmp_path / "seen"

    def child():
        build._tell(str(flag))
        deadline = time.monotonic() + 20
        while not flag.exists():  # only the parent creates it
            if time.monotonic() > deadline:
                return "the parent waited for the child"
            time.sleep(0.01)
        return "seen"

    got = []
    result = _in_child(child, on_message=lambda path: (got.append(path), open(path, "w").close()))
    assert result == "seen"
    assert got == [str(flag)]


def test_a_failure_in_the_parent_is_raised_once_the_child_is_done(tmp_path):
    done = tmp_path / "done"

    def child():
        build._tell("pages")
        done.write_text("yes")
        return 1

    def on_message(value):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        _in_child(child, on_message=on_message)
    assert done.read_text() == "yes"


def test_the_childs_error_wins_over_the_parents():
    def child():
        build._tell("pages")
        raise CurriculumError([Problem("a.yml", 1, 1, "id", "salah.")])

    def on_message(value):
        raise OSError("disk full")

    with pytest.raises(CurriculumError):
        _in_child(child, on_message=on_message)
