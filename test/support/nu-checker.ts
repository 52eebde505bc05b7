import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The W3C Nu Html Checker (vnu.jar from the npm package `vnu-jar`, run on Debian's Java:
 * `default-jre-headless`, which .ci/run installs). It is a JVM: started once per test file over
 * every page that file saved, never once per page.
 */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal';
  /** The checked file's name. */
  file: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * Every error and warning the checker has about `files` (paths of saved `.html` pages), checked
 * in one run (info messages, such as the `/>` of void elements Preact writes, are left out).
 */
export async function checkHtmlFiles(files: string[]): Promise<NuMessage[]> {
  if (files.length === 0) throw new Error('no page to check');
  const java = process.env.JAVA ?? 'java';
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      java,
      // The quick compiler alone and the serial collector: a short run, a third of the CPU time.
      ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always', '--skip-info-messages', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`vnu.jar did not run (${java}: ${error.message}) ${stderr}`)) : resolve(stdout)),
    );
  });
  const report = JSON.parse(output) as { messages: Array<Omit<NuMessage, 'file'> & { url?: string }> };
  return report.messages.map(({ url, ...message }) => ({ ...message, file: url ? basename(fileURLToPath(url)) : '' }));
}

/** One line per message, for a failing assertion or the report of warnings. */
export function describeMessage(m: NuMessage): string {
  const kind = m.subType ? `${m.type}/${m.subType}` : m.type;
  return `${m.file}:${m.lastLine ?? '?'} ${kind}: ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, ' ').trim()}]` : ''}`;
}
