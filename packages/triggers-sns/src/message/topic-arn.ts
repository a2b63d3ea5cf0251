/**
 * The parts of an SNS topic ARN that decide which hosts may sign for it:
 * `arn:<partition>:sns:<region>:<account>:<topic name>`.
 */
export interface TopicArn {
  arn: string;
  partition: SnsPartition;
  region: string;
  account: string;
  name: string;
}

/** Partitions whose SNS endpoints this plugin knows; any other partition is refused. */
export type SnsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** DNS suffix of SNS endpoints per partition (`sns.<region>.<suffix>`). */
const DNS_SUFFIX: Readonly<Record<SnsPartition, string>> = {
  aws: 'amazonaws.com',
  'aws-us-gov': 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
};

// Regions look like `us-east-1`, `ap-southeast-2`, `us-gov-west-1`, `cn-north-1`. Kept strict because the
// region is spliced into a host name we will connect to.
const TOPIC_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):sns:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** The parsed ARN, or `undefined` when `value` is not an SNS topic ARN of a known partition. */
export function parseTopicArn(value: string): TopicArn | undefined {
  const match = TOPIC_ARN.exec(value);
  if (!match) return undefined;
  const [, partition, region, account, name] = match;
  if (!isPartition(partition) || !region || !account || !name) return undefined;
  return { arn: value, partition, region, account, name };
}

function isPartition(value: string | undefined): value is SnsPartition {
  return value !== undefined && Object.hasOwn(DNS_SUFFIX, value);
}

/** The only host that may serve certificates and confirmations for this topic, e.g. `sns.us-east-2.amazonaws.com`. */
export function snsEndpointHost(topic: TopicArn): string {
  return `sns.${topic.region}.${DNS_SUFFIX[topic.partition]}`;
}
