import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A partner's feed on loopback: its items, its ETag, and what conditional requests it saw. */
export class PartnerFeed {
  items: Array<{ guid: string; title: string; body: string; date: string }> = [];
  failWith: number | null = null;
  requests: Array<{ path: string; ifNoneMatch?: string }> = [];
  server: Server = createServer((request, response) => {
    this.requests.push({ path: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] });
    if (this.failWith) return void response.writeHead(this.failWith).end('down');
    const etag = `"v${this.items.length}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
    if (request.url === '/atom') {
      response.writeHead(200, { 'content-type': 'application/atom+xml', etag });
      return void response.end(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atlas Wire</title><id>urn:atlas</id><updated>2024-11-20T10:00:00Z</updated>
${this.items.map((i) => `<entry><id>${i.guid}</id><title>${i.title}</title><link href="https://atlas.example/${i.guid}"/><updated>${i.date}</updated><content type="html">${i.body.replace(/</g, '&lt;')}</content></entry>`).join('\n')}
</feed>`);
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Partner Daily</title><link>https://partner.example</link><language>en</language>
${this.items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://partner.example/${i.guid}</link><pubDate>${new Date(i.date).toUTCString()}</pubDate><content:encoded><![CDATA[${i.body}]]></content:encoded></item>`).join('\n')}
</channel></rss>`);
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}
