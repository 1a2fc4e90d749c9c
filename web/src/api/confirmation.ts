import { ElMessageBox } from 'element-plus';
import { ApiError } from './http';

/**
 * Sends a request that the server may answer with a question (409 CONFIRMATION_REQUIRED, e.g. a visit or a check-in
 * on a rest day): asks it in a confirm box and, once the user confirms, sends the request again with the flags the
 * answer named set to true. Resolves to undefined when the user declines; any other error is thrown as it came.
 */
export async function sendConfirming<T>(send: (confirmed: Record<string, true>) => Promise<T>): Promise<T | undefined> {
  try {
    return await send({});
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'CONFIRMATION_REQUIRED') throw error;
    try {
      await ElMessageBox.confirm(error.message, '请确认', {
        type: 'warning',
        confirmButtonText: '确认',
        cancelButtonText: '取消',
      });
    } catch {
      return undefined;
    }
    return send(Object.fromEntries(error.details.map((d) => [d.field, true as const])));
  }
}
