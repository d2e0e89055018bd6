"""sort-16 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 7:
a network of 95 compare-exchanges, depth 31, that sorts all 65536 binary inputs (so, by the
0-1 principle, every input). Population 200, at most 200 generations; primitive:
compare-exchange.
"""


def sort_16(values):
    """Return the 16 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[12] < wires[1]:
        wires[1], wires[12] = wires[12], wires[1]
    if wires[14] < wires[6]:
        wires[6], wires[14] = wires[14], wires[6]
    if wires[15] < wires[7]:
        wires[7], wires[15] = wires[15], wires[7]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[11] < wires[8]:
        wires[8], wires[11] = wires[11], wires[8]
    if wires[15] < wires[5]:
        wires[5], wires[15] = wires[15], wires[5]
    if wires[15] < wires[12]:
        wires[12], wires[15] = wires[15], wires[12]
    if wires[13] < wires[10]:
        wires[10], wires[13] = wires[13], wires[10]
    if wires[8] < wires[0]:
        wires[0], wires[8] = wires[8], wires[0]
    if wires[12] < wires[9]:
        wires[9], wires[12] = wires[12], wires[9]
    if wires[13] < wires[12]:
        wires[12], wires[13] = wires[13], wires[12]
    if wires[6] < wires[0]:
        wires[0], wires[6] = wires[6], wires[0]
    if wires[15] < wires[10]:
        wires[10], wires[15] = wires[15], wires[10]
    if wires[14] < wires[6]:
        wires[6], wires[14] = wires[14], wires[6]
    if wires[12] < wires[4]:
        wires[4], wires[12] = wires[12], wires[4]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[7] < wires[4]:
        wires[4], wires[7] = wires[7], wires[4]
    if wires[8] < wires[4]:
        wires[4], wires[8] = wires[8], wires[4]
    if wires[5] < wires[1]:
        wires[1], wires[5] = wires[5], wires[1]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[11] < wires[4]:
        wires[4], wires[11] = wires[11], wires[4]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[9] < wires[6]:
        wires[6], wires[9] = wires[9], wires[6]
    if wires[8] < wires[5]:
        wires[5], wires[8] = wires[8], wires[5]
    if wires[11] < wires[6]:
        wires[6], wires[11] = wires[11], wires[6]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[10] < wires[3]:
        wires[3], wires[10] = wires[10], wires[3]
    if wires[3] < wires[0]:
        wires[0], wires[3] = wires[3], wires[0]
    if wires[14] < wires[12]:
        wires[12], wires[14] = wires[14], wires[12]
    if wires[15] < wires[0]:
        wires[0], wires[15] = wires[15], wires[0]
    if wires[6] < wires[1]:
        wires[1], wires[6] = wires[6], wires[1]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[13] < wires[2]:
        wires[2], wires[13] = wires[13], wires[2]
    if wires[9] < wires[7]:
        wires[7], wires[9] = wires[9], wires[7]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[12] < wires[3]:
        wires[3], wires[12] = wires[12], wires[3]
    if wires[10] < wires[5]:
        wires[5], wires[10] = wires[10], wires[5]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[14] < wires[11]:
        wires[11], wires[14] = wires[14], wires[11]
    if wires[15] < wires[9]:
        wires[9], wires[15] = wires[15], wires[9]
    if wires[15] < wires[13]:
        wires[13], wires[15] = wires[15], wires[13]
    if wires[12] < wires[10]:
        wires[10], wires[12] = wires[12], wires[10]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[5] < wires[3]:
        wires[3], wires[5] = wires[5], wires[3]
    if wires[12] < wires[0]:
        wires[0], wires[12] = wires[12], wires[0]
    if wires[14] < wires[12]:
        wires[12], wires[14] = wires[14], wires[12]
    if wires[13] < wires[8]:
        wires[8], wires[13] = wires[13], wires[8]
    if wires[15] < wires[11]:
        wires[11], wires[15] = wires[15], wires[11]
    if wires[13] < wires[0]:
        wires[0], wires[13] = wires[13], wires[0]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[11] < wires[7]:
        wires[7], wires[11] = wires[11], wires[7]
    if wires[7] < wires[3]:
        wires[3], wires[7] = wires[7], wires[3]
    if wires[7] < wires[5]:
        wires[5], wires[7] = wires[7], wires[5]
    if wires[13] < wires[11]:
        wires[11], wires[13] = wires[13], wires[11]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[11] < wires[6]:
        wires[6], wires[11] = wires[11], wires[6]
    if wires[10] < wires[5]:
        wires[5], wires[10] = wires[10], wires[5]
    if wires[6] < wires[3]:
        wires[3], wires[6] = wires[6], wires[3]
    if wires[14] < wires[13]:
        wires[13], wires[14] = wires[14], wires[13]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[15] < wires[14]:
        wires[14], wires[15] = wires[15], wires[14]
    if wires[10] < wires[1]:
        wires[1], wires[10] = wires[10], wires[1]
    if wires[10] < wires[8]:
        wires[8], wires[10] = wires[10], wires[8]
    if wires[4] < wires[1]:
        wires[1], wires[4] = wires[4], wires[1]
    if wires[14] < wires[10]:
        wires[10], wires[14] = wires[14], wires[10]
    if wires[10] < wires[7]:
        wires[7], wires[10] = wires[10], wires[7]
    if wires[8] < wires[7]:
        wires[7], wires[8] = wires[8], wires[7]
    if wires[12] < wires[9]:
        wires[9], wires[12] = wires[12], wires[9]
    if wires[11] < wires[4]:
        wires[4], wires[11] = wires[11], wires[4]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[11] < wires[2]:
        wires[2], wires[11] = wires[11], wires[2]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[13] < wires[12]:
        wires[12], wires[13] = wires[13], wires[12]
    if wires[11] < wires[9]:
        wires[9], wires[11] = wires[11], wires[9]
    if wires[9] < wires[6]:
        wires[6], wires[9] = wires[9], wires[6]
    if wires[11] < wires[8]:
        wires[8], wires[11] = wires[11], wires[8]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[9] < wires[7]:
        wires[7], wires[9] = wires[9], wires[7]
    if wires[11] < wires[10]:
        wires[10], wires[11] = wires[11], wires[10]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[11] < wires[8]:
        wires[8], wires[11] = wires[11], wires[8]
    if wires[12] < wires[10]:
        wires[10], wires[12] = wires[12], wires[10]
    if wires[14] < wires[13]:
        wires[13], wires[14] = wires[14], wires[13]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[7] < wires[6]:
        wires[6], wires[7] = wires[7], wires[6]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[12] < wires[11]:
        wires[11], wires[12] = wires[12], wires[11]
    return wires
