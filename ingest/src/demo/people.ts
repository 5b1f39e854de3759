import { HOSTING_IPV4, ISP_IPV4, ISP_IPV6, type PoolEntry } from './ip-pool.ts';
import { stableHex, stableUuid, type Random } from './random.ts';

/** A reserved TLD: the demo must never produce an address that mails a real person. */
export const EMAIL_DOMAIN = 'northwind.example';
export const INTERNAL_DOMAIN = 'northwind.internal';

export interface DemoUser {
  username: string;
  name: string;
  email: string;
  /** ISO country the person usually works from. */
  country: string;
  admin: boolean;
  /** authentik's integer primary key. */
  pk: number;
  /** PrivX / CZERTAINLY user UUID. */
  uuid: string;
  /** how often this person shows up relative to others */
  activity: number;
}

/** [username, display name, home country, is admin] — a distributed company, HQ in Prague and Berlin. */
const STAFF: readonly (readonly [string, string, string, boolean?])[] = [
  ['akadmin', 'authentik Default Admin', 'CZ', true],
  ['jana.novak', 'Jana Novák', 'CZ', true],
  ['markus.schmidt', 'Markus Schmidt', 'DE', true],
  ['samuel.okafor', 'Samuel Okafor', 'GB', true],
  ['priya.raman', 'Priya Raman', 'IN', true],
  ['lukas.dvorak', 'Lukáš Dvořák', 'CZ'],
  ['petra.svobodova', 'Petra Svobodová', 'CZ'],
  ['tomas.cerny', 'Tomáš Černý', 'CZ'],
  ['anna.weber', 'Anna Weber', 'DE'],
  ['jonas.becker', 'Jonas Becker', 'DE'],
  ['lea.fischer', 'Lea Fischer', 'CH'],
  ['oliver.hughes', 'Oliver Hughes', 'GB'],
  ['emma.clarke', 'Emma Clarke', 'GB'],
  ['camille.dubois', 'Camille Dubois', 'FR'],
  ['hugo.martin', 'Hugo Martin', 'FR'],
  ['sanne.devries', 'Sanne de Vries', 'NL'],
  ['erik.lindqvist', 'Erik Lindqvist', 'SE'],
  ['aino.virtanen', 'Aino Virtanen', 'FI'],
  ['katarzyna.nowak', 'Katarzyna Nowak', 'PL'],
  ['javier.garcia', 'Javier García', 'ES'],
  ['giulia.rossi', 'Giulia Rossi', 'IT'],
  ['joao.silva', 'João Silva', 'PT'],
  ['michael.johnson', 'Michael Johnson', 'US'],
  ['sarah.miller', 'Sarah Miller', 'US'],
  ['david.chen', 'David Chen', 'US'],
  ['emilie.tremblay', 'Émilie Tremblay', 'CA'],
  ['carlos.hernandez', 'Carlos Hernández', 'MX'],
  ['lucas.oliveira', 'Lucas Oliveira', 'BR'],
  ['martina.gomez', 'Martina Gómez', 'AR'],
  ['diego.munoz', 'Diego Muñoz', 'CL'],
  ['valentina.rojas', 'Valentina Rojas', 'CO'],
  ['haruto.sato', 'Haruto Sato', 'JP'],
  ['minji.kim', 'Min-ji Kim', 'KR'],
  ['wei.zhang', 'Wei Zhang', 'SG'],
  ['linh.nguyen', 'Linh Nguyen', 'VN'],
  ['noa.levi', 'Noa Levi', 'IL'],
  ['omar.haddad', 'Omar Haddad', 'AE'],
  ['thabo.nkosi', 'Thabo Nkosi', 'ZA'],
  ['chioma.eze', 'Chioma Eze', 'NG'],
  ['wanjiru.kamau', 'Wanjiru Kamau', 'KE'],
  ['youssef.benali', 'Youssef Benali', 'MA'],
  ['mariam.hassan', 'Mariam Hassan', 'EG'],
  ['jack.wilson', 'Jack Wilson', 'AU'],
  ['aroha.ngata', 'Aroha Ngata', 'NZ'],
];

const HQ_COUNTRIES = new Set(['CZ', 'DE', 'GB', 'US']);

export const USERS: readonly DemoUser[] = STAFF.map(([username, name, country, admin = false], index) => ({
  username,
  name,
  email: `${username}@${EMAIL_DOMAIN}`,
  country,
  admin,
  pk: index + 4,
  uuid: stableUuid(`user:${username}`),
  activity: (admin ? 2 : 1) * (HQ_COUNTRIES.has(country) ? 1.6 : 1),
}));

export const ADMINS: readonly DemoUser[] = USERS.filter((user) => user.admin && user.username !== 'akadmin');

const USER_WEIGHTS = USERS.map((user) => [user, user.activity] as const);

export function pickUser(rng: Random): DemoUser {
  return rng.weighted(USER_WEIGHTS);
}

export function pickAdmin(rng: Random): DemoUser {
  return rng.pick(ADMINS);
}

/** A server PrivX can reach; `protocol` decides SSH or RDP flavoured events. */
export interface DemoHost {
  name: string;
  address: string;
  id: string;
  protocol: 'SSH' | 'RDP';
  accounts: readonly string[];
}

const HOST_TABLE: readonly (readonly [string, string, 'SSH' | 'RDP', readonly string[]])[] = [
  ['bastion-eu-01', '10.20.0.10', 'SSH', ['ops', 'root']],
  ['web-prod-01', '10.20.1.11', 'SSH', ['deploy', 'ubuntu', 'root']],
  ['web-prod-02', '10.20.1.12', 'SSH', ['deploy', 'ubuntu', 'root']],
  ['web-prod-03', '10.20.1.13', 'SSH', ['deploy', 'ubuntu']],
  ['api-prod-01', '10.20.1.21', 'SSH', ['deploy', 'ubuntu']],
  ['api-prod-02', '10.20.1.22', 'SSH', ['deploy', 'ubuntu']],
  ['db-prod-01', '10.20.2.10', 'SSH', ['postgres', 'root']],
  ['db-prod-02', '10.20.2.11', 'SSH', ['postgres', 'root']],
  ['k8s-node-01', '10.20.3.11', 'SSH', ['core']],
  ['k8s-node-02', '10.20.3.12', 'SSH', ['core']],
  ['k8s-node-03', '10.20.3.13', 'SSH', ['core']],
  ['ci-runner-01', '10.30.0.5', 'SSH', ['gitlab-runner', 'root']],
  ['monitoring-01', '10.20.6.10', 'SSH', ['ops']],
  ['files-01', '10.20.4.10', 'SSH', ['sftp', 'root']],
  ['win-ad-01', '10.20.5.10', 'RDP', ['Administrator', 'NORTHWIND\\svc-backup']],
  ['win-jump-01', '10.20.5.20', 'RDP', ['Administrator']],
];

export const HOSTS: readonly DemoHost[] = HOST_TABLE.map(([name, address, protocol, accounts]) => ({
  name: `${name}.${INTERNAL_DOMAIN}`,
  address,
  id: stableUuid(`host:${name}`),
  protocol,
  accounts,
}));

export interface ClientAddress {
  ip: string;
  /** the pool entry when the address is public (geo/asn context); absent for private addresses */
  geo?: PoolEntry;
}

function byCountry(entries: readonly PoolEntry[]): ReadonlyMap<string, readonly PoolEntry[]> {
  const map = new Map<string, PoolEntry[]>();
  for (const entry of entries) map.set(entry[1], [...(map.get(entry[1]) ?? []), entry]);
  return map;
}
const HOME_IPV4 = byCountry(ISP_IPV4);
const HOME_IPV6 = byCountry(ISP_IPV6);

/** Where a person's traffic comes from: mostly home, sometimes the office LAN, now and then abroad. */
export function clientAddress(rng: Random, user: DemoUser): ClientAddress {
  if (rng.chance(0.1)) return { ip: privateAddress(rng, user) };
  if (rng.chance(0.03)) return fromEntry(rng.pick(ISP_IPV4));
  const v6 = HOME_IPV6.get(user.country);
  if (v6 && rng.chance(0.2)) return fromEntry(rng.pick(v6));
  const home = HOME_IPV4.get(user.country);
  if (!home) throw new Error(`no pool address for ${user.country}`);
  // Each person mostly keeps one line: the first choice depends on the name, not the seed.
  const usual = home[parseInt(stableHex(user.username, 4), 16) % home.length];
  return fromEntry(usual && rng.chance(0.75) ? usual : rng.pick(home));
}

/** An office LAN or VPN address, stable per person as DHCP leases tend to be. */
export function privateAddress(rng: Random, user?: DemoUser): string {
  const seed = parseInt(stableHex(user?.username ?? 'anon', 4), 16);
  if (rng.chance(0.3)) return `192.168.${rng.pick([0, 1, 10, 178])}.${(seed % 200) + 20}`;
  return `10.${rng.pick([20, 40, 99])}.${8 + (seed % 8)}.${(seed % 230) + 12}`;
}

export function hostingAddress(rng: Random, countries?: readonly string[]): ClientAddress {
  const pool = countries ? HOSTING_IPV4.filter((entry) => countries.includes(entry[1])) : HOSTING_IPV4;
  return fromEntry(rng.pick(pool.length > 0 ? pool : HOSTING_IPV4));
}

function fromEntry(entry: PoolEntry): ClientAddress {
  return { ip: entry[0], geo: entry };
}

export const USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
];
