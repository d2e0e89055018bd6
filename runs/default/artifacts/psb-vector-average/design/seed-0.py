"""psb-vector-average solved by design: the total of the values divided by how many there are."""


def vector_average(values):
    """Return the mean of the values (to 4 decimal places)."""
    total = sum(values)
    count = len(values)
    return total / count if count != 0 else 0.0
