import { MINUTE } from './clock.ts';
import { javaDate } from './format.ts';
import { ADMINS, EMAIL_DOMAIN, INTERNAL_DOMAIN, pickAdmin, pickUser } from './people.ts';
import { stableHex, stableUuid, type Random } from './random.ts';

const DAY = 24 * 60 * MINUTE;

const RA_PROFILES = [
  { name: 'web-server-tls', authority: 'EJBCA Issuing CA', issuer: 'CN=Northwind Issuing CA 1,O=Northwind,C=CZ' },
  { name: 'internal-mtls', authority: 'EJBCA Issuing CA', issuer: 'CN=Northwind Issuing CA 1,O=Northwind,C=CZ' },
  { name: 'public-acme', authority: "Let's Encrypt", issuer: "CN=R11,O=Let's Encrypt,C=US" },
];

const CERTIFICATES = [
  [`api.${EMAIL_DOMAIN}`, 2],
  [`auth.${EMAIL_DOMAIN}`, 2],
  [`*.${EMAIL_DOMAIN}`, 2],
  [`vpn.${EMAIL_DOMAIN}`, 0],
  [`grafana.${INTERNAL_DOMAIN}`, 0],
  [`ldap.${INTERNAL_DOMAIN}`, 0],
  [`k8s-apiserver.${INTERNAL_DOMAIN}`, 1],
  ['payments-client', 1],
  [`smtp.${EMAIL_DOMAIN}`, 2],
  [`keeper-gateway.${INTERNAL_DOMAIN}`, 1],
] as const;

/** `yyyy-MM-dd'T'HH:mm:ssXXX`, the pattern of the certificate event data dates. */
function offsetDate(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * CertificateEventData + CertificateEventAuthorityData for one of the managed certificates;
 * `expiresInDays` places the expiry relative to the event (expiring and expired certificates).
 */
export function certificateData(rng: Random, at: number, withAuthority = true, expiresInDays?: number) {
  const [cn, profileIndex] = rng.pick(CERTIFICATES);
  const profile = RA_PROFILES[profileIndex] ?? RA_PROFILES[0];
  const lifetime = 397 * DAY;
  const notBefore = expiresInDays === undefined ? at - rng.int(30, 300) * DAY : at + expiresInDays * DAY - lifetime;
  const data = {
    certificateUuid: stableUuid(`cert:${cn}`),
    fingerprint: stableHex(`fingerprint:${cn}`, 64),
    serialNumber: stableHex(`serial:${cn}`, 40),
    subjectDn: `CN=${cn},O=Northwind,C=CZ`,
    issuerDn: profile?.issuer ?? null,
  };
  const authority = {
    authorityInstanceUuid: stableUuid(`authority:${profile?.authority}`),
    raProfileUuid: stableUuid(`ra-profile:${profile?.name}`),
    raProfileName: profile?.name ?? null,
  };
  return {
    ...data,
    ...(withAuthority ? authority : {}),
    notBefore: offsetDate(notBefore),
    expiresAt: offsetDate(notBefore + 397 * DAY),
  };
}

const STATUS_CHANGES = [
  ['Valid', 'Expiring', 10],
  ['Expiring', 'Expired', 3],
  ['Not checked', 'Valid', 4],
  ['Valid', 'Revoked', 1],
  ['Valid', 'Invalid', 0.5],
] as const;

const DISCOVERIES = ['network-scan-dmz', 'k8s-secrets-prod', 'azure-keyvault'];

function discovery(rng: Random) {
  const name = rng.pick(DISCOVERIES);
  return {
    discoveryUuid: rng.uuid(),
    discoveryName: name,
    discoveryUserUuid: pickAdmin(rng).uuid,
    discoveryConnectorUuid: stableUuid(`connector:${name}`),
    discoveryConnectorName: name.startsWith('network') ? 'Network-Discovery-Provider' : 'Kubernetes-Discovery-Provider',
  };
}

function approval(rng: Random, at: number, closed: boolean) {
  const creator = pickUser(rng);
  return {
    approvalUuid: rng.uuid(),
    approvalProfileUuid: stableUuid('approval-profile:two-person-rule'),
    approvalProfileName: 'two-person-rule',
    version: 1,
    status: closed
      ? rng.weighted([
          ['APPROVED', 8],
          ['REJECTED', 2],
          ['EXPIRED', 1],
        ] as const)
      : 'PENDING',
    expiryAt: javaDate(at + 2 * DAY),
    closedAt: closed ? javaDate(at) : null,
    resource: 'certificates',
    resourceAction: rng.pick(['issue', 'revoke']),
    objectUuid: rng.uuid(),
    creatorUuid: creator.uuid,
    creatorUsername: creator.username,
    recipientType: 'group',
    recipientUuid: stableUuid('group:pki-operators'),
  };
}

/** [ResourceEvent code, resource, weight, EventData builder], seed 002 and CZERTAINLY-Interfaces. */
export const CZERTAINLY_EVENTS: readonly (readonly [
  string,
  string,
  number,
  (rng: Random, at: number) => Record<string, unknown>,
])[] = [
  ['certificate_expiring', 'certificates', 30, (rng, at) => certificateData(rng, at, true, rng.int(1, 30))],
  [
    'certificate_status_changed',
    'certificates',
    20,
    (rng, at) => {
      const [oldStatus, newStatus] = rng.weighted(
        STATUS_CHANGES.map(([from, to, weight]) => [[from, to], weight] as const),
      );
      const expiresInDays =
        newStatus === 'Expiring' ? rng.int(1, 30) : newStatus === 'Expired' ? -rng.int(0, 2) : undefined;
      return { ...certificateData(rng, at, true, expiresInDays), oldStatus, newStatus };
    },
  ],
  [
    'certificate_action_performed',
    'certificates',
    15,
    (rng, at) => {
      const action = rng.weighted([
        ['issue', 4],
        ['renew', 5],
        ['rekey', 1],
        ['revoke', 1],
      ] as const);
      const failed = rng.chance(0.1);
      return {
        ...certificateData(rng, at),
        action,
        errorMessage: failed ? 'Connector returned 503: CA is not reachable' : null,
      };
    },
  ],
  [
    'certificate_discovered',
    'certificates',
    10,
    (rng, at) => ({ ...certificateData(rng, at, false), ...discovery(rng) }),
  ],
  [
    'certificate_not_compliant',
    'certificates',
    4,
    (rng, at) => ({
      ...certificateData(rng, at, false),
      complianceCheckResultDto: {
        status: 'nok',
        timestamp: javaDate(at),
        message: 'certificate does not comply with profile "web-server-baseline"',
        failedRules: [
          {
            uuid: stableUuid('rule:key-size'),
            name: 'key_size_min_3072',
            description: 'RSA key shorter than 3072 bits',
            status: 'nok',
            connectorUuid: stableUuid('connector:x509-compliance'),
            connectorName: 'X509-Compliance-Provider',
            kind: 'x509',
            resource: 'certificates',
            attributes: [],
          },
        ],
      },
    }),
  ],
  [
    'discovery_finished',
    'discoveries',
    5,
    (rng) => {
      const status = rng.weighted([
        ['completed', 8],
        ['warning', 1.5],
        ['failed', 0.5],
      ] as const);
      const total = status === 'failed' ? 0 : rng.int(3, 240);
      return {
        ...discovery(rng),
        discoveryStatus: status,
        totalCertificateDiscovered: total,
        discoveryMessage: status === 'failed' ? 'connection refused' : null,
      };
    },
  ],
  ['approval_requested', 'approvals', 6, (rng, at) => approval(rng, at, false)],
  ['approval_closed', 'approvals', 5, (rng, at) => approval(rng, at, true)],
  [
    'scheduled_job_finished',
    'jobs',
    7,
    (rng) => {
      const [jobName, jobType] = rng.pick([
        ['updateCertificateStatusJob', 'UpdateCertificateStatusTask'],
        ['discoveryCertificateJob', 'DiscoveryCertificateTask'],
        ['cbomSyncJob', 'CbomSyncTask'],
      ] as const);
      return {
        jobName,
        jobType,
        status: rng.chance(0.9) ? 'Succeeded' : 'Failed',
        userUuid: (ADMINS[0] ?? pickAdmin(rng)).uuid,
      };
    },
  ],
];
