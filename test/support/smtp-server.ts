import { createServer, type Server, type Socket } from 'node:net';

export interface TestSmtpServer {
  server: Server;
  /** Each message's DATA as received (headers and body). */
  messages: string[];
  /** Connections waiting for their greeting while the server holds. */
  waiting(): number;
  /** Greets every waiting client, and every later one at once. */
  release(): void;
}

/**
 * Just enough SMTP (RFC 5321) to take messages: greet, accept the envelope, read DATA. With
 * `hold`, clients get no greeting until `release()`: a request that waits for its mail to be
 * sent cannot answer before then.
 */
export function smtpServer({ hold = false } = {}): TestSmtpServer {
  const messages: string[] = [];
  const held: Socket[] = [];
  let released = !hold;
  const greet = (socket: Socket) => socket.write('220 test SMTP ready\r\n');
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    if (released) greet(socket);
    else held.push(socket);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = data === null ? buffer.indexOf('\r\n') : buffer.indexOf('\r\n.\r\n')) >= 0) {
        if (data !== null) {
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write('250 queued\r\n');
          continue;
        }
        const verb = buffer.slice(0, end).split(' ')[0].toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
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
    waiting: () => held.length,
    release() {
      released = true;
      held.splice(0).forEach(greet);
    },
  };
}
