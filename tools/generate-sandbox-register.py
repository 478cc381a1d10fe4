#!/usr/bin/env python3
"""Generates src/main/resources/sandbox/register.json: the sandbox's fictitious company register.

Deterministic (fixed seed), so re-running it gives the same file. Every identity number is
built with a valid Luhn check digit; every name says "Exempel" so nobody mistakes it for real.
"""
import json, random, sys, pathlib

rnd = random.Random(20261122)

def luhn_digit(nine):
    s = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return str((10 - s % 10) % 10)

used = set()
def orgnr(prefix):
    while True:
        body = prefix + "".join(str(rnd.randint(0, 9)) for _ in range(9 - len(prefix)))
        n = body + luhn_digit(body)
        if n not in used:
            used.add(n); return n

def pnr(year, month, day, samordning=False):
    while True:
        d = day + 60 if samordning else day
        body = f"{year % 100:02d}{month:02d}{d:02d}" + f"{rnd.randint(980, 999):03d}"
        n = f"{year // 100:02d}" + body + luhn_digit(body)
        if n not in used:
            used.add(n); return n

KOMMUNER = [("0180", "Stockholm", "01", "Stockholms län"), ("1480", "Göteborg", "14", "Västra Götalands län"),
            ("1280", "Malmö", "12", "Skåne län"), ("0380", "Uppsala", "03", "Uppsala län"),
            ("2281", "Sundsvall", "22", "Västernorrlands län"), ("2480", "Umeå", "24", "Västerbottens län"),
            ("0580", "Linköping", "05", "Östergötlands län"), ("1880", "Örebro", "18", "Örebro län"),
            ("2580", "Luleå", "25", "Norrbottens län"), ("2380", "Östersund", "23", "Jämtlands län")]
POSTNR = {"0180": ("11", "STOCKHOLM"), "1480": ("41", "GÖTEBORG"), "1280": ("21", "MALMÖ"), "0380": ("75", "UPPSALA"),
          "2281": ("85", "SUNDSVALL"), "2480": ("90", "UMEÅ"), "0580": ("58", "LINKÖPING"), "1880": ("70", "ÖREBRO"),
          "2580": ("97", "LULEÅ"), "2380": ("83", "ÖSTERSUND")}
GATOR = ["Storgatan", "Kyrkogatan", "Hamngatan", "Skolgatan", "Järnvägsgatan", "Torggatan", "Norra vägen", "Södra Allén", "Sjövägen", "Bruksgatan"]
SNI = [("56100", "Restaurangverksamhet"), ("56300", "Barverksamhet"), ("56210", "Catering vid evenemang"),
       ("47111", "Varuhus- och stormarknadshandel, huvudsakligen med livsmedel"), ("10711", "Industriell bageriverksamhet"),
       ("62010", "Dataprogrammering"), ("41200", "Byggande av bostadshus och andra byggnader"),
       ("55101", "Hotellverksamhet med restaurangrörelse"), ("45200", "Underhåll och reparation av motorfordon utom motorcyklar"),
       ("96021", "Hårvård"), ("49320", "Taxitrafik"), ("01110", "Odling av spannmål (utom ris), baljväxter och oljeväxter"),
       ("93120", "Idrottsklubbars verksamhet"), ("94999", "Verksamhet i andra intresseorganisationer"),
       ("68204", "Uthyrning och förvaltning av egna eller arrenderade, andra lokaler")]
OMS = [("1", "0 tkr"), ("2", "1-499 tkr"), ("3", "500-999 tkr"), ("4", "1-9 mkr"), ("5", "10-49 mkr"), ("6", "50-99 mkr")]
ANST = [("0", "0 anställda"), ("1", "1-4 anställda"), ("2", "5-9 anställda"), ("3", "10-19 anställda"), ("4", "20-49 anställda"), ("5", "50-99 anställda")]
ORD1 = ["Lingon", "Blåbär", "Hjortron", "Kantarell", "Rönnbär", "Smultron", "Tallbarr", "Granskog", "Fjällsjö", "Älvdal",
        "Myrstack", "Vitsippa", "Näckros", "Tranbär", "Björkhage", "Ekbacke", "Havtorn", "Kråkvik", "Sälgbacken", "Tjäder"]
ORD2 = ["krogen", "bageriet", "konsult", "bygg", "café", "handel", "gården", "verkstaden", "data", "hotellet", "taxi", "salongen"]
FORMS = {
    "AB": ("5", {"kod": "AB", "klartext": "Aktiebolag"}, {"kod": "49", "klartext": "Övriga aktiebolag"}),
    "HB": ("9", {"kod": "HB", "klartext": "Handelsbolag"}, {"kod": "31", "klartext": "Handelsbolag, kommanditbolag"}),
    "KB": ("9", {"kod": "KB", "klartext": "Kommanditbolag"}, {"kod": "31", "klartext": "Handelsbolag, kommanditbolag"}),
    "EF": ("7", {"kod": "EF", "klartext": "Ekonomisk förening"}, {"kod": "51", "klartext": "Övriga ekonomiska föreningar"}),
    "IF": ("8", {"kod": "IF", "klartext": "Ideell förening"}, {"kod": "61", "klartext": "Ideella föreningar"}),
    "SF": ("8", {"kod": "SF", "klartext": "Stiftelse"}, {"kod": "72", "klartext": "Övriga stiftelser och fonder"}),
    "E": (None, {"kod": "E", "klartext": "Enskild näringsverksamhet"}, {"kod": "10", "klartext": "Fysiska personer"}),
}
SUFFIX = {"AB": "AB", "HB": "HB", "KB": "KB", "EF": "ekonomisk förening", "IF": "ideell förening", "SF": "stiftelse", "E": ""}
PREFIX = {"AB": ["556", "559"], "HB": ["969"], "KB": ["969"], "EF": ["769"], "IF": ["802"], "SF": ["802", "817"]}

def address(kom):
    pn, ort = POSTNR[kom[0]]
    return {"utdelningsadress": f"{rnd.choice(GATOR)} {rnd.randint(1, 60)}", "postnummer": f"{pn}{rnd.randint(100, 999)}",
            "postort": ort, "land": "Sverige"}

def date(y0, y1):
    return f"{rnd.randint(y0, y1)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"

name_seq = iter(rnd.sample([a + b for a in ORD1 for b in ORD2], 240))

def company(kind, ident=None, name=None, lopnummer=None, person=None, **extra):
    _, oform, jform = FORMS[kind]
    kom = rnd.choice(KOMMUNER)
    nm = name or f"Exempel {next(name_seq).capitalize()} {SUFFIX[kind]}".strip()
    sni = rnd.sample(SNI, rnd.randint(1, 3))
    n_work = extra.pop("workplaces", rnd.choice([1, 1, 1, 2, 3]))
    work = []
    for i in range(n_work):
        wkom = kom if i == 0 else rnd.choice(KOMMUNER)
        work.append({"cfarNummer": f"{rnd.randint(10000000, 99999999)}",
                     "benamning": nm if i == 0 else f"{nm} – {wkom[1]}",
                     "huvudarbetsstalle": i == 0, "postadress": address(wkom), "besoksadress": address(wkom),
                     "telefon": f"0{rnd.randint(10, 99)}-{rnd.randint(100000, 999999)}",
                     "sni": [sni[0]] if i == 0 else [rnd.choice(SNI)], "storleksklassAnstallda": list(rnd.choice(ANST))})
    c = {
        "identitetsbeteckning": ident or orgnr(rnd.choice(PREFIX[kind])),
        "namnskyddslopnummer": lopnummer,
        "kategori": kind,
        "namn": nm,
        "organisationsform": oform,
        "juridiskForm": jform,
        "registreringsdatum": date(1975, 2024),
        "postadress": address(kom),
        "besoksadress": {**address(kom), "kommunKod": kom[0], "kommunNamn": kom[1], "lanKod": kom[2], "lanNamn": kom[3]},
        "epost": f"info@{nm.split()[1].lower().replace('å','a').replace('ä','a').replace('ö','o')}.exempel.se",
        "telefon": f"0{rnd.randint(10, 99)}-{rnd.randint(100000, 999999)}",
        "sateskommun": {"kod": kom[0], "klartext": kom[1]},
        "sateslan": {"kod": kom[2], "klartext": kom[3]},
        "rakenskapsar": {"fromManad": "1", "fromDag": "1", "tomManad": "12", "tomDag": "31"} if rnd.random() < 0.7
                        else {"fromManad": "7", "fromDag": "1", "tomManad": "6", "tomDag": "30"},
        "firmateckning": {"AB": "Firman tecknas av styrelsen", "HB": "Firman tecknas av bolagsmännen var för sig",
                          "KB": "Firman tecknas av komplementären", "EF": "Firman tecknas av styrelsen",
                          "IF": "Firman tecknas av ordföranden och kassören i förening",
                          "SF": "Firman tecknas av styrelsen", "E": "Firman tecknas av innehavaren"}[kind],
        "verksamhetsbeskrivning": f"Bolaget ska bedriva {sni[0][1].lower()} samt därmed förenlig verksamhet.",
        "funktionarer": "styrelseledamot, ordförande\nExempelsson, Anna, " + kom[1].upper(),
        "aktier": "Aktiekapital 25 000 SEK, 250 aktier" if kind == "AB" else None,
        "sni": [{"kod": k, "klartext": t} for k, t in sni],
        "storleksklassOmsattning": dict(zip(("kod", "klartext"), rnd.choice(OMS))),
        "storleksklassAnstallda": dict(zip(("kod", "klartext"), rnd.choice(ANST))),
        "skatt": {"fskatt": rnd.choice(["Ja", "Ja", "Ja", "Nej"]), "moms": rnd.choice(["Ja", "Ja", "Nej"]),
                  "arbetsgivare": rnd.choice(["Ja", "Nej"])},
        "person": person,
        "avregistreringsdatum": None,
        "forfaranden": [],
        "arbetsstallen": [{**w, "storleksklassAnstallda": dict(zip(("kod", "klartext"), w["storleksklassAnstallda"])),
                           "sni": [{"kod": k, "klartext": t} for k, t in w["sni"]]} for w in work],
        "fel": {},
    }
    c.update(extra)
    if kind != "AB":
        c.pop("aktier")
    return c

out = []
for _ in range(22): out.append(company("AB"))
# The byte-equality witness: odd spacing, quotes, dash and an ampersand must come through untouched.
out.append(company("AB", name="Exempel Ärlig & Öppen Café \"Smultron\"  AB – Ålö", workplaces=4))
out.append(company("AB", workplaces=6))
out.append(company("AB", forfaranden=[{"kod": "KK", "klartext": "Konkurs inledd", "fromDatum": "2026-09-14"}]))
out.append(company("AB", forfaranden=[{"kod": "LI", "klartext": "Likvidation beslutad", "fromDatum": "2026-05-02"}]))
out.append(company("AB", forfaranden=[{"kod": "RES", "klartext": "Företagsrekonstruktion inledd", "fromDatum": "2026-10-01"}]))
out.append(company("AB", forfaranden=[{"kod": "FUS", "klartext": "Fusion pågår", "fromDatum": "2026-08-20"}]))
out.append(company("AB", avregistreringsdatum="2025-03-31",
                   forfaranden=[{"kod": "KK", "klartext": "Konkurs avslutad", "fromDatum": "2025-03-31"}]))
for _ in range(4): out.append(company("HB"))
for _ in range(3): out.append(company("KB"))
for _ in range(5): out.append(company("EF"))
for _ in range(4): out.append(company("IF"))
for _ in range(3): out.append(company("SF"))

def person(pn, fornamn, efternamn, skyddad=False):
    kom = rnd.choice(KOMMUNER)
    return {"personnummer": pn, "fornamn": fornamn, "efternamn": efternamn, "skyddadIdentitet": skyddad,
            "folkbokforingsadress": address(kom)}

for fn, en in [("Astrid", "Exempelsson"), ("Bertil", "Testberg"), ("Cecilia", "Provström"), ("David", "Fiktivgren"),
               ("Elsa", "Låtsasdotter")]:
    pn = pnr(rnd.randint(1950, 1999), rnd.randint(1, 12), rnd.randint(1, 28))
    out.append(company("E", ident=pn, name=f"{fn} {en} Exempelfirma", person=person(pn, fn, en), lopnummer=1))
# One person with two businesses told apart by namnskyddslöpnummer.
pn = pnr(1978, 2, 29 - 1)
p = person(pn, "Fredrik", "Tvåfirmasson")
out.append(company("E", ident=pn, name="Fredriks Exempelcykelverkstad", person=p, lopnummer=1))
out.append(company("E", ident=pn, name="Tvåfirmassons Exempelbageri", person=p, lopnummer=2))
# Protected identity: Skatteverket marks the person; the sandbox still sends the address, the gateway must withhold it.
pn = pnr(1984, 6, 15)
out.append(company("E", ident=pn, name="Gunilla Skyddad Exempelkonsult", person=person(pn, "Gunilla", "Skyddadsson", True), lopnummer=1))
# Samordningsnummer holder.
pn = pnr(1990, 11, 3, samordning=True)
out.append(company("E", ident=pn, name="Hamid Exempelkiosk", person=person(pn, "Hamid", "Samordnarsson"), lopnummer=1))
# A Bolagsverket block with its own producer-side error.
out.append(company("AB", fel={"postadressOrganisation": "OTILLGANGLIG_UPPGIFTSKALLA"}))

# Reserved identities: a fixed fault at one producer for every lookup of that company (demos and tests).
for prod, fault in [("bolagsverket", "RESET"), ("bolagsverket", "GARBAGE"), ("scb", "TIMEOUT"), ("scb", "ERROR"),
                    ("skatteverket", "UNAVAILABLE"), ("skatteverket", "SLOW")]:
    out.append(company("AB", name=f"Exempel Felsimulering {prod} {fault} AB", sandboxFaults={prod: fault}))
out.append(company("AB", name="Exempel Felsimulering alla producenter nere AB",
                   sandboxFaults={"bolagsverket": "ERROR", "scb": "ERROR", "skatteverket": "ERROR"}))

# Bulk: enough distinct ordinary companies for concurrency tests (200 different companies at once).
for kind in ["AB"] * 110 + ["HB"] * 15 + ["KB"] * 10 + ["EF"] * 15 + ["IF"] * 10 + ["SF"] * 10:
    out.append(company(kind))

# More reserved identities, appended after the bulk so that the identities above stay as they were:
# connection-level faults (fault isolation: another company's lookups must not suffer from them).
for prod, fault in [("bolagsverket", "ABORT"), ("bolagsverket", "GOAWAY"), ("scb", "RESET"), ("skatteverket", "ABORT")]:
    out.append(company("AB", name=f"Exempel Felsimulering {prod} {fault} AB", sandboxFaults={prod: fault}))

for c in out:
    if c.get("person") is None: c.pop("person")
    if not c["fel"]: c.pop("fel")
    if not c["forfaranden"]: c.pop("forfaranden")
    if c["avregistreringsdatum"] is None: c.pop("avregistreringsdatum")
    if c.get("aktier") is None: c.pop("aktier", None)

target = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/sandbox/register.json"
# One company per line: small, and a change to one company is a one-line diff.
lines = ",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in out)
target.write_text('{"beskrivning":"Fictitious sandbox register. Every company and person here is invented.",\n"foretag":[\n'
                  + lines + "\n]}\n", encoding="utf-8")
print(f"{len(out)} entries written to {target}", file=sys.stderr)
