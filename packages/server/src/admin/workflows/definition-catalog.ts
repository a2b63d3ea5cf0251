import type { ApiKeyRepository, CredentialRepository, DefinitionCatalog, PluginRegistry } from '@hookflow/engine';

/**
 * What `validateDefinition` checks a workflow against: the loaded plugins, the active API key names and the
 * credentials' types, loaded once per request so validation itself stays synchronous.
 */
export async function loadDefinitionCatalog(
  registry: PluginRegistry,
  apiKeys: ApiKeyRepository,
  credentials: CredentialRepository,
): Promise<DefinitionCatalog> {
  const [activeKeyNames, credentialTypes] = await Promise.all([
    apiKeys.listActiveKeyNames().then((names) => new Set(names)),
    credentials.credentialTypesByName(),
  ]);
  return {
    nodeType: (type) => registry.nodeType(type),
    triggerType: (type) => registry.trigger(type),
    apiKeyExists: (name) => activeKeyNames.has(name),
    credentialType: (name) => credentialTypes.get(name),
  };
}
