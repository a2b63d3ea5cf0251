import { loadConfig } from '../config/config';
import { loadEncryptionSettings } from '../crypto/encryption-config';
import { HookflowError } from '@hookflow/sdk';
import { createMongoConnection } from '../store/connection';
import { createStore } from '../store/create-store';

/**
 * `npm run reencrypt`: re-encrypts every credential under `HOOKFLOW_ENCRYPTION_KEY`, opening old values with
 * `HOOKFLOW_ENCRYPTION_KEY_PREVIOUS`, straight in MongoDB (no server needed). The same as
 * `POST /api/v1/credentials/reencrypt`. Prints the report as JSON; exits 1 if a value could not be opened.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, ['MONGODB_URI']);
  const { keyRing } = loadEncryptionSettings(process.env);
  if (!keyRing.currentKeyId) {
    throw new HookflowError(
      'encryption_key_missing',
      'HOOKFLOW_ENCRYPTION_KEY (or _FILE) is required: it is the key to re-encrypt under',
    );
  }
  const mongo = createMongoConnection(config.mongodbUri as string);
  try {
    await mongo.asPromise();
    const report = await createStore(mongo, { keyRing }).credentials.reencryptAll();
    console.log(JSON.stringify({ keyId: keyRing.currentKeyId, ...report }, null, 2));
    if (report.failed.length > 0) {
      console.error(
        `${report.failed.length} credential(s) could not be decrypted with the configured keys: ` +
          report.failed.map((failure) => failure.name).join(', '),
      );
      process.exitCode = 1;
    }
  } finally {
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error(`hookflow reencrypt: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
