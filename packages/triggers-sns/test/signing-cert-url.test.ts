import { describe, expect, it, vi } from 'vitest';
import { SnsVerificationError, verifySnsMessage } from '../src';
import { justAfter, loadAwsFixtures } from './support/aws-fixtures';

// php2022-msg2: SignatureVersion 2, topic in us-east-2.
const fixture = loadAwsFixtures().find((f) => f.name === 'php2022-msg2')!;
const GOOD_URL = fixture.message.SigningCertURL!;
const CERT_FILE = new URL(GOOD_URL).pathname; // /SimpleNotificationService-<hex>.pem
const now = justAfter(fixture.message.Timestamp!);

async function refusal(url: string, trustedOrigins: readonly string[] = []) {
  const fetchCertificate = vi.fn(() => Promise.resolve(fixture.certificatePem));
  const error: unknown = await verifySnsMessage(
    { ...fixture.message, SigningCertURL: url },
    { fetchCertificate, now, trustedOrigins },
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, fetchCertificate };
}

describe('SigningCertURL rules', () => {
  const hostile: [string, string][] = [
    ['http instead of https', `http://sns.us-east-2.amazonaws.com${CERT_FILE}`],
    ['another host', `https://example.com${CERT_FILE}`],
    ['another AWS service', `https://s3.us-east-2.amazonaws.com${CERT_FILE}`],
    ['a look-alike host (suffix)', `https://sns.us-east-2.amazonaws.com.evil.com${CERT_FILE}`],
    ['a look-alike host (prefix)', `https://evil-sns.us-east-2.amazonaws.com${CERT_FILE}`],
    ['a look-alike host (subdomain)', `https://x.sns.us-east-2.amazonaws.com${CERT_FILE}`],
    ['a look-alike host (other TLD)', `https://sns.us-east-2.amazonaws.co${CERT_FILE}`],
    ['a trailing dot on the host', `https://sns.us-east-2.amazonaws.com.${CERT_FILE}`],
    ['the China suffix for a non-China topic', `https://sns.us-east-2.amazonaws.com.cn${CERT_FILE}`],
    ['an explicit port', `https://sns.us-east-2.amazonaws.com:8443${CERT_FILE}`],
    ['the default port written out', `https://sns.us-east-2.amazonaws.com:443${CERT_FILE}`],
    ['userinfo', `https://user:pass@sns.us-east-2.amazonaws.com${CERT_FILE}`],
    ['userinfo hiding another host', `https://sns.us-east-2.amazonaws.com@evil.com${CERT_FILE}`],
    ['a query', `${GOOD_URL}?x=1`],
    ['an empty query', `${GOOD_URL}?`],
    ['a fragment', `${GOOD_URL}#frag`],
    ['an empty fragment', `${GOOD_URL}#`],
    ['a wrong file name', 'https://sns.us-east-2.amazonaws.com/evil.pem'],
    ['a non-hex hash', 'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-xyz.pem'],
    ['a sub-directory', `https://sns.us-east-2.amazonaws.com/certs${CERT_FILE}`],
    ['dot segments', `https://sns.us-east-2.amazonaws.com/x/..${CERT_FILE}`],
    ['a backslash', `https://sns.us-east-2.amazonaws.com\\${CERT_FILE.slice(1)}`],
    ['an encoded slash', `https://sns.us-east-2.amazonaws.com/%2F${CERT_FILE.slice(1)}`],
    ['the region of another topic', `https://sns.us-east-1.amazonaws.com${CERT_FILE}`],
    ['no region', `https://sns.amazonaws.com${CERT_FILE}`],
    ['upper case host', `https://SNS.US-EAST-2.AMAZONAWS.COM${CERT_FILE}`],
    ['a relative URL', CERT_FILE],
    ['another scheme', `file:///etc${CERT_FILE}`],
    ['not a URL at all', 'certificate please'],
  ];

  it.each(hostile)('refuses %s before any fetch', async (_case, url) => {
    const { error, fetchCertificate } = await refusal(url);
    expect(error).toBeInstanceOf(SnsVerificationError);
    expect((error as SnsVerificationError).code).toBe('invalid_certificate_url');
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('accepts the exact regional endpoint', async () => {
    const { error, fetchCertificate } = await refusal(GOOD_URL);
    expect(error).toBeUndefined();
    expect(fetchCertificate).toHaveBeenCalledWith(GOOD_URL);
  });

  it('ties amazonaws.com.cn to China-partition topics', async () => {
    const fetchCertificate = vi.fn(() => Promise.reject(new Error('offline')));
    const china = {
      ...fixture.message,
      TopicArn: 'arn:aws-cn:sns:cn-north-1:295079676684:topic',
      SigningCertURL: `https://sns.cn-north-1.amazonaws.com.cn${CERT_FILE}`,
    };
    // The URL passes every rule, so the fetcher is reached (and fails offline).
    await expect(verifySnsMessage(china, { fetchCertificate, now })).rejects.toMatchObject({
      code: 'certificate_unavailable',
    });
    expect(fetchCertificate).toHaveBeenCalledWith(china.SigningCertURL);
    const wrongSuffix = { ...china, SigningCertURL: `https://sns.cn-north-1.amazonaws.com${CERT_FILE}` };
    await expect(verifySnsMessage(wrongSuffix, { fetchCertificate, now })).rejects.toMatchObject({
      code: 'invalid_certificate_url',
    });
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
  });

  describe('with trusted origins', () => {
    const trusted = ['http://127.0.0.1:4566'];

    it('accepts any path without query on a trusted origin', async () => {
      for (const url of [
        'http://127.0.0.1:4566/_aws/sns/SimpleNotificationService-6c6f.pem',
        'http://127.0.0.1:4566/cert',
      ]) {
        const { error, fetchCertificate } = await refusal(url, trusted);
        // Fetched from the trusted origin; the fetcher hands back the real AWS certificate, so it verifies.
        expect(error).toBeUndefined();
        expect(fetchCertificate).toHaveBeenCalledWith(url);
      }
    });

    it.each([
      ['another port', 'http://127.0.0.1:4567/cert'],
      ['another scheme', 'https://127.0.0.1:4566/cert'],
      ['another host', 'http://localhost:4566/cert'],
      ['userinfo', 'http://u@127.0.0.1:4566/cert'],
      ['a query', 'http://127.0.0.1:4566/cert?x=1'],
      ['a fragment', 'http://127.0.0.1:4566/cert#x'],
      ['an empty fragment', 'http://127.0.0.1:4566/cert#'],
    ])('still refuses %s', async (_case, url) => {
      const { error, fetchCertificate } = await refusal(url, trusted);
      expect((error as SnsVerificationError).code).toBe('invalid_certificate_url');
      expect(fetchCertificate).not.toHaveBeenCalled();
    });

    it('ignores entries that are not bare origins', async () => {
      const { error, fetchCertificate } = await refusal('http://127.0.0.1:4566/cert', ['http://127.0.0.1:4566/path']);
      expect((error as SnsVerificationError).code).toBe('invalid_certificate_url');
      expect(fetchCertificate).not.toHaveBeenCalled();
    });
  });
});
