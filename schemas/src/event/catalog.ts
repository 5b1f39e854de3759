import { Kind, type TSchema, type TObject } from '@sinclair/typebox';
import { annotationOf, type FieldAnnotation } from './field-kinds.ts';
import { CanonicalEventSchema } from './canonical-event.ts';

/** One leaf of the canonical event: its dotted path and how it is stored. */
export interface CatalogField extends FieldAnnotation {
  path: string;
  array: boolean;
}

function isObject(schema: TSchema): schema is TObject {
  return schema[Kind] === 'Object';
}

/** Walks the canonical event down to its annotated leaves (a geo point counts as a leaf). */
export function catalogOf(schema: TObject, prefix = ''): CatalogField[] {
  const fields: CatalogField[] = [];
  for (const [name, child] of Object.entries(schema.properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const annotation = annotationOf(child);
    if (annotation) {
      fields.push({ path, array: child[Kind] === 'Array', ...annotation });
    } else if (isObject(child)) {
      fields.push(...catalogOf(child, path));
    }
  }
  return fields;
}

export const EVENT_FIELDS: readonly CatalogField[] = catalogOf(CanonicalEventSchema);
const byPath = new Map(EVENT_FIELDS.map((f) => [f.path, f]));

/** The declared field at `path`, or the vendor JSON field it falls under (`privx.user_id` -> privx). */
export function fieldAt(path: string): CatalogField | undefined {
  const exact = byPath.get(path);
  if (exact) return exact;
  const root = path.split('.')[0] ?? '';
  const vendor = byPath.get(root);
  return vendor?.kind === 'json' ? vendor : undefined;
}
