#!/usr/bin/env python3
"""Rebuild /tmp/oos/public-oos.jsonl (out-of-scope eval set for civicd) from a
PyPI package downloaded with:

    pip download bigbench==1.0.0 --no-deps -d /tmp/oos/dl/bigbench

The sdist bigbench-1.0.0.tar.gz (sha256 below) ships two tasks with real user
utterances to virtual assistants:
  * benchmark_tasks/intent_recognition/task.json  -> SNIPS NLU benchmark (7 intents)
  * benchmark_tasks/gem/schema_guided_dialog/task.json -> GEM copy of the
    Schema-Guided Dialogue dataset (SGD); we take the FIRST user turn of each
    dialogue context (the opening request), copied verbatim.

Nothing is rewritten: texts are copied byte-for-byte from the JSON strings
(only BIG-bench's own "Utterance: " prompt prefix is stripped from SNIPS
inputs).  Filtering rules and sampling are deterministic (sha256 order).

Usage: python3 build.py [path/to/bigbench-1.0.0.tar.gz] [out_dir]
"""
import hashlib
import json
import re
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

SDIST = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/oos/dl/bigbench/bigbench-1.0.0.tar.gz")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/oos")
SDIST_SHA256 = "1bb398a5512c6d798cdebe0dfa0ac03f67f6033fa6b39c6ef71df978c7cbc5c2"
SNIPS_MEMBER = "bigbench-1.0.0/bigbench/benchmark_tasks/intent_recognition/task.json"
SGD_MEMBER = "bigbench-1.0.0/bigbench/benchmark_tasks/gem/schema_guided_dialog/task.json"

SNIPS_PER_INTENT = 50   # 7 intents -> 350
SGD_TOTAL = 350

# ---------------------------------------------------------------- filters
# An utterance is removed if it could reasonably be handled by one of civicd's
# in-scope intents (greeting/thanks/goodbye, help, events/activities, costs,
# contact, human handoff, privacy, sign-up, jobs/training, funding, places).
RULES = [
    # A courtesy with a request ("Hi, could you find me a therapist?") is an out-of-scope request:
    # it stays, so a courtesy answered instead of the fallback counts against civicd.
    ("nothing but a greeting, thanks or goodbye (civicd has small-talk intents)",
     re.compile(r"^\W*(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings|thanks|thank you|thx|bye|goodbye|see you)\W*$", re.I)),
    ("generic events / things-to-do request (could be about community events at the citizen centre)",
     re.compile(r"\b(events?|something (new|fun|interesting|interested)|interesting (things|activit\w*|places)"
                r"|things? (to|i can) do|something to do|something going on|something (that is )?free"
                r"|something interesting|interesting to do|fun to do|fun things|an activity|interesting activity)\b", re.I)),
    ("generic payment request without payee/amount/source (could map to civicd costs/fees topic)",
     re.compile(r"^(?!.*((?-i:\bto [A-Z][a-z]+)|\$|\d|dollars?|bucks|debit|credit|card|balance|bank|\bjcb\b|venmo|paypal|amelia|jerry|mahmoud))"
                r".*\b(payments?|pay)\b", re.I)),
    ("talk to a human / agent / operator",
     re.compile(r"\b(human(?! league)|real person|(?<!travel )agent|operator|representative|customer service)\b", re.I)),
    ("privacy / personal data",
     re.compile(r"\b(privacy|personal data|my data|delete my|gdpr|rodo)\b", re.I)),
    ("sign-up / registration / enrolment",
     re.compile(r"\b(sign (me )?up|signup|register|registration|enrol\w*|apply|application form)\b", re.I)),
    ("jobs / training / organising / volunteering",
     re.compile(r"\b(job|jobs|employment|recruit\w*|hiring|training|(?<!crash )course|workshop|organi[sz]\w*|volunteer\w*|community|coalition)\b", re.I)),
    ("funding / grants",
     re.compile(r"\b(grants?|funding|funded|eea|norway)\b", re.I)),
    ("civic places / contacts (city hall, council, citizen centre, our cities)",
     re.compile(r"\b(city hall|town hall|council|mayor|municipal\w*|government|citizen\w*|civic"
                r"|krak[oó]w|krakow|wroc[lł]aw|krosno|reymonta|zachodniopomorsk\w*)\b", re.I)),
    ("generic help / contact / deadline / cost question without an out-of-scope object",
     re.compile(r"^(i need (some )?help|help( me)?|can you help( me)?|what( i|')?s the (phone number|email|address|deadline|cost|price))\W*$", re.I)),
]
# Exemption: a generic-event hit is kept if the request names a concrete
# entertainment / tourism object that civicd clearly does not offer.
EVENT_SPECIFIC = re.compile(
    r"\b(concerts?|music\w*|musical|songs?|shows?|plays?|theat\w*|stage|broadway|sports?|games?|improv|comedy"
    r"|tempest|blue room|jurado|museums?|stadium|attractions?|movies?|films?)\b", re.I)
EVENT_RULE = RULES[1][0]


def in_scope_reason(text):
    for reason, rx in RULES:
        if rx.search(text):
            if reason == EVENT_RULE and EVENT_SPECIFIC.search(text):
                continue
            return reason
    return None


def h(tag, text):
    return hashlib.sha256((tag + "\x00" + text).encode("utf-8")).hexdigest()


def norm(text):
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def main():
    data = SDIST.read_bytes()
    got = hashlib.sha256(data).hexdigest()
    if got != SDIST_SHA256:
        sys.exit(f"sha256 mismatch for {SDIST}: {got}")
    with tarfile.open(SDIST, "r:gz") as tf:
        snips = json.load(tf.extractfile(SNIPS_MEMBER))["examples"]
        sgd = json.load(tf.extractfile(SGD_MEMBER))["examples"]

    pool = []  # (tag, group, text, source_id)
    for i, ex in enumerate(snips):
        inp = ex["input"]
        assert inp.startswith("Utterance: "), inp
        intent = max(ex["target_scores"], key=ex["target_scores"].get)
        pool.append(("public:snips", intent, inp[len("Utterance: "):], f"intent_recognition#{i}"))
    first = re.compile(r'The conversation so far has been for following: user: "(.*?)"\. (?:response: |user: |$)')
    for ex in sgd:
        m = first.search(ex["input"])
        assert m, ex["comment"]
        pool.append(("public:sgd", "sgd", m.group(1), ex["comment"]))

    removed = []
    seen_exact, seen_norm = set(), set()
    kept = defaultdict(list)
    for tag, group, text, sid in pool:
        t = text.strip()
        if len(t.split()) < 2:
            removed.append((tag, sid, "fewer than 2 words", text)); continue
        if t in seen_exact:
            removed.append((tag, sid, "exact duplicate", text)); continue
        seen_exact.add(t)
        if norm(t) in seen_norm:
            removed.append((tag, sid, "duplicate after case/punctuation normalisation", text)); continue
        seen_norm.add(norm(t))
        reason = in_scope_reason(t)
        if reason:
            removed.append((tag, sid, "possibly in scope: " + reason, text)); continue
        kept[(tag, group)].append(text)

    out = []
    for (tag, group), texts in sorted(kept.items()):
        texts.sort(key=lambda s: h(tag, s))
        n = SNIPS_PER_INTENT if tag == "public:snips" else SGD_TOTAL
        out.extend((tag, group, s) for s in texts[:n])
    out.sort(key=lambda r: h(r[0], r[2]))

    with open(OUT / "public-oos.jsonl", "w", encoding="utf-8") as f:
        for tag, group, text in out:
            f.write(json.dumps({"text": text, "intent": "fallback", "lang": "en", "tag": tag},
                               ensure_ascii=False) + "\n")
    with open(OUT / "removed.txt", "w", encoding="utf-8") as f:
        f.write("# Utterances dropped by build.py before sampling: tag<TAB>source id<TAB>reason<TAB>text\n")
        for tag, sid, reason, text in sorted(removed, key=lambda r: (r[0], r[2], r[3])):
            f.write(f"{tag}\t{sid}\t{reason}\t{text}\n")

    stats = Counter((t, g) for t, g, _ in out)
    print("pool:", Counter(t for t, *_ in pool))
    print("removed:", Counter((r[0], r[2].split(":")[0]) for r in removed))
    print("available after filters:", {k: len(v) for k, v in sorted(kept.items())})
    print("written:", len(out), dict(sorted(stats.items())))


if __name__ == "__main__":
    main()
