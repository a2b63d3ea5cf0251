import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that let operators filter Hookflow runs in the Temporal UI (docs/executions.md).
 * Registered by the dev stack at start and by the Docker setup; the interpreter sets them on every run.
 */
export const SEARCH_ATTRIBUTE_TYPES = {
  HookflowWorkflowId: 'Keyword',
  HookflowWorkflowName: 'Keyword',
  HookflowTriggerType: 'Keyword',
  HookflowVersion: 'Int',
} as const;

export type HookflowSearchAttributeName = keyof typeof SEARCH_ATTRIBUTE_TYPES;

/** Typed keys for setting the attributes when a run starts. */
export const SEARCH_ATTRIBUTES = {
  workflowId: defineSearchAttributeKey('HookflowWorkflowId', SearchAttributeType.KEYWORD),
  workflowName: defineSearchAttributeKey('HookflowWorkflowName', SearchAttributeType.KEYWORD),
  triggerType: defineSearchAttributeKey('HookflowTriggerType', SearchAttributeType.KEYWORD),
  version: defineSearchAttributeKey('HookflowVersion', SearchAttributeType.INT),
};
