/**
 * Shapes of the messages between the server, the client and the results page, written once as data: the
 * TypeScript type of each is inferred from it (`Infer`), and `conforms` checks a value that crossed the
 * wire against it. So the types both sides compile against and the check the tests run cannot drift apart.
 * Objects are open: a field the shape does not name is allowed (a newer server may add one).
 */

export type Shape =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'null' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'literal'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly item: Shape }
  | { readonly kind: 'record'; readonly value: Shape }
  | { readonly kind: 'object'; readonly fields: { readonly [name: string]: Shape } }
  | { readonly kind: 'union'; readonly options: readonly Shape[] }
  | { readonly kind: 'optional'; readonly inner: Shape };

export const string = { kind: 'string' } as const;
export const number = { kind: 'number' } as const;
export const boolean = { kind: 'boolean' } as const;
export const nullValue = { kind: 'null' } as const;
/** Anything: what the other side passes through without reading (a Glue table definition, say). */
export const unknown = { kind: 'unknown' } as const;

/** One of these strings. */
export function literal<const V extends readonly string[]>(...values: V): { readonly kind: 'literal'; readonly values: V } {
  return { kind: 'literal', values };
}

export function array<const S extends Shape>(item: S): { readonly kind: 'array'; readonly item: S } {
  return { kind: 'array', item };
}

/** An object whose keys are data (column names): every value of one shape. */
export function record<const S extends Shape>(value: S): { readonly kind: 'record'; readonly value: S } {
  return { kind: 'record', value };
}

export function object<const F extends { readonly [name: string]: Shape }>(fields: F): { readonly kind: 'object'; readonly fields: F } {
  return { kind: 'object', fields };
}

export function union<const O extends readonly Shape[]>(...options: O): { readonly kind: 'union'; readonly options: O } {
  return { kind: 'union', options };
}

/** A field that may be absent. */
export function optional<const S extends Shape>(inner: S): { readonly kind: 'optional'; readonly inner: S } {
  return { kind: 'optional', inner };
}

/** A value or null. */
export function nullable<const S extends Shape>(inner: S) {
  return union(inner, nullValue);
}

type Flat<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { kind: 'optional' } ? K : never }[keyof F];
type ObjectOf<F> = Flat<{ -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { -readonly [K in OptionalKeys<F>]?: F[K] extends { inner: infer I } ? Infer<I> : never }>;

/** The TypeScript type of the values of a shape. */
export type Infer<S> = S extends { kind: 'string' }
  ? string
  : S extends { kind: 'number' }
    ? number
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'null' }
        ? null
        : S extends { kind: 'unknown' }
          ? unknown
          : S extends { kind: 'literal'; values: readonly (infer V)[] }
            ? V
            : S extends { kind: 'array'; item: infer I }
              ? Infer<I>[]
              : S extends { kind: 'record'; value: infer V }
                ? Record<string, Infer<V>>
                : S extends { kind: 'object'; fields: infer F }
                  ? ObjectOf<F>
                  : S extends { kind: 'union'; options: readonly (infer O)[] }
                    ? O extends unknown
                      ? Infer<O>
                      : never
                    : S extends { kind: 'optional'; inner: infer I }
                      ? Infer<I> | undefined
                      : never;

/** Where a value differs from its shape, one line per difference (`result.changes[0].safety: …`); empty when it conforms. */
export function conforms(value: unknown, shape: Shape, path = '$'): string[] {
  switch (shape.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === shape.kind ? [] : [`${path}: expected a ${shape.kind}, got ${describe(value)}`];
    case 'null':
      return value === null ? [] : [`${path}: expected null, got ${describe(value)}`];
    case 'unknown':
      return [];
    case 'literal':
      return typeof value === 'string' && shape.values.includes(value) ? [] : [`${path}: expected one of ${shape.values.join(', ')}, got ${describe(value)}`];
    case 'optional':
      return value === undefined ? [] : conforms(value, shape.inner, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => conforms(v, shape.item, `${path}[${i}]`)) : [`${path}: expected an array, got ${describe(value)}`];
    case 'record':
      return isObject(value) ? Object.entries(value).flatMap(([k, v]) => conforms(v, shape.value, `${path}.${k}`)) : [`${path}: expected an object, got ${describe(value)}`];
    case 'object':
      if (!isObject(value)) return [`${path}: expected an object, got ${describe(value)}`];
      return Object.entries(shape.fields).flatMap(([k, s]) => (k in value || s.kind === 'optional' ? conforms(value[k], s, `${path}.${k}`) : [`${path}.${k}: missing`]));
    case 'union': {
      const each = shape.options.map((o) => conforms(value, o, path));
      return each.some((p) => p.length === 0) ? [] : each.sort((a, b) => a.length - b.length)[0]!;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value;
}
