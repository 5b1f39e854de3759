import { FormatRegistry } from '@sinclair/typebox';

/**
 * TypeBox's own checker knows no string formats until they are registered; the pipeline validates
 * every event against the schema, so `date-time` must mean what it means to Fastify's Ajv.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}
