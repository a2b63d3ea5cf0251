import { ApiError, CliError } from '../errors';
import type { Connection } from '../config/connection';

export type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

interface Page<T> {
  items: T[];
  nextPageToken?: string | null;
}

/** The admin API (`/api/v1`) with the admin token; every non-2xx answer becomes an `ApiError`. */
export class ApiClient {
  constructor(readonly connection: Connection) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path, {});
  }

  /** Every item of a paged list, following `nextPageToken`. */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.get<Page<T>>(path, { ...query, pageToken });
      items.push(...page.items);
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return items;
  }

  async request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const url = new URL(`${this.connection.url}/api/v1${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.token}`,
          accept: 'application/json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw new CliError(`cannot reach ${this.connection.url}: ${networkReason(error)}`);
    }
    const text = await response.text();
    if (!response.ok) throw apiError(response.status, text);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

function apiError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = body.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new ApiError(status, error.code, error.message, Array.isArray(error.details) ? error.details : []);
    }
  } catch {
    // Not the API's JSON error (a proxy's page, say): report the status.
  }
  return new ApiError(status, `http_${status}`, `the server answered ${status} without an API error body`);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
