#!/usr/bin/env python3
"""Signs in peer workers for bench/http/run.sh and finds a person on each
one's caseload.

usage: prepare.py BASE_URL ACCOUNTS_CSV PEERS OUT_FILE

Reads the sign-ins `alongside synth` wrote (username,password,role,
display_name), signs in the first PEERS peer specialists whose caseload is not
empty (POST /api/v1/session), and writes one line per peer to OUT_FILE:
session cookie, CSRF token, staff id, a person id on their caseload
(tab-separated), for the wrk scripts. Loopback only.
"""
import csv
import http.client
import json
import sys
import urllib.parse


def main():
    base, accounts_csv, peers, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    url = urllib.parse.urlparse(base)
    if url.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("prepare.py: loopback only")
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    lines = []
    with open(accounts_csv, newline="") as accounts:
        for row in csv.DictReader(accounts):
            if len(lines) == peers:
                break
            if row["role"] != "peer_specialist":
                continue
            body = json.dumps({"username": row["username"], "password": row["password"]})
            connection.request("POST", "/api/v1/session", body,
                               {"Content-Type": "application/json"})
            response = connection.getresponse()
            signed_in = json.loads(response.read())
            if response.status != 201:
                sys.exit(f"prepare.py: sign-in of {row['username']} answered {response.status}")
            cookie = response.getheader("Set-Cookie").split(";")[0]
            connection.request("GET", "/api/v1/people?limit=1", headers={"Cookie": cookie})
            response = connection.getresponse()
            people = json.loads(response.read())
            if response.status != 200:
                sys.exit(f"prepare.py: people of {row['username']} answered {response.status}")
            if not people["items"]:
                continue
            lines.append("\t".join([cookie, signed_in["csrf_token"], str(signed_in["staff_id"]),
                                    str(people["items"][0]["id"])]))
    if len(lines) < peers:
        sys.exit(f"prepare.py: only {len(lines)} peer specialists with a caseload")
    with open(out_path, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
