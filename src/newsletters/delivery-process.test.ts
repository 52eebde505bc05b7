import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { superviseDelivery } from './delivery-process.js';

/** A process's niceness, read from /proc (field 19 of its stat line). */
const nicenessOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);

const commandLineOf = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // gone since the listing
  }
};

describe('the newsletter delivery process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-delivery-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs at a lower priority than the process that serves readers', async () => {
    // Stands in for `herald newsletter-delivery`: it reports its pid and waits to be stopped.
    const script = join(dir, 'delivery.mjs');
    writeFileSync(script, "process.on('message', () => process.send({ pid: process.pid }));\n");
    const errors: string[] = [];
    const config = loadConfig({ HERALD_DATA_DIR: dir, HERALD_SMTP_URL: 'smtp://127.0.0.1:2525' });
    const delivery = superviseDelivery(config, { script, execArgv: [] }, (message) => errors.push(message));
    expect(delivery).not.toBeNull();
    const pid = await vi.waitFor(() => {
      const forked = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && commandLineOf(entry).includes(script));
      if (!forked) throw new Error('not forked yet');
      return Number(forked);
    });
    try {
      expect(nicenessOf(pid)).toBeGreaterThan(getPriority());
      expect(errors).toEqual([]);
    } finally {
      await delivery!.stop();
    }
  });
});
