import { ElMessage, ElMessageBox } from 'element-plus';
import type { Ref } from 'vue';
import { ApiError } from './http';

/** Shows an API error's Chinese message as-is; 401s are already handled by the redirect to the login page. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError) {
    if (error.status !== 401) ElMessage.error(error.message);
    return;
  }
  ElMessage.error('操作失败，请稍后重试');
}

/**
 * Runs `task` with `busy` set while it is under way (for a spinner or a button's `loading`).
 * A failure is shown with `notifyError` and not rethrown: resolves to the task's result, or `undefined` if it failed.
 */
export async function whileBusy<T>(busy: Ref<boolean>, task: () => Promise<T>): Promise<T | undefined> {
  busy.value = true;
  try {
    return await task();
  } catch (error) {
    notifyError(error);
    return undefined;
  } finally {
    busy.value = false;
  }
}

/** What a warning confirm box asks: its text, its title and the label of its confirm button (the other one is 取消). */
export interface Confirmation {
  message: string;
  title: string;
  confirmText: string;
}

/** Asks in a warning confirm box and runs `action` once confirmed; cancelling does nothing, a failure is shown with `notifyError`. */
export async function confirmThen(
  { message, title, confirmText }: Confirmation,
  action: () => Promise<void>,
): Promise<void> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
    });
  } catch {
    return;
  }
  try {
    await action();
  } catch (error) {
    notifyError(error);
  }
}
