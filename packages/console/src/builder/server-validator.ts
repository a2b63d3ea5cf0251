import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

/**
 * rjsf's validator, with validation left to the server: `POST /workflows/validate` runs the real checks
 * (templates included) and its problems reach the form as `extraErrors`. A browser-side AJV would compile
 * schemas with `new Function`, which the console's CSP (no `unsafe-eval`) forbids. The form schemas carry no
 * `oneOf`/`anyOf` (see `template-schema`), so nothing needs `isValid` to choose a branch.
 */
export const serverValidator: ValidatorType<unknown, RJSFSchema> = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => true,
  rawValidation: () => ({ errors: [] }),
};
