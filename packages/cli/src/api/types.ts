/** The admin API's resources, as far as the CLI reads them. */

export type JsonObject = Record<string, unknown>;

export interface WorkflowSummary {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
  triggerType: string | null;
  webhookUrl: string;
}

export interface WorkflowResource extends JsonObject {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
  webhookUrl: string;
}

export interface ValidationResult {
  valid: boolean;
  problems: { path: string; message: string }[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
  prefix: string;
  createdAt: string;
}

export type ExecutionStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed_out';

export interface ExecutionSummary {
  executionId: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  startedAt: string;
  closedAt?: string;
}

export interface NodeState {
  status: string;
  attempts: number;
  output?: unknown;
  error?: { code?: string; message: string };
  startedAt?: string;
  finishedAt?: string;
}

export interface Execution extends ExecutionSummary {
  runId: string;
  trigger: { type: string; deliveryKey: string; payload: unknown };
  nodes: Record<string, NodeState>;
  error?: { message: string };
  temporalUiUrl: string;
  rerunOf?: string;
}

export interface ExecutionStarted {
  executionId: string;
}

export interface Delivery {
  id: string;
  receivedAt: string;
  triggerType: string;
  outcome: string;
  status: number;
  errorCode?: string;
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
  sourceIp: string;
  count?: number;
}

export interface Credential {
  id: string;
  name: string;
  type: string;
  fields: string[];
  usedBy: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}
