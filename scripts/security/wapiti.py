#!/usr/bin/env python3
"""Runs Debian's wapiti 3.0.4 with three fixes, then hands over to wapiti unchanged.

1. Exclusions: wapiti compiles each -x pattern as `<pattern>\\Z(?ms)`; Python 3.11 refuses global
   flags that are not at the start of an expression, so any -x made the crawl crash.
2. Multipart forms, attacked: the attack modules build each mutated request without the form's
   enctype, so a multipart form is attacked with urlencoded bodies. Next.js server actions (every
   form in this app) only run for multipart posts: without this fix no attack payload ever reached
   the app's own code, the page was simply rendered again.
3. Multipart fields: wapiti sends every multipart field as a file part (filename="<field name>"),
   so the app sees File objects where it expects text. Plain fields are sent as plain parts.

And time bounds that hold: wapiti checks --max-attack-time only between resources, so one big
form could keep a module busy far past it (blind SQL on the registration form: 36 s). Here each
module stops sending payloads when its time is up, WAPITI_ATTACK_DEADLINE (Unix time, seconds)
bounds the whole attack phase the same way, and wapiti then writes its report with what it found
(interrupting wapiti instead loses the report). Modules run in an order that puts the checks that
matter most for this app first and the slow time-based blind SQL check last.

Arguments are wapiti's own (see `wapiti --help`).
"""
import os
import re
import sys
import time

from requests.exceptions import ConnectionError, ReadTimeout
from wapitiCore.net import crawler, web
from wapitiCore.net.page import Page


def wildcard_translate(pattern):
    """A wildcard pattern ("*" matches anything) as an anchored regular expression."""
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

# Paths whose forms are multipart: a mutated request posted to one of them is sent multipart too.
MULTIPART_PATHS = set()
_request_init = web.Request.__init__


def _init(self, *args, **kwargs):
    _request_init(self, *args, **kwargs)
    if self.method == "POST" and self.is_multipart:
        MULTIPART_PATHS.add(self.path)


web.Request.__init__ = _init
# wapiti's own post, without its retry decorator (the replacement below carries the same one).
_post = getattr(crawler.Crawler.post, "__wrapped__", crawler.Crawler.post)


@crawler.retry(delay=1, times=3)
def post(self, form, follow_redirects=False, headers=None):
    if form.method == "POST" and not form.is_multipart and "urlencoded" in form.enctype and form.path in MULTIPART_PATHS:
        form._enctype = "multipart/form-data"
    parts = [(name, (None, value)) for name, value in form.post_params] + [
        (name, tuple(value)) for name, value in form.file_params
    ]
    if not form.is_multipart or not parts:
        return _post(self, form, follow_redirects=follow_redirects, headers=headers)
    form_headers = dict(headers or {})
    if form.referer:
        form_headers["referer"] = form.referer
    try:
        response = self._session.post(
            form.path,
            params=form.get_params,
            files=parts,
            headers=form_headers,
            timeout=self._timeout,
            allow_redirects=follow_redirects,
            verify=self.secure,
        )
    except ConnectionError as exception:
        if "Read timed out" in str(exception):
            raise ReadTimeout("Request time out")
        raise exception
    return Page(response)


crawler.Crawler.post = post

from wapitiCore.attack import attack as attack_base, mod_ssrf  # noqa: E402  (after the fixes above)
from wapitiCore.main import wapiti as wapiti_module  # noqa: E402

DEADLINE = float(os.environ.get("WAPITI_ATTACK_DEADLINE") or 0)
STARTED = time.time()
# When the running module must stop sending payloads: its own --max-attack-time, or the deadline.
_limit = {"at": 0.0}
# Modules that need no payloads first, then the ones that matter most for a web app with forms
# (stored XSS needs xss before it), the slow time-based blind SQL check last.
ORDER = ["csp", "http_headers", "cookieflags", "sql", "xss", "permanentxss", "redirect", "ssrf", "exec", "file", "blindsql"]
_init_attacks = wapiti_module.Wapiti._init_attacks


def _cut(mutate):
    """A mutator that stops producing payloads once the running module is out of time."""
    def run(self, *args, **kwargs):
        for item in mutate(self, *args, **kwargs):
            if _limit["at"] and time.time() > _limit["at"]:
                return
            yield item
    return run


attack_base.Mutator.mutate = _cut(attack_base.Mutator.mutate)
attack_base.FileMutator.mutate = _cut(attack_base.FileMutator.mutate)
mod_ssrf.SsrfMutator.mutate = _cut(mod_ssrf.SsrfMutator.mutate)


def _bounded(name, attack, seconds):
    """The module's attack, timed, held to its time (payload by payload) and to the deadline."""
    def run(*args, **kwargs):
        began = time.time()
        limits = [t for t in (DEADLINE, began + seconds if seconds >= 1 else 0) if t]
        _limit["at"] = min(limits) if limits else 0.0
        count = 0
        try:
            if DEADLINE and began > DEADLINE:
                print("[*] {}: not started, attack time bound reached".format(name))
                return
            for item in attack(*args, **kwargs):
                count += 1
                yield item
                if DEADLINE and time.time() > DEADLINE:
                    print("[*] Attack time bound reached: no further resources attacked, writing the report")
                    return
        finally:
            _limit["at"] = 0.0
            print("[*] module {} took {:.1f}s for {} resource(s) (at {:.0f}s)".format(
                name, time.time() - began, count, time.time() - STARTED))
    return run


def init_attacks(self):
    _init_attacks(self)
    rank = {name: i for i, name in enumerate(ORDER)}
    self.attacks.sort(key=lambda m: rank.get(m.name, len(ORDER)))
    for module in self.attacks:
        module.attack = _bounded(module.name, module.attack, self._max_attack_time)


wapiti_module.Wapiti._init_attacks = init_attacks

if __name__ == "__main__":
    sys.argv[0] = "wapiti"
    sys.exit(wapiti_module.wapiti_main())
