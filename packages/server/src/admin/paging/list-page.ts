import { HookflowError } from '@hookflow/sdk';
import { integerQuery, queryValue } from '../../http/request-input';
import type { QueryParameterDoc, SchemaObject } from '../../openapi/operation-doc';

/** Page sizes of the store-backed lists (workflows, API keys, versions, deliveries). */
export const LIST_PAGE_SIZE = { min: 1, max: 1000, fallback: 100 };

/** `?limit&pageToken` of a list, checked. */
export interface PageRequest {
  limit: number;
  pageToken?: string;
}

/** One page of a list, as every list answers it (docs/api.md). */
export interface Page<T> {
  items: T[];
  /** Pass back as `?pageToken` for the next page; null on the last one. */
  nextPageToken: string | null;
}

/** Where a store listing continues: the sort key of the previous page's last item. */
export type Cursor = Record<string, string | number>;

const PAGE_TOKEN = /^[A-Za-z0-9_-]{1,1024}$/;

export function readPageQuery(query: Record<string, unknown>, size = LIST_PAGE_SIZE): PageRequest {
  const limit = integerQuery(query, 'limit', size) ?? size.fallback;
  const pageToken = queryValue(query, 'pageToken');
  return pageToken === undefined || pageToken === '' ? { limit } : { limit, pageToken };
}

/**
 * A cursor as an opaque token. It names a position in a sorted listing and grants nothing (every list is
 * behind the admin token already), so it is not signed; `decodeCursor` checks its shape.
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor of `pageToken` as `read` accepts it, else 400 `invalid_page_token`. */
export function decodeCursor<T>(pageToken: string, read: (cursor: Record<string, unknown>) => T | undefined): T {
  let cursor: T | undefined;
  if (PAGE_TOKEN.test(pageToken)) {
    try {
      const value: unknown = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8'));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        cursor = read(value as Record<string, unknown>);
      }
    } catch {
      cursor = undefined;
    }
  }
  if (cursor === undefined) {
    throw new HookflowError('invalid_page_token', 'pageToken is not a nextPageToken of this listing', {
      status: 400,
      details: [{ path: '?pageToken', message: 'pass back the nextPageToken of the previous page' }],
    });
  }
  return cursor;
}

/**
 * The page of `fetched`, which holds up to `limit + 1` items: the extra one only tells that another page
 * exists, so no count query is needed.
 */
export function pageOf<T>(fetched: T[], limit: number, cursorOf: (last: T) => Cursor): Page<T> {
  if (fetched.length <= limit) return { items: fetched, nextPageToken: null };
  const items = fetched.slice(0, limit);
  return { items, nextPageToken: encodeCursor(cursorOf(items[items.length - 1]!)) };
}

/** The `limit` and `pageToken` query parameters, documented. */
export function pageQueryDocs(size = LIST_PAGE_SIZE): QueryParameterDoc[] {
  return [
    {
      name: 'limit',
      description: `Page size (default ${size.fallback})`,
      schema: { type: 'integer', minimum: size.min, maximum: size.max },
    },
    { name: 'pageToken', description: '`nextPageToken` of the previous page', schema: { type: 'string' } },
  ];
}

/** The schema of a page of `itemSchema` items. */
export function pageSchema(itemSchema: string): SchemaObject {
  return {
    type: 'object',
    required: ['items', 'nextPageToken'],
    properties: {
      items: { type: 'array', items: { $ref: `#/components/schemas/${itemSchema}` } },
      nextPageToken: { type: ['string', 'null'], description: 'Pass as `pageToken` for the next page' },
    },
  };
}

/** A cursor field that must be a non-empty string. */
export function cursorString(cursor: Record<string, unknown>, key: string): string | undefined {
  const value = cursor[key];
  return typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : undefined;
}

/** A cursor field that must be an ISO date. */
export function cursorDate(cursor: Record<string, unknown>, key: string): Date | undefined {
  const text = cursorString(cursor, key);
  const date = text === undefined ? undefined : new Date(text);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
