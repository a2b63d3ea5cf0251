import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTROL_NODE_TYPES } from '../graph/control-nodes';
import { PluginLoadError, PluginRegistry } from './plugin-registry';

const TRIGGER_TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NODE_TYPE = /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/;

/**
 * Loads `HOOKFLOW_PLUGINS` (docs/plugins.md): each module's default export is a trigger plugin, a node plugin,
 * or an array of them. Specifiers resolve from the working directory, so an operator can install plugin
 * packages beside Hookflow or point at a local path. Any problem throws a `PluginLoadError` naming the module.
 */
export async function loadPlugins(specifiers: readonly string[], cwd = process.cwd()): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  for (const control of CONTROL_NODE_TYPES) registry.addNodeType(control, 'built-in');
  const resolveFromCwd = createRequire(path.join(cwd, 'package.json'));

  for (const specifier of specifiers) {
    let exported: unknown;
    try {
      const resolved = resolveFromCwd.resolve(specifier.startsWith('.') ? path.resolve(cwd, specifier) : specifier);
      const mod = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
      exported = unwrapDefault(mod);
    } catch (error) {
      throw new PluginLoadError(`${specifier}: cannot load plugin module: ${(error as Error).message}`, error);
    }
    const plugins = Array.isArray(exported) ? (exported as unknown[]) : [exported];
    if (plugins.length === 0) throw new PluginLoadError(`${specifier}: exports no plugin`);
    for (const plugin of plugins) register(registry, plugin, specifier);
  }
  registry.checkAcceptedCredentialTypes();
  return registry;
}

/** A CommonJS module imported from ESM nests its `exports.default` one level deeper. */
function unwrapDefault(mod: { default?: unknown }): unknown {
  let value: unknown = mod.default ?? mod;
  if (value && typeof value === 'object' && 'default' in value && !('kind' in value)) {
    value = value.default;
  }
  return value;
}

function register(registry: PluginRegistry, plugin: unknown, source: string): void {
  const problem = (what: string) => new PluginLoadError(`${source}: invalid plugin: ${what}`);
  if (!plugin || typeof plugin !== 'object') throw problem('the default export is not a plugin object');
  const p = plugin as Record<string, unknown>;
  for (const field of ['type', 'displayName', 'description'] as const) {
    if (typeof p[field] !== 'string' || p[field] === '') throw problem(`"${field}" must be a non-empty string`);
  }
  const type = p.type as string;
  if (p.kind === 'trigger') {
    if (!TRIGGER_TYPE.test(type)) throw problem(`trigger type "${type}" must be kebab-case`);
    if (!isObject(p.configSchema)) throw problem(`"${type}": configSchema must be a JSON Schema object`);
    if (p.accepts !== 'json' && p.accepts !== 'any') throw problem(`"${type}": accepts must be "json" or "any"`);
    if (!isObject(p.auth) || typeof (p.auth as Record<string, unknown>).authenticate !== 'function') {
      throw problem(`"${type}": auth must be an auth strategy`);
    }
    if (typeof p.parse !== 'function') throw problem(`"${type}": parse must be a function`);
    if (p.confirm !== undefined && typeof p.confirm !== 'function')
      throw problem(`"${type}": confirm must be a function`);
    registry.addTrigger(plugin as Parameters<PluginRegistry['addTrigger']>[0], source);
    return;
  }
  if (p.kind === 'action') {
    if (!NODE_TYPE.test(type)) throw problem(`node type "${type}" must be lower-case, dotted or dashed`);
    if (!isObject(p.paramsSchema)) throw problem(`"${type}": paramsSchema must be a JSON Schema object`);
    if (typeof p.execute !== 'function') throw problem(`"${type}": execute must be a function`);
    if (p.acceptsCredentials !== undefined && !isStringArray(p.acceptsCredentials)) {
      throw problem(`"${type}": acceptsCredentials must be an array of credential type names`);
    }
    if (p.credentialTypes !== undefined && !Array.isArray(p.credentialTypes)) {
      throw problem(`"${type}": credentialTypes must be an array`);
    }
    registry.addNodeType(plugin as Parameters<PluginRegistry['addNodeType']>[0], source);
    return;
  }
  throw problem('"kind" must be "trigger" or "action" (use defineTrigger or defineNode)');
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
