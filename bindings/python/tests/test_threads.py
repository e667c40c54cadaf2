"""Lookups from many threads at once, while new language tags fill the tag cache."""

import threading
import unittest

import iot_error_codes as catalog

from . import oracle, vectors

THREADS = 16
ROUNDS = 40


class ThreadsTest(unittest.TestCase):
    def test_many_threads_get_the_spec_answers(self):
        names = oracle.names()
        # (code as given, lang, expected description): codes in any case, the
        # alias and unknown strings are answered from memory, new language tags
        # by the library (once each, until the tag cache is full).
        cases = []
        for code, zh in oracle.spec_rows():
            en = names[code][1]
            cases += [(code, None, zh), (code, "en", en), (code.lower(), "en-GB", en), (code.lower(), "zh-TW", zh)]
        cases += [(given, "en", names[code][1]) for given, code in vectors.hits()]
        cases += [(given, "en", None) for given in vectors.misses()]
        barrier = threading.Barrier(THREADS)
        failures = []

        def work(worker):
            barrier.wait()
            for round_ in range(ROUNDS):
                for code, lang, expected in cases:
                    tag = lang if lang is None or round_ % 2 else f"{lang}-x{worker}"  # fresh tags race too
                    got = catalog.describe(code, tag)
                    if got != expected:
                        failures.append((worker, code, tag, got, expected))
                        return
                    if expected is not None and catalog.name(code) != names[catalog.lookup(code).code][0]:
                        failures.append((worker, code, "name"))
                        return

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
