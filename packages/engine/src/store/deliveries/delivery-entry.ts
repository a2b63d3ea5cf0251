import { TRIGGER_OUTCOMES, type TriggerOutcome } from '@hookflow/sdk/pipeline';

/**
 * One webhook request as the delivery log records it (docs/deliveries.md). These fields and no others: there is no
 * place for headers, bodies, keys, tokens or signatures, so secrets cannot end up in the log.
 */
export interface DeliveryEntry {
  receivedAt: Date;
  triggerType: string;
  outcome: TriggerOutcome;
  /** The HTTP status answered. */
  status: number;
  errorCode?: string;
  /** Human-readable why (e.g. "signature invalid"); never the offending secret itself. */
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
  sourceIp: string;
  /** Size of the request body. */
  bytes: number;
  /** Folded rejections: how many identical ones from this source this entry stands for (absent: one). */
  count?: number;
  /** With `count`: when the latest of them arrived. */
  lastReceivedAt?: Date;
  /** Rebuilt from the run in Temporal: the server that accepted it stopped before writing its entry. */
  recovered?: boolean;
}

/** A delivery as listed (`GET /workflows/:id/deliveries`). */
export interface DeliveryRecord extends DeliveryEntry {
  id: string;
}

/**
 * `T` exactly when it has no field beyond `Shape`'s: passing an object that also carries, say, `headers` or
 * `apiKey` is a compile error, not just for object literals.
 */
export type ExactShape<T, Shape> = T & Record<Exclude<keyof T, keyof Shape>, never>;

/** Limits on the free-text fields: the log is bounded in entries and in bytes. */
const MAX_LENGTH = {
  triggerType: 100,
  errorCode: 100,
  reason: 500,
  executionId: 512,
  deliveryKey: 200,
  sourceIp: 64,
} as const;

/**
 * Copies exactly the fields of `DeliveryEntry`, cut to their limits: whatever else a caller's object holds at
 * runtime (type casts, spread request objects) is left behind.
 */
export function sanitizeDeliveryEntry(entry: DeliveryEntry): DeliveryEntry {
  const clean: DeliveryEntry = {
    receivedAt: validDate(entry.receivedAt),
    triggerType: cut(entry.triggerType, MAX_LENGTH.triggerType) ?? '',
    outcome: TRIGGER_OUTCOMES.includes(entry.outcome) ? entry.outcome : 'rejected',
    status: Number.isInteger(entry.status) ? entry.status : 0,
    sourceIp: cut(entry.sourceIp, MAX_LENGTH.sourceIp) ?? '',
    bytes: Number.isFinite(entry.bytes) && entry.bytes >= 0 ? Math.floor(entry.bytes) : 0,
  };
  const errorCode = cut(entry.errorCode, MAX_LENGTH.errorCode);
  const reason = cut(entry.reason, MAX_LENGTH.reason);
  const executionId = cut(entry.executionId, MAX_LENGTH.executionId);
  const deliveryKey = cut(entry.deliveryKey, MAX_LENGTH.deliveryKey);
  if (errorCode !== undefined) clean.errorCode = errorCode;
  if (reason !== undefined) clean.reason = reason;
  if (executionId !== undefined) clean.executionId = executionId;
  if (deliveryKey !== undefined) clean.deliveryKey = deliveryKey;
  if (typeof entry.count === 'number' && Number.isInteger(entry.count) && entry.count >= 1) clean.count = entry.count;
  if (clean.count !== undefined && entry.lastReceivedAt !== undefined) {
    clean.lastReceivedAt = validDate(entry.lastReceivedAt);
  }
  if (entry.recovered === true) clean.recovered = true;
  return clean;
}

function validDate(value: Date): Date {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

function cut(value: string | undefined, maxLength: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.length > maxLength ? `${value.slice(0, maxLength - 1)}…` : value;
}
