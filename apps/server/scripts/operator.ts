// What the operator commands share: the configured database, opened for one command and closed
// after it. With the embedded database, stop the server first: it belongs to one process at a time.
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';

/** Where a command reads its settings and says what it did: the process's own, or a caller's. */
export interface OperatorIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

const processIo: OperatorIo = {
  env: process.env,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

/**
 * Runs `command` against the configured database and answers the exit code: 0, or the code of
 * the OperatorError it threw (2 with `usage` for a wrong argument).
 */
export async function runOperatorCommand(
  usage: string,
  command: (database: Database, config: Config, io: OperatorIo) => Promise<void>,
  io: OperatorIo = processIo,
): Promise<number> {
  const config = loadConfig(io.env);
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/db` });
  try {
    await command(database, config, io);
    return 0;
  } catch (error) {
    if (!(error instanceof OperatorError)) throw error;
    io.err(error.message || `usage: ${usage}`);
    return error.exitCode;
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
