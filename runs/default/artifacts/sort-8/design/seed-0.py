"""sort-8 solved by design: Batcher's odd-even merge sort. The entry copies the values onto 8
wires and sorts them with sort_8_wires, which sorts two parts recursively and merges them;
each merge merges the even- and odd-place wires recursively and finishes with one layer of
compare-exchanges.
"""


def merge_2_2(wires, a0, a1, b0, b1):
    """Given wires a0..a1 sorted and wires b0..b1 sorted, leaves all 4 values sorted in the
    order a0..a1, b0..b1. It merges the wires in even places (a0, b0) and those in odd places
    (a1, b1) separately, then compare-exchanges each wire in an odd place with the wire in
    the next even place (Batcher's odd-even merge).
    """
    if wires[b0] < wires[a0]:
        wires[a0], wires[b0] = wires[b0], wires[a0]
    if wires[b1] < wires[a1]:
        wires[a1], wires[b1] = wires[b1], wires[a1]
    if wires[b0] < wires[a1]:
        wires[a1], wires[b0] = wires[b0], wires[a1]


def sort_4_wires(wires, w0, w1, w2, w3):
    """Sorts the 4 values on wires w0..w3 in place, smallest on w0. It sorts the first 2 wires
    (one compare-exchange) and the last 2 on their own (which takes one compare-exchange),
    then merges the two sorted runs with merge_2_2.
    """
    if wires[w1] < wires[w0]:
        wires[w0], wires[w1] = wires[w1], wires[w0]
    if wires[w3] < wires[w2]:
        wires[w2], wires[w3] = wires[w3], wires[w2]
    merge_2_2(wires, w0, w1, w2, w3)


def merge_4_4(wires, a0, a1, a2, a3, b0, b1, b2, b3):
    """Given wires a0..a3 sorted and wires b0..b3 sorted, leaves all 8 values sorted in the
    order a0..a3, b0..b3. It merges the wires in even places (a0, a2, b0, b2) and those in
    odd places (a1, a3, b1, b3) separately, then compare-exchanges each wire in an odd place
    with the wire in the next even place (Batcher's odd-even merge).
    """
    merge_2_2(wires, a0, a2, b0, b2)
    merge_2_2(wires, a1, a3, b1, b3)
    if wires[a2] < wires[a1]:
        wires[a1], wires[a2] = wires[a2], wires[a1]
    if wires[b0] < wires[a3]:
        wires[a3], wires[b0] = wires[b0], wires[a3]
    if wires[b2] < wires[b1]:
        wires[b1], wires[b2] = wires[b2], wires[b1]


def sort_8_wires(wires, w0, w1, w2, w3, w4, w5, w6, w7):
    """Sorts the 8 values on wires w0..w7 in place, smallest on w0. It sorts the first 4 wires
    (sort_4_wires) and the last 4 on their own (which uses sort_4_wires), then merges the two
    sorted runs with merge_4_4.
    """
    sort_4_wires(wires, w0, w1, w2, w3)
    sort_4_wires(wires, w4, w5, w6, w7)
    merge_4_4(wires, w0, w1, w2, w3, w4, w5, w6, w7)


def sort_8(values):
    """Return the 8 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    sort_8_wires(wires, 0, 1, 2, 3, 4, 5, 6, 7)
    return wires
