"""sort-7 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 7:
a network of 17 compare-exchanges, depth 6, that sorts all 128 binary inputs (so, by the 0-1
principle, every input). Population 300, at most 200 generations; primitive:
compare-exchange.
"""


def sort_7(values):
    """Return the 7 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[6] < wires[3]:
        wires[3], wires[6] = wires[6], wires[3]
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[5] < wires[1]:
        wires[1], wires[5] = wires[5], wires[1]
    if wires[6] < wires[2]:
        wires[2], wires[6] = wires[6], wires[2]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    return wires
