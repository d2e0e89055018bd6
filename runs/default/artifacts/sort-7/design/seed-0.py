"""sort-7 solved by design: Batcher's odd-even merge sort. The entry copies the values onto 7
wires and sorts them with sort_7_wires, which sorts two parts recursively and merges them;
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


def merge_2_1(wires, a0, a1, b0):
    """Given wires a0..a1 sorted and wires b0 sorted, leaves all 3 values sorted in the order
    a0..a1, b0. It merges the wires in even places (a0, b0) and those in odd places (a1)
    separately, then compare-exchanges each wire in an odd place with the wire in the next
    even place (Batcher's odd-even merge).
    """
    if wires[b0] < wires[a0]:
        wires[a0], wires[b0] = wires[b0], wires[a0]
    if wires[b0] < wires[a1]:
        wires[a1], wires[b0] = wires[b0], wires[a1]


def sort_3_wires(wires, w0, w1, w2):
    """Sorts the 3 values on wires w0..w2 in place, smallest on w0. It sorts the first 2 wires
    (one compare-exchange) and the last 1 on their own (which needs nothing), then merges the
    two sorted runs with merge_2_1.
    """
    if wires[w1] < wires[w0]:
        wires[w0], wires[w1] = wires[w1], wires[w0]
    merge_2_1(wires, w0, w1, w2)


def merge_4_3(wires, a0, a1, a2, a3, b0, b1, b2):
    """Given wires a0..a3 sorted and wires b0..b2 sorted, leaves all 7 values sorted in the
    order a0..a3, b0..b2. It merges the wires in even places (a0, a2, b0, b2) and those in
    odd places (a1, a3, b1) separately, then compare-exchanges each wire in an odd place with
    the wire in the next even place (Batcher's odd-even merge).
    """
    merge_2_2(wires, a0, a2, b0, b2)
    merge_2_1(wires, a1, a3, b1)
    if wires[a2] < wires[a1]:
        wires[a1], wires[a2] = wires[a2], wires[a1]
    if wires[b0] < wires[a3]:
        wires[a3], wires[b0] = wires[b0], wires[a3]
    if wires[b2] < wires[b1]:
        wires[b1], wires[b2] = wires[b2], wires[b1]


def sort_7_wires(wires, w0, w1, w2, w3, w4, w5, w6):
    """Sorts the 7 values on wires w0..w6 in place, smallest on w0. It sorts the first 4 wires
    (sort_4_wires) and the last 3 on their own (which uses sort_3_wires), then merges the two
    sorted runs with merge_4_3.
    """
    sort_4_wires(wires, w0, w1, w2, w3)
    sort_3_wires(wires, w4, w5, w6)
    merge_4_3(wires, w0, w1, w2, w3, w4, w5, w6)


def sort_7(values):
    """Return the 7 values sorted in non-decreasing order, using compare-exchanges only."""
    wires = list(values)
    sort_7_wires(wires, 0, 1, 2, 3, 4, 5, 6)
    return wires
