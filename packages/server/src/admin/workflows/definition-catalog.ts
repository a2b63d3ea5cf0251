import type { ApiKeyRepository, DefinitionCatalog, PluginRegistry } from '@hookflow/engine';

/**
 * What `validateDefinition` checks a workflow against: the loaded plugins, and the active API key names,
 * loaded once per request so validation itself stays synchronous.
 */
export async function loadDefinitionCatalog(
  registry: PluginRegistry,
  apiKeys: ApiKeyRepository,
): Promise<DefinitionCatalog> {
  const activeKeyNames = new Set(await apiKeys.listActiveKeyNames());
  return {
    nodeType: (type) => registry.nodeType(type),
    triggerType: (type) => registry.trigger(type),
    apiKeyExists: (name) => activeKeyNames.has(name),
  };
}
