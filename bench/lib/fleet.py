#!/usr/bin/env python3
"""Seeds a fleet of devices through the console API and writes what the benchmarks need.

usage: fleet.py seed  <base-url> <token> <count> <out-dir>
       fleet.py fetch <base-url> <out-dir>        (pre-renders every MAC file into <out-dir>/www/provision)

<out-dir>/paths.tsv gets one "path<TAB>User-Agent" line per device (wrk's storm.lua reads it).
Devices are spread over the five vendors; MACs use each vendor's real OUI; every device has one
line with its own user name and password, so every file carries a secret, as in real life.
"""
import http.client
import json
import os
import sys
import threading
import urllib.parse

# vendor id, OUI, model, file name for a MAC (lower hex), User-Agent for a MAC
VENDORS = [
    ("yealink", "805ec0", "T46S", lambda m: m + ".cfg",
     lambda m: "Yealink SIP-T46S 66.86.0.15 " + ":".join(m[i:i + 2] for i in range(0, 12, 2))),
    ("fanvil", "0c383e", "X4", lambda m: m + ".cfg",
     lambda m: "Fanvil X4 2.10.2.6887 " + m),
    ("grandstream", "000b82", "GXP2135", lambda m: "cfg" + m + ".xml",
     lambda m: "Grandstream Model HW GXP2135 SW 1.0.7.97 DevId " + m),
    ("snom", "000413", "D785", lambda m: m.upper() + ".xml",
     lambda m: "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 2010.12-00001-gd311851f1 "
               "(Feb 25 2019 - 14:19:43) " + m.upper() + " SXM:0 UXM:0 UXMC:0)"),
    ("htek", "001fc1", "UC924", lambda m: "cfg" + m + ".xml",
     lambda m: "Htek UC924 2.0.4.4.46 " + m),
]


def fleet(count):
    for i in range(count):
        vendor, oui, model, fname, ua = VENDORS[i % len(VENDORS)]
        mac = oui + "%06x" % (0x100000 + i)
        yield i, vendor, mac, model, fname(mac), ua(mac)


def conn(base):
    u = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def seed(base, token, count, out):
    os.makedirs(out, exist_ok=True)
    items = list(fleet(count))
    errors = []

    def worker(part):
        c = conn(base)
        for i, vendor, mac, model, _, _ in part:
            body = json.dumps({"mac": mac, "vendor": vendor, "model": model, "label": "bench %d" % i,
                               "username": "u%05d" % i, "password": "p%05d-secret" % i})
            c.request("POST", "/console/endpoint-manager/devices", body,
                      {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            r = c.getresponse()
            data = r.read()
            if r.status not in (201, 409):
                errors.append("%s %d %s" % (mac, r.status, data[:200]))
                return

    threads = [threading.Thread(target=worker, args=(items[k::4],)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit("seeding failed: " + errors[0])
    with open(os.path.join(out, "paths.tsv"), "w") as f:
        for _, _, _, _, name, ua in items:
            f.write("/provision/%s\t%s\n" % (name, ua))


def fetch(base, out):
    www = os.path.join(out, "www", "provision")
    os.makedirs(www, exist_ok=True)
    c = conn(base)
    n = 0
    with open(os.path.join(out, "paths.tsv")) as f:
        for line in f:
            path, ua = line.rstrip("\n").split("\t")
            c.request("GET", path, headers={"User-Agent": ua})
            r = c.getresponse()
            data = r.read()
            if r.status != 200:
                sys.exit("pre-render of %s failed: %d" % (path, r.status))
            with open(os.path.join(www, path.rsplit("/", 1)[1]), "wb") as w:
                w.write(data)
            n += 1
    print("pre-rendered %d files" % n)


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif sys.argv[1] == "fetch":
        fetch(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
