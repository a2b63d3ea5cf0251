// `arn:aws:sns:us-east-2:123456789012:MyTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`
const SUBSCRIPTION_ARN =
  /arn:aws(?:-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The first subscription ARN of `topicArn` that appears in `text`, if any. */
function findSubscriptionArn(text: string, topicArn: string): string | null {
  for (const [candidate] of text.matchAll(SUBSCRIPTION_ARN)) {
    if (candidate.startsWith(`${topicArn}:`)) return candidate;
  }
  return null;
}

/**
 * The ARN in a ConfirmSubscription response:
 * `<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:…</SubscriptionArn>…`.
 * Only the `SubscriptionArn` element is read; no general XML parser is needed for one text node.
 */
export function subscriptionArnFromConfirmResponse(xml: string, topicArn: string): string | null {
  const element = /<SubscriptionArn>([^<]{1,1024})<\/SubscriptionArn>/.exec(xml);
  return element?.[1] === undefined ? null : findSubscriptionArn(element[1].trim(), topicArn);
}

/** The ARN an UnsubscribeConfirmation names: "You have chosen to deactivate subscription arn:….\n…". */
export function subscriptionArnFromUnsubscribeMessage(message: string, topicArn: string): string | null {
  return findSubscriptionArn(message, topicArn);
}
