import type { FormItemRule } from 'element-plus';
import type { z } from 'zod';

/**
 * An Element Plus rule that checks a field with the server's own Zod schema, so the dialog shows the
 * server's Chinese message before anything is sent.
 */
export function zodRule(schema: z.ZodType, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  // Marks the field required (the asterisk) when the schema refuses an empty value; the validator below does the checking.
  return {
    trigger,
    required: !schema.safeParse('').success && !schema.safeParse(undefined).success,
    validator: (_rule, value: unknown, callback) => {
      const result = schema.safeParse(value);
      callback(result.success ? undefined : new Error(result.error.issues[0]?.message ?? '格式不正确'));
    },
  };
}

/** `zodRule` for each of `keys` of an object schema's shape. */
export function zodRules<S extends Record<string, z.ZodType>, K extends keyof S & string>(
  shape: S,
  keys: readonly K[],
  trigger: 'blur' | 'change' = 'blur',
): Record<K, FormItemRule[]> {
  return Object.fromEntries(keys.map((k) => [k, [zodRule(shape[k]!, trigger)]])) as Record<K, FormItemRule[]>;
}
