import { apiKeyInHeader, defineTrigger, TriggerError } from '@hookflow/sdk';

/** A workflow's `trigger.config` for this trigger type. */
export interface Config {
  /** Only events of these types start a run; absent: every type. */
  eventTypes?: string[];
}

/** What the sender POSTs. */
interface SenderEvent {
  id: string;
  type: string;
  data?: unknown;
}

/**
 * `{{type}}`: the sender POSTs JSON `{"id", "type", "data"}` with the workflow's API key in `x-api-key`.
 * The event's `id` is the delivery key, so a sender's retry of the same event never runs twice.
 */
export default defineTrigger<Config>({
  type: '{{type}}',
  displayName: '{{displayName}}',
  description:
    'POST JSON {"id", "type", "data"} with the API key in x-api-key. $trigger is {type, data}; ' +
    'the id makes retries safe; config.eventTypes limits which types start a run.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      eventTypes: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    },
  },
  accepts: 'json',
  auth: apiKeyInHeader('x-api-key'),
  async parse(request, ctx) {
    const event = request.json;
    if (!isSenderEvent(event)) {
      throw new TriggerError(400, 'invalid_payload', 'Expected a JSON object with string "id" and "type"');
    }
    const wanted = ctx.config.eventTypes;
    if (wanted !== undefined && !wanted.includes(event.type)) {
      return { kind: 'ignore', reason: `event type "${event.type}" is not in config.eventTypes` };
    }
    return { kind: 'event', payload: { type: event.type, data: event.data ?? null }, deliveryKey: event.id };
  },
});

function isSenderEvent(value: unknown): value is SenderEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { id, type } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof type === 'string';
}
