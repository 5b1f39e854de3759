export * from './event/canonical-event.ts';
export * from './event/envelope.ts';
export * from './event/field-kinds.ts';
export * from './event/catalog.ts';
export * from './event/sqlite.ts';
export * from './event/avro.ts';
