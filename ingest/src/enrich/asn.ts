import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import maxmind, { type Response } from 'maxmind';
import type { CanonicalEvent } from '@vigil/schemas';
import { asRecord, asString } from '../parsers/event-builder.ts';
import { shippedPackageDir } from './geoip.ts';
import { addressWords, buildAsnRangeTable, findRangeRow, type AsnRangeTable } from './asn-ranges.ts';
import type { ParsedIp } from './ip-class.ts';

export type AsnFields = NonNullable<NonNullable<CanonicalEvent['source']>['as']>;

/** One interface over the shipped ip-location-db ASN ranges and an operator's ASN .mmdb file. */
export interface AsnLookup {
  readonly description: string;
  lookup(ip: ParsedIp): AsnFields | undefined;
}

function asnFields(number: number | undefined, organization: string | undefined): AsnFields | undefined {
  if (number === undefined && organization === undefined) return undefined;
  const fields: AsnFields = {};
  if (number !== undefined) fields.number = number;
  if (organization !== undefined) fields.organization = { name: organization };
  return fields;
}

/** The ASN fields of a row of the shipped range table, or undefined when no range holds the key. */
export function findInRangeTable(table: AsnRangeTable, key: ArrayLike<number>): AsnFields | undefined {
  const row = findRangeRow(table, key);
  if (row === -1) return undefined;
  const org = table.orgs[table.orgIndex[row] ?? 0];
  return asnFields(table.asns[row], org === '' ? undefined : org);
}

/** MaxMind/DB-IP ASN record: `{ autonomous_system_number, autonomous_system_organization }`. */
export function mapMaxmindAsn(record: unknown): AsnFields | undefined {
  const asn = asRecord(record);
  if (!asn) return undefined;
  const number = asn.autonomous_system_number;
  return asnFields(
    typeof number === 'number' && Number.isInteger(number) ? number : undefined,
    asString(asn.autonomous_system_organization),
  );
}

export interface ShippedAsnTables {
  v4: AsnRangeTable;
  v6: AsnRangeTable;
  loadMs: number;
  /** Bytes held by the typed arrays plus the interned organization names (UTF-16 estimate). */
  approximateBytes: number;
}

async function loadShippedTables(): Promise<ShippedAsnTables> {
  const started = performance.now();
  const dir = shippedPackageDir('@ip-location-db/asn');
  const [v4csv, v6csv] = await Promise.all([
    readFile(join(dir, 'asn-ipv4.csv'), 'utf8'),
    readFile(join(dir, 'asn-ipv6.csv'), 'utf8'),
  ]);
  const intern = new Map<string, number>();
  const orgs: string[] = [];
  const v4 = buildAsnRangeTable(v4csv, 4, intern, orgs);
  const v6 = buildAsnRangeTable(v6csv, 6, intern, orgs);
  const arrays = [v4, v6].flatMap((t) => [t.starts, t.ends, t.asns, t.orgIndex]);
  const approximateBytes =
    arrays.reduce((sum, array) => sum + array.byteLength, 0) + orgs.reduce((sum, org) => sum + 2 * org.length, 0);
  return { v4, v6, loadMs: performance.now() - started, approximateBytes };
}

let shippedTables: Promise<ShippedAsnTables> | undefined;

/** Loaded on first use and shared by every enricher in the process. */
export function loadShippedAsnTables(): Promise<ShippedAsnTables> {
  shippedTables ??= loadShippedTables().catch((error: unknown) => {
    shippedTables = undefined;
    throw error;
  });
  return shippedTables;
}

async function openOperatorAsn(path: string): Promise<AsnLookup> {
  let reader;
  try {
    reader = await maxmind.open<Response>(path);
  } catch (error) {
    throw new Error(`cannot open mmdb database ${path}: ${(error as Error).message}`, { cause: error });
  }
  const type = reader.metadata.databaseType;
  if (!/asn|isp/i.test(type)) throw new Error(`asn database ${path} is a "${type}" database, expected an ASN database`);
  const ipv4Only = reader.metadata.ipVersion === 4;
  return {
    description: `${type} (${path})`,
    lookup: (ip) => (ipv4Only && ip.version === 6 ? undefined : mapMaxmindAsn(reader.get(ip.address))),
  };
}

async function openShippedAsn(): Promise<AsnLookup> {
  const tables = await loadShippedAsnTables();
  return {
    description: `ip-location-db ASN (${tables.v4.rows} IPv4 + ${tables.v6.rows} IPv6 ranges)`,
    lookup: (ip) => findInRangeTable(ip.version === 4 ? tables.v4 : tables.v6, addressWords(ip)),
  };
}

/** The operator's ASN database when configured, else the ranges shipped with the package. */
export function openAsnLookup(asnMmdb?: string): Promise<AsnLookup> {
  return asnMmdb ? openOperatorAsn(asnMmdb) : openShippedAsn();
}
