import { MINUTE } from './clock.ts';
import { HOSTS, clientAddress, pickAdmin, pickUser, type DemoUser } from './people.ts';
import { ACCESS_GROUPS, actorAttrs, PRIVX_ROLES, VAULT_SECRETS, type PrivxStep } from './privx-catalog.ts';
import { stableUuid, type Random } from './random.ts';

type Modifications = Record<string, { old_value: unknown; new_value: unknown }>;

function personAttrs(rng: Random, user: DemoUser) {
  return actorAttrs(rng, user, clientAddress(rng, user).ip);
}

function role(name: string) {
  return { id: stableUuid(`role:${name}`), name, grant_type: 'GRANT' };
}

/** What an administrator changed, as PrivX records it: per-path old and new values. */
function modification(rng: Random): { code: number; attrs: Record<string, unknown>; modifications: Modifications } {
  const target = pickUser(rng);
  const kind = rng.weighted([
    [802, 3],
    [220, 3],
    [501, 1.5],
    [202, 1],
    [451, 0.7],
    [1501, 0.6],
  ] as const);
  if (kind === 802) {
    const host = rng.pick(HOSTS);
    const index = rng.int(0, 2);
    const principal = rng.pick(host.accounts);
    const name = rng.pick(PRIVX_ROLES);
    const adding = rng.chance(0.7);
    const change = (value: string) =>
      adding ? { old_value: '', new_value: value } : { old_value: value, new_value: '' };
    const modifications = {
      [`Principals.${index}.Principal`]: change(principal),
      [`Principals.${index}.Roles.0.Name`]: change(name),
      [`Principals.${index}.Roles.0.ID`]: change(stableUuid(`role:${name}`)),
    };
    return { code: kind, attrs: { hostID: host.id, hostName: host.name }, modifications };
  }
  if (kind === 220) {
    const before = [role('developers-ssh')];
    const after = rng.chance(0.7) ? [...before, role(rng.pick(PRIVX_ROLES))] : [];
    return {
      code: kind,
      attrs: { targetUserID: target.uuid },
      modifications: { Roles: { old_value: before, new_value: after } },
    };
  }
  if (kind === 501) {
    const modifications: Modifications = rng.chance(0.5)
      ? { Disabled: { old_value: false, new_value: true } }
      : { Tags: { old_value: [], new_value: ['contractor'] } };
    return { code: kind, attrs: { targetUserID: target.uuid }, modifications };
  }
  if (kind === 202) {
    const before = ['connections-view'];
    const modifications = { Permissions: { old_value: before, new_value: [...before, 'connections-manual'] } };
    return { code: kind, attrs: { roleID: stableUuid('role:ops-ssh'), roleName: 'ops-ssh' }, modifications };
  }
  if (kind === 451) {
    const group = rng.pick(ACCESS_GROUPS);
    return {
      code: kind,
      attrs: { accessGroupID: stableUuid(`access-group:${group}`) },
      modifications: { Comment: { old_value: '', new_value: `${group} hosts` } },
    };
  }
  return {
    code: kind,
    attrs: {},
    modifications: { 'auth.session_timeout': { old_value: '30', new_value: rng.pick(['15', '60']) } },
  };
}

export function adminChange(rng: Random): PrivxStep[] {
  const { code, attrs, modifications } = modification(rng);
  // privx-reporter accepts modifications as an object or as a JSON-encoded string; both occur.
  const encoded = rng.chance(0.25) ? JSON.stringify(modifications) : modifications;
  return [{ after: 0, code, attrs: { ...personAttrs(rng, pickAdmin(rng)), ...attrs, modifications: encoded } }];
}

const SYSTEM_MESSAGES: Readonly<Record<number, string>> = {
  11: 'service is running',
  805: 'host service connection failed: connection refused',
  1304: 'database clock differs by 4.2s',
  1706: 'ssh: handshake failed: unable to authenticate, attempted methods [none password]',
  1707: 'password rotated',
  1203: 'transcript indexed',
};

function system(code: number, extra: Record<string, unknown> = {}): PrivxStep[] {
  return [{ after: 0, code, attrs: { message: SYSTEM_MESSAGES[code] ?? '', ...extra } }];
}

function workflow(rng: Random): PrivxStep[] {
  const requester = personAttrs(rng, pickUser(rng));
  const approver = personAttrs(rng, pickAdmin(rng));
  const requestID = rng.uuid();
  const roleName = rng.pick(PRIVX_ROLES);
  return [
    {
      after: 0,
      code: 610,
      attrs: { ...requester, requestID, roleName, message: 'Need temporary access for incident follow-up' },
    },
    {
      after: rng.int(3, 90) * MINUTE,
      code: 620,
      attrs: { ...approver, requestID, roleName, decision: rng.chance(0.85) ? 'approved' : 'denied' },
    },
    { after: rng.int(200, 2_000), code: 910, attrs: { ...requester, roleName } },
  ];
}

function checkout(rng: Random): PrivxStep[] {
  const attrs = { ...personAttrs(rng, pickUser(rng)), secretName: `root@${rng.pick(HOSTS).name}` };
  return [
    { after: 0, code: 1740, attrs },
    { after: rng.int(10, 120) * MINUTE, code: 1741, attrs },
  ];
}

function networkSession(rng: Random): PrivxStep[] {
  const attrs = { ...personAttrs(rng, pickUser(rng)), networkTarget: 'prod-k8s-api', destination: '10.20.3.0/24' };
  return [
    { after: 0, code: 1605, attrs },
    { after: rng.int(5, 180) * MINUTE, code: 1606, attrs },
  ];
}

function ueba(rng: Random): PrivxStep[] {
  const attrs = { ...personAttrs(rng, pickUser(rng)), connectionID: rng.uuid(), hostID: rng.pick(HOSTS).id };
  return [
    {
      after: 0,
      code: rng.chance(0.8) ? 931 : 930,
      attrs: { ...attrs, message: 'connection deviates from the user baseline' },
    },
  ];
}

/** Background and one-off events, weighted by how often they occur on a busy deployment. */
const SINGLES: readonly (readonly [(rng: Random) => PrivxStep[], number])[] = [
  [(rng) => [{ after: 0, code: 110, attrs: personAttrs(rng, pickUser(rng)) }], 10],
  [
    (rng) => [
      { after: 0, code: 1402, attrs: { ...personAttrs(rng, pickUser(rng)), secretName: rng.pick(VAULT_SECRETS) } },
    ],
    4,
  ],
  [checkout, 2],
  [(rng) => system(1707, { managedAccount: `root@${rng.pick(HOSTS).name}` }), 2.5],
  [(rng) => system(1706, { managedAccount: `postgres@${rng.pick(HOSTS).name}` }), 0.6],
  [workflow, 2],
  [networkSession, 1.5],
  [ueba, 0.6],
  [(rng) => system(1203, { connectionID: rng.uuid() }), 2],
  [() => system(11), 0.4],
  [() => system(1304), 0.15],
  [(rng) => system(805, { hostID: rng.pick(HOSTS).id }), 0.3],
  [(rng) => [{ after: 0, code: 130, attrs: personAttrs(rng, pickUser(rng)) }], 0.3],
];

export function singleEvent(rng: Random): PrivxStep[] {
  return rng.weighted(SINGLES)(rng);
}
