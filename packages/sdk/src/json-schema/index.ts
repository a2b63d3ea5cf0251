/**
 * `@hookflow/sdk/json-schema`: how Hookflow compiles the JSON Schemas users and plugins write, and how it
 * words their errors. Shared by the engine's definition checks, the worker and the trigger pipeline.
 */
export { compileUserSchema, type CompiledSchema, type SchemaPurpose } from './user-schema-compiler';
export { schemaProblems, toProblem, uniqueProblems, type SchemaCheckOptions } from './schema-problems';
export { jsonPointer, isAtOrBelow } from './json-pointer';
export type { SchemaProblem } from './schema-problem';
