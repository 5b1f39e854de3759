import type { SourceName } from '@vigil/schemas';
import type { SourceParser } from './parser.ts';
import { authentikParser } from './authentik.ts';
import { privxParser } from './privx.ts';
import { keeperParser } from './keeper.ts';
import { akeylessParser } from './akeyless.ts';
import { czertainlyParser } from './czertainly.ts';
import { genericParser } from './generic.ts';

export const PARSERS: Readonly<Record<SourceName, SourceParser>> = {
  authentik: authentikParser,
  privx: privxParser,
  keeper: keeperParser,
  akeyless: akeylessParser,
  czertainly: czertainlyParser,
  generic: genericParser,
};
