import type { SigningCertificateCache } from './certificates/signing-certificate-cache';
import type { TrustedOriginsSetting } from './origins/trusted-origins-setting';

/** Process-wide state of one plugin instance, shared by every workflow using it. */
export interface SnsTriggerRuntime {
  certificates: SigningCertificateCache;
  trustedOrigins: TrustedOriginsSetting;
}
