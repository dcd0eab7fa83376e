#!/usr/bin/env python3
"""map-corpus.py DB N SEED: adds N generated sessions, coded, to a whyline
database that already holds one real session of tests/data/map/tree.yaml
and one of tree2.yaml (for the schema and the trees' kept copies).

Each session answers one of the two trees, in English or French, with a
ladder drawn from weighted templates of codes (and now and then an /also
chain, or a middle rung left uncoded), each rung said one of several ways.
Prints, as JSON, what the map of these sessions must show: the number of
sessions and rungs, and the request-to-goal paths of codes with the number
of ladders that hold each, the most frequent first."""

import collections
import datetime
import json
import random
import sqlite3
import sys
import uuid

TEMPLATES = [  # (codes from the request down, stop, weight)
    (["social", "bookings", "revenue"], "goal", 30),
    (["social", "visibility", "bookings", "revenue"], "goal", 14),
    (["website", "bookings", "freedom"], "goal", 20),
    (["ads", "visibility", "trust"], "stuck", 12),
    (["website", "revenue"], "goal", 14),
    (["social", "visibility"], "stuck", 10),
]

SAID = {
    "en": {
        "social": ["Instagram posts", "social media posts", "posts on Instagram"],
        "bookings": ["more bookings", "a fuller calendar", "more clients booking"],
        "revenue": ["stable revenue", "steadier income", "regular revenue"],
        "visibility": ["to be seen", "brand awareness"],
        "website": ["a new website", "a better website"],
        "freedom": ["more free time", "time with family"],
        "trust": ["people trust us", "credibility"],
        "ads": ["online ads", "paid adverts"],
    },
    "fr": {
        "social": ["des posts Instagram", "des publications sur les réseaux"],
        "bookings": ["plus de réservations", "un agenda plein"],
        "revenue": ["un revenu stable", "des revenus réguliers"],
        "visibility": ["être vu", "de la notoriété"],
        "website": ["un nouveau site", "un meilleur site web"],
        "freedom": ["plus de temps libre", "du temps en famille"],
        "trust": ["la confiance des clients", "de la crédibilité"],
        "ads": ["des publicités en ligne", "de la publicité payante"],
    },
}

TREES = [("map-test", "request", "why"), ("map-two", "need", "reasons")]


def main():
    db, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    con = sqlite3.connect(db)
    trees = {t: (h, p) for t, h, p in
             con.execute("SELECT tree_id, tree_sha256, tree_path FROM sessions")}
    paths = collections.Counter()
    rungs = 0
    start = datetime.datetime(2025, 1, 1)
    weights = [t[2] for t in TEMPLATES]
    with con:
        for i in range(n):
            tree, ask, ladder = TREES[i % 2]
            lang = "fr" if rnd.random() < 0.4 else "en"
            codes, stop, _ = rnd.choices(TEMPLATES, weights)[0]
            sid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            at = (start + datetime.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            con.execute("INSERT INTO sessions (id, tree_id, tree_version, tree_sha256,"
                        " tree_path, title, client, consultant, language, status,"
                        " started_at, updated_at, finished_at) VALUES (?, ?, '1', ?, ?,"
                        " 'Corpus', ?, 'Gen', ?, 'done', ?, ?, ?)",
                        (sid, tree, trees[tree][0], trees[tree][1], "Client %d" % i,
                         lang, at, at, at))
            texts = [rnd.choice(SAID[lang][c]) for c in codes]
            coded = [True] * len(codes)
            if len(codes) > 3 and rnd.random() < 0.1:
                coded[1] = False          # a middle rung nobody coded
            con.execute("INSERT INTO answers (session_id, question_id, value, answered_at)"
                        " VALUES (?, ?, ?, ?)", (sid, ask, texts[0], at))
            chains = [(0, None, None, stop, [(lvl, codes[lvl], texts[lvl], coded[lvl])
                                              for lvl in range(1, len(codes))])]
            if len(codes) > 2 and rnd.random() < 0.2:   # /also beside rung 2
                t = rnd.choice(SAID[lang]["freedom"])
                chains.append((1, 0, 1, "goal", [(2, "freedom", t, True)]))
            for chain, pc, pr, st, rs in chains:
                con.execute("INSERT INTO chains (session_id, question_id, chain,"
                            " parent_chain, parent_rung, stop, stopped_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", (sid, ladder, chain, pc, pr, st, at))
                for lvl, code, text, is_coded in rs:
                    con.execute("INSERT INTO answers (session_id, question_id, chain, rung,"
                                " value, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
                                (sid, ladder, chain, lvl, text, at))
            rows = [(0, 0, codes[0], texts[0])]
            for chain, pc, pr, st, rs in chains:
                rows += [(chain, lvl, code, text) for lvl, code, text, ok in rs if ok]
            for chain, lvl, code, text in rows:
                con.execute("INSERT INTO codes (session_id, question_id, chain, rung, coder,"
                            " code, value, coded_at) VALUES (?, ?, ?, ?, 'gen', ?, ?, ?)",
                            (sid, ladder, chain, lvl, code, text, at))
            rungs += len(codes) + len(chains) - 1
            # the ladder's goal paths, each once
            held = set()
            seq = [c for c, ok in zip(codes, coded) if ok]
            if stop == "goal":
                held.add(tuple(seq))
            if len(chains) > 1:
                held.add(tuple(seq[:2] if coded[1] else seq[:1]) + ("freedom",))
            paths.update(held)
    top = paths.most_common()
    print(json.dumps({"sessions": n, "rungs": rungs,
                      "paths": [[list(p), c] for p, c in top]}))


main()
