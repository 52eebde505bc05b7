import SQLite from 'better-sqlite3';

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API: readers and
 * writers (the running server) go on while the pages are copied. Lives in db/ because only
 * db/ talks to better-sqlite3 directly.
 */
export async function backupSqliteFile(source: string, destination: string): Promise<{ totalPages: number }> {
  const sqlite = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const result = await sqlite.backup(destination);
    return { totalPages: result.totalPages };
  } finally {
    sqlite.close();
  }
}
