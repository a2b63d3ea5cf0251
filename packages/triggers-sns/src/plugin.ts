import { apiKeyInQueryOrHeader, defineTrigger, type TriggerPlugin } from '@hookflow/sdk';
import { DEFAULT_CERTIFICATE_CACHE_SIZE, SigningCertificateCache } from './certificates/signing-certificate-cache';
import { snsTriggerConfigSchema, type SnsTriggerConfig } from './config';
import { TrustedOriginsSetting } from './origins/trusted-origins-setting';
import { parseSnsRequest } from './request/parse-sns-request';
import type { SnsTriggerRuntime } from './runtime';
import { answerHandshake } from './subscription/answer-handshake';
import { listSubscriptions } from './subscription/subscription-records';
import { pinnedTopic } from './subscription/topic-pin';

/** The trigger type this package registers (docs/webhooks.md). */
export const AMAZON_SNS_TRIGGER_TYPE = 'amazon-sns';

export interface AmazonSnsTriggerOptions {
  /** Signing certificates kept in memory (least recently used are dropped). Default 100. */
  certificateCacheSize?: number;
}

/**
 * Builds the amazon-sns trigger. The package's default export is one instance; build another for an
 * isolated certificate cache (tests, several servers in one process).
 */
export function createAmazonSnsTrigger(options: AmazonSnsTriggerOptions = {}): TriggerPlugin<SnsTriggerConfig> {
  const runtime: SnsTriggerRuntime = {
    certificates: new SigningCertificateCache(options.certificateCacheSize ?? DEFAULT_CERTIFICATE_CACHE_SIZE),
    trustedOrigins: new TrustedOriginsSetting(),
  };
  return defineTrigger<SnsTriggerConfig>({
    type: AMAZON_SNS_TRIGGER_TYPE,
    displayName: 'Amazon SNS',
    description:
      'Subscribe `<webhook-url>?x-api-key=<key>` to an SNS topic as an HTTPS endpoint: the subscription is ' +
      'confirmed automatically, every message signature is verified, and each notification runs the workflow once.',
    configSchema: snsTriggerConfigSchema,
    // SNS sends text/plain; the body is parsed as JSON whatever the Content-Type says.
    accepts: 'any',
    // SNS counts every 4xx as delivered and retries only on 5xx: a rate limit must answer 503, or it drops the message.
    sendersRetryOnlyOn5xx: true,
    // SNS cannot set headers on a subscription, so the key rides in the endpoint URL's query.
    auth: apiKeyInQueryOrHeader('x-api-key'),
    parse: (request, ctx) => parseSnsRequest(request, ctx, runtime),
    confirm: (handshake, _request, ctx) => answerHandshake(handshake, ctx, runtime),
    describe: async (ctx) => ({
      pinnedTopicArn: ctx.config.topicArns === undefined ? ((await pinnedTopic(ctx.state)) ?? null) : null,
      subscriptions: await listSubscriptions(ctx.state),
    }),
  });
}
