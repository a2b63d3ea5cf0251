import type { JsonSchema } from '@hookflow/sdk';

/** Per-workflow `trigger.config` of an `amazon-sns` trigger. */
export type SnsTriggerConfig = {
  /**
   * Only these topics may trigger the workflow (403 `topic_not_allowed` otherwise). Absent: the first topic
   * whose subscription is confirmed is pinned, and only it may trigger the workflow.
   */
  topicArns?: string[];
  /**
   * Accept raw message delivery (`x-amz-sns-rawdelivery: true`). Raw messages carry no signature, so the
   * API key is then their only proof of origin. Default false: refused with 400.
   */
  allowRawDelivery?: boolean;
};

export const snsTriggerConfigSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    topicArns: {
      type: 'array',
      description:
        'Allow-list of SNS topic ARNs; when absent, the first topic confirmed is pinned and others are refused.',
      // An empty list would silently refuse everything; omit the field to pin the first topic confirmed.
      minItems: 1,
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$',
      },
    },
    allowRawDelivery: {
      type: 'boolean',
      default: false,
      description: 'Accept raw message delivery, which SNS does not sign (the API key is the only check).',
    },
  },
};
