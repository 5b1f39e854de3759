import type { SourceGenerator, TimedRecord } from './clock.ts';
import { isoMillis } from './format.ts';
import {
  CLIENT_VERSIONS,
  CONSOLE_VERSION,
  DEVICE_ADDRESSES,
  ENTERPRISE_ID,
  KSM_APPS,
  KSM_VERSION,
  RECORDS,
  SHARED_FOLDERS,
} from './keeper-catalog.ts';
import { clientAddress, hostingAddress, pickAdmin, pickUser } from './people.ts';
import type { Random } from './random.ts';

/** Share of events that arrive over the ARAM syslog push instead of as bare JSON. */
const SYSLOG_SHARE = 0.12;

/** One ARAM event before the envelope fields (timestamp, enterprise) are added. */
interface KeeperDraft {
  audit_event: string;
  category: string;
  username: string;
  remote_address: string;
  client_version: string;
  fields?: Record<string, unknown>;
}

/** A person doing something in their vault (or the console, for admins). */
function vaultEvent(event: string, category: string, fields?: (rng: Random) => Record<string, unknown>, admin = false) {
  return (rng: Random): KeeperDraft => {
    const user = admin ? pickAdmin(rng) : pickUser(rng);
    return {
      audit_event: event,
      category,
      username: user.email,
      remote_address: clientAddress(rng, user).ip,
      client_version: admin ? CONSOLE_VERSION : rng.pick(CLIENT_VERSIONS),
      fields: fields?.(rng),
    };
  };
}

const record = (rng: Random) => ({ record_uid: rng.pick(RECORDS).uid });

/**
 * Secrets Manager events (seed 001): the owner changes what an application may read, its client
 * devices connect and read. The template values ($secret_uid, $app_uid, $device_name) are fields.
 */
function ksmEvent(event: string, by: 'owner' | 'device') {
  return (rng: Random): KeeperDraft => {
    const app = rng.pick(KSM_APPS);
    const device = rng.pick(app.devices);
    const owner = app.owner ?? pickAdmin(rng);
    const secret = event.startsWith('app_folder')
      ? rng.pick(SHARED_FOLDERS).uid
      : rng.pick(app.records.length > 0 ? app.records : RECORDS).uid;
    const fields: Record<string, unknown> = { app_uid: app.uid };
    if (event.startsWith('app_record') || event.startsWith('app_folder') || event === 'app_client_record_update')
      fields.secret_uid = secret;
    if (event.startsWith('app_client')) fields.device_name = device;
    const byDevice = by === 'device';
    return {
      audit_event: event,
      category: 'ksm',
      username: owner.email,
      remote_address: byDevice ? (DEVICE_ADDRESSES[device] ?? '10.30.0.5') : clientAddress(rng, owner).ip,
      client_version: byDevice ? KSM_VERSION : 'Web Vault.16.10.5',
      fields,
    };
  };
}

/** A device outside the application's IP lock tries to read a secret ("Access denied from blocked IP"). */
function blockedDevice(rng: Random): KeeperDraft {
  const app = rng.pick(KSM_APPS);
  const intruder = hostingAddress(rng).ip;
  const draft = ksmEvent('app_client_access_denied', 'device')(rng);
  const secret = rng.pick(app.records.length > 0 ? app.records : RECORDS).uid;
  return {
    ...draft,
    remote_address: intruder,
    fields: { ...draft.fields, app_uid: app.uid, secret_uid: secret, device_ip: intruder },
  };
}

function rotation(event: string) {
  return (rng: Random): KeeperDraft => {
    const admin = pickAdmin(rng);
    return {
      audit_event: event,
      category: 'ksm',
      username: admin.email,
      remote_address: '10.30.0.9',
      client_version: 'KeeperPAM Gateway.1.4.2',
      fields: record(rng),
    };
  };
}

function loginFromBlockedNetwork(rng: Random): KeeperDraft {
  const user = pickUser(rng);
  return {
    audit_event: 'login_failed_ip_whitelist',
    category: 'login',
    username: user.email,
    remote_address: hostingAddress(rng).ip,
    client_version: rng.pick(CLIENT_VERSIONS),
  };
}

const share = (rng: Random) => ({ ...record(rng), to_username: pickUser(rng).email });
const folderRecord = (rng: Random) => ({ ...record(rng), shared_folder_uid: rng.pick(SHARED_FOLDERS).uid });

/** The everyday mix: logins and vault use by people, KSM reads by machines, rare admin and security events. */
const EVENTS: readonly (readonly [(rng: Random) => KeeperDraft, number])[] = [
  [vaultEvent('login', 'login'), 20],
  [vaultEvent('login_failure', 'login'), 3],
  [vaultEvent('login_console', 'login', undefined, true), 2],
  [vaultEvent('login_failed_console', 'login', undefined, true), 0.3],
  [loginFromBlockedNetwork, 0.3],
  [vaultEvent('two_factor_code_invalid', 'security'), 0.6],
  [vaultEvent('open_record', 'usage', record), 12],
  [vaultEvent('copy_password', 'usage', record), 8],
  [vaultEvent('fast_fill', 'usage', record), 8],
  [vaultEvent('record_update', 'usage', record), 7],
  [vaultEvent('record_add', 'usage', record), 3],
  [vaultEvent('record_delete', 'usage', record), 0.8],
  [vaultEvent('record_password_change', 'usage', record), 2],
  [vaultEvent('file_attachment_downloaded', 'usage', record), 1],
  [vaultEvent('exported_records', 'usage', (rng) => ({ file_format: rng.pick(['csv', 'json']) })), 0.2],
  [vaultEvent('share', 'share', share), 1.5],
  [vaultEvent('folder_add_record', 'share', folderRecord), 1.5],
  [vaultEvent('change_master_password', 'security'), 0.3],
  [vaultEvent('set_two_factor_on', 'security', (rng) => ({ channel: rng.pick(['totp', 'webauthn', 'sms']) })), 0.3],
  [vaultEvent('bw_record_high_risk', 'breachwatch', record), 0.3],
  [ksmEvent('app_client_access', 'device'), 10],
  [ksmEvent('app_client_record_update', 'device'), 1.5],
  [ksmEvent('app_client_connected', 'device'), 0.6],
  [ksmEvent('app_record_shared', 'owner'), 2],
  [ksmEvent('app_folder_shared', 'owner'), 0.8],
  [ksmEvent('app_record_removed', 'owner'), 0.5],
  [ksmEvent('app_folder_removed', 'owner'), 0.2],
  [ksmEvent('app_record_share_changed', 'owner'), 0.4],
  [ksmEvent('app_folder_share_changed', 'owner'), 0.2],
  [ksmEvent('app_client_added', 'owner'), 0.6],
  [ksmEvent('app_client_removed', 'owner'), 0.3],
  [blockedDevice, 0.4],
  [rotation('record_rotation_scheduled_ok'), 1.5],
  [rotation('record_rotation_scheduled_fail'), 0.3],
  [rotation('record_rotation_on_demand_ok'), 0.3],
];

/** ARAM JSON: the envelope fields first, then the event's own. */
function aramJson(draft: KeeperDraft, timestamp: string | undefined): string {
  const { fields, ...envelope } = draft;
  return JSON.stringify({ ...envelope, timestamp, enterprise_id: ENTERPRISE_ID, ...fields });
}

/** The syslog push puts the time in the RFC 5424 header; the JSON after it carries none. */
function render(rng: Random, draft: KeeperDraft, at: number): TimedRecord {
  if (rng.chance(SYSLOG_SHARE))
    return { at, raw: `<165>1 ${isoMillis(at)} keepersecurity.com keeper - - - ${aramJson(draft, undefined)}` };
  return { at, raw: aramJson(draft, isoMillis(at)) };
}

export const generateKeeper: SourceGenerator = ({ rng, clock }, count) =>
  Array.from({ length: count }, () => render(rng, rng.weighted(EVENTS)(rng), clock.sample()));
