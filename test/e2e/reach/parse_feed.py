"""Parses a feed file with Debian's feedparser and prints what a feed reader sees, as JSON."""
import json
import sys
import time

import feedparser

d = feedparser.parse(sys.argv[1])


def iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None


print(json.dumps({
    'bozo': bool(d.bozo),
    'bozo_exception': str(d.get('bozo_exception', '')),
    'version': d.version,
    'title': d.feed.get('title'),
    'link': d.feed.get('link'),
    'language': d.feed.get('language'),
    'entries': [{
        'id': e.get('id'),
        'title': e.get('title'),
        'link': e.get('link'),
        'published': iso(e.get('published_parsed')),
        'updated': iso(e.get('updated_parsed')),
        'tags': [t.get('term') for t in e.get('tags', [])],
        'author': e.get('author'),
        'enclosures': [x.get('href') for x in e.get('enclosures', [])],
        'content': (e.get('content') or [{}])[0].get('value') if e.get('content') else None,
    } for e in d.entries],
}))
