/**
 * Marks an error class so that `instanceof` recognises instances made by another copy of this package
 * (a plugin bundling its own `@hookflow/sdk`), the way Temporal's SDK does with `SymbolBasedInstanceOfError`.
 * The marker is a registered symbol (`Symbol.for`), which is the same in every copy loaded in one process.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor signature
type ErrorClass = abstract new (...args: any[]) => Error;

export function markErrorClass(errorClass: ErrorClass, name: string): void {
  const marker = Symbol.for(`hookflow.error.${name}`);
  Object.defineProperty(errorClass.prototype, marker, { value: true, enumerable: false });
  Object.defineProperty(errorClass.prototype, 'name', { value: name, enumerable: false, writable: true });
  Object.defineProperty(errorClass, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (this === errorClass) {
        return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
      }
      // A subclass that is not marked itself (e.g. one of the server's own errors): the ordinary check.
      return typeof this === 'function' && Function.prototype[Symbol.hasInstance].call(this, value);
    },
  });
}
