import { describe, expect, it } from 'vitest';
import { CredentialTypes } from '../../src/credentials/credential-types';
import { BUILT_IN_CREDENTIAL_TYPES } from '../../src/credentials/credential-type';
import { defineNode } from '@hookflow/sdk';
import { PluginRegistry } from '../../src/plugins/plugin-registry';

const oauthClient = {
  type: 'acme.oauth-client',
  displayName: 'ACME OAuth client',
  description: 'Client id and secret',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['clientId', 'clientSecret'],
    properties: { clientId: { type: 'string', writeOnly: true }, clientSecret: { type: 'string', writeOnly: true } },
  },
};

function nodeWith(extra: Record<string, unknown>) {
  return defineNode({
    type: 'acme.call',
    displayName: 'ACME call',
    description: 'Calls ACME',
    paramsSchema: { type: 'object' },
    execute: () => Promise.resolve(null),
    ...extra,
  });
}

describe('credential types', () => {
  it('knows the built-in types, each with only write-only fields', () => {
    const types = new CredentialTypes();
    expect(types.list().map(({ credentialType }) => credentialType.type)).toEqual([
      'bearer',
      'basic',
      'header',
      'query',
    ]);
    for (const type of BUILT_IN_CREDENTIAL_TYPES) {
      for (const property of Object.values(type.schema.properties as Record<string, { writeOnly?: boolean }>)) {
        expect(property.writeOnly).toBe(true);
      }
    }
  });

  it('checks data against the type, without echoing values', () => {
    const types = new CredentialTypes();
    const bearer = types.get('bearer')!;
    expect(types.dataProblems(bearer, { token: 'ok-token' })).toEqual([]);
    const problems = types.dataProblems(bearer, { token: 'has\nnewline-secret', extra: 1 });
    expect(problems.map((problem) => problem.path).sort()).toEqual(['/data/extra', '/data/token']);
    expect(JSON.stringify(problems)).not.toContain('newline-secret');
  });

  it('registers the types a node plugin declares, and refuses readable fields or duplicates', () => {
    const registry = new PluginRegistry();
    registry.addNodeType(
      nodeWith({ credentialTypes: [oauthClient], acceptsCredentials: ['acme.oauth-client', 'bearer'] }),
      'acme-plugin',
    );
    registry.checkAcceptedCredentialTypes();
    expect(registry.credentialTypes.get('acme.oauth-client')).toBe(oauthClient);
    expect(registry.listNodeTypes()[0]!.acceptsCredentials).toEqual(['acme.oauth-client', 'bearer']);

    const readable = {
      ...oauthClient,
      type: 'acme.readable',
      schema: { ...oauthClient.schema, properties: { clientId: { type: 'string' } } },
    };
    expect(() => new PluginRegistry().addNodeType(nodeWith({ credentialTypes: [readable] }), 'bad-plugin')).toThrow(
      /bad-plugin: credential type "acme.readable": every property must be marked writeOnly.*not writeOnly: clientId/,
    );
    expect(() =>
      new PluginRegistry().addNodeType(nodeWith({ credentialTypes: [{ ...oauthClient, type: 'bearer' }] }), 'dup'),
    ).toThrow('dup: credential type "bearer" is already registered by built-in');
  });

  it('refuses, once all plugins are loaded, a node accepting a type nobody declares', () => {
    const registry = new PluginRegistry();
    registry.addNodeType(nodeWith({ acceptsCredentials: ['acme.unknown'] }), 'acme-plugin');
    expect(() => registry.checkAcceptedCredentialTypes()).toThrow(
      'acme-plugin: node type "acme.call" accepts unknown credential type(s) "acme.unknown"',
    );
  });
});
