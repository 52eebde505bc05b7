/**
 * Newsletter delivery runs in a process of its own, never in one that answers HTTP: rendering
 * MJML and talking SMTP took about a tenth of a story page's throughput from the process that
 * also served it (`npm run bench:newsletter`). `herald serve` (or the primary of a cluster)
 * forks one delivery process, starts another if it dies, and stops it on shutdown. The HTTP
 * processes only tell it when a send was queued, over the IPC channel (a cluster worker through
 * its primary), so the first mail still leaves at once instead of at the next poll.
 *
 * The delivery process opens the database like any app process (SQLite in WAL mode lets several
 * processes share the file, as in cluster mode) and dies with its parent: when the IPC channel
 * closes, it finishes the message in hand and stops.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { configuredSettings } from '../http/context.js';
import { getSettings } from '../settings/settings.service.js';
import { startNewsletterDelivery } from './delivery.js';
import { sendsQueued } from './sends.service.js';

type Message = { herald: 'newsletters-config'; config: Config } | { herald: 'newsletters-poke' };

const POKE: Message = { herald: 'newsletters-poke' };
// Readers come first: on a small server the delivery process takes the CPU the HTTP processes
// leave, so a send slows down when the site is busy instead of the site slowing down for a send.
const DELIVERY_NICENESS = 10;
// A delivery process that dies at once (a database that cannot be reached) is not restarted in a tight loop.
const RESTART_DELAY_MS = 1000;
/** The CLI command the delivery process runs (hidden from `herald --help`). */
export const DELIVERY_COMMAND = 'newsletter-delivery';

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'herald' in value;
}

/** How to start Herald's CLI again: the script and Node's flags (the ones running it, for `herald serve`). */
export interface HeraldCommand {
  script: string;
  execArgv: string[];
}

/** The built CLI, for a server started from code rather than by `herald serve` (tests). */
export const BUILT_HERALD: HeraldCommand = { script: fileURLToPath(new URL('../../bin/herald.js', import.meta.url)), execArgv: [] };

export interface DeliveryProcess {
  /** A send was queued: deliver now rather than at the next poll. */
  poke(): void;
  stop(): Promise<void>;
}

function lowerPriority(child: ChildProcess, onError: (message: string) => void) {
  if (child.pid === undefined) return;
  try {
    setPriority(child.pid, Math.min(19, getPriority() + DELIVERY_NICENESS));
  } catch (error) {
    onError(`newsletter delivery process: could not lower its priority (${(error as Error).message})`);
  }
}

/** Forks and watches the delivery process; null without HERALD_SMTP_URL (nothing is sent, sends wait). */
export function superviseDelivery(config: Config, command: HeraldCommand, onError: (message: string) => void): DeliveryProcess | null {
  if (!config.mail.smtpUrl) return null;
  let child: ChildProcess | null = null;
  let stopping = false;
  let restart: NodeJS.Timeout | undefined;
  const start = () => {
    const started = fork(command.script, [DELIVERY_COMMAND], { execArgv: command.execArgv, serialization: 'advanced', stdio: 'inherit' });
    lowerPriority(started, onError);
    // The configuration as this process has it (tests build it from their own environment).
    started.send({ herald: 'newsletters-config', config } satisfies Message);
    started.on('error', (error) => onError(`newsletter delivery process: ${error.message}`));
    started.once('exit', (code, signal) => {
      if (child === started) child = null;
      if (stopping) return;
      onError(`newsletter delivery process ${started.pid} ended (${signal ?? code}); starting another`);
      restart = setTimeout(start, RESTART_DELAY_MS);
    });
    child = started;
  };
  start();
  const poke = () => {
    if (child?.connected) child.send(POKE, (error: Error | null) => error && onError(`newsletter delivery process: ${error.message}`));
  };
  sendsQueued.on('queued', poke);
  return {
    poke,
    async stop() {
      stopping = true;
      clearTimeout(restart);
      sendsQueued.off('queued', poke);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      await exited;
    },
  };
}

/** In a cluster worker: sends queued here wake the delivery process through the primary. */
export function pokeDeliveryThroughPrimary(): () => void {
  const poke = () => process.send?.(POKE);
  sendsQueued.on('queued', poke);
  return () => sendsQueued.off('queued', poke);
}

/** In the primary: a worker's poke goes on to the delivery process. */
export function isDeliveryPoke(message: unknown): boolean {
  return isMessage(message) && message.herald === 'newsletters-poke';
}

/** The delivery process itself (`herald newsletter-delivery`, forked by `herald serve`). */
export async function runDeliveryProcess(loadConfig: () => Config): Promise<void> {
  // Forked, it gets its parent's configuration first; run by hand, it reads the environment.
  const config = process.send
    ? await new Promise<Config>((resolve) => {
        const first = (message: unknown) => {
          if (!isMessage(message) || message.herald !== 'newsletters-config') return;
          process.off('message', first);
          resolve(message.config);
        };
        process.on('message', first);
      })
    : loadConfig();
  const report = (error: unknown) => {
    if (config.logLevel !== 'silent') console.error(`herald: newsletter delivery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  const database = openDatabase(config);
  // Read afresh each time: settings changed by the HTTP processes are not announced here.
  const settings = async () => configuredSettings(await getSettings(database.db), config);
  const delivery = startNewsletterDelivery(database, config, settings, report);
  process.on('message', (message) => {
    if (isDeliveryPoke(message)) delivery?.poke();
  });
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await delivery?.stop();
      await database.close();
      process.exit(0);
    })());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The parent is gone (killed, or it crashed): no one would stop or restart this process.
  process.once('disconnect', stop);
}
