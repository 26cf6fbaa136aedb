import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { Parser, Refused } from './env.parsers.js';

/** The one reading of a number variable; blank text stays text and non-numeric text becomes NaN, for the validators to refuse. */
export const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** A whole number within bounds; every way it can be wrong gives the one message "<VARIABLE> must be an integer …<note>". */
export function Integer(bounds: { min?: number; max?: number } = {}, note = ''): PropertyDecorator {
  const { min, max } = bounds;
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';
  const message = `$property must be an integer${range}${note}`;
  return apply(
    Transform(toNumber),
    IsInt({ message }),
    ...(min !== undefined ? [Min(min, { message })] : []),
    ...(max !== undefined ? [Max(max, { message })] : []),
  );
}

/**
 * The variable is read once, by `parse`: the property holds the typed value, or validation fails with
 * "<VARIABLE> <reason>". A default (not text) is kept as it is.
 */
export function Parsed<T>(parse: Parser<T>): PropertyDecorator {
  return apply(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? parse(value) : value)),
    ValidateBy({
      name: 'parsed',
      validator: {
        validate: (value: unknown) => !(value instanceof Refused),
        defaultMessage: (args) => `${args?.property} ${(args?.value as Refused).reason}`,
      },
    }),
  );
}
