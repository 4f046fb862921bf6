// What the operator commands share: the configured database, opened for one command and closed
// after it. With the embedded database, stop the server first: it belongs to one process at a time.
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';

/** Runs `command` against the configured database; exits 2 with `usage` when it throws a UsageError. */
export async function runOperatorCommand(usage: string, command: (database: Database, config: Config) => Promise<void>) {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/db` });
  try {
    await command(database, config);
  } catch (error) {
    if (!(error instanceof OperatorError)) throw error;
    console.error(error.message || `usage: ${usage}`);
    process.exitCode = error.exitCode;
  } finally {
    await database.close();
  }
}

/** A refusal the operator should read: a wrong argument (exit 2) or an unknown account (exit 1). */
export class OperatorError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
