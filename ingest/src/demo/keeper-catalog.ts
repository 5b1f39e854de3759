import { HOSTING_IPV4 } from './ip-pool.ts';
import { ADMINS } from './people.ts';
import { stableUid } from './random.ts';

/** Vault records people open, fill and share; the UIDs are stable so one record's history lines up. */
export const RECORDS = [
  'GitLab admin',
  'AWS root (billing)',
  'Grafana service account',
  'Office Wi-Fi',
  'PagerDuty',
  'Postgres prod admin',
  'Datadog API key',
  'Cloudflare DNS',
  'Jira service desk',
  'VPN pre-shared key',
  'Hetzner robot',
  'Apple developer account',
  'Stripe dashboard',
  'Kubernetes prod kubeconfig',
  'Slack workspace owner',
  'SMTP relay',
].map((title) => ({ title, uid: stableUid(`record:${title}`) }));

export const SHARED_FOLDERS = ['Infrastructure', 'Finance', 'Support', 'Engineering'].map((name) => ({
  name,
  uid: stableUid(`shared-folder:${name}`),
}));

/** Secrets Manager applications and the client devices (machines) that read secrets through them. */
export const KSM_APPS = [
  { name: 'gitlab-ci', devices: ['gitlab-runner-01', 'gitlab-runner-02'] },
  { name: 'terraform', devices: ['terraform-cloud-agent'] },
  { name: 'k8s-external-secrets', devices: ['eso-prod-eu', 'eso-staging'] },
  { name: 'ansible', devices: ['ansible-controller'] },
].map((app, index) => ({
  ...app,
  uid: stableUid(`ksm-app:${app.name}`),
  owner: ADMINS[index % ADMINS.length],
  records: RECORDS.slice(index * 3, index * 3 + 4),
}));

/** Where each KSM device runs: on-prem runners on the LAN, the rest at a hosting provider. */
const HETZNER = HOSTING_IPV4.filter((entry) => entry[5] === 24940).map((entry) => entry[0]);
export const DEVICE_ADDRESSES: Readonly<Record<string, string>> = {
  'gitlab-runner-01': '10.30.0.5',
  'gitlab-runner-02': '10.30.0.6',
  'terraform-cloud-agent': HETZNER[0] ?? '10.30.0.7',
  'eso-prod-eu': HETZNER[1] ?? '10.20.3.11',
  'eso-staging': HETZNER[2] ?? '10.20.3.12',
  'ansible-controller': '10.30.0.9',
};

export const CLIENT_VERSIONS = [
  'Web Vault.16.10.5',
  'Browser Extensions.16.10.3',
  'Windows.16.11.0',
  'MacOS.16.11.0',
  'iOS.16.11.2',
  'Android.16.10.1',
];
export const CONSOLE_VERSION = 'EMConsole.16.10.5';
export const KSM_VERSION = 'Secrets Manager Python SDK.16.6.4';
export const ENTERPRISE_ID = 4711;
