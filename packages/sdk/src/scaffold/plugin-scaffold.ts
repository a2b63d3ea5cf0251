import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type PluginKind = 'trigger' | 'node';

export interface ScaffoldOptions {
  /** The package name, e.g. `hookflow-trigger-acme` or `@acme/hookflow-orders`. */
  name: string;
  kind: PluginKind;
  /** The plugin's type; default: the name without scope and `hookflow-(trigger|node)-` prefix. */
  type?: string;
  /** Where to create the package; default: `<cwd>/<name without scope>`. */
  directory?: string;
  cwd: string;
  /** The `@hookflow/sdk` devDependency; default: this SDK's version (a path or tarball works too). */
  sdk?: string;
}

export interface ScaffoldResult {
  directory: string;
  type: string;
  files: string[];
}

/** A problem with the command line: the message is for the user, no stack trace. */
export class ScaffoldError extends Error {}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
// The same rules as the plugin loader applies (docs/plugins.md).
const TYPE_RULES: Record<PluginKind, { pattern: RegExp; rule: string }> = {
  trigger: { pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, rule: 'kebab-case, e.g. acme-events' },
  node: { pattern: /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/, rule: 'lower-case, dotted or dashed, e.g. acme.slugify' },
};
const SDK_ROOT = path.resolve(__dirname, '..', '..');
/** npm leaves `.gitignore` out of packages, so the templates carry it under another name. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/**
 * Creates a plugin package from the templates shipped with this SDK (`templates/<kind>`): a declarative
 * plugin in `src/index.ts`, its test with `@hookflow/sdk/testing` in `test/`, a build to `dist/` on `npm pack`.
 */
export function scaffoldPlugin(options: ScaffoldOptions): ScaffoldResult {
  if (!PACKAGE_NAME.test(options.name) || options.name.length > 214) {
    throw new ScaffoldError(
      `"${options.name}" is not a valid npm package name (lower-case, e.g. hookflow-trigger-acme)`,
    );
  }
  const unscoped = options.name.replace(/^@[^/]+\//, '');
  const type = options.type ?? unscoped.replace(/^hookflow-(trigger|node|plugin)-/, '');
  const { pattern, rule } = TYPE_RULES[options.kind];
  if (!pattern.test(type)) {
    throw new ScaffoldError(`"${type}" is not a valid ${options.kind} type (${rule}); choose one with --type`);
  }
  const directory = path.resolve(options.cwd, options.directory ?? unscoped);
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new ScaffoldError(`${directory} exists and is not empty`);
  }

  const sdkVersion = (JSON.parse(readFileSync(path.join(SDK_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const values: Record<string, string> = {
    name: options.name,
    type,
    displayName: displayNameOf(type),
    sdkVersion,
    sdk: options.sdk ?? sdkVersion,
    // What `npm pack` names the package's tarball.
    tarball: `${options.name.replace(/^@/, '').replace('/', '-')}-0.1.0.tgz`,
  };
  cpSync(path.join(SDK_ROOT, 'templates', options.kind), directory, { recursive: true });
  const files = filesBelow(directory).map((file) => {
    const target = path.join(path.dirname(file), RENAMED[path.basename(file)] ?? path.basename(file));
    if (target !== file) renameSync(file, target);
    writeFileSync(target, fillIn(readFileSync(target, 'utf8'), values));
    return path.relative(directory, target);
  });
  return { directory, type, files: files.sort() };
}

/** `acme-events` → `Acme events`. */
function displayNameOf(type: string): string {
  const words = type.split(/[._-]/).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `{{name}}` placeholders; an unknown one is a bug in a template. */
function fillIn(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template placeholder {{${key}}} has no value`);
    return value;
  });
}

function filesBelow(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    return statSync(full).isDirectory() ? filesBelow(full) : [full];
  });
}
