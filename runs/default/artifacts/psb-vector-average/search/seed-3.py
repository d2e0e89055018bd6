"""psb-vector-average solved by evolutionary search (DEAP strongly typed GP), seed 3. The entry
function is the first evolved tree right on all 250 training cases. Population 200, at most
30 generations, epsilon-lexicase selection; primitives SUM, LEN, DIV, ADD, SUB, MUL.
"""


def vector_average(values):
    """Return the mean of the values (to 4 decimal places)."""
    return sum(values) / len(values) if len(values) != 0 else 0.0
