import { access, constants, stat } from 'node:fs/promises';
import { invalid } from '../core/errors.js';

/** Refuses, with a 400 naming the file, a path that is not a readable file. */
export async function assertReadableFile(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
    if (!(await stat(file)).isFile()) throw new Error('it is not a file');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw invalid([{ field: 'file', message: `${file} cannot be read: ${reason}` }]);
  }
}
