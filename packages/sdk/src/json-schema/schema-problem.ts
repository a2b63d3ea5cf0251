/** One thing wrong with a document; `path` is a JSON Pointer into it (`/nodes/2/params/url`, `''` = the root). */
export interface SchemaProblem {
  path: string;
  message: string;
}
