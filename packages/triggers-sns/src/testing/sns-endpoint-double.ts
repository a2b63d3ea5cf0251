import { randomUUID } from 'node:crypto';
import { LocalOrigin, type Reply } from './local-origin';
import { TEST_CERT_PATH, TEST_SIGNING_CERT_PEM } from './test-signer';

/**
 * A local stand-in for `sns.<region>.amazonaws.com`: serves the test signing certificate and answers
 * `GET /?Action=ConfirmSubscription…` like SNS does, with a ConfirmSubscriptionResponse naming a new
 * subscription ARN. `confirmStatus` lets a test make the confirmation fail.
 */
export class SnsEndpointDouble extends LocalOrigin {
  confirmStatus = 200;
  /** Subscription ARNs handed out by successful confirmations. */
  readonly confirmed: string[] = [];

  override async start(): Promise<this> {
    await super.start();
    this.installRoutes();
    return this;
  }

  override reset(): void {
    super.reset();
    this.confirmStatus = 200;
    this.confirmed.length = 0;
    this.installRoutes();
  }

  /** Requests that were confirmations (anything on `/` with a query). */
  confirmations(): string[] {
    return this.received.filter((line) => line.startsWith('GET /?'));
  }

  private installRoutes(): void {
    this.routePath(`GET ${TEST_CERT_PATH}`, () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
    this.routePath('GET /', (request): Reply => {
      if (this.confirmStatus >= 300 && this.confirmStatus < 400) {
        // A redirect to another confirmation: followed, it would show up as a second confirmation request.
        return { status: this.confirmStatus, headers: { location: `${request.url ?? '/'}&followed=1` } };
      }
      if (this.confirmStatus !== 200) return { status: this.confirmStatus, body: '<ErrorResponse/>' };
      const topicArn = new URL(request.url ?? '/', 'http://x').searchParams.get('TopicArn') ?? '';
      const subscriptionArn = `${topicArn}:${randomUUID()}`;
      this.confirmed.push(subscriptionArn);
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body:
          '<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">' +
          `<ConfirmSubscriptionResult><SubscriptionArn>${subscriptionArn}</SubscriptionArn></ConfirmSubscriptionResult>` +
          `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></ConfirmSubscriptionResponse>`,
      };
    });
  }
}
