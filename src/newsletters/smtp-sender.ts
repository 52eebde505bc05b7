/**
 * One SMTP connection that sends newsletter messages one after another, and tells the caller
 * the moment before the end of each message is handed over: until then the server cannot have
 * accepted it (RFC 5321 §4.1.1.4: a message is accepted only by the reply to its final dot).
 */
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export type SmtpOutcome =
  | { kind: 'accepted' }
  /** The server refused it: 5xx permanently, 4xx for now. Never accepted. */
  | { kind: 'refused'; permanent: boolean; error: string }
  /** No answer; `handed` says whether the end of the message may have reached the server. */
  | { kind: 'broken'; handed: boolean; error: string }
  /** `beforeEnd` declined: the message was abandoned before its end. */
  | { kind: 'withdrawn' };

function optionsOf(url: string): SMTPConnection.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  };
}

function authOf(url: string): SMTPConnection.Credentials | null {
  const parsed = new URL(url);
  return parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SmtpSender {
  #connection: SMTPConnection | null = null;
  #broken = false;

  constructor(private readonly url: string) {}

  /** Connects (and signs in) unless a healthy connection is open; throws when the server cannot be reached. */
  async open(): Promise<void> {
    if (this.#connection && !this.#broken) return;
    this.close();
    const connection = new SMTPConnection(optionsOf(this.url));
    connection.on('error', () => {
      this.#broken = true;
    });
    connection.on('end', () => {
      this.#broken = true;
    });
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => {
        connection.removeListener('error', reject);
        resolve();
      });
    });
    const auth = authOf(this.url);
    if (auth) await new Promise<void>((resolve, reject) => connection.login(auth, (error) => (error ? reject(error) : resolve())));
    this.#connection = connection;
    this.#broken = false;
  }

  /**
   * Sends one message. `beforeEnd` runs when all of it but its end has been read: it records
   * that the message is being handed over and answers false to abandon it instead. `atEnd` runs
   * synchronously right before the end is released to the connection, in the same tick.
   */
  async send(envelope: { from: string; to: string }, raw: Buffer, handOver: { beforeEnd: () => Promise<boolean>; atEnd: () => void }): Promise<SmtpOutcome> {
    const connection = this.#connection;
    if (!connection || this.#broken) return { kind: 'broken', handed: false, error: 'not connected' };
    let handed = false;
    let withdrawn = false;
    let pushed = false;
    const body = new Readable({
      read() {
        if (!pushed) {
          pushed = true;
          this.push(raw);
          return;
        }
        handOver.beforeEnd().then(
          (go) => {
            if (go) {
              try {
                handOver.atEnd();
              } catch (error) {
                // Not noted, not sent: the end never goes out.
                return this.destroy(error instanceof Error ? error : new Error(String(error)));
              }
              handed = true;
              this.push(null);
            } else {
              withdrawn = true;
              // Destroying the body stops the transaction before its final dot.
              this.destroy(new Error('withdrawn'));
            }
          },
          (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    return new Promise<SmtpOutcome>((resolve) => {
      connection.send({ from: envelope.from, to: [envelope.to] }, body, (error) => {
        if (withdrawn) {
          this.#broken = true;
          return resolve({ kind: 'withdrawn' });
        }
        if (!error) return resolve({ kind: 'accepted' });
        const code = (error as { responseCode?: number }).responseCode;
        if (code) {
          // The server refused the envelope or the message; RSET leaves the connection ready for the next one.
          const refused: SmtpOutcome = { kind: 'refused', permanent: code >= 500, error: message(error) };
          return connection.reset((resetError) => {
            if (resetError) this.#broken = true;
            resolve(refused);
          });
        }
        this.#broken = true;
        resolve({ kind: 'broken', handed, error: message(error) });
      });
    });
  }

  close(): void {
    const connection = this.#connection;
    this.#connection = null;
    if (!connection) return;
    try {
      connection.quit();
    } catch {
      connection.close();
    }
  }
}
