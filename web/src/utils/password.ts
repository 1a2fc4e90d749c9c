import type { FormItemRule } from 'element-plus';
import { passwordProblem } from '@server/auth/password-policy';

export { passwordProblem };

/** Shown as a placeholder; the same policy the server enforces (src/auth/password-policy.ts). */
export const PASSWORD_HINT = '8–64 位，含大小写字母、数字、符号中的三类，不用常见密码';

/** A form rule checking the server's password policy before submitting; `username` is read when validating. */
export function passwordRule(username: () => string | undefined): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const problem = passwordProblem(value ?? '', username());
      callback(problem ? new Error(problem) : undefined);
    },
  };
}
