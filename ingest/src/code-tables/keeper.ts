import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export { classifyKeeperEvent, type KeeperClassification } from './keeper-ecs.ts';

/**
 * Keeper ARAM event types → display names: Commander's `AUDIT_EVENT_STATE_MAPPING` (316 types),
 * kept as a CSV beside this module so the table can be refreshed from Commander without touching
 * code. Read once at import.
 */
export const KEEPER_EVENT_TYPES: ReadonlyMap<string, string> = loadEventTypes(
  new URL('./keeper-event-types.csv', import.meta.url),
);

function loadEventTypes(file: URL): ReadonlyMap<string, string> {
  const rows = parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  const table = new Map<string, string>();
  for (const row of rows) {
    const type = row.audit_event_type;
    const name = row.display_name;
    // A broken table must fail at start, not quietly turn every event into an unknown one.
    if (!type || !name) throw new Error(`keeper-event-types.csv: incomplete row ${JSON.stringify(row)}`);
    table.set(type, name);
  }
  return table;
}

/** The `${...}` variables Keeper's Secrets Manager message templates use (seed 001). */
export const KSM_TEMPLATE_VARIABLES = ['username', 'secret_uid', 'app_uid', 'device_name', 'device_ip'] as const;
export type KsmTemplateVariable = (typeof KSM_TEMPLATE_VARIABLES)[number];
export type KsmTemplateValues = Partial<Record<KsmTemplateVariable, string>>;

/**
 * Secrets Manager message templates, verbatim from seed 001 ("Secrets Manager Events"). Keeper
 * renders the same templates server-side (`get_audit_event_dimensions` → `syslog`); the ARAM push
 * carries only the variables, so Vigil renders them itself.
 */
export const KSM_MESSAGE_TEMPLATES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    app_record_shared: 'User ${username} shared record UID ${secret_uid} with KSM application ${app_uid}',
    app_folder_shared: 'User ${username} shared folder UID ${secret_uid} with KSM application ${app_uid}',
    app_record_removed: 'User ${username} removed record UID ${secret_uid} from KSM application ${app_uid}',
    app_folder_removed: 'User ${username} removed folder UID ${secret_uid} from KSM application ${app_uid}',
    app_record_share_changed:
      'User ${username} changed share permissions for record UID ${secret_uid} for KSM application ${app_uid}',
    app_folder_share_changed:
      'User ${username} changed share permissions for folder UID ${secret_uid} for KSM application ${app_uid}',
    app_client_added: 'User ${username} added KSM device ${device_name} to application ${app_uid}',
    app_client_removed: 'User ${username} removed KSM device ${device_name} from application ${app_uid}',
    app_client_connected: 'KSM device ${device_name} performed initial connect to application ${app_uid}',
    app_client_access: 'KSM device ${device_name} has accessed secrets from application ${app_uid}',
    app_client_record_update: 'KSM device ${device_name} has updated record UID ${secret_uid}',
    app_client_access_denied:
      'Access denied to record UID ${secret_uid} from device with blocked IP address ${device_ip}',
  }),
);

/**
 * Seed 001 lists one event by a title instead of its type name. Its template (blocked device IP)
 * is the only KSM denial, and Commander's KSM list names exactly one denial type.
 */
export const KSM_SEED_EVENT_TITLES: ReadonlyMap<string, string> = new Map([
  ['Access denied from blocked IP', 'app_client_access_denied'],
]);

/** What Commander prints for a template variable the event does not carry. */
export const MISSING_TEMPLATE_VALUE = '<missing>';

/** Fills a `${name}` template; absent variables read `<missing>`, as Commander renders them. */
export function renderKeeperTemplate(template: string, values: KsmTemplateValues): string {
  return template.replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    return values[name as KsmTemplateVariable] ?? MISSING_TEMPLATE_VALUE;
  });
}

/** The KSM message of an event type, or undefined when the type has no template. */
export function renderKsmMessage(eventType: string, values: KsmTemplateValues): string | undefined {
  const template = KSM_MESSAGE_TEMPLATES.get(eventType);
  return template === undefined ? undefined : renderKeeperTemplate(template, values);
}

/** Display name of an event type; an unknown type shows its raw name so nothing reads blank. */
export function keeperDisplayName(eventType: string): string {
  return KEEPER_EVENT_TYPES.get(eventType) ?? eventType;
}
