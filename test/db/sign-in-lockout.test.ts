import { beforeEach, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { checkCredentials, LOCK_MINUTES, MAX_FAILURES } from '../../src/people/sign-in.service.js';
import { createUser } from '../../src/people/users.service.js';
import { describeEachEngine } from '../support/engines.js';

// The real argon2 check, counted: the lock-out is about how many of them an attacker gets.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/people/passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/people/passwords.js')>();
  return {
    ...real,
    verifyPassword: async (stored: string, password: string) => {
      verifications.count++;
      return real.verifyPassword(stored, password);
    },
  };
});

const PASSWORD = 'correct horse battery';

function statusOf(outcome: PromiseSettledResult<unknown>): string {
  if (outcome.status === 'fulfilled') return 'signed in';
  return outcome.reason instanceof AppError ? outcome.reason.code : String(outcome.reason);
}

describeEachEngine('the sign-in lock-out under concurrent guesses', (database) => {
  beforeEach(() => {
    verifications.count = 0;
  });

  it(`checks at most ${MAX_FAILURES} passwords when 100 wrong ones arrive at once`, async () => {
    const user = await createUser(database().db, { email: 'target@herald.test', name: 'Target', role: 'editor', password: PASSWORD });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => checkCredentials(database().db, user.email, `wrong guess ${i}`)),
    );
    expect(verifications.count).toBeLessThanOrEqual(MAX_FAILURES);
    const statuses = outcomes.map(statusOf);
    expect(statuses.filter((s) => s === 'UNAUTHORIZED')).toHaveLength(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 'RATE_LIMITED')).toHaveLength(100 - (MAX_FAILURES - 1));
    // The right password is refused too while the lock lasts, without a password check.
    verifications.count = 0;
    await expect(checkCredentials(database().db, user.email, PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(verifications.count).toBe(0);
  });

  it('counts unknown e-mails the same way, and lets the right password in once the lock has ended', async () => {
    const user = await createUser(database().db, { email: 'later@herald.test', name: 'Later', role: 'author', password: PASSWORD });
    const start = new Date('2026-12-01T10:00:00Z');
    await Promise.allSettled(Array.from({ length: 40 }, () => checkCredentials(database().db, 'nobody@herald.test', 'guess', start)));
    expect(verifications.count).toBeLessThanOrEqual(MAX_FAILURES);
    await Promise.allSettled(Array.from({ length: 40 }, () => checkCredentials(database().db, user.email, 'guess', start)));
    const during = new Date(start.getTime() + (LOCK_MINUTES - 1) * 60_000);
    await expect(checkCredentials(database().db, user.email, PASSWORD, during)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const after = new Date(start.getTime() + (LOCK_MINUTES + 1) * 60_000);
    await expect(checkCredentials(database().db, user.email, PASSWORD, after)).resolves.toMatchObject({ id: user.id });
    // A success clears the count: nine more wrong guesses do not lock.
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await expect(checkCredentials(database().db, user.email, 'guess', after)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(checkCredentials(database().db, user.email, PASSWORD, after)).resolves.toMatchObject({ id: user.id });
  });
});
