// Turns option strings into typed values, with messages that say what was expected and found.
import { UsageError } from '../errors.js';

type Raw = string | number | boolean;

/** The value as typed; an empty one shows as "" so that the message does not end in "got ". */
function show(value: Raw): string {
  if (value === '') return '""';
  return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : String(value);
}

function toNumber(value: Raw): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean' || value.trim() === '') return NaN;
  return Number(value);
}

export function integer(name: string, value: Raw, min: number): number {
  const n = toNumber(value);
  if (!Number.isInteger(n) || n < min) {
    const what = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new UsageError(`--${name} must be ${what}, got ${show(value)}`);
  }
  return n;
}

export function number(name: string, value: Raw, check: { min?: number; max?: number; minExclusive?: number; maxExclusive?: number } = {}): number {
  const n = toNumber(value);
  const bad =
    !Number.isFinite(n) ||
    (check.min !== undefined && n < check.min) ||
    (check.max !== undefined && n > check.max) ||
    (check.minExclusive !== undefined && n <= check.minExclusive) ||
    (check.maxExclusive !== undefined && n >= check.maxExclusive);
  if (bad) {
    const parts: string[] = [];
    if (check.min !== undefined) parts.push(`>= ${check.min}`);
    if (check.minExclusive !== undefined) parts.push(`> ${check.minExclusive}`);
    if (check.max !== undefined) parts.push(`<= ${check.max}`);
    if (check.maxExclusive !== undefined) parts.push(`< ${check.maxExclusive}`);
    throw new UsageError(`--${name} must be a number${parts.length ? ' ' + parts.join(' and ') : ''}, got ${show(value)}`);
  }
  return n;
}

export function choice<T extends string>(name: string, value: Raw, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

export function flag(name: string, value: Raw): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`--${name} is a switch (true or false), got ${show(value)}`);
}

export function text(name: string, value: Raw): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value, got ${show(value)}`);
  return value;
}
