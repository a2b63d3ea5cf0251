import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Real AWS-signed messages and their certificates (see the README beside them). */
export const AWS_FIXTURES_DIR = process.env.HOOKFLOW_SNS_AWS_FIXTURES ?? resolve(__dirname, '../fixtures/aws');

export interface AwsFixture {
  name: string;
  message: Record<string, string>;
  certificatePem: string;
}

const FIXTURES: [name: string, certificate: string][] = [
  ['php2022-msg1', 'php2022-cert.pem'],
  ['php2022-msg2', 'php2022-cert.pem'],
  ['php2022-msg3', 'php2022-cert.pem'],
  ['php2022-msg4', 'php2022-cert.pem'],
  ['php2017-msg1', 'php2017-cert.pem'],
  ['php2017-msg2', 'php2017-cert.pem'],
];

export function loadAwsFixtures(): AwsFixture[] {
  return FIXTURES.map(([name, certificate]) => ({
    name,
    message: JSON.parse(readFileSync(resolve(AWS_FIXTURES_DIR, `${name}.json`), 'utf8')) as Record<string, string>,
    certificatePem: readFileSync(resolve(AWS_FIXTURES_DIR, certificate), 'utf8'),
  }));
}

/** A clock shortly after the message was signed: the fixtures are years old. */
export function justAfter(timestamp: string, seconds = 30): Date {
  return new Date(new Date(timestamp).getTime() + seconds * 1000);
}
