"""sort-12 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 2:
a network of 49 compare-exchanges, depth 15, that sorts all 4096 binary inputs (so, by the
0-1 principle, every input). Population 300, at most 200 generations; primitive:
compare-exchange.
"""


def sort_12(values):
    """Return the 12 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[11] < wires[3]:
        wires[3], wires[11] = wires[11], wires[3]
    if wires[11] < wires[9]:
        wires[9], wires[11] = wires[11], wires[9]
    if wires[10] < wires[0]:
        wires[0], wires[10] = wires[10], wires[0]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[8] < wires[5]:
        wires[5], wires[8] = wires[8], wires[5]
    if wires[11] < wires[5]:
        wires[5], wires[11] = wires[11], wires[5]
    if wires[8] < wires[0]:
        wires[0], wires[8] = wires[8], wires[0]
    if wires[6] < wires[3]:
        wires[3], wires[6] = wires[6], wires[3]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[7] < wires[4]:
        wires[4], wires[7] = wires[7], wires[4]
    if wires[9] < wires[5]:
        wires[5], wires[9] = wires[9], wires[5]
    if wires[8] < wires[2]:
        wires[2], wires[8] = wires[8], wires[2]
    if wires[10] < wires[7]:
        wires[7], wires[10] = wires[10], wires[7]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[7] < wires[3]:
        wires[3], wires[7] = wires[7], wires[3]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[3] < wires[0]:
        wires[0], wires[3] = wires[3], wires[0]
    if wires[5] < wires[0]:
        wires[0], wires[5] = wires[5], wires[0]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[11] < wires[8]:
        wires[8], wires[11] = wires[11], wires[8]
    if wires[9] < wires[3]:
        wires[3], wires[9] = wires[9], wires[3]
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[7] < wires[4]:
        wires[4], wires[7] = wires[7], wires[4]
    if wires[5] < wires[1]:
        wires[1], wires[5] = wires[5], wires[1]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[9] < wires[4]:
        wires[4], wires[9] = wires[9], wires[4]
    if wires[10] < wires[6]:
        wires[6], wires[10] = wires[10], wires[6]
    if wires[7] < wires[5]:
        wires[5], wires[7] = wires[7], wires[5]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[5] < wires[2]:
        wires[2], wires[5] = wires[5], wires[2]
    if wires[11] < wires[10]:
        wires[10], wires[11] = wires[11], wires[10]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[7] < wires[6]:
        wires[6], wires[7] = wires[7], wires[6]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[9] < wires[7]:
        wires[7], wires[9] = wires[9], wires[7]
    if wires[5] < wires[3]:
        wires[3], wires[5] = wires[5], wires[3]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[8] < wires[7]:
        wires[7], wires[8] = wires[8], wires[7]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    return wires
