"""What a feed reader makes of a feed: Debian's feedparser on a feed file, printed as JSON.

Unlike parse_feed.py this keeps each text's type (text/plain or text/html) and value, so a test
can tell text a reader shows as characters from markup it would render.
"""
import json
import sys
import time

import feedparser

d = feedparser.parse(sys.argv[1])


def iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None


def text(detail):
    return {'value': detail.get('value'), 'type': detail.get('type')} if detail else None


def links(entry):
    return [{'rel': l.get('rel'), 'href': l.get('href'), 'type': l.get('type'), 'length': l.get('length')} for l in entry.get('links', [])]


print(json.dumps({
    'bozo': bool(d.bozo),
    'bozo_exception': str(d.get('bozo_exception', '')),
    'version': d.version,
    'namespaces': dict(d.get('namespaces', {})),
    'feed': {
        'title': text(d.feed.get('title_detail')),
        'subtitle': text(d.feed.get('subtitle_detail')),
        'link': d.feed.get('link'),
        'links': links(d.feed),
        'language': d.feed.get('language'),
        'generator': d.feed.get('generator'),
        'authors': [a.get('name') for a in d.feed.get('authors', [])],
    },
    'entries': [{
        'id': e.get('id'),
        'title': text(e.get('title_detail')),
        'summary': text(e.get('summary_detail')),
        'content': [text(c) for c in e.get('content', [])],
        'link': e.get('link'),
        'links': links(e),
        'authors': [a.get('name') for a in e.get('authors', [])],
        'author': e.get('author'),
        'enclosures': [{'href': x.get('href'), 'type': x.get('type'), 'length': x.get('length')} for x in e.get('enclosures', [])],
        'tags': [t.get('term') for t in e.get('tags', [])],
        'published': iso(e.get('published_parsed')),
        'updated': iso(e.get('updated_parsed')),
    } for e in d.entries],
}))
