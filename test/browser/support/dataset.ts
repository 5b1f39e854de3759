import { randomUUID } from 'node:crypto';

/**
 * Known authentik events for the browser tests, so every count the UI shows can be checked exactly.
 * Locations come from the vendor's own `context.geo` (kept as `source.geo`; enrichment does not
 * overwrite it), at points well inside their countries so a click on the map hits the country.
 *
 * Two bursts inside the default 24 h range: an older one (5 h ago) and a recent one (the last
 * 80 minutes), far enough apart that brushing the chart can select the older one alone.
 */
export interface Place {
  city: string;
  country: string;
  continent: string;
  lat: number;
  long: number;
}

export const PLACES = {
  berlin: { city: 'Berlin', country: 'DE', continent: 'EU', lat: 52.52, long: 13.4 },
  wichita: { city: 'Wichita', country: 'US', continent: 'NA', lat: 37.69, long: -97.34 },
  matsumoto: { city: 'Matsumoto', country: 'JP', continent: 'AS', lat: 36.24, long: 137.97 },
  aliceSprings: { city: 'Alice Springs', country: 'AU', continent: 'OC', lat: -23.7, long: 133.88 },
} as const satisfies Record<string, Place>;

interface Burst {
  place: Place;
  user: string;
  action: 'login' | 'login_failed';
  count: number;
}

const OLDER: readonly Burst[] = [
  { place: PLACES.berlin, user: 'alice', action: 'login', count: 6 },
  { place: PLACES.wichita, user: 'bob', action: 'login_failed', count: 4 },
];
const RECENT: readonly Burst[] = [
  { place: PLACES.berlin, user: 'alice', action: 'login_failed', count: 6 },
  { place: PLACES.wichita, user: 'bob', action: 'login', count: 3 },
  { place: PLACES.matsumoto, user: 'carol', action: 'login', count: 5 },
  { place: PLACES.aliceSprings, user: 'dave', action: 'login', count: 3 },
];

const sum = (bursts: readonly Burst[]) => bursts.reduce((total, burst) => total + burst.count, 0);

/** What the tests expect to see. */
export const EXPECTED = {
  total: sum(OLDER) + sum(RECENT),
  older: sum(OLDER),
  byUser: { alice: 12, bob: 7, carol: 5, dave: 3 },
  byCountry: { DE: 12, US: 7, JP: 5, AU: 3 },
  failedLogins: [...OLDER, ...RECENT]
    .filter((burst) => burst.action === 'login_failed')
    .reduce((n, b) => n + b.count, 0),
} as const;

export function authentikRecord(options: {
  at: Date;
  user: string;
  action: string;
  place?: Place;
  context?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    pk: randomUUID(),
    user: { pk: 7, email: `${options.user}@example.test`, username: options.user },
    action: options.action,
    app: 'authentik.events.signals',
    context: { ...(options.place ? { geo: options.place } : {}), ...options.context },
    client_ip: '10.20.30.40',
    created: options.at.toISOString(),
  };
}

/** The located logins, as NDJSON for POST /api/v1/ingest/authentik. */
export function locatedLogins(now: number): string {
  const lines: Record<string, unknown>[] = [];
  let index = 0;
  for (const burst of OLDER) {
    for (let i = 0; i < burst.count; i++, index++) {
      const at = new Date(now - 5 * 3_600_000 + index * 5 * 60_000);
      lines.push(authentikRecord({ at, user: burst.user, action: burst.action, place: burst.place }));
    }
  }
  index = 0;
  for (const burst of RECENT) {
    for (let i = 0; i < burst.count; i++, index++) {
      const at = new Date(now - 80 * 60_000 + index * 3 * 60_000);
      lines.push(authentikRecord({ at, user: burst.user, action: burst.action, place: burst.place }));
    }
  }
  return lines.map((line) => JSON.stringify(line)).join('\n');
}

export const EMAIL_CHANGE = { old: 'erin.old@example.test', new: 'erin.new@example.test' };

/** An authentik model_updated two days ago (outside the default range) with a field diff. */
export function modelUpdated(now: number): string {
  return JSON.stringify(
    authentikRecord({
      at: new Date(now - 2 * 86_400_000),
      user: 'akadmin',
      action: 'model_updated',
      place: PLACES.berlin,
      context: {
        model: { app: 'authentik_core', model_name: 'user', name: 'erin', pk: 42 },
        diff: { email: { previous_value: EMAIL_CHANGE.old, new_value: EMAIL_CHANGE.new } },
      },
    }),
  );
}
