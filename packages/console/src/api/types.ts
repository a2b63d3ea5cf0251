/** The API's resources, as the console reads them (dates are ISO strings). */

export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
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

export type JsonSchema = Record<string, unknown>;

export interface TriggerType {
  type: string;
  displayName: string;
  description: string;
  configSchema: JsonSchema;
}

export interface NodeType {
  type: string;
  displayName: string;
  description: string;
  paramsSchema: JsonSchema;
  kind?: string;
  /** Credential types a node of this type may reference (empty: none). */
  acceptsCredentials?: string[];
}

export interface CredentialType {
  type: string;
  displayName: string;
  description: string;
  /** JSON Schema of the credential's `data`; every field is write-only. */
  schema: JsonSchema;
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

export type EdgeWhen = 'success' | 'error' | 'true' | 'false';

export interface NodeRetry {
  maximumAttempts?: number;
  initialIntervalMs?: number;
  backoffCoefficient?: number;
  maximumIntervalMs?: number;
}

export interface NodeDefinition {
  id: string;
  type: string;
  name?: string;
  params: Record<string, unknown>;
  retry?: NodeRetry;
  timeoutMs?: number;
  onError?: 'fail' | 'continue';
  /** Name of a stored credential of a type the node type accepts. */
  credential?: string;
}

export interface EdgeDefinition {
  from: string;
  to: string;
  when?: EdgeWhen;
}

export interface WorkflowDefinition {
  name: string;
  description?: string;
  trigger: { type: string; apiKeyName: string; config: Record<string, unknown> };
  inputSchema?: JsonSchema;
  nodes: NodeDefinition[];
  edges: EdgeDefinition[];
}

export interface SnsSubscription {
  topicArn: string;
  subscriptionArn: string | null;
  status: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface Workflow extends WorkflowDefinition {
  id: string;
  version: number;
  enabled: boolean;
  webhookUrl: string;
  createdAt: string;
  updatedAt: string;
  subscriptions?: SnsSubscription[];
  /** SNS without a topic allow-list: the first confirmed topic, which alone may trigger it from then on. */
  pinnedTopicArn?: string | null;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string | null;
  version: number;
  enabled: boolean;
  triggerType: string | null;
  webhookUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowVersion {
  version: number;
  createdAt: string;
}

export interface Problem {
  path: string;
  message: string;
}

export interface Validation {
  valid: boolean;
  problems: Problem[];
}

export interface Delivery {
  id: string;
  receivedAt: string;
  triggerType: string;
  outcome: 'accepted' | 'duplicate' | 'handshake' | 'ignored' | 'rejected';
  status: number;
  errorCode?: string;
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
  sourceIp: string;
  bytes: number;
  count?: number;
}

export const EXECUTION_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export type NodeStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export interface ExecutionSummary {
  executionId: string;
  runId: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  startedAt: string;
  closedAt?: string;
  temporalUiUrl: string;
  rerunOf?: string;
}

export interface NodeState {
  status: NodeStatus;
  output?: unknown;
  error?: { code: string; message: string };
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface Execution extends ExecutionSummary {
  trigger: { type: string; deliveryKey: string; payload: unknown };
  nodes: Record<string, NodeState>;
  error?: { message: string };
}
