"""sort-6 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 6:
a network of 12 compare-exchanges, depth 6, that sorts all 64 binary inputs (so, by the 0-1
principle, every input). Population 300, at most 200 generations; primitive:
compare-exchange.
"""


def sort_6(values):
    """Return the 6 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[5] < wires[2]:
        wires[2], wires[5] = wires[5], wires[2]
    if wires[5] < wires[1]:
        wires[1], wires[5] = wires[5], wires[1]
    if wires[3] < wires[0]:
        wires[0], wires[3] = wires[3], wires[0]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    return wires
