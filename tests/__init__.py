"""The test suite, one folder per package of ``sva`` (tests/README.md says where tests go).

Every test folder is a package, so each test module has a unique dotted name
(``tests.trust.test_trust``, ``tests.families.feynman.test_trust``): two folders may hold files
with one basename, and ``tests.conftest``'s helpers import by that name from anywhere.
"""
