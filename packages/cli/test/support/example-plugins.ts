import path from 'node:path';
import { REPO_ROOT } from './cli-stack';

/** The built-in plugins plus the example HMAC trigger, whose `secret` is a write-only config field. */
export const WITH_HMAC_TRIGGER = {
  HOOKFLOW_PLUGINS: [
    '@hookflow/triggers-generic',
    '@hookflow/triggers-sns',
    '@hookflow/engine/nodes',
    path.join(REPO_ROOT, 'examples/hmac-echo-trigger'),
  ].join(','),
};
