/**
 * `@hookflow/triggers-sns/testing`: test support for the amazon-sns trigger, shared by this package's tests
 * and the server's end-to-end tests. TEST ONLY — it signs with a published, throwaway key (see
 * `test/fixtures/README.md`); never import it from production code.
 *
 * - a signer that produces SNS messages as SNS would, signed with the test-only key;
 * - `SnsEndpointDouble`, a local stand-in for `sns.<region>.amazonaws.com` (certificate + ConfirmSubscription);
 * - `LocalOrigin`, a recording local HTTP origin, to prove what was (never) fetched;
 * - a LocalStack harness that runs the real SNS emulator without Docker.
 */
export {
  sign,
  signedNotification,
  signedConfirmation,
  subscribeUrlFor,
  TEST_TOPIC_ARN,
  TEST_CERT_PATH,
  TEST_SIGNING_CERT_PEM,
  TEST_EC_CERT_PEM,
  type SignedMessage,
  type MessageOptions,
} from './test-signer';
export { LocalOrigin, type Reply, type Route } from './local-origin';
export { SnsEndpointDouble } from './sns-endpoint-double';
export {
  LOCALSTACK_VERSION,
  findPython,
  ensureLocalStackInstalled,
  startLocalStack,
  xmlValue,
  type LocalStack,
} from './localstack';
