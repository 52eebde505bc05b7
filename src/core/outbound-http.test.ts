import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { destinationFault, isPublicAddress, OutboundError, outboundRequest, parseAddress, refusedDestination } from './outbound-http.js';
import { endlessBody, type EndlessBody } from '../../test/support/endless-body.js';

// Every server here listens on 127.0.0.1; nothing is ever sent anywhere else. Private and
// link-local addresses are tested through the classification functions only.
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe('address classification', () => {
  it('reads every notation of a loopback address as the URL parser does', () => {
    for (const host of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.1', '0x7f000001', '127.1', '[::ffff:127.0.0.1]', '::ffff:7f00:1', '[::1]', '::1', '127.255.0.9']) {
      expect(parseAddress(host)?.range(), host).toBe('loopback');
      expect(isPublicAddress(host), host).toBe(false);
    }
  });

  it('refuses private, link-local, unique-local and the other non-public ranges, IPv4 and IPv6', () => {
    const refused = [
      '0.0.0.0', '0.1.2.3', '10.0.0.1', '167772161', '172.16.5.4', '172.31.255.255', '192.168.1.1', '0300.0250.0.1',
      '169.254.169.254', '0xa9fea9fe', '100.64.0.1', '100.127.255.254', '224.0.0.1', '239.255.255.250', '255.255.255.255',
      '192.0.0.8', '192.0.2.1', '198.18.0.1', '198.51.100.7', '203.0.113.9', '240.0.0.1',
      '::', 'fe80::1', '[fe80::abcd]', 'fc00::1', 'fd12:3456::1', 'ff02::1', 'fec0::1', '::ffff:10.0.0.1', '[::ffff:169.254.169.254]',
      '::ffff:192.168.0.1', '::127.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1', '2001:db8::1', '100::1',
    ];
    for (const host of refused) expect(isPublicAddress(host), host).toBe(false);
  });

  it('accepts public unicast addresses, and says a name is not an address', () => {
    for (const host of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '[2a00:1450:4007:80e::200e]']) {
      expect(isPublicAddress(host), host).toBe(true);
    }
    expect(parseAddress('feeds.example.org')).toBeNull();
    expect(parseAddress('localhost')).toBeNull();
    expect(isPublicAddress('feeds.example.org')).toBe(false);
  });

  it('decides what it can as an address is entered: literal addresses and localhost, not other names', () => {
    expect(refusedDestination('http://2130706433:8080/feed', [])).toBe('127.0.0.1 is a loopback address');
    expect(refusedDestination('http://[::ffff:10.1.2.3]/', [])).toBe('10.1.2.3 is a private address');
    expect(refusedDestination('http://169.254.169.254/latest/meta-data/', [])).toBe('169.254.169.254 is a link-local address');
    expect(refusedDestination('http://localhost:3000/', [])).toBe('localhost is a loopback name');
    expect(refusedDestination('https://feeds.example.org/rss', [])).toBeNull();
    expect(refusedDestination('https://93.184.216.34/rss', [])).toBeNull();
    expect(destinationFault('http://0177.0.0.1/', [])).toMatch(/^must point at a public address: 127\.0\.0\.1 is a loopback address .*HERALD_OUTBOUND_ALLOW/);
  });

  it('lets HERALD_OUTBOUND_ALLOW name hosts, addresses (any notation) and CIDR ranges', () => {
    expect(refusedDestination('http://127.0.0.1:9000/', ['127.0.0.1'])).toBeNull();
    expect(refusedDestination('http://2130706433:9000/', ['127.0.0.1'])).toBeNull();
    expect(refusedDestination('http://127.0.0.2/', ['127.0.0.1'])).not.toBeNull();
    expect(refusedDestination('http://10.20.30.40/', ['10.0.0.0/8'])).toBeNull();
    expect(refusedDestination('http://[fd00::5]/', ['fd00::/8'])).toBeNull();
    expect(refusedDestination('http://translate.internal/', ['translate.internal'])).toBeNull();
    expect(refusedDestination('http://localhost:8080/', ['127.0.0.1'])).toBeNull();
    expect(refusedDestination('http://192.168.0.1/', ['10.0.0.0/8', 'translate.internal'])).toBe('192.168.0.1 is a private address');
    expect(() => refusedDestination('http://x.example/', ['10.0.0.0/40'])).toThrow(/HERALD_OUTBOUND_ALLOW: "10\.0\.0\.0\/40" is not a CIDR range/);
  });

  it('reads HERALD_OUTBOUND_ALLOW from the environment, refusing what is neither a host, an address nor a range', () => {
    expect(loadConfig({ HERALD_OUTBOUND_ALLOW: ' Translate.Internal, 127.0.0.1 ,10.0.0.0/8,[::1],fd00::/8' }).outboundAllow).toEqual([
      'translate.internal', '127.0.0.1', '10.0.0.0/8', '[::1]', 'fd00::/8',
    ]);
    expect(loadConfig({}).outboundAllow).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'http://translate.internal', 'translate.internal:8080', 'a b']) {
      expect(() => loadConfig({ HERALD_OUTBOUND_ALLOW: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ HERALD_OUTBOUND_ALLOW: '10.0.0.0/33' })).toThrow(/HERALD_OUTBOUND_ALLOW must list host names, addresses or CIDR ranges .*"10\.0\.0\.0\/33"/);
  });
});

describe('outboundRequest: addresses checked as the connection is made', () => {
  it('refuses a loopback server in every notation, and sends it nothing', async () => {
    const { port, hits } = await serve((_q, s) => s.end('secret'));
    for (const host of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.1', '127.1', '[::ffff:127.0.0.1]', '[::1]']) {
      const error = await failure(outboundRequest(`http://${host}:${port}/`, { maxBytes: 1000 }));
      expect(error.code, host).toBe('REFUSED_ADDRESS');
      expect(error.message).toMatch(/refused to connect to .*loopback address.*HERALD_OUTBOUND_ALLOW/);
    }
    expect(hits).toEqual([]);
  });

  it('checks the address a name resolves to, not the name', async () => {
    const { port, hits } = await serve((_q, s) => s.end('secret'));
    const error = await failure(outboundRequest(`http://localhost:${port}/`, { maxBytes: 1000 }));
    expect(error.code).toBe('REFUSED_ADDRESS');
    expect(error.message).toMatch(/refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    expect(hits).toEqual([]);
  });

  it('reaches what the allow-list names', async () => {
    const { port } = await serve((_q, s) => s.end('hello'));
    expect((await outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 1000, allow: ['127.0.0.1'] })).text()).toBe('hello');
    expect((await outboundRequest(`http://2130706433:${port}/`, { maxBytes: 1000, allow: ['127.0.0.0/8'] })).text()).toBe('hello');
    expect((await outboundRequest(`http://localhost:${port}/`, { maxBytes: 1000, allow: ['127.0.0.1'] })).text()).toBe('hello');
  });

  it('checks every redirect again: an allowed host cannot send the request on to loopback', async () => {
    const inner = await serve((_q, s) => s.end('internal admin page'));
    const outer = await serve((_q, s) => s.writeHead(302, { location: `http://127.0.0.1:${inner.port}/admin` }).end());
    // Only the name "localhost" is allowed; the redirect's 127.0.0.1 is checked as an address.
    const error = await failure(outboundRequest(`http://localhost:${outer.port}/feed`, { maxBytes: 1000, allow: ['localhost'] }));
    expect(error.code).toBe('REFUSED_ADDRESS');
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(outer.hits).toEqual(['/feed']);
    expect(inner.hits).toEqual([]);
  });

  it('follows a bounded number of redirects, and answers a redirect as it is when told to follow none', async () => {
    const { port, hits } = await serve((request, response) => {
      const n = Number(request.url!.slice(1));
      if (n < 3) return void response.writeHead(301, { location: `/${n + 1}` }).end();
      response.end(`arrived at ${n}`);
    });
    const allow = ['127.0.0.1'];
    const arrived = await outboundRequest(`http://127.0.0.1:${port}/0`, { maxBytes: 1000, allow });
    expect(arrived.text()).toBe('arrived at 3');
    expect(arrived.url).toBe(`http://127.0.0.1:${port}/3`);
    const tooMany = await failure(outboundRequest(`http://127.0.0.1:${port}/0`, { maxBytes: 1000, allow, maxRedirects: 2 }));
    expect(tooMany.code).toBe('TOO_MANY_REDIRECTS');
    const manual = await outboundRequest(`http://127.0.0.1:${port}/0`, { maxBytes: 1000, allow, maxRedirects: 0 });
    expect(manual.status).toBe(301);
    expect(hits.length).toBe(4 + 3 + 1);
  });

  it('refuses a redirect to another scheme', async () => {
    const { port } = await serve((_q, s) => s.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const error = await failure(outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 1000, allow: ['127.0.0.1'] }));
    expect(error.code).toBe('BAD_URL');
  });
});

describe('outboundRequest: size and time limits', () => {
  const allow = ['127.0.0.1'];

  it('aborts an endless chunked body at the cap, having read little more than the cap', async () => {
    let answer!: EndlessBody;
    const { port } = await serve((_request, response) => {
      answer = endlessBody(response, 'application/rss+xml', 16 * 1024);
    });
    const cap = 1024 * 1024;
    const error = await failure(outboundRequest(`http://127.0.0.1:${port}/feed`, { maxBytes: cap, allow }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/larger than 1048576 bytes/);
    expect(error.bytesRead).toBeGreaterThan(cap);
    expect(error.bytesRead).toBeLessThanOrEqual(cap + 128 * 1024);
    // The connection is cut: the server stops sending.
    await answer.closed;
    expect(answer.sent()).toBeGreaterThan(cap);
  });

  it('refuses an announced Content-Length above the cap before reading', async () => {
    const { port } = await serve((_q, s) => s.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end(Buffer.alloc(10 * 1024 * 1024)));
    const error = await failure(outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 1024, allow }));
    expect(error).toMatchObject({ code: 'TOO_LARGE', bytesRead: 0 });
  });

  it('counts decompressed bytes: a small gzip bomb is stopped at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { port } = await serve((_q, s) => s.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const error = await failure(outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 2 * 1024 * 1024, allow }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.bytesRead).toBeLessThanOrEqual(3 * 1024 * 1024);
  });

  it('decodes a compressed answer under the cap', async () => {
    const { port } = await serve((request, response) => {
      expect(request.headers['accept-encoding']).toMatch(/gzip/);
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<rss>compressed</rss>'));
    });
    expect((await outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 1000, allow })).text()).toBe('<rss>compressed</rss>');
  });

  it('gives up on a connection that is not made within the connect timeout', async () => {
    // Accepts TCP and never speaks: a TLS handshake that never ends.
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const error = await failure(outboundRequest(`https://127.0.0.1:${port}/`, { maxBytes: 1000, allow, connectTimeoutMs: 200, timeoutMs: 10_000 }));
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toBe(`127.0.0.1:${port} did not accept a connection within 200 ms`);
      expect(sockets.length).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('gives up on an answer that does not finish within the deadline', async () => {
    const { port } = await serve((_q, s) => {
      s.writeHead(200);
      s.write('<rss>');
    });
    const error = await failure(outboundRequest(`http://127.0.0.1:${port}/`, { maxBytes: 1000, allow, timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/did not answer within 300 ms/);
  });

  it('POSTs a body, and can leave the answer unread', async () => {
    let received = '';
    const { port } = await serve((request, response) => {
      request.on('data', (c: Buffer) => (received += c));
      request.on('end', () => response.writeHead(202).end('x'.repeat(100_000)));
    });
    const answer = await outboundRequest(`http://127.0.0.1:${port}/hook`, {
      method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' }, maxBytes: 10, allow, readBody: false, maxRedirects: 0,
    });
    expect(answer).toMatchObject({ status: 202, ok: true });
    expect(answer.body.length).toBe(0);
    expect(received).toBe('{"a":1}');
  });
});
