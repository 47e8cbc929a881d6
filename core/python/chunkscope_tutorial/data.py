# SPDX-License-Identifier: GPL-3.0-or-later
"""The data (the engine's counter-v1 vector, bit for bit), numpy.array_split's cut, and the
verification of every run's output against numpy's own result."""

import numpy

from .common import FUNCTIONS, ULP_TOLERANCE

# The strategies whose output must equal numpy's own bit for bit (the others use their own math
# libraries and pass within ULP_TOLERANCE).
EXACT = ("py-sequential", "py-items", "py-split", "py-shm", "py-threads")

def part_bounds(n, parts):
    """[a, b) of each part, cut like numpy.array_split: the first n % parts get one more."""
    base, extra = divmod(n, parts)
    bounds, a = [], 0
    for i in range(parts):
        b = a + base + (1 if i < extra else 0)
        bounds.append((a, b))
        a = b
    return bounds


# counter-v1, the engine's generator (core/include/chunkscope/generator.h): item i depends only
# on (seed, i) and the function's input range, so the C++ engine and this module make the same
# vector. Every function's input range is (0, 1) today, as numpy.random.rand's was.
GENERATOR = "counter-v1"
INPUT_RANGE = dict.fromkeys(FUNCTIONS, (0.0, 1.0))
_GOLDEN = 0x9e3779b97f4a7c15


def _mix(z, t):
    """splitmix64's finaliser, in place on the uint64 array z (t: scratch of its size)."""
    u64 = numpy.uint64
    numpy.right_shift(z, u64(30), out=t)
    z ^= t
    z *= u64(0xbf58476d1ce4e5b9)
    numpy.right_shift(z, u64(27), out=t)
    z ^= t
    z *= u64(0x94d049bb133111eb)
    numpy.right_shift(z, u64(31), out=t)
    z ^= t


def make_data(size, seed, function="exp", begin=0, block=1 << 16):
    """Items [begin, begin + size) of the input vector: with key = mix(seed + G) and
    G = 0x9e3779b97f4a7c15, item i is u = ((mix(key + G (i + 1)) >> 12) + 0.5) 2**-52, in (0, 1)
    and exact, then lo + (hi - lo) u for the function's input range (arithmetic modulo 2**64).
    Made `block` items at a time in scratch that stays in the cache."""
    u64 = numpy.uint64
    lo, hi = INPUT_RANGE[function]
    key = numpy.array([(seed + _GOLDEN) % 2 ** 64], dtype=u64)
    _mix(key, numpy.empty_like(key))
    key = int(key[0])
    out = numpy.empty(size)
    steps = numpy.arange(1, block + 1, dtype=u64) * u64(_GOLDEN)       # G (k + 1)
    z, t = numpy.empty(block, dtype=u64), numpy.empty(block, dtype=u64)
    for a in range(0, size, block):
        n = min(block, size - a)
        zn, tn = z[:n], t[:n]
        numpy.add(steps[:n], u64((key + _GOLDEN * (begin + a)) % 2 ** 64), out=zn)
        _mix(zn, tn)
        zn >>= u64(12)
        u = out[a:a + n]
        u[...] = zn                 # below 2**52: exact
        u += 0.5
        u *= 2.0 ** -52
        if (lo, hi) != (0.0, 1.0):
            u *= hi - lo
            u += lo
    return out

def _ordered(a):
    """float64 -> int64 in the floats' order (-0.0 and +0.0 both 0)."""
    i = a.view(numpy.int64)
    return numpy.where(i < 0, numpy.int64(-2 ** 63) - i, i)


def ulp_diff(a, b):
    """Per-item distance in units in the last place (uint64; NaN vs NaN is 0, NaN vs a number
    the largest value)."""
    x, y = _ordered(a), _ordered(b)
    hi, lo = numpy.maximum(x, y), numpy.minimum(x, y)
    d = hi.view(numpy.uint64) - lo.view(numpy.uint64)    # exact: 0 <= hi - lo < 2**64
    na, nb = numpy.isnan(a), numpy.isnan(b)
    if na.any() or nb.any():
        d[na & nb] = 0
        d[na ^ nb] = numpy.iinfo(numpy.uint64).max
    return d


def verify(job, out, ref):
    """-> (verified, max_ulp, mismatch_index, message)."""
    expected = "numpy.%s(data)" % job.function
    if not isinstance(out, numpy.ndarray) or out.shape != ref.shape or out.dtype != ref.dtype:
        return False, None, None, "%s: output is %s, expected float64[%d] like %s" % (
            job.strategy, "%s[%s]" % (getattr(out, "dtype", type(out).__name__),
                                      getattr(out, "shape", "?")), ref.shape[0], expected)
    exact = job.strategy in EXACT
    if exact and numpy.array_equal(out, ref, equal_nan=True):
        return True, 0, None, ""
    d = ulp_diff(out, ref)
    max_ulp = int(d.max()) if d.size else 0
    if exact:
        k = int(numpy.flatnonzero(d)[0])
        return False, max_ulp, k, (
            "%s: output differs from %s at index %d (got %r, expected %r; largest difference "
            "%d ulp); numpy-based strategies must be bit-identical"
            % (job.strategy, expected, k, float(out[k]), float(ref[k]), max_ulp))
    if max_ulp <= ULP_TOLERANCE:
        return True, max_ulp, None, ""
    k = int(numpy.argmax(d))
    return False, max_ulp, k, (
        "%s: output differs from %s by %d ulp at index %d (got %r, expected %r); allowed: "
        "%d ulp" % (job.strategy, expected, max_ulp, k, float(out[k]), float(ref[k]),
                    ULP_TOLERANCE))

