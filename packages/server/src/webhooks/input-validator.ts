import { compileUserSchema, type CompiledSchema, type ErrorDetail } from '@hookflow/engine';
import type { WebhookWorkflow } from './workflow-cache';
import { WebhookRefusal } from './webhook-refusal';

type ValidateFunction = Extract<CompiledSchema, { ok: true }>['validate'];

const MAX_CACHED_VALIDATORS = 1_000;
/** A huge payload can fail in thousands of places; the sender needs the first few to fix it. */
const MAX_DETAILS = 50;

/**
 * Checks trigger payloads against the workflow's `inputSchema` (SPEC §3.2: 422 `payload_invalid` with AJV's
 * errors in `details`). Each workflow version's schema is compiled once: versions are immutable.
 */
export class InputValidator {
  private readonly validators = new Map<string, ValidateFunction | null>();

  assertValid(workflow: WebhookWorkflow, payload: unknown): void {
    const validate = this.validatorOf(workflow);
    if (!validate || validate(payload)) return;
    const details: ErrorDetail[] = (validate.errors ?? []).slice(0, MAX_DETAILS).map((error) => ({
      path: error.instancePath,
      message: error.message ?? 'is invalid',
      keyword: error.keyword,
      params: error.params,
    }));
    throw new WebhookRefusal(422, 'payload_invalid', "The payload does not match the workflow's inputSchema", {
      details,
      reason: `payload does not match inputSchema: ${details.map((d) => `${d.path || '/'} ${d.message}`).join('; ')}`,
    });
  }

  private validatorOf(workflow: WebhookWorkflow): ValidateFunction | null {
    const cacheKey = `${workflow.id}@${workflow.version}`;
    const known = this.validators.get(cacheKey);
    if (known !== undefined) return known;
    const schema = workflow.definition.inputSchema;
    let validate: ValidateFunction | null = null;
    if (schema !== undefined) {
      const compiled = compileUserSchema(schema);
      // Validated on save, so this cannot happen short of a corrupted database; refuse rather than run unchecked.
      if (!compiled.ok) throw new Error(`inputSchema of workflow ${workflow.id} v${workflow.version} does not compile`);
      validate = compiled.validate;
    }
    this.validators.set(cacheKey, validate);
    if (this.validators.size > MAX_CACHED_VALIDATORS)
      this.validators.delete(this.validators.keys().next().value as string);
    return validate;
  }
}
