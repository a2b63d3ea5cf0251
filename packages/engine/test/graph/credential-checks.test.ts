import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/graph';
import { catalog, orderAlert } from './definition-fixtures';

function withCredential(nodeIndex: number, credential: unknown) {
  const document = orderAlert();
  document.nodes[nodeIndex]!.credential = credential;
  return document;
}

describe('node credentials on save', () => {
  it('accepts a credential of a type the node type accepts', () => {
    expect(validateDefinition(withCredential(1, 'shop-api'), catalog())).toMatchObject({ ok: true });
  });

  it('refuses an unknown credential, naming it at the node', () => {
    expect(validateDefinition(withCredential(1, 'nope'), catalog())).toEqual({
      ok: false,
      problems: [{ path: '/nodes/1/credential', message: 'no credential is named "nope"' }],
    });
  });

  it('refuses a credential whose type the node type does not accept', () => {
    const result = validateDefinition(withCredential(1, 'oauth'), catalog(['shop'], { oauth: 'acme.oauth' }));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: '/nodes/1/credential',
          message:
            'credential "oauth" is of type "acme.oauth"; node type "http.request" accepts "bearer", "basic", "header", "query"',
        },
      ],
    });
  });

  it('refuses a credential on node types that take none, control types included', () => {
    const onLog = validateDefinition(withCredential(2, 'shop-api'), catalog());
    expect(onLog).toMatchObject({
      ok: false,
      problems: [{ path: '/nodes/2/credential', message: 'node type "log" takes no credential' }],
    });
    const onCondition = validateDefinition(withCredential(0, 'shop-api'), catalog());
    expect(onCondition).toMatchObject({
      ok: false,
      problems: [{ path: '/nodes/0/credential', message: 'node type "condition" takes no credential' }],
    });
  });

  it('refuses a credential that is not a name', () => {
    const result = validateDefinition(withCredential(1, { token: 'inline secrets are not credentials' }), catalog());
    expect(result).toMatchObject({ ok: false, problems: [{ path: '/nodes/1/credential', message: 'must be string' }] });
  });
});
