import { SyslogListener, type RawTransport } from '@vigil/ingest';
import type { SourceName } from '@vigil/schemas';
import type { VigilConfig } from './config.ts';

/** The syslog listener of either mode: its lines go to the mode's transport like any other input's. */
export async function startSyslog(
  settings: NonNullable<VigilConfig['syslog']>,
  transport: RawTransport,
  maxLineBytes: number,
): Promise<SyslogListener> {
  const listener = new SyslogListener(transport, {
    ...settings,
    source: settings.source as SourceName,
    maxLineBytes,
  });
  await listener.start();
  return listener;
}
