import { ElMessageBox } from 'element-plus';

/** Asks for a reason (at least 4 characters, as the server requires); null when cancelled. */
export async function askReason(title: string, message: string, confirmText = '确定'): Promise<string | null> {
  try {
    const { value } = await ElMessageBox.prompt(message, title, {
      inputType: 'textarea',
      inputValidator: (v) => (v?.trim().length ?? 0) >= 4 || '请说明理由（至少 4 个字）',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
    });
    return value.trim();
  } catch {
    return null;
  }
}
