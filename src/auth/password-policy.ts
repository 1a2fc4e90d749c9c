/**
 * 等保 practice: 8–64 characters drawing on at least three of upper case, lower case, digits and
 * symbols, and not containing the user name. Pure, so the web forms check it before submitting.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || password.length > 64 || classes < 3)
    return '密码须为 8–64 位，且至少包含大写字母、小写字母、数字、符号中的三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
