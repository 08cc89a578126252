"""Schemathesis hooks for reach's OpenAPI document (scripts/openapi-fuzz.sh).

The document marks ICCIDs and IMEIs with the formats "iccid" and "imei": digits whose last one
is a Luhn check digit, which no JSON Schema keyword can say. These strategies draw such numbers,
so the fuzzer's valid requests are valid for the sandbox too; its invalid ones still come from
the patterns.
"""

import schemathesis
from hypothesis import strategies as st


def _with_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def _luhn(lengths):
    return st.sampled_from(lengths).flatmap(
        lambda n: st.text(alphabet="0123456789", min_size=n - 1, max_size=n - 1)
    ).map(_with_check_digit)


schemathesis.openapi.format("iccid", _luhn([19, 20]))
schemathesis.openapi.format("imei", _luhn([15]))
