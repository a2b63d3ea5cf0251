import { InvalidArgumentError } from 'commander';

/** `--timeout 30`: a positive number (commander reports a bad one as a usage error). */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number');
  return number;
}

/** `--limit 20`: a whole number from 1 up. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number from 1 up');
  return number;
}
