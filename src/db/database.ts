import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  ValueNode,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type LimitNode,
  type OperationNode,
  type QueryCompiler,
  type SqliteDialectConfig,
} from 'kysely';
import type { Schema } from './schema.js';
import { WriteHooks, type Store } from './hooks.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * What differs between the engines, named once here so that the rest of the code asks
 * about a capability instead of testing which engine it runs on.
 */
export interface Capabilities {
  engine: Engine;
}

export interface Database extends Store {
  capabilities: Capabilities;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** SQLite's `synchronous` pragma; `normal` unless said (see `openSqlite`). */
  sqliteSynchronous?: SqliteSynchronous;
}

export type SqliteSynchronous = 'normal' | 'full';

// SQLite runs DDL inside transactions perfectly well; Kysely's adapter only says otherwise to
// stay conservative. Saying so lets a failing migration roll back and leave the database as it was.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** A whole number written into the SQL text, or null when the value must stay a parameter. */
function literalCount(node: OperationNode): string | null {
  return ValueNode.is(node) && Number.isSafeInteger(node.value) ? String(node.value) : null;
}

// SQLite plans `LIMIT ?` as if the limit were unknown: a newest-first subquery with a bound
// limit of 1 took 67 µs where the same with `LIMIT 1` took 12 µs (the previous/next story
// query). Limits are whole numbers the code chose or a validated count, so they go into the
// text; each distinct value is one more cached statement. Offsets stay parameters: a bound
// one plans as well, and a page number should not make a statement of its own.
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const literal = literalCount(node.limit);
    if (literal === null) super.visitLimit(node);
    else this.append(`limit ${literal}`);
  }
}

// Several processes write one file (cluster workers, the newsletter delivery process, a CLI
// command beside the server). A transaction begun deferred takes its snapshot at its first read,
// and if another process commits before its first write, SQLite refuses that write at once
// (SQLITE_BUSY, with no wait: waiting could not help the old snapshot). Taking the write lock at
// BEGIN makes such transactions wait their turn (busy_timeout) instead; SQLite has one writer
// at a time anyway, so nothing that could have run side by side is serialized.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  override createQueryCompiler(): QueryCompiler {
    return new LiteralLimitCompiler();
  }
}


// Kysely prepares every query afresh; a statement holds native memory the garbage collector
// does not see, so under load the process grew by hundreds of MB and spent a tenth of its
// time in prepare. Statements are reused per SQL text (a busy one, mid-iteration, is not).
const MAX_STATEMENTS = 1000;

function reusePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * In WAL mode, `synchronous = NORMAL` syncs only at checkpoints: a power cut or OS crash may
 * lose the last transactions but never corrupts the file. `FULL` syncs at every commit, so a
 * committed write survives that too, for slower writes (HERALD_SQLITE_SYNCHRONOUS).
 */
export function openSqlite(file: string, options: { synchronous?: SqliteSynchronous } = {}): Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(options.synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  reusePreparedStatements(sqlite);
  const db = new Kysely<Schema>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
  return {
    db,
    hooks: new WriteHooks(),
    capabilities: { engine: 'sqlite' },
    close: () => db.destroy(),
  };
}

export function openPostgres(connectionString: string): Database {
  // pg is loaded when the first query runs, so that a SQLite site never carries it in memory.
  const pool = async () => {
    const { default: pg } = await import('pg');
    // COUNT(*) and BIGINT come back from pg as strings; every id and count here fits a JS number.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
    return new pg.Pool({ connectionString, max: 10 });
  };
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    hooks: new WriteHooks(),
    capabilities: { engine: 'postgres' },
    close: () => db.destroy(),
  };
}

export function sqliteFile(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'herald.db');
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(sqliteFile(options.dataDir), { synchronous: options.sqliteSynchronous });
}
