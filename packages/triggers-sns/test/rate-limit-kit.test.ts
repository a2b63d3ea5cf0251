import { runTrigger } from '@hookflow/sdk/testing';
import { describe, expect, it } from 'vitest';
import { createAmazonSnsTrigger } from '../src';
import { justAfter, loadAwsFixtures } from './support/aws-fixtures';
import { StaticHttpClient } from './support/outbound-http';

/**
 * Through the SDK's test kit (the server's pipeline) with the key's bucket empty: SNS counts every 4xx as
 * delivered, so a real message must be answered 503 (SNS retries), and a forged one must be refused for what
 * it is before any token is looked at.
 */
describe('amazon-sns when the rate limit is exhausted (test kit, real AWS-signed message)', () => {
  const fixture = loadAwsFixtures().find((f) => f.name === 'php2022-msg4')!;
  const options = () => ({
    apiKey: 'hf_test_key',
    config: { topicArns: [fixture.message.TopicArn!] },
    now: justAfter(fixture.message.Timestamp!),
    http: new StaticHttpClient({ [fixture.message.SigningCertURL!]: fixture.certificatePem }),
    rateLimited: true,
  });
  const request = (message: Record<string, string>) => ({
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type! },
    query: { 'x-api-key': 'hf_test_key' },
    body: JSON.stringify(message),
  });

  it('declares that its senders retry only on 5xx', () => {
    expect(createAmazonSnsTrigger().sendersRetryOnlyOn5xx).toBe(true);
  });

  it('answers a verified notification 503 unavailable with Retry-After and its delivery key, never 429', async () => {
    const answer = await runTrigger(createAmazonSnsTrigger(), request(fixture.message), options());
    expect(answer).toMatchObject({
      status: 503,
      errorCode: 'unavailable',
      reason: 'API key over its rate limit',
      deliveryKey: fixture.message.MessageId,
    });
    expect(Number(answer.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  });

  it('refuses a forged copy 403 signature_invalid: the limit is only consulted after verification', async () => {
    const forged = { ...fixture.message, Message: 'changed after signing' };
    const answer = await runTrigger(createAmazonSnsTrigger(), request(forged), options());
    expect(answer).toMatchObject({ status: 403, errorCode: 'signature_invalid' });
  });
});
