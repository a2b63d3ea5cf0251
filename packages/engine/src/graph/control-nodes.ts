import type { JsonSchema } from '@hookflow/sdk';

/**
 * Control-flow node types (docs/node-types.md), interpreted by the workflow itself rather than run in an activity.
 * Declared like node plugins so the registry lists them and validation checks their params the same way.
 */
export interface ControlNodeType {
  kind: 'control';
  type: ControlNodeTypeName;
  displayName: string;
  description: string;
  paramsSchema: JsonSchema;
}

export type ControlNodeTypeName = 'condition' | 'delay' | 'wait' | 'fail';

/** `expression` is JSONata, with or without `{{ }}`; evaluate it with `evaluateCondition`, never render it. */
export interface ConditionParams {
  expression: string;
}

/** Exactly one of the two. */
export type DelayParams = { seconds: number } | { until: string };

export interface WaitParams {
  event: string;
  timeoutSeconds?: number;
}

export interface FailParams {
  message: string;
}

export const conditionNode: ControlNodeType = {
  kind: 'control',
  type: 'condition',
  displayName: 'Condition',
  description:
    'Evaluates a JSONata expression to true or false (no match counts as false) and routes the run along ' +
    'the `when: "true"` or `when: "false"` edges. Output: `{ result }`.',
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['expression'],
    properties: {
      expression: {
        type: 'string',
        minLength: 1,
        description: 'JSONata, with or without {{ }}, e.g. `$trigger.body.amount > 100`.',
      },
    },
  },
};

/**
 * Longest `delay` or `wait` timeout: 365 days. A timer far beyond that is a mistake or an attack (a rendered
 * `seconds` of `1e300`), and Temporal's timers cannot hold it anyway.
 */
export const MAX_TIMER_SECONDS = 365 * 24 * 60 * 60;

export const delayNode: ControlNodeType = {
  kind: 'control',
  type: 'delay',
  displayName: 'Delay',
  description: 'Waits on a durable timer, for `seconds` or until the ISO 8601 time `until`. Survives worker restarts.',
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      seconds: { type: 'number', minimum: 0, maximum: MAX_TIMER_SECONDS, description: 'How long to wait.' },
      until: { type: 'string', format: 'date-time', description: 'ISO 8601 time to wait for.' },
    },
    // Branches only name properties, so a `{{ }}` template in either one still satisfies its branch.
    oneOf: [{ required: ['seconds'] }, { required: ['until'] }],
  },
};

export const waitNode: ControlNodeType = {
  kind: 'control',
  type: 'wait',
  displayName: 'Wait for event',
  description:
    'Waits until `POST /executions/:id/events` delivers an event named `event`; output `{ payload }`. ' +
    'After `timeoutSeconds` without one the node fails with `wait_timeout`.',
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['event'],
    properties: {
      event: { type: 'string', minLength: 1, maxLength: 200 },
      timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: MAX_TIMER_SECONDS },
    },
  },
};

export const failNode: ControlNodeType = {
  kind: 'control',
  type: 'fail',
  displayName: 'Fail',
  description: 'Fails the run with `message`, without retrying.',
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    properties: { message: { type: 'string' } },
  },
};

export const CONTROL_NODE_TYPES: readonly ControlNodeType[] = [conditionNode, delayNode, waitNode, failNode];

/** The control node type of that name, if it is one. */
export function controlNodeType(type: string): ControlNodeType | undefined {
  return CONTROL_NODE_TYPES.find((control) => control.type === type);
}

export function isControlNodeType(type: string): type is ControlNodeTypeName {
  return controlNodeType(type) !== undefined;
}
