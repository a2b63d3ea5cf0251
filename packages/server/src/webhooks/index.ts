import type { Router } from 'express';
import type { ServerContext } from '../server-context';
import { ApiKeyVerifier } from './api-key-verifier';
import { BodySlots } from './body-slots';
import { DeliveryRecorder } from './delivery-recorder';
import { RateLimiter } from './rate-limiter';
import { createWebhookRouter } from './webhook-routes';
import { WebhookService } from './webhook-service';
import { WorkflowCache } from './workflow-cache';

/** Delivery recorders by server context, so `closeWebhooks(ctx)` can flush them at shutdown. */
const recorders = new WeakMap<ServerContext, Set<DeliveryRecorder>>();

/** `POST /webhooks/:workflowId` (docs/webhooks.md), routed through the workflow's trigger plugin. */
export function webhookRoutes(ctx: ServerContext): Router {
  const deliveries = new DeliveryRecorder(ctx.store.deliveries, ctx.logger.child({ component: 'delivery-log' }));
  const workflows = new WorkflowCache(ctx.store, { onLookup: (hit) => ctx.metrics.cacheLookup('workflow', hit) });
  const keys = new ApiKeyVerifier(ctx.store.apiKeys, ctx.logger, (hit) => ctx.metrics.cacheLookup('api_key', hit));
  ctx.changes.subscribe((change) => {
    if (change.kind === 'workflow') workflows.forget(change.workflowId);
    else keys.forgetAll();
  });
  const service = new WebhookService({
    ctx,
    workflows,
    keys,
    limiter: new RateLimiter({
      perSecond: ctx.config.webhookRateLimitPerSecond,
      burst: ctx.config.webhookRateLimitBurst,
    }),
    authFailures: new RateLimiter({
      perSecond: ctx.config.webhookAuthFailuresPerMinute / 60,
      burst: Math.max(1, ctx.config.webhookAuthFailuresPerMinute),
    }),
    bodies: new BodySlots(ctx.config.webhookMaxConcurrentBodies),
    deliveries,
  });
  const own = recorders.get(ctx) ?? new Set<DeliveryRecorder>();
  own.add(deliveries);
  recorders.set(ctx, own);
  return createWebhookRouter(service, ctx.logger);
}

/** Waits until every delivery logged so far is written (rejects while the database refuses). */
export async function flushWebhookDeliveries(ctx: ServerContext): Promise<void> {
  await Promise.all([...(recorders.get(ctx) ?? [])].map((recorder) => recorder.flush()));
}

/**
 * Call at shutdown, after the HTTP server stopped accepting requests: writes the delivery log entries still
 * buffered (retrying for up to `timeoutMs`).
 */
export async function closeWebhooks(ctx: ServerContext, timeoutMs?: number): Promise<void> {
  const own = recorders.get(ctx);
  recorders.delete(ctx);
  await Promise.all([...(own ?? [])].map((recorder) => recorder.close(timeoutMs)));
}

export { WORKFLOW_CACHE_TTL_MS } from './workflow-cache';
export { API_KEY_CACHE_TTL_MS } from './api-key-verifier';
