import { countries, type TCountryCode } from 'countries-list';
import { AUTHENTIK_ACTIONS, authorizeApplication, loginFailed } from './authentik-actions.ts';
import { ANONYMOUS, asAuthentikUser, httpRequest, type AuthentikDraft } from './authentik-draft.ts';
import { MINUTE, type DemoClock, type SourceGenerator, type TimedRecord } from './clock.ts';
import { isoMicros, naiveMicros, pythonJson } from './format.ts';
import { AS_ORGANIZATIONS } from './ip-pool.ts';
import { EMAIL_DOMAIN, hostingAddress, pickUser, USERS, type ClientAddress } from './people.ts';
import { stableHex, type Random } from './random.ts';

/** Share of events forwarded as container log lines (shape B) rather than API event objects (shape A). */
const LOG_LINE_SHARE = 0.25;
const RETENTION_MS = 365 * 24 * 60 * MINUTE;
const HOST = `auth.${EMAIL_DOMAIN}`;
const BRAND = { pk: stableHex('brand:northwind', 32), app: 'authentik_brands', name: 'Northwind', model_name: 'brand' };
const WORKER_PIDS = [56, 57, 184, 312];

/** authentik adds GeoIP and ASN context to every event that has a public client address. */
function withNetworkContext(draft: AuthentikDraft): Record<string, unknown> {
  const geo = draft.address?.geo;
  if (!geo) return draft.context;
  const [, country, city, lat, long, asn, network] = geo;
  const continent = countries[country as TCountryCode]?.continent ?? '';
  return {
    ...draft.context,
    geo: { city, country, continent, lat, long },
    asn: { asn, as_org: AS_ORGANIZATIONS[asn] ?? null, network },
  };
}

/** Shape A: the Event object of the REST API, compact JSON in the API's key order. */
function eventObject(rng: Random, draft: AuthentikDraft, at: number): string {
  return JSON.stringify({
    pk: rng.uuid(),
    user: draft.user,
    action: draft.action,
    app: draft.app,
    context: withNetworkContext(draft),
    client_ip: draft.address?.ip ?? null,
    created: isoMicros(at, rng),
    expires: isoMicros(at + RETENTION_MS, rng),
    brand: BRAND,
  });
}

/** Shape B: the structlog line `Created Event`; request-bound keys only when a request caused it. */
function logLine(rng: Random, draft: AuthentikDraft, at: number): string {
  const http = draft.context.http_request as { request_id?: string } | undefined;
  const request = draft.address
    ? {
        auth_via: draft.user.pk === ANONYMOUS.pk ? 'unauthenticated' : 'session',
        domain_url: HOST,
        host: HOST,
        request_id: http?.request_id ?? rng.hex(32),
      }
    : {};
  return pythonJson({
    action: draft.action,
    client_ip: draft.address?.ip ?? null,
    context: withNetworkContext(draft),
    event: 'Created Event',
    level: 'info',
    logger: 'authentik.events.models',
    pid: rng.pick(WORKER_PIDS),
    schema_name: 'public',
    timestamp: naiveMicros(at, rng),
    user: draft.user,
    ...request,
  });
}

function render(rng: Random, draft: AuthentikDraft, at: number): TimedRecord {
  return { at, raw: rng.chance(LOG_LINE_SHARE) ? logLine(rng, draft, at) : eventObject(rng, draft, at) };
}

const GUESSED_USERNAMES = ['akadmin', 'admin', 'administrator', 'root', 'test', 'support', 'user'];

/** One foreign address hammering the login form at night: the spike analysts should spot first. */
function bruteForce(rng: Random, clock: DemoClock, size: number): TimedRecord[] {
  const attacker = hostingAddress(rng, ['RU', 'CN', 'VN', 'BR']);
  const targets = [...GUESSED_USERNAMES, ...USERS.slice(0, 6).map((user) => user.username)];
  let at = clock.fit(clock.atUtcHour(0.2 + rng.next() * 0.3, 2) + rng.int(0, 50) * MINUTE, size * 15_000);
  return Array.from({ length: size }, (_, index) => {
    at += rng.int(2_000, 14_000);
    const username = targets[index % targets.length] ?? 'admin';
    return render(rng, loginFailed(rng, username, attacker, 'python-requests/2.31.0'), clock.clamp(at));
  });
}

/**
 * A password spray: one attempt per known username from a cloud address, then one of them works.
 * The closing success from the same address is the thread an analyst pulls on.
 */
function passwordSpray(rng: Random, clock: DemoClock, size: number): TimedRecord[] {
  if (size < 3) return [];
  const sprayer: ClientAddress = hostingAddress(rng, ['NL', 'SG', 'US']);
  const agent =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  let at = clock.fit(clock.atUtcHour(0.55 + rng.next() * 0.3, 22), (size + 10) * 90_000);
  const attempts = Array.from({ length: size - 2 }, (_, index) => {
    at += rng.int(20_000, 90_000);
    const user = USERS[(index * 7) % USERS.length] ?? pickUser(rng);
    return render(rng, loginFailed(rng, user.username, sprayer, agent), clock.clamp(at));
  });
  const victim = pickUser(rng);
  const context = {
    auth_method: 'password',
    auth_method_args: { known_device: false },
    http_request: httpRequest(rng, 'POST', '/api/v3/flows/executor/default-authentication-flow/'),
  };
  const success: AuthentikDraft = {
    action: 'login',
    app: 'authentik.events.signals',
    user: asAuthentikUser(victim),
    context,
    address: sprayer,
  };
  at = clock.clamp(at + 3 * MINUTE);
  return [
    ...attempts,
    render(rng, success, at),
    render(rng, authorizeApplication(rng, victim, sprayer), clock.clamp(at + 40_000)),
  ];
}

export const generateAuthentik: SourceGenerator = ({ rng, clock }, count) => {
  const records = [
    ...bruteForce(rng, clock, Math.floor(count * 0.05)),
    ...passwordSpray(rng, clock, Math.floor(count * 0.02)),
  ];
  while (records.length < count) {
    const build = rng.weighted(AUTHENTIK_ACTIONS);
    records.push(render(rng, build(rng), clock.sample()));
  }
  return records.slice(0, count);
};
