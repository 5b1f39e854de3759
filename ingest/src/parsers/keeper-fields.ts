import { KSM_TEMPLATE_VARIABLES, type KsmTemplateValues, type KsmTemplateVariable } from '../code-tables/keeper.ts';
import { asString, withoutNulls } from './event-builder.ts';
import type { KeeperRecord } from './keeper-records.ts';

/**
 * Where each KSM template variable is found in a raw Keeper row, first key present wins:
 * - `username`: `username`, the acting user in every shape.
 * - `secret_uid`: vendor/keeper.md lists `secret_uid` among the event fields; ARAM and Commander rows
 *   otherwise name the shared object by its own key, `record_uid` for a record and
 *   `shared_folder_uid` / `folder_uid` for a folder (folder events look for the folder keys first).
 * - `app_uid`: `app_uid` ("KSM app / PAM resource" in the field reference and Commander rows).
 * - `device_name`: `device_name` (field reference, Commander rows). The docs name no other key;
 *   `client_name` and `client_id`, which Keeper's KSM API uses for a client device, are accepted after it.
 * - `device_ip`: `device_ip` when sent; otherwise the address the event came from, `remote_address`
 *   (ARAM) or `ip_address` (Commander) — for a KSM device event that client is the device.
 * The template variable names themselves are always accepted first.
 */
const VARIABLE_KEYS: Readonly<Record<KsmTemplateVariable, readonly string[]>> = {
  username: ['username'],
  secret_uid: ['secret_uid', 'record_uid', 'shared_folder_uid', 'folder_uid'],
  app_uid: ['app_uid'],
  device_name: ['device_name', 'client_name', 'client_id'],
  device_ip: ['device_ip', 'remote_address', 'ip_address'],
};
const FOLDER_SECRET_KEYS = ['secret_uid', 'shared_folder_uid', 'folder_uid', 'record_uid'];

export function resolveTemplateValues(row: Record<string, unknown>, eventType: string): KsmTemplateValues {
  const values: KsmTemplateValues = {};
  for (const variable of KSM_TEMPLATE_VARIABLES) {
    const keys =
      variable === 'secret_uid' && eventType.includes('folder') ? FOLDER_SECRET_KEYS : VARIABLE_KEYS[variable];
    const value = keys.map((key) => asString(row[key])).find((found) => found !== undefined);
    if (value !== undefined) values[variable] = value;
  }
  return values;
}

/** Row keys the canonical event already carries elsewhere (event.action, user.*, @timestamp, event.id, message). */
const PROMOTED_KEYS = new Set([
  'audit_event',
  'audit_event_type',
  'username',
  'to_username',
  'timestamp',
  'created',
  'id',
  'message',
]);

/**
 * The `keeper` object: the vendor row minus what was promoted, the resolved object ids under the
 * template's names (so `keeper.secret_uid` finds a record whichever key carried it), the display
 * name, the wire shape and the wrapper's details.
 */
export function keeperVendorFields(
  record: KeeperRecord,
  values: KsmTemplateValues,
  displayName: string | undefined,
): Record<string, unknown> {
  const kept = Object.entries(record.row).filter(([key]) => !PROMOTED_KEYS.has(key));
  // fromEntries, not assignment, so a `__proto__` key stays an ordinary field.
  const vendor = Object.fromEntries(kept.map(([key, value]) => [key, withoutNulls(value)]));
  return {
    ...vendor,
    secret_uid: values.secret_uid,
    app_uid: values.app_uid,
    device_name: values.device_name,
    event_type_name: displayName,
    shape: record.shape,
    ...record.transport,
  };
}

/** The distinct non-empty values, or undefined when there are none. */
export function distinct(...values: Array<string | undefined>): string[] | undefined {
  const found = [...new Set(values.filter((value): value is string => value !== undefined))];
  return found.length > 0 ? found : undefined;
}
