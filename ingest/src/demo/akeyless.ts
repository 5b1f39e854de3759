import { MINUTE, type SourceGenerator, type TimedRecord } from './clock.ts';
import { isoSeconds } from './format.ts';
import { EMAIL_DOMAIN, pickUser } from './people.ts';
import { stableHex, type Random } from './random.ts';

const DAY = 24 * 60 * MINUTE;

/** Akeyless items by kind; ids are stable so one certificate's warnings and expiry line up. */
const ITEMS = {
  CERTIFICATE: [
    `/prod/certs/api.${EMAIL_DOMAIN}`,
    `/prod/certs/auth.${EMAIL_DOMAIN}`,
    `/prod/certs/wildcard.${EMAIL_DOMAIN}`,
    '/prod/pki/mtls/payments-client',
    '/staging/certs/grafana',
  ],
  ROTATED_SECRET: [
    '/prod/db/postgres-admin',
    '/prod/ad/svc-backup',
    '/prod/aws/ci-deployer',
    '/prod/ssh/root-web-prod',
  ],
  DYNAMIC_SECRET: ['/prod/dynamic/aws-readonly', '/prod/dynamic/postgres-analytics'],
  STATIC_SECRET: ['/prod/static/stripe-api-key', '/shared/static/smtp-relay'],
} as const;
const AUTH_METHODS = ['/auth/k8s-prod', '/auth/github-actions', '/auth/saml-authentik', '/auth/api-key-ci'];
const GATEWAYS = [`https://gw-eu-1.${EMAIL_DOMAIN}:8000`, `https://gw-us-1.${EMAIL_DOMAIN}:8000`];

type ItemType = keyof typeof ITEMS;
type Element = Record<string, unknown>;

function item(rng: Random, type: ItemType): Element {
  const name = rng.pick(ITEMS[type]);
  return { name, item_id: parseInt(stableHex(`akeyless:${name}`, 8), 16), item_type: type };
}

const ERRORS = [
  'failed to connect to target: dial tcp 10.20.2.10:5432: connect: connection timed out',
  'rotation failed: permission denied for user "postgres"',
  'target returned 401 Unauthorized',
];

/** Event types of seed 000 with how often they fire and the element each produces. */
const EVENT_TYPES: readonly (readonly [string, number, (rng: Random, at: number) => Element])[] = [
  ['certificate-pending-expiration', 25, (rng, at) => certificate(rng, at + rng.pick([7, 14, 30]) * DAY)],
  ['certificate-expired', 6, (rng, at) => certificate(rng, at - rng.int(0, 3) * DAY)],
  ['certificate-provisioning-success', 3, (rng) => item(rng, 'CERTIFICATE')],
  ['rotated-secret-success', 20, (rng) => item(rng, 'ROTATED_SECRET')],
  ['rotated-secret-failure', 8, (rng) => ({ ...item(rng, 'ROTATED_SECRET'), payload: { error: rng.pick(ERRORS) } })],
  [
    'next-automatic-rotation',
    8,
    (rng, at) => ({ ...item(rng, 'ROTATED_SECRET'), payload: { next_rotation: isoSeconds(at + DAY) } }),
  ],
  ['dynamic-secret-failure', 3, (rng) => ({ ...item(rng, 'DYNAMIC_SECRET'), payload: { error: rng.pick(ERRORS) } })],
  [
    'secret-sync',
    2,
    (rng) => ({
      ...item(rng, 'STATIC_SECRET'),
      payload: { error: 'sync to AWS Secrets Manager failed: AccessDeniedException' },
    }),
  ],
  ['static-secret-updated', 6, (rng) => item(rng, 'STATIC_SECRET')],
  ['request-access', 6, requestAccess],
  ['usage_unused', 2, (rng) => ({ ...item(rng, 'STATIC_SECRET'), payload: { unused_days: rng.pick([90, 180]) } })],
  [
    'auth-method-pending-expiration',
    5,
    (rng, at) => ({ name: rng.pick(AUTH_METHODS), payload: { expires_at: isoSeconds(at + 30 * DAY) } }),
  ],
  ['multi-auth-failure', 4, (rng) => ({ name: rng.pick(AUTH_METHODS), payload: { failed_attempts: 5 } })],
  [
    'rate-limiting',
    3,
    (rng) => ({ name: rng.pick(AUTH_METHODS), payload: { threshold: 'requests per minute exceeded' } }),
  ],
  ['gateway-inactive', 3, (rng) => ({ name: rng.pick(GATEWAYS) })],
];
const TYPE_WEIGHTS = EVENT_TYPES.map((entry) => [entry, entry[1]] as const);

/** The documented "Certificate Event Format": expiry date and description under certificate_details. */
function certificate(rng: Random, expiresAt: number): Element {
  const cert = item(rng, 'CERTIFICATE');
  const description = `TLS certificate for ${String(cert.name).split('/').pop()}`;
  return { ...cert, payload: { certificate_details: { expires_at: isoSeconds(expiresAt), description } } };
}

function requestAccess(rng: Random): Element {
  const requester = pickUser(rng);
  const payload = { requester: requester.email, capabilities: ['read'], justification: 'incident follow-up' };
  return { ...item(rng, rng.chance(0.5) ? 'ROTATED_SECRET' : 'STATIC_SECRET'), payload };
}

/** The forwarder's key for an event type: the docs' examples spell a few of them this way. */
const FORWARDED_KEYS: Readonly<Record<string, string>> = {
  'certificate-expired': 'Certificate_Expired',
  'certificate-pending-expiration': 'certificate_pending_expiration',
  'request-access': 'Request_Access',
};

/**
 * One forwarded delivery: events grouped in arrays under their type, inside `Akeyless_Events`.
 * A periodic forwarder batches several types; certificate events also come in the bare
 * "Certificate Event Format" of the docs.
 */
function delivery(rng: Random, at: number): string {
  const types = rng.chance(0.2) ? 2 : 1;
  const grouped: Record<string, Element[]> = {};
  for (let t = 0; t < types; t++) {
    const [type, , build] = rng.weighted(TYPE_WEIGHTS);
    const key = FORWARDED_KEYS[type] ?? type;
    grouped[key] = Array.from(
      {
        length: rng.weighted([
          [1, 6],
          [2, 2],
          [3, 1],
        ] as const),
      },
      () => build(rng, at),
    );
  }
  const keys = Object.keys(grouped);
  const bare = keys.length === 1 && keys[0] === 'Certificate_Expired' && rng.chance(0.5);
  return JSON.stringify(bare ? grouped : { Akeyless_Events: grouped });
}

export const generateAkeyless: SourceGenerator = ({ rng, clock }, count) =>
  Array.from({ length: count }, (): TimedRecord => {
    const at = clock.sample();
    return { at, raw: delivery(rng, at) };
  });
