#!/usr/bin/env python3
"""Scores one labelled set with the shipped gate, as a new practice would run it.

Usage (from the repository root, after `./herald --version` has built the jar):
  python3 pipeline/src/test/resources/io/herald/compliance/score-set.py SET.jsonl [POLICY.yaml]

Feeds each post's id, body and media to `herald check --jsonl --policy POLICY -` (the sibling
SET.policy.yaml by default) and compares each decision with the label: phi must be BLOCK, conduct or
claims anything but PUBLISH, clean PUBLISH. Prints one line of figures per set.
"""
import collections, json, os, subprocess, sys

path = sys.argv[1]
policy = sys.argv[2] if len(sys.argv) > 2 else path[:-len('.jsonl')] + '.policy.yaml'
root = os.path.dirname(os.path.abspath(__file__))
for _ in range(7):
    root = os.path.dirname(root)
posts = [json.loads(line) for line in open(path, encoding='utf-8') if line.strip()]
stdin = ''.join(json.dumps({k: p[k] for k in ('id', 'body', 'media') if k in p}) + '\n' for p in posts)
run = subprocess.run([os.path.join(root, 'herald'), 'check', '--jsonl', '--policy', policy, '-'],
                     input=stdin, capture_output=True, text=True)
verdicts = run.stdout.splitlines()
if len(verdicts) != len(posts):
    sys.exit(f'score-set: {len(verdicts)} verdicts for {len(posts)} posts: {run.stderr.strip()[:300]}')
right, total = collections.Counter(), collections.Counter()
for post, line in zip(posts, verdicts):
    decision = json.loads(line).get('decision')
    kind = 'conduct' if post['category'] in ('conduct', 'claims-or-conduct') else post['category']
    total[kind] += 1
    right[kind] += {'phi': decision == 'BLOCK', 'conduct': decision != 'PUBLISH', 'clean': decision == 'PUBLISH'}[kind]
print(os.path.basename(path), ' '.join(
    f'{k} {right[k]}/{total[k]} = {100 * right[k] / total[k]:.1f} %' for k in ('phi', 'conduct', 'clean') if total[k]))
