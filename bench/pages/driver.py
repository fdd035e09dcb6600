#!/usr/bin/env python3
"""Closed-loop page load driver for bench/pages/run.sh.

usage: driver.py BASE_URL ACCOUNTS_CSV MODE CLIENTS SECONDS

Signs in CLIENTS staff members from the sign-ins `alongside synth` wrote
(username,password,role,display_name) through POST /api/v1/session, then
runs CLIENTS threads for SECONDS seconds, each on its own keep-alive
connection as its own signed-in user, sending one GET after another:

  healthz      GET /healthz (no sign-in): the reference in the same run
  today        GET /today as peer specialists
  supervision  GET /supervision as supervisors (senior peer and clinical, alternating)
  supervisee   GET /supervision/workers/{id} as supervisors, for one of their supervisees
  program      GET /program as the program manager (one account, a session per client)

Latency is from sending the request to reading the whole answer. Prints one
line: mode, clients, requests, errors (any answer but 200), requests/s,
p50, p99 and max in milliseconds, and the median body size. Loopback only;
every socket operation has a 10 s timeout.
"""
import csv
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse


def sign_in(host, port, username, password):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    body = json.dumps({"username": username, "password": password})
    connection.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status != 201:
        sys.exit(f"driver.py: sign-in of {username} answered {response.status}")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    connection.close()
    return cookie


def pick_accounts(accounts_csv, mode, count):
    roles = {
        "today": [("peer_specialist",)],
        "supervision": [("senior_peer_supervisor",), ("clinical_supervisor",)],
        "supervisee": [("senior_peer_supervisor",), ("clinical_supervisor",)],
        "program": [("program_manager",)],
    }[mode]
    by_role = {}
    with open(accounts_csv, newline="") as accounts:
        for row in csv.DictReader(accounts):
            by_role.setdefault(row["role"], []).append(row)
    chosen = []
    turn = 0
    while len(chosen) < count:
        group = roles[turn % len(roles)][0]
        pool = by_role.get(group, [])
        taken = sum(1 for row in chosen if row["role"] == group)
        if not pool:
            sys.exit(f"driver.py: no {group} sign-in")
        if taken >= len(pool) and mode != "program":
            sys.exit(f"driver.py: not enough {group} sign-ins")
        chosen.append(pool[taken % len(pool)])
        turn += 1
    return chosen


def first_supervisee(host, port, cookie):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/supervision", headers={"Cookie": cookie})
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    found = re.search(r'href="(/supervision/workers/\d+)"', page)
    if not found:
        sys.exit("driver.py: a supervisor with no supervisee")
    return found.group(1)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def main():
    base, accounts_csv, mode, clients, seconds = (sys.argv[1], sys.argv[2], sys.argv[3],
                                                  int(sys.argv[4]), float(sys.argv[5]))
    url = urllib.parse.urlparse(base)
    if url.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("driver.py: loopback only")
    host, port = url.hostname, url.port
    targets = []
    if mode == "healthz":
        targets = [("/healthz", {})] * clients
    else:
        for row in pick_accounts(accounts_csv, mode, clients):
            cookie = sign_in(host, port, row["username"], row["password"])
            path = {"today": "/today", "supervision": "/supervision", "program": "/program"}.get(mode)
            if mode == "supervisee":
                path = first_supervisee(host, port, cookie)
            targets.append((path, {"Cookie": cookie}))

    latencies = [[] for _ in range(clients)]
    sizes = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(index):
        path, headers = targets[index]
        connection = http.client.HTTPConnection(host, port, timeout=10)
        # Warm the connection (and the server's statement caches) first.
        for _ in range(3):
            connection.request("GET", path, headers=headers)
            connection.getresponse().read()
        start.wait()
        while time.perf_counter() < stop_at[0]:
            began = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - began
            if response.status != 200:
                errors[index] += 1
            latencies[index].append(elapsed)
            sizes[index].append(len(body))
        connection.close()

    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + 3600
    start.wait()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    all_latencies = sorted(value for per_client in latencies for value in per_client)
    all_sizes = sorted(value for per_client in sizes for value in per_client)
    count = len(all_latencies)
    print(f"{mode:<12} c{clients}  {count:>7} requests  errors {sum(errors)}  "
          f"{count / wall:>8.1f} req/s  p50 {percentile(all_latencies, 0.50) * 1000:7.2f} ms  "
          f"p99 {percentile(all_latencies, 0.99) * 1000:7.2f} ms  "
          f"max {all_latencies[-1] * 1000:7.2f} ms  body {percentile(all_sizes, 0.5)} bytes")


if __name__ == "__main__":
    main()
