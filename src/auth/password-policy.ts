import { refusedPasswords } from './refused-passwords';

/**
 * 等保 practice: 8–64 characters drawing on at least three of upper case, lower case, digits and
 * symbols; not containing the user name; not a common or published password (the refused list, a
 * common word dressed with digits and symbols, or a keyboard walk such as Qwer1234!). Pure, so the web
 * forms check it before submitting. That it differs from the current password is checked by the server.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || password.length > 64 || classes < 3)
    return '密码须为 8–64 位，且至少包含大写字母、小写字母、数字、符号中的三类';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  if (refused.has(lower) || commonWordWithDecoration(lower)) return '该密码过于常见或已公开，容易被猜中，请换一个';
  if (isKeyboardWalk(lower)) return '密码不能由键盘上相邻、连续或重复的字符组成（如 Qwer1234!、1qaz@WSX）';
  return null;
}

const refused = new Set(refusedPasswords);

// Words people dress up with digits and symbols (Admin2026!, P@ssw0rd2026): refused whatever the decoration.
const commonWords = new Set([
  'password',
  'passwd',
  'admin',
  'administrator',
  'root',
  'welcome',
  'qwerty',
  'letmein',
  'iloveyou',
  'changeme',
  'lianjian',
  'test',
  'guest',
  'user',
  'system',
  'manager',
  'huawei',
  'sangfor',
  'woaini',
  'zhongguo',
  'china',
  'mima',
  'ceshi',
]);
const leet: Record<string, string> = { '@': 'a', '0': 'o', $: 's', '1': 'i', '!': 'i', '3': 'e', '5': 's' };

function commonWordWithDecoration(lower: string): boolean {
  const plain = lower.replace(/[^a-z]/g, '');
  // A symbol or digit standing for a letter sits between letters: p@ssw0rd → password.
  const undone = lower.replace(/(?<=[a-z])[@0$1!35](?=[a-z])/g, (c) => leet[c]!).replace(/[^a-z]/g, '');
  return commonWords.has(plain) || commonWords.has(undone);
}

// Rows and columns of the keyboard, the alphabet and digits; walks may run either way.
const sequences = [
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '1234567890',
  '!@#$%^&*()',
  'abcdefghijklmnopqrstuvwxyz',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  '!qaz@wsx#edc$rfv%tgb^yhn&ujm*ik<(ol>)p:?',
].flatMap((s) => [s, [...s].reverse().join('')]);

const isWalkChunk = (chunk: string): boolean => /^(.)\1+$/.test(chunk) || sequences.some((s) => s.includes(chunk));

/** Whether all but at most two characters are covered by walks of three or more (qwer + 1234 + !). */
function isKeyboardWalk(lower: string): boolean {
  const n = lower.length;
  const uncovered = [0];
  for (let i = 1; i <= n; i += 1) {
    let best = uncovered[i - 1]! + 1;
    for (let j = i - 3; j >= 0; j -= 1) if (isWalkChunk(lower.slice(j, i))) best = Math.min(best, uncovered[j]!);
    uncovered.push(best);
  }
  return uncovered[n]! <= 2;
}
