import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { MigrationError } from '../db/migrate.js';
import { loadDemo } from '../demo/demo.js';
import { AppError } from '../core/errors.js';
import { isRole, ROLES } from '../people/roles.js';
import { createApiToken } from '../people/tokens.service.js';
import { createUser } from '../people/users.service.js';
import { startServer } from '../main.js';
import { prepareDatabase } from '../prepare.js';
import { superviseWorkers } from '../cluster.js';
import { DELIVERY_COMMAND, runDeliveryProcess } from '../newsletters/delivery-process.js';
import { readStdin, withDatabase } from './context.js';
import { registerReachCommands } from './reach.js';
import { registerExportCommands } from './export.js';
import { registerFeedCommands } from './feeds.js';
import { registerImportCommands } from './import.js';
import { registerSpamCommands } from '../comments/spam/spam.cli.js';
import { registerFediverseCommands } from '../federation/federation.cli.js';

function role(value: string): string {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value;
}

const program = new Command('herald').description('Herald: multilingual news publishing').showHelpAfterError();

program
  .command('serve')
  .description('serve the site, the Content API and the Admin API')
  .action(async () => {
    // How this process was started, to start the newsletter delivery process the same way.
    const herald = { script: process.argv[1], execArgv: process.execArgv };
    if (await superviseWorkers(loadConfig(), herald)) return;
    const server = await startServer(loadConfig(), { herald });
    const stop = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command(DELIVERY_COMMAND, { hidden: true })
  .description('send the newsletter queue (the process `serve` starts for it)')
  .action(() => runDeliveryProcess(loadConfig));

program
  .command('migrate')
  .description('bring the database schema up to date, then index the stories search lacks')
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase(config);
    try {
      const { applied, indexed } = await prepareDatabase(database);
      console.log(applied.length ? applied.map((r) => `applied ${r.migrationName}`).join('\n') : 'already up to date');
      if (indexed) console.log(`indexed ${indexed} ${indexed === 1 ? 'story' : 'stories'} missing from the search index`);
    } finally {
      await database.close();
    }
  });

const token = program.command('token').description('Admin API tokens');
token
  .command('create')
  .description('create an Admin API token; prints it once, alone on the last line')
  .requiredOption('--name <name>', 'what the token is for')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .option('--user <email>', 'act as this user (their stories are the token’s own)')
  .action(async (options: { name: string; role: string; user?: string }) => {
    await withDatabase(async ({ db }) => {
      let userId: number | null = null;
      if (options.user) {
        const user = await db.selectFrom('users').select('id').where('email', '=', options.user.toLowerCase()).executeTakeFirst();
        if (!user) throw new AppError('NOT_FOUND', `No user with the e-mail ${options.user}.`);
        userId = user.id;
      }
      const created = await createApiToken(db, { name: options.name, role: options.role, userId });
      console.error(`Created token #${created.id} "${created.name}" with the ${created.role} role. It is shown only once:`);
      console.log(created.token);
    });
  });

const user = program.command('user').description('people who write and edit');
user
  .command('create')
  .description('create a user; the password is read from standard input')
  .requiredOption('--email <email>', 'sign-in e-mail')
  .requiredOption('--name <name>', 'public name')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .option('--bio <bio>', 'public biography', '')
  .action(async (options: { email: string; name: string; role: string; bio: string }) => {
    const password = (await readStdin()).replace(/\r?\n$/, '');
    await withDatabase(async ({ db }) => {
      const created = await createUser(db, { ...options, password });
      console.log(`Created ${created.role} ${created.name} <${created.email}> (id ${created.id}).`);
    });
  });

program
  .command('demo')
  .description('load the demo stories, sections, tags and images')
  .action(async () => {
    await withDatabase(async (database, config) => {
      const count = await loadDemo(database, config);
      console.log(`Loaded ${count} demo story versions.`);
    });
  });

registerImportCommands(program);
registerSpamCommands(program);
registerExportCommands(program);
registerFeedCommands(program);

registerReachCommands(program);
registerFediverseCommands(program);

/** Known failures get one clear line and exit code 1; anything else is a bug and shows its stack. */
function explain(error: unknown): string | null {
  if (error instanceof AppError) {
    const fields = error.fields?.map((f) => `\n  ${f.field}: ${f.message}`).join('') ?? '';
    return `${error.message}${fields}`;
  }
  if (error instanceof ConfigError || error instanceof MigrationError) return error.message;
  if (error instanceof Error && /ECONNREFUSED|ENOTFOUND|password authentication|does not exist/.test(error.message)) {
    return `cannot reach the database: ${error.message}`;
  }
  return null;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = explain(error);
  console.error(`herald: ${message ?? (error instanceof Error ? error.stack : String(error))}`);
  process.exit(1);
}
