import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TestSmtpServer {
  server: Server;
  /** Each message's DATA as received (headers and body). */
  messages: string[];
  /** Each message's envelope recipients (RCPT TO), in the order of `messages`. */
  recipients: string[][];
  /** Messages received, kept or not. */
  received(): number;
  /** Connections waiting for their greeting while the server holds. */
  waiting(): number;
  /** Greets every waiting client, and every later one at once. */
  release(): void;
}

export interface SmtpServerOptions {
  hold?: boolean;
  /** The reply to `RCPT TO:<address>` instead of 250 (`550 5.1.1 unknown`, `451 4.3.0 try later`), or null to accept. */
  refuse?: (address: string) => string | null;
  /** false: count messages without keeping them (a sink for 100,000 messages). */
  keep?: boolean;
}

/**
 * Just enough SMTP (RFC 5321) to take messages: greet, accept the envelope, read DATA. With
 * `hold`, clients get no greeting until `release()`: a request that waits for its mail to be
 * sent cannot answer before then. `refuse` answers chosen recipients with an error.
 */
export function smtpServer({ hold = false, refuse, keep = true }: SmtpServerOptions = {}): TestSmtpServer {
  let count = 0;
  const messages: string[] = [];
  const recipients: string[][] = [];
  const held: Socket[] = [];
  let released = !hold;
  const greet = (socket: Socket) => socket.write('220 test SMTP ready\r\n');
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    let envelope: string[] = [];
    // A client killed mid-message resets the connection: the server just drops it.
    socket.on('error', () => socket.destroy());
    if (released) greet(socket);
    else held.push(socket);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = data === null ? buffer.indexOf('\r\n') : buffer.indexOf('\r\n.\r\n')) >= 0) {
        if (data !== null) {
          count++;
          if (keep) {
            messages.push(buffer.slice(0, end));
            recipients.push(envelope);
          }
          envelope = [];
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write('250 queued\r\n');
          continue;
        }
        const line = buffer.slice(0, end);
        const verb = line.split(/[ :]/)[0].toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'RCPT') {
          const address = line.match(/<([^>]*)>/)?.[1] ?? '';
          const refusal = refuse?.(address) ?? null;
          if (!refusal) envelope.push(address);
          socket.write(`${refusal ?? '250 ok'}\r\n`);
        } else if (verb === 'MAIL' || verb === 'RSET') {
          envelope = [];
          socket.write('250 ok\r\n');
        } else if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return {
    server,
    messages,
    recipients,
    received: () => count,
    waiting: () => held.length,
    release() {
      released = true;
      held.splice(0).forEach(greet);
    },
  };
}

/** Starts `smtp` on a free loopback port; resolves to the `HERALD_SMTP_URL` that reaches it. */
export async function listenSmtp(smtp: TestSmtpServer): Promise<string> {
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  return smtpUrl(smtp);
}

/** The `HERALD_SMTP_URL` of a listening test server (plain SMTP: it speaks no TLS). */
export function smtpUrl(smtp: TestSmtpServer): string {
  return `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
}

export function closeSmtp(smtp: TestSmtpServer): Promise<void> {
  return new Promise<void>((resolve) => smtp.server.close(() => resolve()));
}
