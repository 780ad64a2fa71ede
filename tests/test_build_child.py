"""The build reads and renders in a forked child, so that its memory is given
back before the search indexer runs; what the child returns or raises must
reach the parent intact."""

from __future__ import annotations

import os
import threading

import pytest

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
