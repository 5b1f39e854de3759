import { MINUTE, type DemoClock, type SourceGenerator, type TimedRecord } from './clock.ts';
import { isoMicros } from './format.ts';
import { HOSTS, clientAddress, pickUser, privateAddress, type DemoHost, type DemoUser } from './people.ts';
import { actorAttrs, BLOCKED_COMMANDS, COMMANDS, FILES, PRIVX_CODES, PROXY, type PrivxStep } from './privx-catalog.ts';
import { adminChange, singleEvent } from './privx-admin.ts';
import { stableUuid, type Random } from './random.ts';

const INSTANCES = ['privx-eu-1', 'privx-eu-2'];
const VERSION = '35.2';

function personAttrs(rng: Random, user: DemoUser) {
  return actorAttrs(rng, user, clientAddress(rng, user).ip);
}

function connectionAttrs(rng: Random, host: DemoHost, mode: string) {
  return {
    connectionID: rng.uuid(),
    accessGroupID: stableUuid(`access-group:${host.protocol === 'RDP' ? 'Windows servers' : 'Production'}`),
    hostID: host.id,
    hostAddress: `${host.address}:${host.protocol === 'RDP' ? 3389 : 22}`,
    hostName: host.name,
    targetUsername: rng.pick(host.accounts),
    connectionType: host.protocol,
    connectionMode: mode,
  };
}

function webLogin(rng: Random): PrivxStep[] {
  const base = personAttrs(rng, pickUser(rng));
  const steps: PrivxStep[] = [];
  if (rng.chance(0.15))
    steps.push({ after: 0, code: 102, attrs: { ...base, message: 'invalid username or password' } });
  if (rng.chance(0.6)) {
    steps.push({ after: rng.int(2_000, 9_000), code: 103, attrs: base });
    steps.push({ after: rng.int(8_000, 40_000), code: 104, attrs: base });
  }
  steps.push({ after: rng.int(500, 2_000), code: 100, attrs: base });
  steps.push({ after: rng.int(200, 900), code: 106, attrs: base });
  if (rng.chance(0.6)) steps.push({ after: rng.int(20, 400) * MINUTE, code: 101, attrs: base });
  else if (rng.chance(0.4)) steps.push({ after: rng.int(60, 240) * MINUTE, code: 142, attrs: base });
  return steps;
}

/** A full proxied connection, from request to close, with what happens in between. */
export function connection(
  rng: Random,
  user: Pick<DemoUser, 'username' | 'uuid'>,
  address: string,
  host: DemoHost,
  mode = 'UI',
): PrivxStep[] {
  const attrs = { ...actorAttrs(rng, user, address), ...connectionAttrs(rng, host, mode) };
  const protocol = host.protocol;
  const step: StepMaker = (after, code, extra = {}) => ({ after, code, attrs: { ...attrs, ...extra }, protocol });
  const ssh = protocol === 'SSH';
  const steps = [step(0, 300), step(rng.int(100, 600), 400), step(rng.int(50, 300), 401)];
  steps.push(step(rng.int(100, 900), ssh ? 324 : 337), step(rng.int(100, 700), 301));
  // Channels (sessions) and command control exist on SSH only; RDP goes straight to the trail.
  if (ssh) steps.push(step(rng.int(100, 500), 310));
  steps.push(step(rng.int(50, 300), 1000));
  for (let i = rng.int(0, 3); i > 0; i--) steps.push(inSession(rng, step, ssh));
  if (ssh) steps.push(step(rng.int(2, 90) * MINUTE, 311));
  steps.push(step(ssh ? rng.int(50, 400) : rng.int(5, 120) * MINUTE, 303));
  return steps;
}

type StepMaker = (after: number, code: number, extra?: Record<string, unknown>) => PrivxStep;

function inSession(rng: Random, step: StepMaker, ssh: boolean): PrivxStep {
  const after = rng.int(1, 20) * MINUTE;
  const kind = rng.weighted([
    [1801, ssh ? 4 : 0],
    [321, 2],
    [320, 1.5],
    [1803, ssh ? 0.6 : 0],
    [323, 0.3],
  ] as const);
  if (kind === 1801) return step(after, kind, { command: rng.pick(COMMANDS) });
  if (kind === 1803) return step(after, kind, { command: rng.pick(BLOCKED_COMMANDS) });
  if (kind === 323) return step(after, kind, { fileName: '/etc/shadow' });
  return step(after, kind, { fileName: rng.pick(FILES) });
}

function userConnection(rng: Random): PrivxStep[] {
  const user = pickUser(rng);
  return connection(rng, user, clientAddress(rng, user).ip, rng.pick(HOSTS), rng.chance(0.2) ? 'TUNNEL' : 'UI');
}

function refusedConnection(rng: Random): PrivxStep[] {
  const user = pickUser(rng);
  const host = rng.pick(HOSTS);
  const attrs = { ...personAttrs(rng, user), ...connectionAttrs(rng, host, 'UI') };
  const [code, message] = rng.pick([
    [302, 'no role grants access to the target account'],
    [304, 'dial tcp: i/o timeout'],
    [325, 'host key does not match the saved key'],
  ] as const);
  return [
    { after: 0, code: 300, attrs, protocol: host.protocol },
    { after: rng.int(200, 3_000), code, attrs: { ...attrs, message }, protocol: host.protocol },
  ];
}

function databaseSession(rng: Random): PrivxStep[] {
  const attrs = {
    ...personAttrs(rng, pickUser(rng)),
    hostAddress: '10.20.2.11:5432',
    targetUsername: 'readonly',
    databaseProtocol: 'postgres',
  };
  return [
    { after: 0, code: 2000, attrs },
    { after: rng.int(1, 45) * MINUTE, code: 2001, attrs },
  ];
}

/** Everyday scenarios: logins and connections dominate, as on any PAM deployment. */
const SCENARIOS: readonly (readonly [(rng: Random) => PrivxStep[], number])[] = [
  [webLogin, 30],
  [userConnection, 30],
  [refusedConnection, 3],
  [databaseSession, 4],
  [adminChange, 5],
  [singleEvent, 18],
];

function toRecord(rng: Random, at: number, step: PrivxStep): TimedRecord {
  const entry = PRIVX_CODES[step.code];
  if (!entry) throw new Error(`privx code ${step.code} missing from the catalog`);
  const [name, severity, owner] = entry;
  const service = owner === PROXY ? (step.protocol === 'RDP' ? 'rdp-proxy' : 'ssh-proxy') : owner;
  const created = isoMicros(at, rng);
  const message = {
    'SSH-PrivX-service': service,
    'audit-exposure': step.code === 1402 || step.code === 1740 ? 'SSH-PRIVX-SENSITIVE-AUDIT' : 'SSH-PRIVX-AUDIT',
    instanceName: rng.pick(INSTANCES),
    severity,
    timestamp: created,
    version: VERSION,
    ...step.attrs,
  };
  const event = {
    id: rng.uuid(),
    service_id: stableUuid(`privx-service:${service}`),
    service_name: service,
    event_id: String(step.code),
    event_name: name,
    created,
    message,
  };
  return { at, raw: JSON.stringify(event) };
}

function place(rng: Random, clock: DemoClock, steps: PrivxStep[], start: number): TimedRecord[] {
  const span = steps.reduce((sum, step) => sum + step.after, 0);
  let at = clock.fit(start, span);
  return steps.map((step) => toRecord(rng, (at += step.after), step));
}

/** An automation account fanning out over every host at once: the connection chart's spike. */
function sessionStorm(rng: Random, clock: DemoClock, size: number): TimedRecord[] {
  if (size === 0) return [];
  const robot = { username: 'svc-ansible', uuid: stableUuid('user:svc-ansible') };
  const runner = privateAddress(rng);
  const start = clock.fit(clock.atUtcHour(0.7 + rng.next() * 0.2, 14) + rng.int(0, 40) * MINUTE, 20 * MINUTE);
  const records: TimedRecord[] = [];
  while (records.length < size) {
    const host = rng.pick(HOSTS.filter((candidate) => candidate.protocol === 'SSH'));
    const steps = connection(rng, robot, runner, host, 'TUNNEL').map((step) => ({
      ...step,
      after: Math.min(step.after, 40_000),
    }));
    records.push(...place(rng, clock, rng.chance(0.1) ? overLicence(steps) : steps, start + rng.int(0, 18) * MINUTE));
  }
  return records.slice(0, size);
}

/** Past the licensed connection count, PrivX warns and rejects the request. */
function overLicence(steps: PrivxStep[]): PrivxStep[] {
  const [requested] = steps;
  if (!requested) return steps;
  const warning = { after: 300, code: 903, attrs: { message: 'licensed concurrent connection count exceeded' } };
  return [requested, warning, { ...requested, after: 200, code: 302 }];
}

export const generatePrivx: SourceGenerator = ({ rng, clock }, count) => {
  const records = sessionStorm(rng, clock, Math.floor(count * 0.08));
  while (records.length < count) {
    const scenario = rng.weighted(SCENARIOS);
    records.push(...place(rng, clock, scenario(rng), clock.sample()));
  }
  return records.slice(0, count);
};
