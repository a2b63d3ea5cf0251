import { inputSchemaProblems } from '../input-schema/input-schema-problems';
import type { WebhookWorkflow } from './workflow-cache';
import { WebhookRefusal } from './webhook-refusal';

/** docs/webhooks.md: 422 `payload_invalid` with AJV's errors in `details`, and a readable reason for the delivery log. */
export function assertValidInput(workflow: WebhookWorkflow, payload: unknown): void {
  const details = inputSchemaProblems(workflow.definition.inputSchema, payload, workflow);
  if (!details) return;
  throw new WebhookRefusal(422, 'payload_invalid', "The payload does not match the workflow's inputSchema", {
    details,
    reason: `payload does not match inputSchema: ${details.map((d) => `${d.path || '/'} ${d.message}`).join('; ')}`,
  });
}
