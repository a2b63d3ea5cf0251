/**
 * A delivery key a sender chooses itself (docs/webhooks.md), e.g. in an `Idempotency-Key` header: 1–200
 * characters of `[A-Za-z0-9._:-]`, safe inside a Temporal workflow id (`<workflowId>:<deliveryKey>`).
 */
export const SENDER_DELIVERY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;
