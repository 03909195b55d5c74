#!/usr/bin/env python3
"""Generate a benchmark corpus for sitegen and an equivalent Hugo site.

Usage: generate_corpus.py N OUTDIR [--seed S]

Writes
  OUTDIR/sitegen/content/   a sitegen content folder (fields as in the README's editor guide)
  OUTDIR/hugo/              a Hugo site (config, content, layouts) with the same pages

N activities, max(1, N // 50) partners (countries with real ISO 3166-1 codes, and
organizations), five National Action Plans, three free-standing pages. Each activity
has 0-3 partners and a date between 2000-01-01 and 2024-12-31 (25 years). Bodies are
3-8 paragraphs with emphasis, sometimes a bullet list, sometimes a small GFM table,
and links to other activities, partners and sections by root path (all of which exist).

Deterministic: the same N and seed give byte-identical output. Python 3 stdlib only.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import unicodedata

ISO_TAB = "/usr/share/zoneinfo/iso3166.tab"
ZONE_TAB = "/usr/share/zoneinfo/zone.tab"
BASE_URL = "https://bench.example.org/"
SITE_TITLE = "Women, Peace and Security — Benchmark Portal"
SITE_DESCRIPTION = "A generated portal of Women, Peace and Security activities, partners and National Action Plans, for benchmarking."

FALLBACK_COUNTRIES = [
    ("JP", "Japan"), ("PH", "Philippines"), ("ID", "Indonesia"), ("MY", "Malaysia"), ("VN", "Vietnam"),
    ("MN", "Mongolia"), ("AU", "Australia"), ("FJ", "Fiji"), ("CA", "Canada"), ("FR", "France"),
    ("DE", "Germany"), ("GB", "Britain (UK)"), ("US", "United States"), ("KH", "Cambodia"), ("LA", "Laos"),
    ("TL", "East Timor"), ("NZ", "New Zealand"), ("KR", "Korea (South)"), ("IN", "India"), ("NO", "Norway"),
]

REGION_BY_TZ = {
    "Europe": "Europe", "Asia": "Asia", "Africa": "Africa", "America": "Americas",
    "Pacific": "Pacific", "Australia": "Pacific", "Indian": "Indian Ocean",
    "Atlantic": "Atlantic", "Antarctica": "Antarctica", "Arctic": "Europe",
}

TYPES = ["seminar", "meeting", "dialogue", "conference", "training", "statement", "workshop", "visit"]
TYPE_WEIGHTS = [22, 20, 12, 10, 14, 6, 12, 4]
TYPE_TITLES = {
    "seminar": "Seminar", "meeting": "Meeting", "dialogue": "Dialogue", "conference": "Conference",
    "training": "Training Course", "statement": "Joint Statement", "workshop": "Workshop", "visit": "Visit",
}
TOPICS = [
    "Women, Peace and Security", "Gender Perspectives in Military Operations", "Humanitarian Assistance and Disaster Relief",
    "Peacekeeping Operations", "Conflict Prevention", "Protection from Sexual Violence in Conflict",
    "Women's Participation in Peace Processes", "Maritime Security", "Military Medicine", "Gender Advisers",
    "Civil-Military Coordination", "Disaster Risk Reduction", "Mediation and Dialogue", "UNSCR 1325",
    "National Action Plans", "Human Security", "Post-Conflict Reconstruction", "Cyber Security and Gender",
]
ODD_TITLES = [
    "Women, Peace & Security: Lessons from {p}",
    "\"Gender Perspectives\" Workshop with {p}",
    "Training for Officers <35 Years of Age ({p})",
    "Séminaire régional sur les femmes, la paix et la sécurité ({p})",
    "日本 WPS Dialogue with {p}",
    "Peace & Security Forum: \"Women Lead\" ({p})",
    "Zürich–Tōkyō Exchange on Gender & Defence",
    "Q&A Session <Live> on UNSCR 1325 — Résumé",
]
ORGANIZERS = [
    "Ministry of Defense", "Ministry of Foreign Affairs", "Joint Staff", "Ground Self-Defense Force",
    "Maritime Self-Defense Force", "Air Self-Defense Force", "Embassy of Japan", "Cabinet Office",
    "National Defense Academy", "Japan International Cooperation Agency",
]
CITIES = [
    "Tokyo, Japan", "Manila, Philippines", "Jakarta, Indonesia", "Kuala Lumpur, Malaysia", "Hanoi, Vietnam",
    "Ulaanbaatar, Mongolia", "Canberra, Australia", "Suva, Fiji", "Ottawa, Canada", "Paris, France",
    "Berlin, Germany", "London, United Kingdom", "New York, United States", "Phnom Penh, Cambodia",
    "Vientiane, Lao PDR", "Dili, Timor-Leste", "Geneva, Switzerland", "Brussels, Belgium", "Nairobi, Kenya",
    "Yokosuka, Japan", "Ichigaya, Tokyo", "Online", "São Paulo, Brazil", "Montréal, Canada",
]
ORG_ADJ = ["Regional", "International", "Asia-Pacific", "Global", "Pacific", "ASEAN", "African", "European",
           "Nordic", "Atlantic", "Indo-Pacific", "Southeast Asian", "Inter-Parliamentary", "Civil Society"]
ORG_NOUN = ["Women's Peace", "Security", "Gender Equality", "Peacekeeping", "Humanitarian", "Defence",
            "Mediation", "Disaster Relief", "Human Rights", "Development", "Peacebuilding", "Crisis Response"]
ORG_KIND = ["Network", "Forum", "Council", "Institute", "Centre", "Alliance", "Commission", "Partnership",
            "Programme", "Foundation"]

SUBJECTS = [
    "The participants", "The delegation", "Officers from both sides", "The organizers", "Speakers",
    "Gender advisers", "Representatives of civil society", "The co-chairs", "Senior officials",
    "Instructors", "Young officers", "The working group",
]
VERBS = [
    "discussed", "reviewed", "shared experience on", "examined", "agreed to strengthen", "highlighted",
    "exchanged views on", "presented case studies on", "reaffirmed their commitment to", "compared approaches to",
]
OBJECTS = [
    "the integration of gender perspectives into operational planning",
    "the protection of women and girls in humanitarian crises",
    "the participation of women in peace negotiations",
    "lessons learned from recent disaster relief operations",
    "the implementation of the National Action Plan",
    "training curricula for peacekeepers",
    "the prevention of sexual and gender-based violence",
    "the role of gender focal points in military units",
    "data collection disaggregated by sex and age",
    "cooperation between defence and civil authorities",
    "the recommendations of UN Security Council Resolution 1325",
    "women's leadership in the security sector",
]
TAILS = [
    "", "", "", " in the coming year", " at every level of command", " across the region",
    " with practical exercises", " drawing on field experience", " in line with international standards",
]
LIST_ITEMS = [
    "opening remarks by the head of delegation", "a keynote on the WPS agenda", "panel discussion on field experience",
    "table-top exercise on disaster response", "group work on gender analysis", "presentation of the national action plan",
    "closing session and *joint recommendations*", "site visit to a training centre", "networking reception",
    "review of **lessons learned**", "a session on ~~outdated~~ revised doctrine", "Q&A with practitioners",
]


def slugify(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


def yq(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML double-quoted scalars)."""
    return json.dumps(s, ensure_ascii=False)


def load_countries():
    codes = []
    try:
        with open(ISO_TAB, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                code, name = line.rstrip("\n").split("\t")[:2]
                if re.fullmatch(r"[A-Z]{2}", code):
                    codes.append((code, name))
    except OSError:
        codes = list(FALLBACK_COUNTRIES)
    regions = {}
    try:
        with open(ZONE_TAB, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.split("\t")
                code, tz = parts[0], parts[2]
                regions.setdefault(code, REGION_BY_TZ.get(tz.split("/")[0], "Other"))
    except OSError:
        pass
    return [(c, n, regions.get(c)) for c, n in sorted(codes)]


class Corpus:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.make_partners()
        self.make_action_plans()
        self.make_pages()
        self.make_activities()

    # ---- entities ---------------------------------------------------------------------

    def make_partners(self):
        rng = self.rng
        count = max(1, self.n // 50)
        countries = load_countries()
        rng.shuffle(countries)
        n_countries = min(len(countries), max(1, round(count * 0.6)))
        partners = []
        used = set()
        for code, name, region in countries[:n_countries]:
            pid = slugify(name)
            while pid in used:
                pid += "-" + code.lower()
            used.add(pid)
            partners.append({"id": pid, "name": name, "kind": "country", "iso": code, "region": region})
        combos = [(a, b, c) for a in ORG_ADJ for b in ORG_NOUN for c in ORG_KIND]
        rng.shuffle(combos)
        i = 0
        while len(partners) < count:
            a, b, c = combos[i % len(combos)]
            name = f"{a} {b} {c}"
            if i >= len(combos):
                name += f" {i // len(combos) + 1}"
            i += 1
            pid = slugify(name)
            if pid in used:
                continue
            used.add(pid)
            region = rng.choice([None, "Asia-Pacific", "Europe", "Africa", "Americas", "Global"])
            partners.append({"id": pid, "name": name, "kind": "organization", "iso": None, "region": region})
        rng.shuffle(partners)
        self.partners = partners
        # Mildly skewed popularity: a few partners appear in many activities.
        self.partner_weights = []
        total = 0.0
        for rank in range(len(partners)):
            total += 1.0 / (rank + 1) ** 0.5
            self.partner_weights.append(total)

    def make_action_plans(self):
        ordinals = ["First", "Second", "Third", "Fourth", "Fifth"]
        plans = []
        for e in range(1, 6):
            start = 2000 + 5 * (e - 1)
            adopted = dt.date(start, 3 + e, 10 + e)
            plans.append({
                "id": f"nap-{e}", "edition": e,
                "title": f"{ordinals[e - 1]} National Action Plan on Women, Peace and Security",
                "adopted": adopted.isoformat(), "period_start": str(start),
                "period_end": str(start + 4), "summary": f"The {ordinals[e - 1].lower()} plan, {start}–{start + 4}.",
            })
        self.plans = plans

    def make_pages(self):
        self.pages = [
            {"id": "what-is-wps", "title": "What is Women, Peace and Security?", "order": 1,
             "summary": "The agenda that UNSCR 1325 started, and how it is taken forward."},
            {"id": "about", "title": "About this portal", "order": 2,
             "summary": "What the portal covers and where its facts come from."},
            {"id": "methodology", "title": "Methodology & sources", "order": None,
             "summary": "How records are collected — and what “activity” means here."},
        ]

    def make_activities(self):
        rng = self.rng
        start = dt.date(2000, 1, 1).toordinal()
        end = dt.date(2024, 12, 31).toordinal()
        acts = []
        for i in range(self.n):
            date = dt.date.fromordinal(rng.randint(start, end))
            typ = rng.choices(TYPES, TYPE_WEIGHTS)[0]
            k = rng.choices([0, 1, 2, 3], [20, 40, 25, 15])[0]
            pids = []
            for _ in range(k):
                p = self.partners[self.pick_partner()]["id"]
                if p not in pids:
                    pids.append(p)
            pnames = [self.partner_by_id(p)["name"] for p in pids]
            topic = rng.choice(TOPICS)
            r = rng.random()
            if r < 0.08:
                title = rng.choice(ODD_TITLES).format(p=pnames[0] if pnames else "Partners")
            elif pnames:
                title = f"{TYPE_TITLES[typ]} on {topic} with {pnames[0]}"
            else:
                title = f"{TYPE_TITLES[typ]} on {topic}"
            slug = "-".join(slugify(TYPE_TITLES[typ] + " " + topic).split("-")[:6])
            aid = f"{date.isoformat()}-{slug}-{i:05d}"
            act = {"id": aid, "title": title, "date": date.isoformat(), "type": typ, "partners": pids,
                   "topic": topic}
            if rng.random() < 0.2:
                act["end_date"] = (date + dt.timedelta(days=rng.randint(1, 4))).isoformat()
            if rng.random() < 0.85:
                act["organizer"] = rng.choice(ORGANIZERS)
            if rng.random() < 0.8:
                act["location"] = rng.choice(CITIES)
            if rng.random() < 0.5:
                act["source"] = f"https://records.example.org/wps/{date.year}/{i:05d}.html"
            if rng.random() < 0.7:
                act["summary"] = f"{TYPE_TITLES[typ]} on {topic.lower()}" + (
                    f" with {', '.join(pnames)}." if pnames else ".")
            acts.append(act)
        self.activities = acts
        self.partner_index = None

    def pick_partner(self):
        x = self.rng.random() * self.partner_weights[-1]
        lo, hi = 0, len(self.partner_weights) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.partner_weights[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def partner_by_id(self, pid):
        if not hasattr(self, "_pmap"):
            self._pmap = {p["id"]: p for p in self.partners}
        return self._pmap[pid]

    # ---- bodies -----------------------------------------------------------------------

    def link(self):
        rng = self.rng
        r = rng.random()
        if r < 0.55 and getattr(self, "activity_ids", None):
            aid = rng.choice(self.activity_ids)
            return f"[a related activity](/activities/{aid}/)"
        if r < 0.85:
            p = rng.choice(self.partners)
            return f"[{p['name']}](/partners/{p['id']}/)"
        if r < 0.92:
            plan = rng.choice(self.plans)
            return f"[the {plan['title'].split(' ')[0].lower()} plan](/action-plans/{plan['id']}/)"
        return rng.choice(["[the timeline](/timeline/)", "[all partners](/partners/)",
                           "[the action plans](/action-plans/)"])

    def sentence(self, links_left):
        rng = self.rng
        s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
        r = rng.random()
        if links_left[0] > 0 and rng.random() < 0.2:
            s += f", as noted in {self.link()}"
            links_left[0] -= 1
        elif r < 0.06:
            s += ", with **particular attention** to field practice"
        elif r < 0.09:
            s += ", see https://www.un.org/womenpeacesecurity/ for background"
        elif r < 0.11:
            s += " (*in English and the local language*)"
        return s + "."

    def paragraph(self, links_left):
        return " ".join(self.sentence(links_left) for _ in range(self.rng.randint(2, 5)))

    def body(self, paragraphs, partners=()):
        rng = self.rng
        links_left = [rng.randint(0, 3)]
        out = []
        first = self.paragraph([0])
        if partners:
            first += " It was held with " + ", ".join(
                f"[{self.partner_by_id(p)['name']}](/partners/{p}/)" for p in partners) + "."
        out.append(first)
        for j in range(1, paragraphs):
            if j == 2 and rng.random() < 0.15:
                out.append("## " + rng.choice(["Programme", "Outcomes", "Background", "Next steps"]))
            out.append(self.paragraph(links_left))
            if j == 1 and rng.random() < 0.3:
                items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
                out.append("\n".join("- " + it[0].upper() + it[1:] for it in items))
            if j == 2 and rng.random() < 0.12:
                rows = ["| Session | Participants | Hours |", "| --- | ---: | ---: |"]
                for _ in range(rng.randint(2, 4)):
                    item = rng.choice(LIST_ITEMS)
                    rows.append(f"| {item[0].upper() + item[1:]} | {rng.randint(8, 120)} | {rng.randint(1, 8)} |")
                out.append("\n".join(rows))
        return "\n\n".join(out) + "\n"

    def build_bodies(self):
        rng = self.rng
        self.activity_ids = [a["id"] for a in self.activities]
        for a in self.activities:
            a["body"] = self.body(rng.randint(3, 8), a["partners"])
        for p in self.partners:
            p["body"] = self.body(rng.randint(1, 3))
        for plan in self.plans:
            b = self.body(rng.randint(2, 4))
            if plan["edition"] > 1:
                b += f"\nIt follows the [previous plan](/action-plans/nap-{plan['edition'] - 1}/).\n"
            plan["body"] = b
        for page in self.pages:
            page["body"] = "## Overview\n\n" + self.body(rng.randint(3, 6)) + "\n## More\n\n" + self.body(2)


# ---- writers ---------------------------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fm(lines):
    return "---\n" + "\n".join(lines) + "\n---\n"


def yaml_list(ids):
    return "[" + ", ".join(ids) + "]"


def activity_front_matter(a, type_field, end_date):
    """Front-matter lines of one activity, shared by the sitegen and the Hugo site."""
    lines = [f"title: {yq(a['title'])}", f"date: {a['date']}"]
    if end_date is not None:
        lines.append(f"end_date: {end_date}")
    lines.append(f"{type_field}: {a['type']}")
    if "organizer" in a:
        lines.append(f"organizer: {yq(a['organizer'])}")
    if a["partners"]:
        lines.append(f"partners: {yaml_list(a['partners'])}")
    if "location" in a:
        lines.append(f"location: {yq(a['location'])}")
    if "source" in a:
        lines.append(f"source: {a['source']}")
    if "summary" in a:
        lines.append(f"summary: {yq(a['summary'])}")
    return lines


def write_sitegen(c, root):
    content = os.path.join(root, "content")
    write(os.path.join(content, "site.yml"),
          f"title: {yq(SITE_TITLE)}\nbase_url: {BASE_URL}\ndescription: {yq(SITE_DESCRIPTION)}\nlanguage: en\n")
    for a in c.activities:
        lines = activity_front_matter(a, type_field="type", end_date=a.get("end_date"))
        write(os.path.join(content, "activities", a["id"] + ".md"), fm(lines) + a["body"])
    for p in c.partners:
        lines = [f"name: {yq(p['name'])}", f"kind: {p['kind']}"]
        if p["iso"]:
            lines.append(f"iso: {p['iso']}")
        if p["region"]:
            lines.append(f"region: {yq(p['region'])}")
        write(os.path.join(content, "partners", p["id"] + ".md"), fm(lines) + p["body"])
    for plan in c.plans:
        lines = [f"title: {yq(plan['title'])}", f"edition: {plan['edition']}", f"adopted: {plan['adopted']}",
                 f"period_start: {plan['period_start']}", f"period_end: {plan['period_end']}",
                 f"summary: {yq(plan['summary'])}"]
        write(os.path.join(content, "action-plans", plan["id"] + ".md"), fm(lines) + plan["body"])
    for page in c.pages:
        lines = [f"title: {yq(page['title'])}"]
        if page["order"] is not None:
            lines.append(f"order: {page['order']}")
        lines.append(f"summary: {yq(page['summary'])}")
        write(os.path.join(content, "pages", page["id"] + ".md"), fm(lines) + page["body"])


HUGO_CONFIG = f"""baseURL = "{BASE_URL}"
languageCode = "en"
title = {json.dumps(SITE_TITLE, ensure_ascii=False)}
disableKinds = []
enableRobotsTXT = true
rssLimit = 20
# Nothing in this site uses these; keep Hugo from doing work sitegen does not do.
enableGitInfo = false
disableHugoGeneratorInject = true

[params]
description = {json.dumps(SITE_DESCRIPTION, ensure_ascii=False)}

[taxonomies]
partner = "partners"

[outputs]
home = ["HTML", "RSS", "ActivitiesJSON", "ActivitiesCSV", "PartnersJSON"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[mediaTypes."text/csv"]
suffixes = ["csv"]

[outputFormats.ActivitiesJSON]
mediaType = "application/json"
baseName = "activities"
path = "data"
isPlainText = true
notAlternative = true

[outputFormats.ActivitiesCSV]
mediaType = "text/csv"
baseName = "activities"
path = "data"
isPlainText = true
notAlternative = true

[outputFormats.PartnersJSON]
mediaType = "application/json"
baseName = "partners"
path = "data"
isPlainText = true
notAlternative = true

[markup.goldmark.renderer]
unsafe = false

[markup.goldmark.extensions]
table = true
strikethrough = true
linkify = true
taskList = true
# cmark-gfm (sitegen) does no smart punctuation; keep Hugo's Markdown work comparable.
typographer = false

[[menu.main]]
name = "Timeline"
url = "/timeline/"
weight = 1
[[menu.main]]
name = "Partners"
url = "/partners/"
weight = 2
[[menu.main]]
name = "Action plans"
url = "/action-plans/"
weight = 3
"""

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ "index.xml" | relURL }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
{{ partial "header.html" . }}
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
{{ partial "footer.html" . }}
</body>
</html>
""",
    "partials/header.html": """<header class="site-header">
  <div class="wrap header-inner">
    <a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
    <nav class="site-nav" aria-label="Main">
      <ul>
        {{- $current := . }}
        {{- range site.Menus.main }}
        <li><a href="{{ .URL | relURL }}"{{ if $current.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
</header>
""",
    "partials/footer.html": """<footer class="site-footer">
  <div class="wrap">
    <p>{{ site.Params.description }}</p>
    <ul class="inline-list">
      <li><a href="{{ "data/activities.json" | relURL }}">Activities (JSON)</a></li>
      <li><a href="{{ "data/activities.csv" | relURL }}">Activities (CSV)</a></li>
      <li><a href="{{ "data/partners.json" | relURL }}">Partners (JSON)</a></li>
      <li><a href="{{ "index.xml" | relURL }}">Feed</a></li>
    </ul>
  </div>
</footer>
""",
    "partials/activity-item.html": """<li class="entry" data-type="{{ .Params.activity_type }}" data-year="{{ .Date.Year }}">
  <p class="entry-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}{{ with .Params.end_date }} – {{ . }}{{ end }}</time> <span class="tag tag-{{ .Params.activity_type }}">{{ .Params.activity_type | humanize }}</span></p>
  <p class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
  {{- with .GetTerms "partners" }}
  <p class="entry-partners">{{ range $i, $p := . }}{{ if $i }}, {{ end }}<a href="{{ $p.RelPermalink }}">{{ $p.LinkTitle }}</a>{{ end }}</p>
  {{- end }}
  {{- with .Params.location }}<p class="entry-location">{{ . }}</p>{{ end }}
  {{- with .Params.summary }}<p class="entry-summary">{{ . }}</p>{{ end }}
</li>
""",
    "index.html": """{{ define "main" }}
<div class="wrap">
  <section class="hero">
    <h1>{{ site.Title }}</h1>
    <p class="lead">{{ site.Params.description }}</p>
    {{- $acts := where site.RegularPages "Section" "activities" }}
    <ul class="stats">
      <li><a href="{{ "timeline/" | relURL }}"><strong>{{ len $acts }}</strong> activities</a></li>
      <li><a href="{{ "partners/" | relURL }}"><strong>{{ len (site.Taxonomies.partners) }}</strong> partners</a></li>
      <li><a href="{{ "action-plans/" | relURL }}"><strong>{{ len (where site.RegularPages "Section" "action-plans") }}</strong> national action plans</a></li>
    </ul>
  </section>
  <section class="intro-pages">
    <ul class="cards">
      {{- range where site.RegularPages "Section" "" }}
      <li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Params.summary }}</p></li>
      {{- end }}
    </ul>
  </section>
  <section class="latest">
    <h2>Latest activities</h2>
    <ol class="entries">
      {{- range first 10 $acts.ByDate.Reverse }}{{ partial "activity-item.html" . }}{{ end }}
    </ol>
    <p class="more"><a href="{{ "timeline/" | relURL }}">See the full timeline</a></p>
  </section>
</div>
{{ end }}
""",
    "activities/list.html": """{{ define "main" }}
<div class="wrap">
  <h1>{{ .Title }}</h1>
  <p class="lead">Every recorded activity, newest first.</p>
  {{- $groups := .Pages.GroupByDate "2006" }}
  <nav class="year-index" aria-label="Years"><ul class="inline-list">
    {{- range $groups }}<li><a href="#y{{ .Key }}">{{ .Key }}</a></li>{{ end }}
  </ul></nav>
  <div class="timeline" id="timeline">
  {{- range $groups }}
  <section class="year" id="y{{ .Key }}">
    <h2 class="year-heading">{{ .Key }} <span class="count">{{ len .Pages }}</span></h2>
    {{- range .Pages.GroupByDate "January" }}
    <section class="month">
      <h3 class="month-heading">{{ .Key }} <span class="count">{{ len .Pages }}</span></h3>
      <ol class="entries">
        {{- range .Pages }}{{ partial "activity-item.html" . }}{{ end }}
      </ol>
    </section>
    {{- end }}
  </section>
  {{- end }}
  </div>
</div>
{{ end }}
""",
    "activities/single.html": """{{ define "main" }}
<div class="wrap narrow">
  <nav class="breadcrumb" aria-label="Breadcrumb"><a href="{{ "timeline/" | relURL }}">Timeline</a></nav>
  <article class="activity">
    <header class="article-header">
      <p class="entry-meta"><span class="tag tag-{{ .Params.activity_type }}">{{ .Params.activity_type | humanize }}</span></p>
      <h1>{{ .Title }}</h1>
      <dl class="facts">
        <div><dt>Date</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}{{ with .Params.end_date }} – {{ . }}{{ end }}</time></dd></div>
        {{- with .Params.organizer }}<div><dt>Organizer</dt><dd>{{ . }}</dd></div>{{ end }}
        {{- with .Params.location }}<div><dt>Location</dt><dd>{{ . }}</dd></div>{{ end }}
        {{- with .GetTerms "partners" }}<div><dt>Partners</dt><dd>{{ range $i, $p := . }}{{ if $i }}, {{ end }}<a href="{{ $p.RelPermalink }}">{{ $p.LinkTitle }}</a>{{ end }}</dd></div>{{ end }}
        {{- with .Params.source }}<div><dt>Official record</dt><dd><a href="{{ . }}" rel="external">Read the official record</a></dd></div>{{ end }}
      </dl>
    </header>
    <div class="prose">
      {{ .Content }}
    </div>
  </article>
  <nav class="pager" aria-label="More activities">
    {{- with .PrevInSection }}<a class="pager-previous" href="{{ .RelPermalink }}">Older {{ .Title }}</a>{{ end }}
    {{- with .NextInSection }}<a class="pager-next" href="{{ .RelPermalink }}">Newer {{ .Title }}</a>{{ end }}
  </nav>
</div>
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}
<div class="wrap">
  <h1>Partners</h1>
  <p class="lead">The countries and organizations these activities were conducted with, by kind and region.</p>
  {{- range .Pages.GroupByParam "kind" }}
  <section class="partner-kind">
    <h2>{{ .Key | humanize }}</h2>
    {{- range .Pages.GroupByParam "region" }}
    <h3>{{ .Key }}</h3>
    <ul class="partner-list">
      {{- range .Pages.ByTitle }}
      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="count">{{ len .Pages }}</span></li>
      {{- end }}
    </ul>
    {{- end }}
  </section>
  {{- end }}
</div>
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<div class="wrap narrow">
  <nav class="breadcrumb" aria-label="Breadcrumb"><a href="{{ "partners/" | relURL }}">Partners</a></nav>
  <article class="partner">
    <header class="article-header partner-header">
      <p class="entry-meta"><span class="tag">{{ .Params.kind | humanize }}</span>{{ with .Params.region }} <span class="region">{{ . }}</span>{{ end }}</p>
      <h1>{{ .Title }}</h1>
      <p class="partner-count"><strong>{{ len .Pages }}</strong> activities</p>
    </header>
    <div class="prose">
      {{ .Content }}
    </div>
    <section class="partner-activities">
      <h2>Activities with {{ .Title }}</h2>
      <div class="timeline mini-timeline">
      {{- range .Pages.GroupByDate "2006" }}
        <section class="year">
          <h3 class="year-heading">{{ .Key }} <span class="count">{{ len .Pages }}</span></h3>
          <ol class="entries">
            {{- range .Pages }}{{ partial "activity-item.html" . }}{{ end }}
          </ol>
        </section>
      {{- else }}
        <p>No activities are recorded yet.</p>
      {{- end }}
      </div>
    </section>
  </article>
</div>
{{ end }}
""",
    "action-plans/list.html": """{{ define "main" }}
<div class="wrap">
  <h1>{{ .Title }}</h1>
  <ol class="plans">
    {{- range .Pages.ByWeight }}
    <li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
      <p>Edition {{ .Params.edition }} · adopted <time>{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.period_start }} · {{ . }}–{{ $.Params.period_end }}{{ end }}</p>
      <p>{{ .Params.summary }}</p></li>
    {{- end }}
  </ol>
</div>
{{ end }}
""",
    "action-plans/single.html": """{{ define "main" }}
<div class="wrap narrow">
  <nav class="breadcrumb"><a href="{{ "action-plans/" | relURL }}">National Action Plans</a></nav>
  <article>
    <h1>{{ .Title }}</h1>
    <dl class="facts">
      <div><dt>Edition</dt><dd>{{ .Params.edition }}</dd></div>
      <div><dt>Adopted</dt><dd>{{ .Date.Format "2 January 2006" }}</dd></div>
      <div><dt>Period</dt><dd>{{ .Params.period_start }}–{{ .Params.period_end }}</dd></div>
    </dl>
    <div class="prose">{{ .Content }}</div>
  </article>
</div>
{{ end }}
""",
    "_default/single.html": """{{ define "main" }}
<div class="wrap narrow">
  <article>
    <h1>{{ .Title }}</h1>
    <div class="prose">{{ .Content }}</div>
  </article>
</div>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<div class="wrap"><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></div>
{{ end }}
""",
    "404.html": """{{ define "main" }}<div class="wrap"><h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Home</a></p></div>{{ end }}
""",
    "index.activitiesjson.json": """[
{{- range $i, $p := (where site.RegularPages "Section" "activities").ByDate.Reverse -}}
{{- if $i }},{{ end }}
{{ dict "id" $p.File.ContentBaseName "title" $p.Title "date" ($p.Date.Format "2006-01-02") "end_date" $p.Params.end_date "type" $p.Params.activity_type "organizer" $p.Params.organizer "partners" ($p.Params.partners | default slice) "location" $p.Params.location "source" $p.Params.source "url" $p.Permalink | jsonify }}
{{- end }}
]
""",
    "index.activitiescsv.csv": """id,title,date,end_date,type,organizer,partners,location,source,url
{{ range (where site.RegularPages "Section" "activities").ByDate.Reverse -}}
{{ .File.ContentBaseName }},"{{ replace .Title "\\"" "\\"\\"" | safeHTML }}",{{ .Date.Format "2006-01-02" }},{{ with .Params.end_date }}{{ . }}{{ end }},{{ .Params.activity_type }},"{{ .Params.organizer | safeHTML }}",{{ delimit (.Params.partners | default slice) ";" }},"{{ .Params.location | safeHTML }}",{{ .Params.source }},{{ .Permalink }}
{{ end -}}
""",
    "index.partnersjson.json": """[
{{- range $i, $p := (site.GetPage "/partners").Pages.ByTitle -}}
{{- if $i }},{{ end }}
{{ dict "id" (path.Base $p.File.Dir) "name" $p.Title "kind" $p.Params.kind "iso" $p.Params.iso "region" $p.Params.region "activity_count" (len $p.Pages) "url" $p.Permalink | jsonify }}
{{- end }}
]
""",
}


def write_hugo(c, root):
    write(os.path.join(root, "config.toml"), HUGO_CONFIG)
    for rel, text in LAYOUTS.items():
        write(os.path.join(root, "layouts", rel), text)
    content = os.path.join(root, "content")
    write(os.path.join(content, "_index.md"), fm([f"title: {yq(SITE_TITLE)}"]))
    write(os.path.join(content, "activities", "_index.md"),
          fm(['title: "Timeline of activities"', "url: /timeline/"]))
    for a in c.activities:
        # `type` picks layouts in Hugo; a quoted end_date stays a string for Hugo's templates.
        lines = activity_front_matter(a, type_field="activity_type", end_date=yq(a["end_date"]) if "end_date" in a else None)
        write(os.path.join(content, "activities", a["id"] + ".md"), fm(lines) + a["body"])
    write(os.path.join(content, "partners", "_index.md"), fm(['title: "Partners"']))
    for p in c.partners:
        lines = [f"title: {yq(p['name'])}", f"kind: {p['kind']}"]
        if p["iso"]:
            lines.append(f"iso: {p['iso']}")
        lines.append(f"region: {yq(p['region'] or 'Other')}")
        write(os.path.join(content, "partners", p["id"], "_index.md"), fm(lines) + p["body"])
    write(os.path.join(content, "action-plans", "_index.md"), fm(['title: "National Action Plans"']))
    for plan in c.plans:
        lines = [f"title: {yq(plan['title'])}", f"edition: {plan['edition']}", f"weight: {plan['edition']}",
                 f"date: {plan['adopted']}", f"period_start: {yq(plan['period_start'])}",
                 f"period_end: {yq(plan['period_end'])}", f"summary: {yq(plan['summary'])}"]
        write(os.path.join(content, "action-plans", plan["id"] + ".md"), fm(lines) + plan["body"])
    for page in c.pages:
        lines = [f"title: {yq(page['title'])}", f"summary: {yq(page['summary'])}"]
        if page["order"] is not None:
            lines += ["menu: main", f"weight: {10 + page['order']}"]
        write(os.path.join(content, page["id"] + ".md"), fm(lines) + page["body"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of activities")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1325)
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    corpus = Corpus(args.n, args.seed)
    corpus.build_bodies()
    for sub in ("sitegen", "hugo"):
        shutil.rmtree(os.path.join(args.outdir, sub), ignore_errors=True)
    write_sitegen(corpus, os.path.join(args.outdir, "sitegen"))
    write_hugo(corpus, os.path.join(args.outdir, "hugo"))
    print(f"wrote {args.n} activities, {len(corpus.partners)} partners, {len(corpus.plans)} action plans, "
          f"{len(corpus.pages)} pages to {args.outdir}/sitegen/content and {args.outdir}/hugo")


if __name__ == "__main__":
    main()
