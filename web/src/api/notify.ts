import { ElMessage } from 'element-plus';
import { ApiError } from './http';

/** Shows an API error's Chinese message as-is; 401s are already handled by the redirect to the login page. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError) {
    if (error.status !== 401) ElMessage.error(error.message);
    return;
  }
  ElMessage.error('操作失败，请稍后重试');
}
