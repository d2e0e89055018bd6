"""Artifact values as JSON data: the one codec for the process boundary and the database.

An artifact of any family may return (or take) values JSON has no word for: tuples, NaN and
the infinities, bytes, numpy scalars, dicts with non-string keys. They cross two boundaries:
the sandbox (a job's result and progress are JSON files) and the results database (JSON
text columns). :func:`encode` turns a value into JSON data and :func:`decode` turns that data
back, exactly: ``decode(encode(v)) == v`` with the same types throughout (a tuple stays a
tuple, ``numpy.float64`` stays ``numpy.float64``, NaN comes back as NaN).

JSON's own values stand for themselves; everything else is a *tagged* object, a JSON object
whose tag key names the form (found by name, so a store that sorts keys changes nothing):

==============================  =============================================================
value                           encoded (example)
==============================  =============================================================
None, bool, str, finite float   itself (``1.5``)
int                             itself; beyond 4000 bits its hex digits (``{"int": "-1f"}``)
list                            a list of the encoded items (``[1, [2]]``)
tuple                           ``{"tuple": [items]}`` (``{"tuple": [1, 2]}``)
NaN, inf, -inf                  ``{"float": "nan"}``, ``{"float": "inf"}``, ``{"float": "-inf"}``
complex                         ``{"complex": [real, imag]}``, both encoded
bytes, bytearray                ``{"bytes": "<hex>"}``, decoded as bytes (``{"bytes": "6869"}``)
dict                            ``{"dict": [[key, value], ...]}``, keys and values encoded
set, frozenset                  ``{"set": [...]}``, ``{"frozenset": [...]}``, the items in the
                                order of their JSON text (the same on every run)
numpy bool, integer, float,     ``{"numpy": "<type name>", "value": <its Python value, encoded>}``
complex scalar                  (``{"numpy": "float64", "value": 0.5}``)
anything else                   ``{"repr": "<repr, 200 characters>", "type": "<type name>"}``,
                                decoded as an :class:`Opaque` record (the object itself cannot
                                be rebuilt), which encodes back to the same form
==============================  =============================================================

Because every dict is tagged, an untagged JSON object is never a value; :func:`decode`
rejects one it does not know. A value nested too deeply to encode (or a list holding itself)
becomes the ``repr`` form as a whole.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Opaque", "decode", "encode"]

#: Beyond this many bits an int is written as hex digits: Python refuses to print an int of
#: more than 4300 decimal digits (``sys.set_int_max_str_digits``), so JSON cannot hold it.
_LONG_INT_BITS = 4000


#: The tag keys of the tagged forms (``"value"`` and ``"type"`` are second keys, never tags).
_TAGS = ("tuple", "float", "int", "complex", "bytes", "dict", "set", "frozenset", "numpy", "repr")


@dataclass(frozen=True)
class Opaque:
    """A value the codec cannot rebuild, known by its ``repr`` and its type's name."""

    repr: str
    type: str


def encode(value: Any) -> Any:
    """JSON data standing exactly for ``value`` (see the module docstring for the forms)."""
    try:
        return _encode(value)
    except RecursionError:  # nested too deeply, or a container holding itself
        return _opaque(value)


def decode(data: Any) -> Any:
    """The value :func:`encode` made ``data`` from; ``ValueError`` when ``data`` is not such data."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(item) for item in data]
    tag = next((key for key in _TAGS if key in data), None) if isinstance(data, dict) else None
    if tag is None:
        raise ValueError(f"not an encoded value: {data!r:.80}")
    return _DECODERS[tag](data[tag], data)  # found by name, not position: a database may sort keys


def _decode_numpy(body: Any, data: dict[str, Any]) -> Any:
    import numpy

    kind = getattr(numpy, body, None)
    if not (isinstance(kind, type) and issubclass(kind, numpy.generic)):
        raise ValueError(f"not a numpy scalar type: {body!r}")
    return kind(decode(data["value"]))


#: Tag -> the value of a tagged form, from the tag's body and the whole form.
_DECODERS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "tuple": lambda body, data: tuple(decode(item) for item in body),
    "float": lambda body, data: float(body),
    "int": lambda body, data: int(body, 16),
    "complex": lambda body, data: complex(decode(body[0]), decode(body[1])),
    "bytes": lambda body, data: bytes.fromhex(body),
    "dict": lambda body, data: {decode(key): decode(item) for key, item in body},
    "set": lambda body, data: {decode(item) for item in body},
    "frozenset": lambda body, data: frozenset(decode(item) for item in body),
    "numpy": _decode_numpy,
    "repr": lambda body, data: Opaque(str(body), str(data.get("type", ""))),
}


def _encode(value: Any) -> Any:
    if value is None or value is True or value is False:
        return value
    numpy_form = _numpy(value)
    if numpy_form is not None:
        return numpy_form
    if isinstance(value, (int, float, str, complex)):
        return _encode_scalar(value)
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return _encode_container(value)
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, Opaque):  # decoded from the repr form: it encodes back to the same form
        return {"repr": value.repr, "type": value.type}
    return _opaque(value)


def _encode_scalar(value: int | float | str | complex) -> Any:
    """An int, float, str or complex (or a subclass's value) as JSON data."""
    if isinstance(value, int):
        if value.bit_length() > _LONG_INT_BITS:
            return {"int": format(int(value), "x")}
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            return {"float": "nan"}
        if math.isinf(value):
            return {"float": "inf" if value > 0 else "-inf"}
        return float(value)
    if isinstance(value, str):
        return str(value)
    return {"complex": [_encode(value.real), _encode(value.imag)]}


def _encode_container(value: list[Any] | tuple[Any, ...] | dict[Any, Any] | set[Any] | frozenset[Any]) -> Any:
    """A list, tuple, dict, set or frozenset as JSON data, its items encoded."""
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(key), _encode(item)] for key, item in value.items()]}
    items = sorted((_encode(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return {"frozenset" if isinstance(value, frozenset) else "set": items}


def _numpy(value: Any) -> Any:
    """The tagged form of a numpy scalar (bool, integer, float, complex), else None.

    numpy is never imported here: a value can only be a numpy scalar once numpy is loaded.
    """
    numpy = sys.modules.get("numpy")
    if numpy is None or not isinstance(value, numpy.generic):
        return None
    if not isinstance(value, (numpy.bool_, numpy.integer, numpy.floating, numpy.complexfloating)):
        return None
    if getattr(numpy, type(value).__name__, None) is not type(value):  # no name to rebuild it by
        return None
    item = value.item()
    if type(item) not in (bool, int, float, complex):  # e.g. longdouble: no exact Python value
        return None
    return {"numpy": type(value).__name__, "value": _encode(item)}


def _opaque(value: Any) -> dict[str, str]:
    try:
        text = repr(value)
    except Exception as error:  # noqa: BLE001 - a broken __repr__ is the value's problem
        text = f"<unprintable {type(value).__name__}: {type(error).__name__}>"
    return {"repr": text[:200], "type": type(value).__name__}
