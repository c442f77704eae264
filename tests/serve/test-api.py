#!/usr/bin/env python3
"""sverka serve over real HTTP on loopback: builds a memory from the seed
articles and one hostile article, starts `sverka serve --listen
127.0.0.1:0` (stopped at the end, every request bounded by a timeout), and
checks each route; every JSON response is validated against
docs/api/openapi.yaml for its route and status. Prints TAP.

usage: test-api.py SVERKA"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.dom.minidom

ROOT = os.environ.get("SV_SOURCE_ROOT") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 20  # seconds for any one request
START_TIMEOUT = 60

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"1..0 # SKIP python3-jsonschema and python3-yaml are needed ({e.name} is missing)")
    sys.exit(0)

SPEC = yaml.safe_load(open(os.path.join(ROOT, "docs/api/openapi.yaml"), encoding="utf-8"))
# A hostile article: markup and quotes that would break out of an attribute.
HOSTILE = ('Заявление <script>alert("x")</script> о ОДКБ: "Россия" \' onmouseover="alert(1)" '
           '<img src=x onerror=alert(2)> поддерживает Киргизию.\n')

n = 0
failed = 0


def tap(ok, what, detail=""):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")
    sys.stdout.flush()
    return ok


def route_of(path):
    """The OpenAPI path template matching a concrete path (no query)."""
    for tmpl in SPEC["paths"]:
        rx = "^" + re.sub(r"\{[^}]+\}", r"[^/]+", tmpl) + "$"
        if re.match(rx, path):
            return tmpl
    return None


def validate(method, path, status, body, ctype):
    """None when the response fits the document, else why not."""
    tmpl = route_of(path.split("?")[0])
    if not tmpl:
        return f"no path in the OpenAPI document for {path}"
    op = SPEC["paths"][tmpl].get(method.lower())
    if not op:
        return f"no {method} for {tmpl}"
    resp = op["responses"].get(str(status))
    if not resp:
        return f"status {status} is not documented for {method} {tmpl}"
    if "$ref" in resp:
        resp = SPEC["components"]["responses"][resp["$ref"].split("/")[-1]]
    base = (ctype or "").split(";")[0].strip()
    content = resp.get("content", {})
    if base not in content:
        return f"content type {base!r} not documented for {method} {tmpl} {status}"
    if base != "application/json":
        return None
    schema = dict(content[base]["schema"])
    schema["components"] = SPEC["components"]
    try:
        jsonschema.Draft202012Validator(schema).validate(body)
    except jsonschema.ValidationError as e:
        return f"{method} {path} {status}: {e.message} at {list(e.absolute_path)}"
    return None


class Server:
    def __init__(self, sverka, memory, *args):
        self.proc = subprocess.Popen(
            [sverka, "--memory", memory, "serve", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = None
        deadline = time.time() + START_TIMEOUT
        line = ""
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                break
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=False, check=True):
        h = dict(headers or {})
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode("utf-8")
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method == "POST":
            h.setdefault("X-CSRF-Token", self.csrf)
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            c.request(method, "/api/v1" + path if not raw else path, body=data, headers=h)
            r = c.getresponse()
            payload = r.read()
            res = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), payload)
        finally:
            c.close()
        status, hdrs, payload = res
        j = None
        if hdrs.get("content-type", "").startswith("application/json"):
            j = json.loads(payload.decode("utf-8"))
            if check and not raw:
                why = validate(method, path, status, j, hdrs.get("content-type"))
                tap(why is None, f"{method} {path.split('?')[0]} {status} fits the OpenAPI "
                    "document", why)
        return status, hdrs, j if j is not None else payload

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def q(s):
    import urllib.parse
    return urllib.parse.quote(s)


def main():
    sverka = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="sv-serve-api-")
    memory = os.path.join(tmp, "memory.db")
    servers = []
    try:
        hostile = os.path.join(tmp, "hostile.txt")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(HOSTILE)
        subprocess.run([sverka, "-q", "--memory", memory, "add",
                        os.path.join(ROOT, "memories/seeds"), hostile], check=True, timeout=300)
        subprocess.run([sverka, "-q", "--memory", memory, "align"], check=True, timeout=300,
                       stdout=subprocess.DEVNULL)
        run(sverka, memory, tmp, servers)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def run(sverka, memory, tmp, servers):
    sv = Server(sverka, memory, "--max-upload", "1")
    servers.append(sv)
    if not tap(sv.port is not None, "sverka serve starts and prints its URL",
               sv.proc.stderr.read() if sv.proc.poll() is not None else ""):
        return

    st, _, stats = sv.request("GET", "/stats")
    tap(st == 200 and stats["documents"] == 6 and stats["term_pairs"] > 50,
        "stats counts the memory", stats)

    st, _, lk = sv.request("GET", "/lookup?q=" + q("России") + "&lines=2")
    tap(st == 200 and lk["hits"] and lk["hits"][0]["term"] == "Россия"
        and any(e["term"] == "Русия" for e in lk["equivalents"]),
        "lookup of an inflected form finds Россия and its equivalent Русия", lk)
    st, _, e = sv.request("GET", "/lookup")
    tap(st == 400 and e["error"]["field"] == "q", "lookup without q: 400 naming q", e)
    st, _, e = sv.request("GET", "/lookup?q=x&lang=de")
    tap(st == 400 and e["error"]["field"] == "lang", "a bad lang: 400 naming lang", e)
    st, _, e = sv.request("GET", "/lookup?q=x&limit=0")
    tap(st == 400 and e["error"]["field"] == "limit", "limit 0: 400 naming limit", e)

    st, _, sr = sv.request("GET", "/search?q=" + q("Россия и Киргизия развивают партнёрство")
                           + "&min_score=0")
    tap(st == 200 and isinstance(sr["matches"], list), "search answers", sr)

    st, _, cc = sv.request("GET", "/concord?q=" + q("ОДКБ") + "&limit=50")
    tap(st == 200 and cc["total"] > 0 and all(
        l["marked"]["pre"] + l["marked"]["mark"] + l["marked"]["post"] == l["text"]
        for l in cc["lines"]), "concordance lines split around the term", cc)
    tap(any("<script>" in l["text"] for l in cc["lines"]),
        "the hostile article's text comes back verbatim as data", cc["lines"][:3])

    st, _, p1 = sv.request("GET", "/pairs?limit=5")
    st2, _, p2 = sv.request("GET", "/pairs?limit=5&offset=5")
    tap(st == 200 and st2 == 200 and len(p1["pairs"]) == 5 and p1["total"] == p2["total"]
        and not {p["id"] for p in p1["pairs"]} & {p["id"] for p in p2["pairs"]},
        "pairs come in distinct pages with one total", (p1, p2))
    scores = [p["score"] for p in p1["pairs"] + p2["pairs"]]
    tap(scores == sorted(scores, reverse=True), "pairs best score first", scores)
    st, _, pk = sv.request("GET", "/pairs?kind=acronym&limit=1000")
    tap(st == 200 and pk["pairs"] and all("acronym" in (p["ru_kind"], p["bg_kind"])
                                          for p in pk["pairs"]),
        "the kind filter keeps acronyms", pk["pairs"][:3])
    st, _, pt = sv.request("GET", "/pairs?q=" + q("одкб"))
    tap(st == 200 and pt["pairs"] and all("одкб" in (p["ru"] + p["bg"]).lower()
                                          for p in pt["pairs"]),
        "the text filter matches either citation, any case", pt["pairs"][:3])
    st, _, e = sv.request("GET", "/pairs?status=maybe")
    tap(st == 400 and e["error"]["field"] == "status", "a bad status: 400 naming status", e)

    pair = next(p for p in p1["pairs"])
    pid = pair["id"]
    st, _, d = sv.request("GET", f"/pairs/{pid}?lines=3")
    tap(st == 200 and d["revision"] == pair["revision"] and "ru" in d["concordance"],
        "a pair with its concordance in both languages", d)
    st, _, e = sv.request("GET", "/pairs/99999999")
    tap(st == 404, "an unknown pair: 404", e)

    rev = d["revision"]
    st, _, r = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "approve"})
    tap(st == 200 and r["status"] == "approved" and r["revision"] == rev + 1,
        "approve raises the revision", r)
    st, _, r2 = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "reject"})
    tap(st == 409 and r2["error"]["current"]["status"] == "approved",
        "a decision on a stale revision: 409 with the current pair", r2)
    st, _, now = sv.request("GET", f"/pairs/{pid}?lines=0")
    tap(now["status"] == "approved" and now["revision"] == rev + 1,
        "the stale decision wrote nothing", now)
    # Someone else reviews at the command line: the page's revision is stale.
    subprocess.run([sverka, "-q", "--memory", memory, "term", "forbid", str(pid)], check=True,
                   timeout=60)
    st, _, r3 = sv.request("POST", f"/pairs/{pid}/review",
                           {"revision": rev + 1, "action": "reject"})
    tap(st == 409 and r3["error"]["current"]["status"] == "forbidden",
        "a review made with `sverka term` since loading: 409", r3)
    rev = r3["error"]["current"]["revision"]
    st, _, r = sv.request("POST", f"/pairs/{pid}/review",
                          {"revision": rev, "action": "note", "note": 'см. "протокол" <b>'})
    tap(st == 200 and r["note"] == 'см. "протокол" <b>', "a note is kept as written", r)
    rev = r["revision"]
    other = "bg" if pair["ru"] else "ru"
    st, _, r = sv.request("POST", f"/pairs/{pid}/review",
                          {"revision": rev, "action": "cite", "lang": "ru",
                           "text": pair["ru"] + " (ред.)"})
    tap(st == 200 and r["ru"] == pair["ru"] + " (ред.)", "the citation form is edited", r)
    rev = r["revision"]
    st, _, r = sv.request("POST", f"/pairs/{pid}/review",
                          {"revision": rev, "action": "variant", "lang": other,
                           "text": "вариант на термина"})
    tap(st == 200 and r.get("added", 0) > 0, "a variant is added as a new pair", r)
    if st == 200:
        st, _, v = sv.request("GET", f"/pairs/{r['added']}?lines=0")
        tap(st == 200 and v["status"] == "approved" and v["origin"] == "manual"
            and v["bg" if other == "bg" else "ru"] == "вариант на термина"
            and v["concept"] == r["concept"] != 0,
            "the variant is approved in the pair's concept", v)
        rev = r["revision"]
    st, _, r = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "reset"})
    tap(st == 200 and r["status"] == "candidate", "reset (undo) makes it a candidate again", r)
    st, _, h = sv.request("GET", f"/pairs/{pid}/history")
    trail = [(x["action"], x["status"], x["who"]) for x in h["reviews"]]
    tap(st == 200 and trail == [("status", "approved", "local"),
                                ("status", "forbidden", "command line"),
                                ("note", "forbidden", "local"),
                                ("citation", "forbidden", "local"),
                                ("variant", "forbidden", "local"),
                                ("status", "candidate", "local")]
        and [x["revision"] for x in h["reviews"]] == list(range(rev - 4, rev + 2))
        and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", x["at"]) for x in h["reviews"]),
        "the history records each decision (the page's and `sverka term`'s), who and when", h)
    st, _, hh = sv.request("GET", "/history")
    tap(st == 200 and len(hh["reviews"]) >= 5, "the whole history", len(hh["reviews"]))
    out = subprocess.run([sverka, "--memory", memory, "terms", "--history"],
                         capture_output=True, text=True, timeout=60)
    tap(out.returncode == 0 and "local" in out.stdout and "citation" in out.stdout,
        "sverka terms --history shows the trail", out.stdout + out.stderr)

    for bad, field in (({"action": "approve"}, "revision"),
                       ({"revision": 0, "action": "maybe"}, "action"),
                       ({"revision": 0, "action": "note"}, "note"),
                       ({"revision": 0, "action": "cite", "lang": "de", "text": "x"}, "lang"),
                       ({"revision": 0, "action": "variant", "lang": "ru"}, "text")):
        st, _, e = sv.request("POST", f"/pairs/{pid}/review", bad)
        tap(st == 400 and e["error"].get("field") == field, f"review 400 naming {field}", e)
    st, _, e = sv.request("POST", f"/pairs/{pid}/review", b"{not json")
    tap(st == 400 and e["error"]["field"] == "body", "a body that is not JSON: 400", e)
    st, _, e = sv.request("POST", f"/pairs/{pid}/review", b'{"revision":0}',
                          headers={"Content-Type": "text/plain"})
    tap(st == 415, "a POST that is not application/json: 415 (no cross-site form posts)", e)
    st, _, e = sv.request("POST", "/pairs/99999999/review", {"revision": 0, "action": "approve"})
    tap(st == 404, "review of an unknown pair: 404", e)
    st, _, e = sv.request("POST", "/check", {"report": {"name": "r.tsv",
                                                        "content": "x" * (1 << 20) + "\tx"}})
    tap(st == 413, "a body over --max-upload: 413", e)

    st, _, docs = sv.request("GET", "/documents")
    tap(st == 200 and docs["total"] == 6 and docs["pairs"], "documents and their pairs", docs)
    st, _, doc = sv.request("GET", "/documents/1")
    tap(st == 200 and len(doc["lines"]) == doc["segments"] > 0, "a document's segments", doc)
    st, _, e = sv.request("GET", "/documents/99999")
    tap(st == 404, "an unknown document: 404", e)
    dp = docs["pairs"][0]["id"]
    st, _, p = sv.request("GET", f"/docpairs/{dp}")
    tap(st == 200 and isinstance(p["alignment"], list), "a document pair and its units", p)
    st, _, e = sv.request("GET", "/docpairs/99999")
    tap(st == 404, "an unknown document pair: 404", e)

    for fmt, xml_ok in (("tmx", True), ("tbx", True), ("xliff", True), ("omegat", False)):
        st, hdr, body = sv.request("GET", f"/export/{fmt}")
        ok = st == 200 and "attachment" in hdr.get("content-disposition", "") and len(body) > 0
        why = validate("GET", f"/export/{fmt}", st, None, hdr.get("content-type"))
        if ok and xml_ok:
            try:
                xml.dom.minidom.parseString(body)
            except Exception as ex:  # noqa: BLE001 - any parse error fails the case
                ok, why = False, ex
        tap(ok and why is None, f"export {fmt} downloads a file", why or hdr)
    st, _, e = sv.request("GET", "/export/docx")
    tap(st == 404 and e["error"]["field"] == "format", "an unknown export format: 404", e)

    data = os.path.join(ROOT, "tests/data/check")
    report = open(os.path.join(data, "report.xlf"), encoding="utf-8").read()
    gloss = open(os.path.join(data, "glossary.tbx"), encoding="utf-8").read()
    up = {"report": {"name": "report.xlf", "content": report},
          "glossary": {"name": "glossary.tbx", "content": gloss}}
    st, _, ck = sv.request("POST", "/check", up)
    tap(st == 200 and ck["summary"]["errors"] > 0
        and any(f["check"] == "term-forbidden" for f in ck["findings"]),
        "check of an uploaded XLIFF against an uploaded TBX finds the forbidden term", ck)
    st, hdr, html = sv.request("POST", "/check?format=html", up)
    tap(st == 200 and hdr["content-type"].startswith("text/html")
        and "attachment" in hdr.get("content-disposition", "") and b"<html" in html.lower(),
        "the HTML report is a download", hdr)
    st, _, e = sv.request("POST", "/check", {"glossary": up["glossary"]})
    tap(st == 400 and e["error"]["field"] == "report", "check without a report: 400", e)

    st, hdr, page = sv.request("GET", "/", raw=True)
    tap(st == 200 and hdr["content-type"].startswith("text/html")
        and "script-src 'self'" in hdr.get("content-security-policy", ""),
        "the page is served with a script-src 'self' policy", hdr)
    for bad in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.git/config",
                "/css/../../README.md", "//etc/passwd"):
        st, _, _ = sv.request("GET", bad, raw=True)
        tap(st == 404, f"static files stay in their folder: {bad} is 404")

    # Readers keep answering while one writer reviews.
    errors = []
    pairs = sv.request("GET", "/pairs?limit=40&status=candidate", check=False)[2]["pairs"]

    def reader():
        for _ in range(15):
            s, _, _ = sv.request("GET", "/lookup?q=" + q("ОДКБ") + "&lines=1", check=False)
            if s != 200:
                errors.append(s)

    def writer():
        for p in pairs:
            s, _, _ = sv.request("POST", f"/pairs/{p['id']}/review",
                                 {"revision": p["revision"], "action": "approve"}, check=False)
            if s != 200:
                errors.append(("review", s))
    threads = [threading.Thread(target=reader) for _ in range(6)] + [threading.Thread(
        target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    st, _, after = sv.request("GET", "/pairs?status=approved&limit=1000", check=False)
    approved = {p["id"] for p in after["pairs"]}
    tap(not errors and all(p["id"] in approved for p in pairs),
        "90 lookups beside 40 reviews: none failed, no review lost", errors)
    # A re-run of align beside the running server keeps every decision.
    st, _, cited = sv.request("GET", f"/pairs/{pid}?lines=0", check=False)
    out = subprocess.run([sverka, "-q", "--memory", memory, "align", "--all"],
                         capture_output=True, text=True, timeout=300)
    st, _, again = sv.request("GET", "/pairs?status=approved&limit=1000", check=False)
    st2, _, cited2 = sv.request("GET", f"/pairs/{pid}?lines=0", check=False)
    tap(out.returncode == 0 and approved <= {p["id"] for p in again["pairs"]}
        and st2 == 200 and cited2["ru"] == cited["ru"] and cited2["note"] == cited["note"],
        "sverka align --all beside the server keeps every decision, edited form and note",
        out.stderr or (len(approved), len(again["pairs"]), cited, cited2))
    tap(sv.stop() == 0, "the server stops cleanly on SIGTERM")

    r = subprocess.run([sverka, "--memory", memory, "serve", "--listen", "0.0.0.0:0"],
                       capture_output=True, text=True, timeout=30)
    tap(r.returncode == 2 and "--users" in r.stderr,
        "a non-loopback address without --users is refused", r.stderr)

    run_users(sverka, memory, tmp, servers)


def run_users(sverka, memory, tmp, servers):
    users = os.path.join(tmp, "users")
    lines = []
    for name, role, pw in (("rada", "reviewer", "пароль-рады"), ("ivan", "reader", "ivan-pw")):
        h = subprocess.run([sverka, "serve", "--hash-password"], input=pw + "\n",
                           capture_output=True, text=True, timeout=60, check=True).stdout.strip()
        lines.append(f"{name}:{role}:{h}")
    with open(users, "w", encoding="utf-8") as f:
        f.write("# test users\n" + "\n".join(lines) + "\n")
    sv = Server(sverka, memory, "--users", users)
    servers.append(sv)
    if not tap(sv.port is not None, "sverka serve --users starts"):
        return
    st, _, e = sv.request("GET", "/stats")
    tap(st == 401, "without a login the API answers 401", e)
    st, _, s = sv.request("GET", "/session")
    tap(st == 200 and s["login"] and not s["auth"], "the session says a login is needed", s)
    st, _, e = sv.request("POST", "/login", {"name": "rada", "password": "wrong"})
    tap(st == 401, "a wrong password: 401", e)
    st, hdr, s = sv.request("POST", "/login", {"name": "rada", "password": "пароль-рады"})
    cookie = hdr.get("set-cookie", "")
    tap(st == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie and s["csrf"],
        "a login sets an HttpOnly SameSite cookie and gives a CSRF token", hdr)
    sv.cookie = cookie.split(";")[0]
    csrf = s["csrf"]
    st, _, p = sv.request("GET", "/pairs?limit=1&status=candidate")
    pid, rev = p["pairs"][0]["id"], p["pairs"][0]["revision"]
    st, _, e = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "approve"})
    tap(st == 403 and e["error"]["field"] == "X-CSRF-Token", "a write without the CSRF token: 403",
        e)
    sv.csrf = "0" * len(csrf)
    st, _, e = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "approve"})
    tap(st == 403, "a write with a wrong CSRF token: 403", e)
    sv.csrf = csrf
    st, _, r = sv.request("POST", f"/pairs/{pid}/review", {"revision": rev, "action": "approve"})
    tap(st == 200 and r["status"] == "approved", "a reviewer's decision with the token", r)
    st, _, h = sv.request("GET", f"/pairs/{pid}/history")
    tap(st == 200 and h["reviews"][-1]["who"] == "rada", "the trail names the reviewer", h)
    st, _, _ = sv.request("POST", "/logout", {})
    sv.cookie = sv.csrf = None
    st, hdr, s = sv.request("POST", "/login", {"name": "ivan", "password": "ivan-pw"})
    sv.cookie = hdr.get("set-cookie", "").split(";")[0]
    sv.csrf = s.get("csrf")
    st, _, e = sv.request("POST", f"/pairs/{pid}/review", {"revision": r["revision"],
                                                           "action": "reject"})
    tap(st == 403, "a reader may not review: 403", e)
    st, _, _ = sv.request("GET", "/stats")
    tap(st == 200, "a reader may read")
    tap(sv.stop() == 0, "the --users server stops cleanly")


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"1..{n}")
    sys.exit(1 if failed else 0)
