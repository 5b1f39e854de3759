import { Command, InvalidArgumentError } from 'commander';
import { SOURCES } from '@vigil/schemas';
import { ConfigError, loadConfig } from '../config.ts';
import { importFile } from './import-file.ts';
import { runRetentionOnce } from './retention.ts';

function sourceOption(value: string): string {
  if (!(SOURCES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`unknown source; one of ${SOURCES.join(', ')}`);
  }
  return value;
}

const program = new Command('vigil').description('Vigil operator commands (embedded store under VIGIL_DATA_DIR)');

program
  .command('import')
  .description('import a file of events (JSON, JSON array, NDJSON, or text lines) into the embedded store')
  .argument('<file>', 'the file to import ("-" for standard input)')
  .requiredOption('-s, --source <source>', `source of the events: ${SOURCES.join(', ')}`, sourceOption)
  .option('--no-progress', 'no progress bar')
  .action(async (file: string, options: { source: string; progress: boolean }) => {
    const summary = await importFile(loadConfig(), file, options.source, options.progress);
    process.exitCode = summary.accepted === 0 && summary.rejected > 0 ? 1 : 0;
  });

program
  .command('retention')
  .description('retention of events')
  .command('run')
  .description('delete the events the retention policy says have expired, now')
  .action(async () => {
    await runRetentionOnce(loadConfig());
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
