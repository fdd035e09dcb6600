#!/usr/bin/env python3
# Usage: python3 bench/security/reproduce_findings.py BUILD/src/cli/alongside PORT
# (Python standard library only; loopback; synthetic data in /tmp/repro/PORT.)
# Reproduces the outside test's transport and sign-in findings against a
# running `alongside serve` (synthetic data); prints one line per finding.
import json, os, socket, sqlite3, stat, subprocess, sys, threading, time, urllib.request
binary, port = sys.argv[1], int(sys.argv[2])
work = f"/tmp/repro/{port}"; os.makedirs(work, exist_ok=True); os.umask(0o022)
db = f"{work}/p.db"
if os.path.exists(db):
    for f in os.listdir(work): os.remove(os.path.join(work, f))
subprocess.run([binary, "synth", "--db", db, "--people", "20", "--end", "2026-06-30"], check=True, capture_output=True)
user, pw = open(db + ".accounts.csv").read().splitlines()[1].split(",")[:2]
srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port), "--threads", "32"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.5)
def raw(data, wait=3):
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(wait); s.sendall(data)
    try: r = s.recv(200)
    except Exception: r = b"(no answer in %ds)" % wait
    s.close(); return r.split(b"\r\n")[0].decode()
print("chunked POST /api/v1/goals, no session:", raw(b"POST /api/v1/goals HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n100000\r\n" + b"x" * 1000))
print("64 MiB Content-Length to /api/v1/session:", raw(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\nContent-Type: application/json\r\n\r\n"))
print("500 kB body to /api/v1/goals, no session:", raw(b"POST /api/v1/goals HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\nContent-Type: application/json\r\n\r\n"))
# slow headers from 127.0.0.2: 40 connections, one line per second
socks = []
for i in range(40):
    s = socket.socket(); s.bind(("127.0.0.2", 0)); s.connect(("127.0.0.1", port)); s.sendall(b"GET /healthz HTTP/1.1\r\n"); socks.append(s)
stop = False
def drip():
    while not stop:
        for s in socks:
            try: s.sendall(b"X-a: b\r\n")
            except Exception: pass
        time.sleep(1)
threading.Thread(target=drip, daemon=True).start()
ok = 0
for k in range(5):
    try: urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read(); ok += 1
    except Exception: pass
    time.sleep(1)
stop = True
for s in socks: s.close()
print(f"/healthz under 40 slow-header connections: {ok}/5 answered")
time.sleep(2)
def signin(u, p, ctype="application/json", headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/session", data=json.dumps({"username": u, "password": p}).encode(), headers={"Content-Type": ctype, **(headers or {})}, method="POST")
    try: r = urllib.request.urlopen(req, timeout=10); return r.status, r.read().decode()
    except urllib.error.HTTPError as e: return e.code, e.read().decode()
threads = [threading.Thread(target=signin, args=(user, "wrong%d" % i)) for i in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
row = sqlite3.connect(db).execute("SELECT failed_logins, locked_until > strftime('%s','now') FROM accounts WHERE username=?", (user,)).fetchone()
print(f"16 parallel wrong passwords: failed_logins={row[0]}, locked={bool(row[1])}")
t0 = time.time(); locked = signin(user, "x"); t1 = time.time(); unknown = signin("nobody", "x"); t2 = time.time()
print(f"locked account answer == unknown name answer: {locked == unknown}; locked {1000*(t1-t0):.1f} ms, unknown {1000*(t2-t1):.1f} ms")
print("text/plain sign-in from a foreign Origin:", signin(user, pw, "text/plain", {"Origin": "https://attacker.example"})[0])
print("database mode:", oct(stat.S_IMODE(os.stat(db).st_mode)))
srv.terminate(); srv.wait()
