import { describe, expect, it, vi } from 'vitest';
import { SnsVerificationError, verifySnsMessage, type SnsVerificationCode } from '../src';
import { justAfter, loadAwsFixtures, type AwsFixture } from './support/aws-fixtures';
import { TEST_EC_CERT_PEM } from '../src/testing';

const fixtures = loadAwsFixtures();

function fetcherFor(fixture: AwsFixture) {
  return vi.fn((_url: string) => Promise.resolve(fixture.certificatePem));
}

async function codeOf(promise: Promise<unknown>): Promise<SnsVerificationCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(SnsVerificationError);
    return (error as SnsVerificationError).code;
  }
}

describe('verifySnsMessage on real AWS-signed messages', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s verifies with an injected clock', async (_name, fixture) => {
    const fetchCertificate = fetcherFor(fixture);
    const verified = await verifySnsMessage(fixture.message, {
      fetchCertificate,
      now: justAfter(fixture.message.Timestamp!),
    });
    expect(verified.MessageId).toBe(fixture.message.MessageId);
    expect(fetchCertificate).toHaveBeenCalledExactlyOnceWith(fixture.message.SigningCertURL);
  });

  it('accepts the message as JSON text and a clock function', async () => {
    const fixture = fixtures[0]!;
    await expect(
      verifySnsMessage(JSON.stringify(fixture.message), {
        fetchCertificate: fetcherFor(fixture),
        now: () => justAfter(fixture.message.Timestamp!),
      }),
    ).resolves.toMatchObject({ Type: 'Notification', TopicArn: fixture.message.TopicArn });
  });

  const tamperings: [field: string, change: (message: Record<string, string>) => void][] = [
    ['Message', (m) => (m.Message = `${m.Message}!`)],
    ['MessageId', (m) => (m.MessageId = m.MessageId!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))],
    // One millisecond later: still fresh, so only the signature can catch it.
    ['Timestamp', (m) => (m.Timestamp = new Date(new Date(m.Timestamp!).getTime() + 1).toISOString())],
    // Same region, so the certificate URL stays valid for it.
    ['TopicArn', (m) => (m.TopicArn = m.TopicArn!.replace(/:(\d{12}):/, ':111122223333:'))],
    ['Subject', (m) => (m.Subject === undefined ? (m.Subject = 'added') : (m.Subject = `${m.Subject}?`))],
  ];

  for (const fixture of fixtures) {
    it.each(tamperings)(`${fixture.name} with %s changed fails with signature_invalid`, async (_field, change) => {
      const message = { ...fixture.message };
      change(message);
      const code = await codeOf(
        verifySnsMessage(message, { fetchCertificate: fetcherFor(fixture), now: justAfter(message.Timestamp!) }),
      );
      expect(code).toBe('signature_invalid');
    });
  }

  it.each(fixtures.filter((f) => f.message.Subject !== undefined).map((f) => [f.name, f] as const))(
    '%s with its Subject removed fails',
    async (_name, fixture) => {
      const { Subject: _removed, ...message } = fixture.message;
      const code = await codeOf(
        verifySnsMessage(message, { fetchCertificate: fetcherFor(fixture), now: justAfter(message.Timestamp!) }),
      );
      expect(code).toBe('signature_invalid');
    },
  );

  it.each(fixtures.map((f) => [f.name, f] as const))('%s with Type changed fails', async (_name, fixture) => {
    const now = justAfter(fixture.message.Timestamp!);
    // As-is, a confirmation lacks its Token and SubscribeURL...
    const retyped = { ...fixture.message, Type: 'SubscriptionConfirmation' };
    expect(await codeOf(verifySnsMessage(retyped, { fetchCertificate: fetcherFor(fixture), now }))).toBe(
      'invalid_message',
    );
    // ...and with them supplied the signature no longer matches.
    const completed = {
      ...retyped,
      Token: 'abc123',
      SubscribeURL: `https://sns.${fixture.message.TopicArn!.split(':')[3]}.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${fixture.message.TopicArn}&Token=abc123`,
    };
    expect(await codeOf(verifySnsMessage(completed, { fetchCertificate: fetcherFor(fixture), now }))).toBe(
      'signature_invalid',
    );
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s with SignatureVersion swapped fails',
    async (_name, fixture) => {
      const swapped = { ...fixture.message, SignatureVersion: fixture.message.SignatureVersion === '1' ? '2' : '1' };
      const code = await codeOf(
        verifySnsMessage(swapped, {
          fetchCertificate: fetcherFor(fixture),
          now: justAfter(fixture.message.Timestamp!),
        }),
      );
      expect(code).toBe('signature_invalid');
    },
  );

  it('fails when the signature bytes are altered or not base64', async () => {
    const fixture = fixtures[1]!;
    const now = justAfter(fixture.message.Timestamp!);
    const signature = fixture.message.Signature!;
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const altered = { ...fixture.message, Signature: signature.slice(0, 10) + flipped + signature.slice(11) };
    expect(await codeOf(verifySnsMessage(altered, { fetchCertificate: fetcherFor(fixture), now }))).toBe(
      'signature_invalid',
    );
    const junk = { ...fixture.message, Signature: `${signature}!!` };
    expect(await codeOf(verifySnsMessage(junk, { fetchCertificate: fetcherFor(fixture), now }))).toBe(
      'signature_invalid',
    );
  });

  it('fails under another certificate than the one that signed', async () => {
    const message = fixtures.find((f) => f.name === 'php2022-msg1')!.message;
    const otherCertificate = fixtures.find((f) => f.name === 'php2017-msg1')!.certificatePem;
    const code = await codeOf(
      verifySnsMessage(message, {
        fetchCertificate: () => Promise.resolve(otherCertificate),
        now: justAfter(message.Timestamp!),
      }),
    );
    expect(code).toBe('signature_invalid');
  });

  it('refuses a message older than the allowed age without fetching', async () => {
    const fixture = fixtures[0]!;
    const fetchCertificate = fetcherFor(fixture);
    // Against the wall clock every fixture is years old.
    expect(await codeOf(verifySnsMessage(fixture.message, { fetchCertificate }))).toBe('message_too_old');
    const elevenMinutes = justAfter(fixture.message.Timestamp!, 660);
    expect(
      await codeOf(verifySnsMessage(fixture.message, { fetchCertificate, now: elevenMinutes, maxAgeSeconds: 600 })),
    ).toBe('message_too_old');
    expect(fetchCertificate).not.toHaveBeenCalled();
    await expect(
      verifySnsMessage(fixture.message, { fetchCertificate, now: elevenMinutes, maxAgeSeconds: 700 }),
    ).resolves.toBeDefined();
  });

  it('refuses an unknown SignatureVersion without fetching', async () => {
    const fixture = fixtures[0]!;
    const fetchCertificate = fetcherFor(fixture);
    for (const version of ['3', '', '01', 'SHA256']) {
      const message = { ...fixture.message, SignatureVersion: version };
      expect(
        await codeOf(verifySnsMessage(message, { fetchCertificate, now: justAfter(fixture.message.Timestamp!) })),
      ).toBe('unsupported_signature_version');
    }
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('refuses malformed messages with invalid_message', async () => {
    const fixture = fixtures[0]!;
    const fetchCertificate = fetcherFor(fixture);
    const now = justAfter(fixture.message.Timestamp!);
    const { Signature: _s, ...unsigned } = fixture.message;
    const cases: unknown[] = [
      'not json',
      [fixture.message],
      null,
      unsigned,
      { ...fixture.message, Type: 'Bogus' },
      { ...fixture.message, Message: 42 },
      { ...fixture.message, TopicArn: 'arn:aws:sqs:us-east-2:295079676684:queue' },
      { ...fixture.message, Timestamp: 'yesterday' },
      { ...fixture.message, MessageAttributes: { color: { Type: 'String' } } },
    ];
    for (const message of cases) {
      expect(await codeOf(verifySnsMessage(message, { fetchCertificate, now }))).toBe('invalid_message');
    }
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('reports certificate_unavailable when the fetcher fails, certificate_invalid for bytes that are no RSA certificate', async () => {
    const fixture = fixtures[0]!;
    const now = justAfter(fixture.message.Timestamp!);
    const failing = () => Promise.reject(new Error('ETIMEDOUT'));
    expect(await codeOf(verifySnsMessage(fixture.message, { fetchCertificate: failing, now }))).toBe(
      'certificate_unavailable',
    );
    const garbage = () => Promise.resolve('<html>hello</html>');
    expect(await codeOf(verifySnsMessage(fixture.message, { fetchCertificate: garbage, now }))).toBe(
      'certificate_invalid',
    );
    const ec = () => Promise.resolve(TEST_EC_CERT_PEM);
    expect(await codeOf(verifySnsMessage(fixture.message, { fetchCertificate: ec, now }))).toBe('certificate_invalid');
  });
});
