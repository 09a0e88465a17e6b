# usage: python3 .tmp/merge.py file.json  (file has {"en": {...}, "zh-CN": {...}}) — deep-merges into messages/
import json, sys
src = json.load(open(sys.argv[1]))
def merge(a, b):
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict): merge(a[k], v)
        else: a[k] = v
for loc in ('en', 'zh-CN'):
    p = f'/work/main/messages/{loc}.json'
    d = json.load(open(p)); merge(d, src[loc])
    json.dump(d, open(p, 'w'), ensure_ascii=False, indent=2); open(p, 'a').write('\n')
