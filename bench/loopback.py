#!/usr/bin/env python3
"""Requests from the benchmark scripts to the service they started themselves, on 127.0.0.1 only.

  loopback.py wait PORT               until /healthz answers (at most 5 s)
  loopback.py get PORT PATH TOKEN     prints the body; fails unless 200
  loopback.py status PORT PATH TOKEN  prints "STATUS SECONDSs"
"""
import http.client
import sys
import time


def ask(port, path, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
    conn.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    answer = conn.getresponse()
    return answer.status, answer.read()


def main(command, port, path=None, token=None):
    if command == "wait":
        for _ in range(50):
            try:
                if ask(port, "/healthz")[0] == 200:
                    return 0
            except OSError:
                pass
            time.sleep(0.1)
        return 1
    started = time.monotonic()
    status, body = ask(port, path, token)
    if command == "status":
        print(f"{status} {time.monotonic() - started:.6f}s")
        return 0
    sys.stdout.buffer.write(body)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
