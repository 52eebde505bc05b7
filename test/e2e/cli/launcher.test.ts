import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A project tree holding only the launcher and a package.json of `version`. */
function tree(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-launcher-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin/herald.js'), join(dir, 'bin/herald.js'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'herald', version, type: 'module' }));
  return dir;
}

function built(dir: string, version: string): void {
  mkdirSync(join(dir, 'dist/server'), { recursive: true });
  writeFileSync(join(dir, 'dist/server/build.json'), JSON.stringify({ version, commit: null, builtAt: '2026-12-02T00:00:00.000Z' }));
  writeFileSync(join(dir, 'dist/server/herald.js'), "console.log('the compiled server ran with', process.argv.slice(2).join(' '));\n");
}

function run(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, 'bin/herald.js'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('bin/herald.js runs the build in dist/, and only a build of this version', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses with a clear message when nothing is built', async () => {
    const dir = tree('1.2.0');
    dirs.push(dir);
    const result = await run(dir, 'serve');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not built.*npm run build/);
    expect(result.stdout).toBe('');
  });

  it('refuses a build made for another version, whatever the files’ times', async () => {
    const dir = tree('1.2.0');
    dirs.push(dir);
    built(dir, '1.1.0');
    const result = await run(dir, 'serve');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('built for Herald 1.1.0, but this is Herald 1.2.0');
  });

  it('runs the build of this version with the arguments given', async () => {
    const dir = tree('1.2.0');
    dirs.push(dir);
    built(dir, '1.2.0');
    const result = await run(dir, 'token', 'create');
    expect(result).toMatchObject({ code: 0, stdout: 'the compiled server ran with token create\n' });
  });

  it('logs at start which build serves: this version and commit', { timeout: 60_000 }, async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const build = JSON.parse(readFileSync(join(ROOT, 'dist/server/build.json'), 'utf8'));
    expect(build.version).toBe(version);
    const dataDir = mkdtempSync(join(tmpdir(), 'herald-launcher-data-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, [join(ROOT, 'bin/herald.js'), 'serve'], {
      env: { ...process.env, HERALD_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', HERALD_DEMO: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        if (/running Herald/.test(text)) resolve(text);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`herald serve exited with ${code}: ${text}`)));
    });
    child.kill('SIGTERM');
    expect(output).toContain(`running Herald ${version} (${build.commit ? `commit ${build.commit}, ` : ''}built ${build.builtAt})`);
  });
});
