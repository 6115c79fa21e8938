#!/usr/bin/env python3
"""Rebuilds intents/polish.forms from Debian's hunspell-pl (see docs/INTENTS.md, "Word lists").

usage: polish_forms.py INTENTS_DIR pl_PL.dic FORMS.txt OUT
  FORMS.txt: `unmunch pl_PL.dic pl_PL.aff | iconv -f ISO-8859-2 -t UTF-8` (unmunch prints each
  entry's root and then its forms, so the forms are grouped by walking the .dic in order).
Every form (folded, not itself a catalogue word) of an entry that has a catalogue word among its
forms is written with that word (the one sharing the longest prefix with it).
"""
import glob, re, sys, unicodedata, yaml
def fold(t):
    t = t.lower().replace('ł', 'l')
    t = unicodedata.normalize('NFKD', t)
    return ''.join(c for c in t if not unicodedata.combining(c))
def texts(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == 'uk': continue
            yield from texts(v)
    elif isinstance(node, list):
        for v in node: yield from texts(v)
    elif isinstance(node, str): yield node
def catalogue_vocab(intents):
    vocab = set()
    for f in glob.glob(intents + '/*.yml'):
        for t in texts(yaml.safe_load(open(f))):
            for w in re.findall(r'[a-z0-9]+', fold(t)):
                if not w.isdigit(): vocab.add(w)
    return vocab
intents, dic, formsfile = sys.argv[1:4]
vocab = catalogue_vocab(intents)
roots = []
for i, line in enumerate(open(dic, encoding='iso-8859-2')):
    if i == 0: continue
    roots.append(line.rstrip('\n').split('/')[0])
groups = []
ri = 0; cur = None
for line in open(formsfile, encoding='utf-8'):
    w = line.rstrip('\n')
    if ri < len(roots) and w == roots[ri]:
        cur = set(); groups.append(cur); ri += 1
    if cur is not None: cur.add(fold(w))
print('groups', len(groups), 'roots', len(roots), file=sys.stderr)
def lcp(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y: break
        n += 1
    return n
mapping = {}
for g in groups:
    known = sorted(w for w in g if w in vocab)
    if not known: continue
    for f in g:
        if f in vocab or not re.fullmatch(r'[a-z]+', f) or len(f) < 3: continue
        best = max(known, key=lambda v: (lcp(f, v), -len(v)))
        old = mapping.get(f)
        if old is None or lcp(f, best) > lcp(f, old): mapping[f] = best
print('mapped forms', len(mapping), file=sys.stderr)
with open(sys.argv[4], 'w') as out:
    for f in sorted(mapping): out.write(f + ' ' + mapping[f] + '\n')
