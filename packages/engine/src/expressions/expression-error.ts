import { HookflowError } from '@hookflow/sdk/errors';

/** Longer expressions are cut in messages so one bad param cannot flood logs and histories. */
const MAX_QUOTED_EXPRESSION = 200;

export interface ExpressionErrorInit {
  nodeId?: string;
  /** Where the expression sits, for people: `params.body.order`. */
  paramPath: string;
  expression: string;
  /** Why it failed, usually JSONata's own message. */
  reason: string;
  /** JSONata's error code (e.g. `T2002`) or `limit_exceeded` for the runaway guard. */
  reasonCode?: string;
  cause?: unknown;
}

/**
 * An expression that does not parse or evaluate. docs/expressions.md: the message names node, param path and
 * expression, e.g. `node "big": params.expression: cannot evaluate "$trigger.body.amount >": …`.
 */
export class ExpressionError extends HookflowError {
  readonly nodeId?: string;
  readonly paramPath: string;
  readonly expression: string;
  readonly reasonCode?: string;

  constructor(init: ExpressionErrorInit) {
    super('expression_error', describe(init), { status: 400, cause: init.cause });
    this.name = 'ExpressionError';
    if (init.nodeId !== undefined) this.nodeId = init.nodeId;
    this.paramPath = init.paramPath;
    this.expression = init.expression;
    if (init.reasonCode !== undefined) this.reasonCode = init.reasonCode;
  }
}

function describe(init: ExpressionErrorInit): string {
  const expression = init.expression.trim();
  const quoted =
    expression.length > MAX_QUOTED_EXPRESSION ? `${expression.slice(0, MAX_QUOTED_EXPRESSION)}…` : expression;
  const where = init.nodeId === undefined ? init.paramPath : `node "${init.nodeId}": ${init.paramPath}`;
  return `${where}: cannot evaluate "${quoted}": ${init.reason}`;
}
