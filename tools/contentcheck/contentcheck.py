#!/usr/bin/env python3
"""Self-check for the example site's hand-written content (content/ and data/you-said-we-did.csv).

A stop-gap for content writers until the Plinth build performs these checks itself. It reports every
problem it finds (path:line: message) and exits 1 if there were any. It checks:

  - TOML front matter between +++ lines parses, has a title, and uses only the keys allowed for the
    page's kind (page, edition index, domain index, standard, guidance page), with the right types;
  - every relative Markdown link points at an existing content file; no raw HTML; callouts are closed;
  - framework: 6 domains per edition, standard IDs unique and matching their file and folder, 25-35
    standards per edition, `replaces` refs exist in the previous edition, body is 1-3 sentences;
  - guidance `standards` refs and CSV `standards` refs exist;
  - data/you-said-we-did.csv: columns, keys, enums, dates, evidence rules, 3-4 unreviewed drafts;
  - word counts for strategy (400-900) and guidance (300-700) pages.

It also prints the change classification between consecutive editions, and, given --seed FILE
(repeatable), lists any run of 8+ words shared with that file (wording must not be copied).

Usage: python3 tools/contentcheck/contentcheck.py [--root DIR] [--seed FILE ...]
"""
import argparse, csv, datetime, os, re, sys, tomllib
from collections import defaultdict

COMMON = {"title", "description", "date", "lastmod", "reviewed", "next_review", "draft", "weight",
          "slug", "aliases", "layout", "tags", "params"}
EDITION = COMMON | {"status", "effective_from", "superseded_on", "superseded_by", "illustrative"}
DOMAIN = COMMON | {"domain", "summary"}
STANDARD = COMMON | {"id", "replaces", "must", "evidence"}
GUIDANCE = COMMON | {"standards"}
EDITIONS = ["2016", "2019", "2021"]
PREV = {"2019": "2016", "2021": "2019"}
REGIONS = {"national", "london", "south-east", "south-west", "north-west", "north-east-and-yorkshire",
           "midlands", "east-of-england"}
PROFESSIONS = {"medicine", "dentistry", "nursing", "midwifery", "allied-health", "pharmacy",
               "healthcare-science", "paramedicine", "other"}
THEMES = {"induction", "clinical-supervision", "facilities", "learning-opportunities", "teamwork"} | {
    f"domain-{n}" for n in range(1, 7)}
CALLOUTS = {"inset", "warning", "details", "do", "dont"}
CONTACT = "quality-standards@example.org"

problems = []


def problem(path, line, msg):
    problems.append(f"{path}:{line}: {msg}")


def split_front_matter(path, text):
    lines = text.split("\n")
    if not lines or lines[0] != "+++":
        problem(path, 1, "front matter must start with a +++ line")
        return None, text, 1
    try:
        end = lines.index("+++", 1)
    except ValueError:
        problem(path, 1, "front matter has no closing +++ line")
        return None, text, 1
    try:
        fm = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as e:
        problem(path, 2, f"front matter is not valid TOML: {e}")
        fm = None
    return fm, "\n".join(lines[end + 1:]), end + 2


def kind_of(rel):
    parts = rel.split("/")
    if parts[0] == "framework" and len(parts) == 3 and parts[2] == "_index.md" and parts[1] in EDITIONS:
        return "edition"
    if parts[0] == "framework" and len(parts) == 4 and parts[1] in EDITIONS:
        return "domain" if parts[3] == "_index.md" else "standard"
    if parts[0] == "guidance" and len(parts) == 2 and parts[1] != "_index.md":
        return "guidance"
    return "page"


def is_date(v):
    return isinstance(v, datetime.date) and not isinstance(v, datetime.datetime)


def words(body):
    body = re.sub(r"^:::.*$", "", body, flags=re.M)
    body = re.sub(r"\[\^[^\]]+\]:?", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’%.,-]*", body))


def check_fields(path, kind, fm):
    allowed = {"page": COMMON, "edition": EDITION, "domain": DOMAIN, "standard": STANDARD,
               "guidance": GUIDANCE}[kind]
    for k in fm:
        if k not in allowed:
            problem(path, 1, f"front-matter key {k!r} is not allowed here (a {kind} file)")
    if not isinstance(fm.get("title"), str) or not fm["title"].strip():
        problem(path, 1, "title is required")
    for k in ("date", "lastmod", "reviewed", "next_review", "effective_from", "superseded_on"):
        if k in fm and not is_date(fm[k]):
            problem(path, 1, f"{k} must be an unquoted date (YYYY-MM-DD)")
    if "weight" in fm and type(fm["weight"]) is not int:
        problem(path, 1, "weight must be an integer")
    if "description" in fm and fm["description"].count(". ") > 0:
        problem(path, 1, "description should be one sentence")
    if kind == "edition":
        for k in ("status", "effective_from", "illustrative", "description", "weight"):
            if k not in fm:
                problem(path, 1, f"edition index needs {k}")
        if fm.get("status") not in ("superseded", "in-force"):
            problem(path, 1, "status must be superseded or in-force")
        if fm.get("status") == "superseded" and not ("superseded_on" in fm and "superseded_by" in fm):
            problem(path, 1, "a superseded edition needs superseded_on and superseded_by")
    if kind == "domain":
        if type(fm.get("domain")) is not int:
            problem(path, 1, "domain must be an integer")
        if not isinstance(fm.get("summary"), str):
            problem(path, 1, "summary is required")
    if kind == "standard":
        for k in ("must", "evidence"):
            v = fm.get(k)
            if not (isinstance(v, list) and 2 <= len(v) <= 4 and all(isinstance(x, str) for x in v)):
                problem(path, 1, f"{k} must be a list of 2 to 4 strings")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("--seed", action="append", default=[])
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    content = os.path.join(root, "content")

    pages = {}  # rel path -> (fm, body, body_line)
    for dirpath, _, files in os.walk(content):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, content).replace(os.sep, "/")
            text = open(full, encoding="utf-8").read()
            fm, body, bl = split_front_matter("content/" + rel, text)
            pages[rel] = (fm or {}, body, bl)
            if fm is not None:
                check_fields("content/" + rel, kind_of(rel), fm)

    # Links, raw HTML, callouts.
    link_re = re.compile(r"\]\(([^)\s]+)\)")
    for rel, (fm, body, bl) in pages.items():
        path = "content/" + rel
        depth = 0
        in_code = False
        for i, line in enumerate(body.split("\n"), bl):
            if line.startswith("```"):
                in_code = not in_code
            if in_code:
                continue
            if re.search(r"<[A-Za-z/!]", line):
                problem(path, i, "raw HTML is not allowed")
            m = re.match(r"^:::(\w*)", line)
            if m:
                if m.group(1):
                    if m.group(1) not in CALLOUTS:
                        problem(path, i, f"unknown callout {m.group(1)!r}")
                    if depth:
                        problem(path, i, "callouts must not be nested")
                    depth += 1
                else:
                    depth -= 1
            for target in link_re.findall(line):
                if re.match(r"^(https?|mailto):", target):
                    if target.startswith("mailto:") and target != "mailto:" + CONTACT:
                        problem(path, i, f"unexpected e-mail address {target}")
                    continue
                t = target.split("#", 1)[0]
                dest = os.path.normpath(os.path.join(os.path.dirname(os.path.join(content, rel)), t))
                if not dest.startswith(content + os.sep) or not os.path.isfile(dest):
                    problem(path, i, f"link target {target!r} does not exist")
                elif not dest.endswith(".md"):
                    problem(path, i, f"link {target!r} should point at a .md content file")
            for e in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", line):
                if e != CONTACT:
                    problem(path, i, f"unexpected e-mail address {e}")
            if re.search(r"\b(?:0\d{2,4}\s?\d{3,4}\s?\d{3,4}|\+44)", line):
                problem(path, i, "looks like a phone number")
            if re.search(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", line):
                problem(path, i, "looks like a postcode")
        if depth:
            problem(path, bl, "a callout is not closed with :::")

    # Framework.
    std = {ed: {} for ed in EDITIONS}  # ed -> id -> (rel, fm, body)
    for ed in EDITIONS:
        domains = {}
        for rel, (fm, body, bl) in pages.items():
            parts = rel.split("/")
            if parts[0] != "framework" or len(parts) != 4 or parts[1] != ed:
                continue
            folder = parts[2]
            n = int(folder.split("-")[0]) if folder.split("-")[0].isdigit() else None
            if parts[3] == "_index.md":
                if fm.get("domain") != n:
                    problem("content/" + rel, 1, f"domain = {fm.get('domain')} does not match folder {folder}")
                domains[n] = fm.get("title")
                continue
            sid = fm.get("id")
            if not isinstance(sid, str) or not re.fullmatch(r"\d\.\d+", sid):
                problem("content/" + rel, 1, "id must look like \"1.3\"")
                continue
            if parts[3] != sid.replace(".", "-") + ".md" or sid.split(".")[0] != str(n):
                problem("content/" + rel, 1, f"id {sid} does not match file name or domain folder")
            if sid in std[ed]:
                problem("content/" + rel, 1, f"duplicate id {sid} in edition {ed} (first: {std[ed][sid][0]})")
            std[ed][sid] = (rel, fm, body.strip())
            sentences = len(re.findall(r"[.!?](\s|$)", body.strip()))
            if not 1 <= sentences <= 3:
                problem("content/" + rel, 1, f"standard text should be 1 to 3 sentences, has {sentences}")
            if ed == "2016" and fm.get("replaces"):
                problem("content/" + rel, 1, "the first edition cannot replace anything")
        if sorted(k for k in domains if k) != [1, 2, 3, 4, 5, 6]:
            problem(f"content/framework/{ed}", 0, f"edition needs domains 1-6, has {sorted(domains)}")
        if not 25 <= len(std[ed]) <= 35:
            problem(f"content/framework/{ed}", 0, f"edition has {len(std[ed])} standards, expected 25-35")
    for ed, prev in PREV.items():
        for sid, (rel, fm, _) in std[ed].items():
            for r in fm.get("replaces", []):
                m = re.fullmatch(r"(\d{4}):(\d\.\d+)", r)
                if not m or m.group(1) != prev or m.group(2) not in std[prev]:
                    problem("content/" + rel, 1, f"replaces {r!r} is not a standard in edition {prev}")

    def ref_ok(ref):
        m = re.fullmatch(r"(\d{4}):(\d\.\d+)", ref)
        return bool(m) and m.group(1) in std and m.group(2) in std[m.group(1)]

    for rel, (fm, _, _) in pages.items():
        if kind_of(rel) == "guidance":
            refs = fm.get("standards")
            if not isinstance(refs, list) or not refs:
                problem("content/" + rel, 1, "guidance needs standards = [\"2021:ID\", ...]")
            for r in refs or []:
                if not ref_ok(r) or not r.startswith("2021:"):
                    problem("content/" + rel, 1, f"standards ref {r!r} is not a 2021 standard")
                    continue
                ed, sid = r.split(":")
                target = "../framework/" + std[ed][sid][0].split("/", 1)[1]
                if "](" + target + ")" not in pages[rel][1]:
                    problem("content/" + rel, 1, f"guidance lists {r} but never links to {target}")

    # Word counts and structure.
    tables = 0
    for rel, (fm, body, bl) in pages.items():
        w = words(body)
        if rel.startswith("strategy/") and rel != "strategy/_index.md":
            if not 400 <= w <= 900:
                problem("content/" + rel, bl, f"{w} words, expected 400-900")
            if not re.search(r"^(- |\d+\. )", body, re.M):
                problem("content/" + rel, bl, "strategy page needs a list")
            tables += bool(re.search(r"^\|.*\|\n\|[-| :]+\|", body, re.M))
        if kind_of(rel) == "guidance":
            if not 300 <= w <= 700:
                problem("content/" + rel, bl, f"{w} words, expected 300-700")
            for h in ("## What you must do", "## Evidence we expect", "## Good practice"):
                if h not in body:
                    problem("content/" + rel, bl, f"missing section {h!r}")
    if tables < 2:
        problem("content/strategy", 0, f"only {tables} strategy pages have a table")
    if not any(len(re.findall(r"^## ", b, re.M)) >= 5 for r, (_, b, _) in pages.items()
               if r.startswith("strategy/")):
        problem("content/strategy", 0, "no strategy page has 5 or more ## headings")

    check_csv(os.path.join(root, "data", "you-said-we-did.csv"), ref_ok)
    report_changes(std)
    if a.seed:
        report_copying(pages, a.seed)

    print(f"{len(pages)} content pages; standards per edition: " +
          ", ".join(f"{ed}={len(std[ed])}" for ed in EDITIONS))
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def check_csv(path, ref_ok):
    rel = "data/you-said-we-did.csv"
    cols = ["id", "published", "region", "professions", "theme", "standards", "learners_said", "we_did",
            "status", "outcome", "evidence_value", "evidence_unit", "evidence_label", "reviewed_by",
            "reviewed_on"]
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != cols:
        problem(rel, 1, f"header must be {','.join(cols)}")
        return
    seen, drafts = {}, 0
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(cols):
            problem(rel, n, f"{len(r)} fields, expected {len(cols)}")
            continue
        d = dict(zip(cols, r))
        if not re.fullmatch(r"YSWD-\d{3}", d["id"]):
            problem(rel, n, f"bad id {d['id']!r}")
        if d["id"] in seen:
            problem(rel, n, f"duplicate id {d['id']} (first on line {seen[d['id']]})")
        seen[d["id"]] = n
        for k in ("published", "reviewed_on"):
            if d[k] or k == "published":
                try:
                    v = datetime.date.fromisoformat(d[k])
                    if k == "published" and not 2024 <= v.year <= 2026:
                        problem(rel, n, "published should be in 2024-2026")
                except ValueError:
                    problem(rel, n, f"{k} {d[k]!r} is not a YYYY-MM-DD date")
        if d["region"] not in REGIONS:
            problem(rel, n, f"unknown region {d['region']!r}")
        for p in d["professions"].split(";"):
            if p not in PROFESSIONS:
                problem(rel, n, f"unknown profession {p!r}")
        if d["theme"] not in THEMES:
            problem(rel, n, f"unknown theme {d['theme']!r}")
        for s in filter(None, d["standards"].split(";")):
            if not s.startswith("2021:") or not ref_ok(s):
                problem(rel, n, f"standards ref {s!r} is not a 2021 standard")
        if d["status"] not in ("planned", "in-progress", "done"):
            problem(rel, n, f"unknown status {d['status']!r}")
        if d["status"] != "planned" and not d["outcome"]:
            problem(rel, n, "outcome is empty but status is not planned")
        v, u, lab = d["evidence_value"], d["evidence_unit"], d["evidence_label"]
        if bool(v) != bool(u) or bool(v) != bool(lab):
            problem(rel, n, "evidence_value, evidence_unit and evidence_label must be all set or all empty")
        if v:
            if not v.isdigit():
                problem(rel, n, f"evidence_value {v!r} is not a whole number")
            elif u == "count" and not (int(v) == 0 or (int(v) >= 8 and int(v) % 5 == 0)):
                problem(rel, n, f"count {v} must be 0, or 8 or more and a multiple of 5")
            elif u == "percent" and not 0 <= int(v) <= 100:
                problem(rel, n, f"percent {v} out of range")
            elif u not in ("count", "percent"):
                problem(rel, n, f"evidence_unit {u!r} must be count or percent")
        if not d["reviewed_on"]:
            drafts += 1
        elif not d["reviewed_by"]:
            problem(rel, n, "reviewed_on is set but reviewed_by (a role) is empty")
        if d["reviewed_by"] and re.search(r"\b(Dr|Mr|Mrs|Ms|Prof)\b", d["reviewed_by"]):
            problem(rel, n, "reviewed_by must be a role, not a person")
    if not 3 <= drafts <= 4:
        problem(rel, 0, f"{drafts} unreviewed drafts, expected 3-4")
    print(f"{rel}: {len(rows) - 1} entries, {drafts} unreviewed drafts")


def report_changes(std):
    for ed, prev in PREV.items():
        kinds = defaultdict(list)
        continued = set()
        for sid, (rel, fm, body) in sorted(std[ed].items()):
            reps = fm.get("replaces", [])
            continued.update(r.split(":")[1] for r in reps)
            if not reps:
                kinds["added"].append(sid)
            elif len(reps) > 1:
                kinds["merged"].append(f"{sid}<-{'+'.join(r.split(':')[1] for r in reps)}")
            else:
                old = reps[0].split(":")[1]
                if old not in std[prev]:
                    continue
                _, ofm, obody = std[prev][old]
                same = obody == body and ofm.get("title") == fm.get("title")
                if old != sid:
                    kinds["renumbered" + ("" if same else "+reworded")].append(f"{old}->{sid}")
                else:
                    kinds["unchanged" if same else "reworded"].append(sid)
        kinds["removed"] = sorted(set(std[prev]) - continued)
        print(f"changes {prev} -> {ed}:")
        for k in ("unchanged", "reworded", "renumbered", "renumbered+reworded", "merged", "added", "removed"):
            print(f"  {k:20} {len(kinds[k]):2}  {' '.join(kinds[k])}")


def report_copying(pages, seeds, n=8):
    def grams(text):
        w = re.findall(r"[a-z0-9']+", text.lower())
        return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}
    seed = set()
    for s in seeds:
        seed |= grams(open(s, encoding="utf-8").read())
    for rel, (fm, body, _) in sorted(pages.items()):
        text = body + " " + " ".join(str(v) for v in fm.values())
        shared = grams(text) & seed
        if shared:
            problem("content/" + rel, 0, f"{len(shared)} run(s) of {n}+ words shared with a seed, e.g. "
                    f"{sorted(shared)[0]!r}")


if __name__ == "__main__":
    sys.exit(main())
