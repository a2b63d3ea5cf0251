import { api, encodeId, query } from './client';
import type {
  ApiKey,
  Credential,
  CredentialType,
  Delivery,
  Execution,
  ExecutionSummary,
  NodeType,
  Page,
  TriggerType,
  Validation,
  Workflow,
  WorkflowDefinition,
  WorkflowSummary,
  WorkflowVersion,
} from './types';

/** Query keys and fetchers of every resource, in one place so invalidation finds them. */
export const keys = {
  apiKeys: ['api-keys'] as const,
  workflows: ['workflows'] as const,
  workflow: (id: string, version?: number) => ['workflows', id, version ?? 'current'] as const,
  versions: (id: string) => ['workflows', id, 'versions'] as const,
  deliveries: (id: string, token?: string) => ['workflows', id, 'deliveries', token ?? ''] as const,
  executions: (filter: Record<string, string | undefined>) => ['executions', filter] as const,
  execution: (id: string) => ['execution', id] as const,
  triggerTypes: ['trigger-types'] as const,
  nodeTypes: ['node-types'] as const,
  credentials: ['credentials'] as const,
  credentialTypes: ['credential-types'] as const,
};

export const fetchers = {
  apiKeys: () => api<Page<ApiKey>>('/api-keys?limit=1000'),
  workflows: (pageToken?: string) => api<Page<WorkflowSummary>>(`/workflows${query({ limit: 50, pageToken })}`),
  workflow: (id: string, version?: number) => api<Workflow>(`/workflows/${encodeId(id)}${query({ version })}`),
  versions: (id: string) => api<Page<WorkflowVersion>>(`/workflows/${encodeId(id)}/versions?limit=100`),
  deliveries: (id: string, pageToken?: string, limit = 50) =>
    api<Page<Delivery>>(`/workflows/${encodeId(id)}/deliveries${query({ limit, pageToken })}`),
  executions: (filter: { workflowId?: string; status?: string; pageToken?: string }) =>
    api<Page<ExecutionSummary>>(`/executions${query({ ...filter, limit: 25 })}`),
  execution: (id: string) => api<Execution>(`/executions/${encodeId(id)}`),
  triggerTypes: () => api<{ items: TriggerType[] }>('/trigger-types'),
  nodeTypes: () => api<{ items: NodeType[] }>('/node-types'),
  credentials: () => api<Page<Credential>>('/credentials?limit=1000'),
  credentialTypes: () => api<{ items: CredentialType[] }>('/credential-types'),
  validate: (definition: WorkflowDefinition, workflowId?: string) =>
    api<Validation>(`/workflows/validate${query({ workflowId })}`, { method: 'POST', body: definition }),
};
