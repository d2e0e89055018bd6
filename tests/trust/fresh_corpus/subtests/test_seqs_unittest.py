import unittest

from seqs import chunked, first_true, middle, pairwise_sums, take


class TakeTests(unittest.TestCase):
    def test_take(self):
        for n, expected in [(0, []), (2, [0, 1]), (5, [0, 1, 2, 3, 4])]:
            with self.subTest(n=n):
                self.assertEqual(take(n, range(10)), expected)

    def test_take_more_than_there_is(self):
        with self.subTest("short input"):
            self.assertEqual(take(3, [7]), [7])


class PairwiseTests(unittest.TestCase):
    def test_sums(self):
        for xs, expected in [([], []), ([1], []), ([1, 2], [3]), ([1, 2, 4], [3, 6])]:
            with self.subTest(xs=xs):
                self.assertEqual(pairwise_sums(xs), expected)


class ChunkTests(unittest.TestCase):
    def test_default_size(self):
        for xs, expected in [([1, 2, 3], [[1, 2], [3]]), ([1, 2], [[1, 2]])]:
            with self.subTest(xs=xs):
                self.assertEqual(chunked(xs), expected)

    def test_sizes(self):
        for size in (1, 3):
            with self.subTest("size", size=size):
                self.assertEqual(sum(chunked(list(range(7)), size), []), list(range(7)))
                self.assertTrue(all(len(chunk) <= size for chunk in chunked(list(range(7)), size)))


class MiddleTests(unittest.TestCase):
    def test_middle(self):
        for xs, expected in [([1, 2, 3], [2]), ([1, 2, 3, 4], [2, 3]), ([1, 2], [])]:
            with self.subTest(xs=xs):
                self.assertEqual(middle(xs), expected)

    @unittest.expectedFailure
    def test_middle_of_one_is_itself(self):
        self.assertEqual(middle([5]), [5])


class FirstTrueTests(unittest.TestCase):
    def test_first_true(self):
        for xs, expected in [([0, 0, 3, 4], 3), ([], None), ([0], None)]:
            with self.subTest(xs=xs):
                self.assertEqual(first_true(xs), expected)
        with self.subTest("default"):
            self.assertEqual(first_true([0], default=9), 9)
