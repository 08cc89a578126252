#!/usr/bin/env python3
"""A Python asyncio client doing what the bulk runner does at its barest: PUT /apisvc/v0/suspend,
one request per seeded line, CONCURRENCY keep-alive connections, the standard library only
(asyncio streams, HTTP/1.1 by hand). A peer for benchmarks/bulk.sh: the CPU a plain asyncio
client spends per request, beside the runner's (issue 15).

    asyncio-suspend.py HOST PORT FIRST COUNT CONCURRENCY

The credentials come from REACH_JWT and REACH_API_KEY. Prints one line:
    asyncio: N requests in S s: R requests/s, C µs CPU per request, K non-2xx
"""
import asyncio
import base64
import os
import resource
import sys
import time


async def worker(host, port, ids, headers, counts):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for n in ids:
            body = ('{"customerId":"SUB%07d","reasonCode":"bench"}' % n).encode()
            writer.write(headers + b"Content-Length: %d\r\n\r\n" % len(body) + body)
            status_line = await reader.readline()
            status = int(status_line.split()[1])
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            counts[0] += 1
            if not 200 <= status < 300:
                counts[1] += 1
    finally:
        writer.close()


async def main():
    host, port, first, count, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    jwt, key = os.environ["REACH_JWT"], os.environ["REACH_API_KEY"]
    auth = base64.b64encode(("clientapi|" + jwt).encode()).decode()
    headers = (
        "PUT /apisvc/v0/suspend HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Basic %s\r\nx-api-key: %s\r\n"
        "Content-Type: application/json\r\n" % (host, port, auth, key)
    ).encode()
    counts = [0, 0]
    ids = list(range(first, first + count))
    started = time.monotonic()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(worker(host, port, ids[i::concurrency], headers, counts) for i in range(concurrency)))
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_us = ((after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)) * 1e6 / max(counts[0], 1)
    print("asyncio: %d requests in %.1f s: %.0f requests/s, %.1f µs CPU per request, %d non-2xx"
          % (counts[0], seconds, counts[0] / seconds, cpu_us, counts[1]))


asyncio.run(main())
