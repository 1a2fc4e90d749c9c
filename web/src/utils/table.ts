/**
 * Element Plus types a table slot's `row` as `Record<PropertyKey, any>`.
 * `rowAs<T>()` returns a function that hands the row back with its real type, e.g. `dept(row).parentName`.
 */
export const rowAs =
  <T extends object>() =>
  (row: Record<PropertyKey, unknown>): T =>
    row as T;
