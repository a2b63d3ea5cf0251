import type { HookflowConfig } from '@hookflow/engine';

/**
 * The CSP of every answer, the console's included: only this origin, no inline script, no inline `<style>`
 * (the console sets styles through the DOM, which CSP allows), no framing. Nothing the console loads or calls
 * lives elsewhere. `upgrade-insecure-requests` only behind https: on a plain-http dev server it would send
 * the browser to an https port nobody listens on.
 */
export function contentSecurityPolicy(config: Pick<HookflowConfig, 'publicUrl'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    ...(config.publicUrl.startsWith('https:') ? { 'upgrade-insecure-requests': [] } : {}),
  };
}
