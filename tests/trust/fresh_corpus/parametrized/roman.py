"""Roman numerals, checked by tests that are mostly pytest.mark.parametrize tables."""

NUMERALS = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
VALUES = {letter: value for value, letter in NUMERALS if len(letter) == 1}


def to_roman(n):
    if not 0 < n < 4000:
        raise ValueError(f"out of range: {n}")
    parts = []
    for value, letters in NUMERALS:
        count, n = divmod(n, value)
        parts.append(letters * count)
    return "".join(parts)


def from_roman(text):
    total = 0
    for i, letter in enumerate(text):
        value = VALUES[letter]
        if i + 1 < len(text) and VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total
