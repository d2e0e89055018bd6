"""sort-4 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 8:
a network of 5 compare-exchanges, depth 3, that sorts all 16 binary inputs (so, by the 0-1
principle, every input). Population 300, at most 200 generations; primitive:
compare-exchange.
"""


def sort_4(values):
    """Return the 4 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    return wires
