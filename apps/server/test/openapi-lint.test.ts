import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REDOCLY = fileURLToPath(new URL('../../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));

/**
 * The committed document (http-basics.test.ts checks it is what the routes generate) against
 * Redocly's `recommended` rules, configured in redocly.yaml at the root. Offline: no usage data
 * (telemetry: off there, and here) and no check for a newer version.
 */
describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error and no warning', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [REDOCLY, 'lint', 'openapi/openapi.json', '--format', 'json'],
        { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
        // Findings make it exit non-zero; the report is on stdout either way.
        (error, out) => (out ? resolve(out) : reject(error ?? new Error('no report'))),
      ),
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
