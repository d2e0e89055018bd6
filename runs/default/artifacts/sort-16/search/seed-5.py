"""sort-16 solved by evolutionary search (DEAP genetic algorithm over comparator lists), seed 5:
a network of 97 compare-exchanges, depth 28, that sorts all 65536 binary inputs (so, by the
0-1 principle, every input). Population 200, at most 200 generations; primitive:
compare-exchange.
"""


def sort_16(values):
    """Return the 16 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    if wires[13] < wires[1]:
        wires[1], wires[13] = wires[13], wires[1]
    if wires[15] < wires[14]:
        wires[14], wires[15] = wires[15], wires[14]
    if wires[12] < wires[11]:
        wires[11], wires[12] = wires[12], wires[11]
    if wires[10] < wires[6]:
        wires[6], wires[10] = wires[10], wires[6]
    if wires[15] < wires[0]:
        wires[0], wires[15] = wires[15], wires[0]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[8] < wires[7]:
        wires[7], wires[8] = wires[8], wires[7]
    if wires[14] < wires[4]:
        wires[4], wires[14] = wires[14], wires[4]
    if wires[10] < wires[8]:
        wires[8], wires[10] = wires[10], wires[8]
    if wires[15] < wires[8]:
        wires[8], wires[15] = wires[15], wires[8]
    if wires[13] < wires[7]:
        wires[7], wires[13] = wires[13], wires[7]
    if wires[11] < wires[8]:
        wires[8], wires[11] = wires[11], wires[8]
    if wires[5] < wires[0]:
        wires[0], wires[5] = wires[5], wires[0]
    if wires[13] < wires[3]:
        wires[3], wires[13] = wires[13], wires[3]
    if wires[7] < wires[2]:
        wires[2], wires[7] = wires[7], wires[2]
    if wires[14] < wires[2]:
        wires[2], wires[14] = wires[14], wires[2]
    if wires[9] < wires[5]:
        wires[5], wires[9] = wires[9], wires[5]
    if wires[5] < wires[0]:
        wires[0], wires[5] = wires[5], wires[0]
    if wires[7] < wires[6]:
        wires[6], wires[7] = wires[7], wires[6]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[2] < wires[0]:
        wires[0], wires[2] = wires[2], wires[0]
    if wires[15] < wires[5]:
        wires[5], wires[15] = wires[15], wires[5]
    if wires[14] < wires[12]:
        wires[12], wires[14] = wires[14], wires[12]
    if wires[7] < wires[4]:
        wires[4], wires[7] = wires[7], wires[4]
    if wires[8] < wires[1]:
        wires[1], wires[8] = wires[8], wires[1]
    if wires[3] < wires[0]:
        wires[0], wires[3] = wires[3], wires[0]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[15] < wires[7]:
        wires[7], wires[15] = wires[15], wires[7]
    if wires[7] < wires[6]:
        wires[6], wires[7] = wires[7], wires[6]
    if wires[13] < wires[9]:
        wires[9], wires[13] = wires[13], wires[9]
    if wires[11] < wires[9]:
        wires[9], wires[11] = wires[11], wires[9]
    if wires[8] < wires[5]:
        wires[5], wires[8] = wires[8], wires[5]
    if wires[12] < wires[10]:
        wires[10], wires[12] = wires[12], wires[10]
    if wires[10] < wires[5]:
        wires[5], wires[10] = wires[10], wires[5]
    if wires[9] < wires[4]:
        wires[4], wires[9] = wires[9], wires[4]
    if wires[11] < wires[6]:
        wires[6], wires[11] = wires[11], wires[6]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[7] < wires[1]:
        wires[1], wires[7] = wires[7], wires[1]
    if wires[13] < wires[3]:
        wires[3], wires[13] = wires[13], wires[3]
    if wires[10] < wires[3]:
        wires[3], wires[10] = wires[10], wires[3]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[14] < wires[7]:
        wires[7], wires[14] = wires[14], wires[7]
    if wires[14] < wires[10]:
        wires[10], wires[14] = wires[14], wires[10]
    if wires[15] < wires[1]:
        wires[1], wires[15] = wires[15], wires[1]
    if wires[7] < wires[2]:
        wires[2], wires[7] = wires[7], wires[2]
    if wires[11] < wires[1]:
        wires[1], wires[11] = wires[11], wires[1]
    if wires[12] < wires[11]:
        wires[11], wires[12] = wires[12], wires[11]
    if wires[3] < wires[0]:
        wires[0], wires[3] = wires[3], wires[0]
    if wires[14] < wires[12]:
        wires[12], wires[14] = wires[14], wires[12]
    if wires[15] < wires[10]:
        wires[10], wires[15] = wires[15], wires[10]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[6] < wires[2]:
        wires[2], wires[6] = wires[6], wires[2]
    if wires[10] < wires[7]:
        wires[7], wires[10] = wires[10], wires[7]
    if wires[15] < wires[12]:
        wires[12], wires[15] = wires[15], wires[12]
    if wires[14] < wires[13]:
        wires[13], wires[14] = wires[14], wires[13]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[11] < wires[3]:
        wires[3], wires[11] = wires[11], wires[3]
    if wires[14] < wires[11]:
        wires[11], wires[14] = wires[14], wires[11]
    if wires[5] < wires[3]:
        wires[3], wires[5] = wires[5], wires[3]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[4] < wires[2]:
        wires[2], wires[4] = wires[4], wires[2]
    if wires[13] < wires[11]:
        wires[11], wires[13] = wires[13], wires[11]
    if wires[5] < wires[4]:
        wires[4], wires[5] = wires[5], wires[4]
    if wires[6] < wires[1]:
        wires[1], wires[6] = wires[6], wires[1]
    if wires[11] < wires[10]:
        wires[10], wires[11] = wires[11], wires[10]
    if wires[15] < wires[2]:
        wires[2], wires[15] = wires[15], wires[2]
    if wires[5] < wires[1]:
        wires[1], wires[5] = wires[5], wires[1]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[13] < wires[12]:
        wires[12], wires[13] = wires[13], wires[12]
    if wires[8] < wires[6]:
        wires[6], wires[8] = wires[8], wires[6]
    if wires[15] < wires[13]:
        wires[13], wires[15] = wires[15], wires[13]
    if wires[12] < wires[7]:
        wires[7], wires[12] = wires[12], wires[7]
    if wires[15] < wires[10]:
        wires[10], wires[15] = wires[15], wires[10]
    if wires[8] < wires[5]:
        wires[5], wires[8] = wires[8], wires[5]
    if wires[15] < wires[14]:
        wires[14], wires[15] = wires[15], wires[14]
    if wires[6] < wires[4]:
        wires[4], wires[6] = wires[6], wires[4]
    if wires[3] < wires[1]:
        wires[1], wires[3] = wires[3], wires[1]
    if wires[4] < wires[3]:
        wires[3], wires[4] = wires[4], wires[3]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[13] < wires[11]:
        wires[11], wires[13] = wires[13], wires[11]
    if wires[1] < wires[0]:
        wires[0], wires[1] = wires[1], wires[0]
    if wires[8] < wires[7]:
        wires[7], wires[8] = wires[8], wires[7]
    if wires[10] < wires[8]:
        wires[8], wires[10] = wires[10], wires[8]
    if wires[10] < wires[9]:
        wires[9], wires[10] = wires[10], wires[9]
    if wires[6] < wires[5]:
        wires[5], wires[6] = wires[6], wires[5]
    if wires[9] < wires[6]:
        wires[6], wires[9] = wires[9], wires[6]
    if wires[2] < wires[1]:
        wires[1], wires[2] = wires[2], wires[1]
    if wires[9] < wires[8]:
        wires[8], wires[9] = wires[9], wires[8]
    if wires[8] < wires[7]:
        wires[7], wires[8] = wires[8], wires[7]
    if wires[15] < wires[8]:
        wires[8], wires[15] = wires[15], wires[8]
    if wires[6] < wires[0]:
        wires[0], wires[6] = wires[6], wires[0]
    if wires[7] < wires[6]:
        wires[6], wires[7] = wires[7], wires[6]
    if wires[11] < wires[10]:
        wires[10], wires[11] = wires[11], wires[10]
    if wires[12] < wires[11]:
        wires[11], wires[12] = wires[12], wires[11]
    if wires[3] < wires[2]:
        wires[2], wires[3] = wires[3], wires[2]
    if wires[14] < wires[12]:
        wires[12], wires[14] = wires[14], wires[12]
    return wires
