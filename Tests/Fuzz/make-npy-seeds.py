#!/usr/bin/env python3
"""Writes the .npy seeds of the `npy` fuzz target into Corpus/npy: small vote matrices as NumPy
saves them, in each dtype, byte order, memory order and format version wslabel reads, and a few
it rejects. Run again to regenerate them (needs numpy)."""
import io
import os
import numpy as np
from numpy.lib import format as npformat

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "npy")
os.makedirs(out, exist_ok=True)
votes = np.array([[0, -1, 1], [-1, -1, -1], [2, 0, -1]])


def save(name, array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        npformat.write_array(buffer, array, version=version)
    with open(os.path.join(out, name), "wb") as f:
        f.write(buffer.getvalue())


save("int8.npy", votes.astype(np.int8))
save("int16-fortran.npy", np.asfortranarray(votes.astype("<i2")))
save("int32-big-endian.npy", votes.astype(">i4"))
save("int64.npy", votes.astype("<i8"))
save("uint8-no-abstain.npy", np.array([[0, 1], [1, 254]], dtype=np.uint8))
save("version-2.npy", votes.astype(np.int8), version=(2, 0))
save("version-3.npy", votes.astype(np.int16), version=(3, 0))
save("no-rows.npy", np.zeros((0, 4), dtype=np.int8))
save("no-lfs.npy", np.zeros((2, 0), dtype=np.int8))
save("one-dimensional.npy", np.array([0, 1, -1], dtype=np.int8))
save("float.npy", votes.astype(np.float32))


def raw(name, header, data):
    """A version 1.0 file with a hand-written header, as NumPy pads it."""
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    length = len(header).to_bytes(2, "little")
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + length + header.encode("latin-1") + data)


raw("python2-long-shape.npy", "{'descr': '|i1', 'fortran_order': False, 'shape': (2L, 2L), }", bytes([0, 1, 255, 0]))
raw("structured-dtype.npy", "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }", bytes(4))
# Rows without LF columns: no data backs them (the reader once allocated a row table for them).
raw("rows-without-lfs.npy", "{'descr': '|i1', 'fortran_order': False, 'shape': (1000000000000, 0), }", b"")
