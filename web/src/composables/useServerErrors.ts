import { ref, type Ref } from 'vue';
import { ApiError } from '@/api/http';

export interface ServerErrors {
  /** The server's field problems by field path (`code`, `checkItems.0.content`, `ratios.B`): bind to `<el-form-item :error>`. */
  errors: Ref<Record<string, string>>;
  clear: () => void;
  /** Awaits a save; on failure records its field problems, then rethrows (the dialog still shows the message). */
  capture: <T>(pending: Promise<T>) => Promise<T>;
}

/** Puts the server's field problems (ApiError.details) next to the fields they name. */
export function useServerErrors(): ServerErrors {
  const errors = ref<Record<string, string>>({});
  const clear = () => {
    errors.value = {};
  };
  async function capture<T>(pending: Promise<T>): Promise<T> {
    clear();
    try {
      return await pending;
    } catch (error) {
      if (error instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const d of error.details)
          if (d.field) byField[d.field] = byField[d.field] ? `${byField[d.field]}；${d.message}` : d.message;
        errors.value = byField;
      }
      throw error;
    }
  }
  return { errors, clear, capture };
}
