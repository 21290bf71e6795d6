#!/usr/bin/env python3
"""The HTTP benchmark of issue 12, driven by bench/http-bench.sh.

For each database (already filled by kravkedja_gen): one organisation in the middle of the data
set gets the benchmark's own objects through the API (a case with the whole base catalogue in
its specification, a case with the 1,007 controls in force of NIST SP 800-53 rev. 5 imported as
OSCAL, a case with 1,000 risks); then `kravkedja serve` is restarted and timed to its first answer, and wrk measures each
endpoint at 64 and 256 connections, with nginx (2 workers) serving a static file of the same
size in the same run as the machine's limit for that size. On PostgreSQL the case page and the
case's JSON are also measured through nginx as a load balancer in front of one node and of two.
Prints a table and writes http-<time>.json and http-latest.json under --out (make bench: build/bench/). Asserts no duration.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """A keep-alive JSON client of one node, as the benchmark organisation's administrator."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method, path, body=None, expect=(200, 201), raw_body=None):
        headers = {"Authorization": "Bearer " + self.token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if raw_body is not None:
            data = raw_body
        self.conn.request(method, path, data, headers)
        answer = self.conn.getresponse()
        raw = answer.read()
        if answer.status not in expect:
            raise RuntimeError(f"{method} {path}: {answer.status} {raw[:300]!r}")
        ctype = answer.getheader("Content-Type", "")
        return json.loads(raw) if ctype.startswith("application/json") else raw


def sp800_53():
    """NIST SP 800-53 rev. 5 as OSCAL, from the shared test data (as the tests find it)."""
    name = os.path.join("oscal", "NIST_SP-800-53_rev5.0.1_catalog.json")
    for folder in [os.environ.get("KK_SHARED_DATA", ""), os.path.join(ROOT, "..", "shared", "data"), "/work/shared/data"]:
        if folder and os.path.isfile(os.path.join(folder, name)):
            with open(os.path.join(folder, name), "rb") as f:
                return f.read()
    raise RuntimeError("NIST SP 800-53 (shared/data/" + name + ") was not found; set KK_SHARED_DATA")


def base_catalogue_ids():
    ids = []
    folder = os.path.join(ROOT, "catalog", "requirements", "kravkedja-bas")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            ids += re.findall(r"^  - id: (\S+)", f.read(), re.M)
    return ids


def prepare(api, tag):
    """The benchmark's own objects in the organisation, made through the API like a person would."""
    made = {}
    assets = [api.call("POST", "/api/v1/assets", {
        "name": f"Mätning {tag} journal {i}",
        "classification": {"confidentiality": 3, "integrity": 3, "availability": 3},
        "flags": {"personal_data": True, "sensitive_personal_data": i == 0, "secrecy": True, "critical_service": True},
    })["id"] for i in range(3)]
    facts = {"object_type": "service", "delivery_model": "cloud_saas", "operator": "external", "support": "external",
             "hosting_location": "third_country", "supplier_remote_access": True, "supplier_data_copies": True}

    # The hub: a case with the whole base catalogue in its specification (146 requirements).
    case = api.call("POST", "/api/v1/cases", dict(facts, registry_number=f"MÄT {tag}/1", title="Mätning: hela baskatalogen"))
    for a in assets:
        api.call("POST", f"/api/v1/cases/{case['id']}/assets", {"asset_id": a})
    spec = api.call("GET", f"/api/v1/cases/{case['id']}/specification")
    present = {e["requirement_id"] for e in spec["entries"]}
    for rid in base_catalogue_ids():
        if rid not in present:
            api.call("POST", f"/api/v1/cases/{case['id']}/specification/entries",
                     {"requirement_id": rid, "reason": "Med i mätningen av en hel specifikation."})
    made["case"] = case["id"]
    made["case_requirements"] = len(api.call("GET", f"/api/v1/cases/{case['id']}/specification")["entries"])

    # A case on NIST SP 800-53 rev. 5, imported as OSCAL through the API, with every control in
    # force (1,007 of its 1,189; the rest are withdrawn) added by hand.
    imported = api.call("POST", "/api/v1/catalogs?name=sp800-53.json", raw_body=sp800_53())
    big = api.call("POST", "/api/v1/cases", dict(facts, registry_number=f"MÄT {tag}/2", title="Mätning: SP 800-53",
                                                 catalogues=[imported["id"]]))
    catalog = api.call("GET", f"/api/v1/catalogs/catalogue/{imported['id']}/versions/{imported['version']}")
    if not isinstance(catalog, dict):
        catalog = json.loads(catalog)
    controls = []

    def walk(items):
        for c in items:
            withdrawn = any(p.get("name") == "status" and p.get("value") == "withdrawn" for p in c.get("props", []))
            label = next((p["value"] for p in c.get("props", []) if p.get("name") == "label"), None)
            if label and not withdrawn:
                controls.append(label)
            walk(c.get("controls", []))

    for g in catalog["catalog"].get("groups", []):
        walk(g.get("controls", []))
    for rid in controls:
        api.call("POST", f"/api/v1/cases/{big['id']}/specification/entries",
                 {"requirement_id": rid, "reason": "Med i mätningen av en stor specifikation."})
    made["big_case"] = big["id"]
    made["big_case_requirements"] = len(api.call("GET", f"/api/v1/cases/{big['id']}/specification")["entries"])

    # A risk register of 1,000 risks.
    risky = api.call("POST", "/api/v1/cases", dict(facts, registry_number=f"MÄT {tag}/3", title="Mätning: 1 000 risker"))
    for a in assets:
        api.call("POST", f"/api/v1/cases/{risky['id']}/assets", {"asset_id": a})
    for n in range(1000):
        api.call("POST", f"/api/v1/cases/{risky['id']}/risks", {
            "title": f"Risk {n + 1}: leverantören förlorar data", "likelihood": 1 + n % 4, "consequence": 1 + (n // 4) % 4,
            "description": "Beskrivning av risken, dess orsaker och följder för verksamheten.", "asset_ids": [assets[n % 3]],
            "aspects": ["confidentiality"]})
    made["risk_case"] = risky["id"]

    contracts = api.call("GET", "/api/v1/contracts")["items"]
    contract = api.call("GET", f"/api/v1/contracts/{contracts[0]['id']}")
    made["contract"] = contract["id"]
    made["measure"] = contract["measures"][0]["id"]
    return made


def parse_duration(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, connections, seconds, token=None, script=None, env=None):
    """One wrk run: requests/s, p50 and p99 in ms, and the answers that were not 2xx/3xx."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if token:
        cmd += ["-H", "Authorization: Bearer " + token]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, env=dict(os.environ, **(env or {}))).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not rps:
        raise RuntimeError("wrk printed no figures:\n" + out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {"rps": float(rps.group(1)), "p50_ms": parse_duration(p50.group(1)), "p99_ms": parse_duration(p99.group(1)),
            "requests": int(total.group(1)), "non_2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0}


class Nginx:
    """nginx with 2 workers in a directory of its own: static files, or a balancer to nodes."""

    def __init__(self, work, name, static_root=None, upstreams=None):
        self.dir = os.path.join(work, name)
        os.makedirs(os.path.join(self.dir, "logs"), exist_ok=True)
        self.port = free_port()
        if static_root:
            serve = f"root {static_root};"
        else:
            servers = "".join(f"server 127.0.0.1:{p};" for p in upstreams)
            serve = f"location / {{ proxy_pass http://nodes; proxy_http_version 1.1; proxy_set_header Connection \"\"; }}"
        upstream = "" if static_root else f"upstream nodes {{ {servers} keepalive 128; }}"
        user = "user root root;" if os.geteuid() == 0 else ""
        conf = f"""{user}
worker_processes 2; daemon off; pid {self.dir}/nginx.pid; error_log {self.dir}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000; {upstream}
  server {{ listen 127.0.0.1:{self.port}; {serve} }} }}
"""
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["nginx", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.port, "/", self.proc)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def wait_for(port, path, proc, limit=60.0):
    """Seconds until the first answer to path (any status)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if proc.poll() is not None:
            raise RuntimeError(f"the process on port {port} ended with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path)
            c.getresponse().read()
            return time.monotonic() - started
        except OSError:
            time.sleep(0.002)
    raise RuntimeError(f"nothing answered on port {port}")


def settle(port, limit=120.0):
    """Waits until the node has worked off what a run left queued (requests of closed
    connections are still answered), so one run does not slow the next."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        asked = time.monotonic()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
        c.request("GET", "/healthz")
        c.getresponse().read()
        if time.monotonic() - asked < 0.02:
            return
        time.sleep(0.2)


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


class Node:
    def __init__(self, binary, db, work, name, static_dir=None):
        self.port = free_port()
        self.log = open(os.path.join(work, name + ".log"), "w")
        # The daily reminder job is left out: on the generated history its first run records
        # millions of reminders, and what is measured here is answering requests.
        args = [binary, "serve", "--db", db, "--listen", f"127.0.0.1:{self.port}", "--without-reminders"]
        if static_dir:
            args += ["--static-dir", static_dir]
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.startup_s = wait_for(self.port, "/healthz", self.proc)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.log.close()


def run_engine(engine, db, args, work, results):
    binary = os.path.join(args.build, "kravkedja")
    token = subprocess.run([binary, "token", "create", args.admin[engine], "--db", db], capture_output=True, text=True,
                           check=True).stdout.strip()
    node = Node(binary, db, work, engine + "-setup")
    api = Api(node.port, token)
    started = time.monotonic()
    made = prepare(api, engine)
    print(f"[{engine}] benchmark objects made through the API in {time.monotonic() - started:.1f} s: "
          f"{made['case_requirements']} and {made['big_case_requirements']} requirements, 1,000 risks", flush=True)
    endpoints = [
        ("case page", f"/cases/{made['case']}"),
        ("specification page (base catalogue)", f"/cases/{made['case']}/specification"),
        ("specification page (SP 800-53)", f"/cases/{made['big_case']}/specification"),
        ("risk register page (1,000 risks)", f"/cases/{made['risk_case']}/risks"),
        ("start page (Att göra)", "/todo"),
        ("dashboard (follow-ups)", "/follow-ups"),
        ("case list page", "/cases"),
        ("GET /api/v1/cases/{id}", f"/api/v1/cases/{made['case']}"),
        ("GET /api/v1/cases/{id}/specification", f"/api/v1/cases/{made['case']}/specification"),
    ]
    # The exact size of every answer, so nginx serves a file of the same size.
    sizes = {}
    for name, path in endpoints:
        api.conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        answer = api.conn.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{path}: {answer.status}")
        sizes[path] = len(body)
    node.stop()

    static_dir = os.path.join(work, engine + "-static")
    os.makedirs(static_dir, exist_ok=True)
    os.chmod(work, 0o755)
    os.chmod(static_dir, 0o755)
    for path, size in sizes.items():
        with open(os.path.join(static_dir, f"size-{size}.txt"), "w") as f:
            f.write(("x" * 99 + "\n") * (size // 100) + "x" * (size % 100))
    # Start-up to the first answer, with the large data set, and resident memory when idle.
    node = Node(binary, db, work, engine, static_dir)
    rows = {"engine": engine, "startup_ms": round(node.startup_s * 1000, 1), "rss_idle_mb": rss_mb(node.proc.pid),
            "objects": made, "endpoints": []}
    nginx = Nginx(work, engine + "-nginx", static_root=static_dir)
    base = f"http://127.0.0.1:{node.port}"
    print(f"[{engine}] started in {rows['startup_ms']} ms, {rows['rss_idle_mb']} MB resident when idle", flush=True)
    # Last, Kravkedja's own static route with the case page's size, asked without a token.
    case_size = sizes[endpoints[0][1]]
    static_path = f"/static/size-{case_size}.txt"
    sizes[static_path] = case_size
    for name, path in endpoints + [("static file (Kravkedja's route)", static_path)]:
        static_name = f"size-{sizes[path]}.txt"
        for connections in args.connections:
            limit = wrk(f"http://127.0.0.1:{nginx.port}/{static_name}", connections, args.seconds)
            figure = wrk(base + path, connections, args.seconds, None if path == static_path else token)
            settle(node.port)
            row = {"endpoint": name, "path": path, "bytes": sizes[path], "connections": connections, **figure,
                   "nginx_rps": limit["rps"], "ratio": round(figure["rps"] / limit["rps"], 4)}
            rows["endpoints"].append(row)
            print_row(engine, row)
    # One request in ten writes: an activity, a risk, a follow-up.
    env = {"KK_BENCH_TOKEN": token, "KK_BENCH_CASE": made["case"], "KK_BENCH_CONTRACT": made["contract"],
           "KK_BENCH_MEASURE": made["measure"]}
    for connections in args.connections:
        figure = wrk(base + "/", connections, args.seconds, script=os.path.join(ROOT, "bench", "write-mix.lua"), env=env)
        settle(node.port)
        row = {"endpoint": "write mix (10% writes)", "path": "", "bytes": None, "connections": connections, **figure,
               "nginx_rps": None, "ratio": None}
        rows["endpoints"].append(row)
        print_row(engine, row)
    rows["rss_after_load_mb"] = rss_mb(node.proc.pid)
    rows["rss_peak_mb"] = rss_mb(node.proc.pid, "VmHWM")
    nginx.stop()

    if engine == "postgresql":
        rows["nodes"] = compare_nodes(binary, db, work, token, made, args)
    node.stop()
    results["engines"].append(rows)


def compare_nodes(binary, db, work, token, made, args):
    """The same requests through nginx as a balancer in front of one node and of two."""
    figures = []
    nodes = [Node(binary, db, work, "node-a"), Node(binary, db, work, "node-b")]
    for count in (1, 2):
        balancer = Nginx(work, f"balancer-{count}", upstreams=[n.port for n in nodes[:count]])
        for name, path in (("case page", f"/cases/{made['case']}"), ("GET /api/v1/cases/{id}", f"/api/v1/cases/{made['case']}")):
            for connections in args.connections:
                figure = wrk(f"http://127.0.0.1:{balancer.port}{path}", connections, args.seconds, token)
                for n in nodes:
                    settle(n.port)
                row = {"nodes": count, "endpoint": name, "connections": connections, **figure}
                figures.append(row)
                print(f"[postgresql] {count} node(s) behind nginx  {name:<40} c={connections:<4} "
                      f"{figure['rps']:>9.0f} req/s  p50 {figure['p50_ms']:>7.2f} ms  p99 {figure['p99_ms']:>7.2f} ms", flush=True)
        balancer.stop()
    for n in nodes:
        n.stop()
    return figures


def print_row(engine, row):
    ratio = f"1/{1 / row['ratio']:.1f} of nginx ({row['nginx_rps']:.0f})" if row.get("ratio") else ""
    bad = f"  {row['non_2xx']} non-2xx" if row["non_2xx"] else ""
    size = f"{row['bytes']:>8} B" if row.get("bytes") else " " * 10
    print(f"[{engine}] {row['endpoint']:<42} {size} c={row['connections']:<4} {row['rps']:>9.0f} req/s  "
          f"p50 {row['p50_ms']:>7.2f} ms  p99 {row['p99_ms']:>7.2f} ms  {ratio}{bad}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--out", help="where the figures are written (default BUILD/bench)")
    parser.add_argument("--sqlite", required=True)
    parser.add_argument("--postgresql", required=True)
    parser.add_argument("--admin-sqlite", required=True)
    parser.add_argument("--admin-postgresql", required=True)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[64, 256])
    args = parser.parse_args()
    args.admin = {"sqlite": args.admin_sqlite, "postgresql": args.admin_postgresql}
    work = tempfile.mkdtemp(prefix="kk-bench-")
    results = {"time": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "machine": {"cores": os.cpu_count(), "cpu": cpu_name(), "kernel": platform.release(),
                           "wrk": "wrk -t2 --latency, " + str(args.seconds) + " s per run", "nginx": "2 workers"},
               "scale": args.scale, "engines": []}
    try:
        run_engine("sqlite", args.sqlite, args, work, results)
        run_engine("postgresql", args.postgresql, args, work, results)
    finally:
        subprocess.run(["pkill", "-f", f"nginx -p {work}"], check=False)
    out_dir = args.out or os.path.join(args.build, "bench")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "http-" + results["time"].replace(":", "") + ".json")
    with open(out, "w") as f:
        json.dump(results, f, indent=2)
    shutil.copy(out, os.path.join(out_dir, "http-latest.json"))
    print(f"Figures written to {out}")
    shutil.rmtree(work, ignore_errors=True)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
