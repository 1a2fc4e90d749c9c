/** Shown as a placeholder; the server enforces the policy (src/auth/password.ts) and explains any problem. */
export const PASSWORD_HINT = '8–64 位，含大小写字母、数字、符号中的三类';
