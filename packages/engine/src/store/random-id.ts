import { randomBytes } from 'node:crypto';

/** Resource ids such as `wf_3f9c…`: a readable type prefix and 96 random bits, safe in URLs and Temporal ids. */
export function newResourceId(prefix: 'wf' | 'ak' | 'cr'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
