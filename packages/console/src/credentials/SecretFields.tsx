import type { JsonSchema } from '../api/types';

/**
 * One password field per property of a credential type's schema (they are all `writeOnly` strings). The
 * values live in this form's state only until it is submitted; nothing shows them afterwards.
 */
export function SecretFields({
  idPrefix,
  schema,
  values,
  onChange,
}: {
  idPrefix: string;
  schema: JsonSchema;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const properties = (schema.properties ?? {}) as Record<string, { title?: string; description?: string }>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    <>
      {Object.entries(properties).map(([name, property]) => (
        <div key={name} className="secret-field">
          <label htmlFor={`${idPrefix}-${name}`}>{property.title ?? name}</label>
          <input
            id={`${idPrefix}-${name}`}
            type="password"
            autoComplete="off"
            required={required.has(name)}
            value={values[name] ?? ''}
            onChange={(event) => onChange({ ...values, [name]: event.target.value })}
          />
          {property.description ? <span className="hint">{property.description}</span> : null}
        </div>
      ))}
    </>
  );
}
