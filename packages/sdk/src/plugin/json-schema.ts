/** A JSON Schema document as plugins declare it (draft 2020-12 / draft-07 keywords, validated by AJV). */
export type JsonSchema = { [keyword: string]: unknown };
