import { describe, expect, it } from 'vitest';
import { checkUscc, orgCodeCheckCharacter, usccCheckCharacter } from '../../src/shared/uscc';

describe('USCC (GB 32100-2015)', () => {
  it("computes the standard's worked example: 91350100M000100Y4 → 3", () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(checkUscc('91350100M000100Y43')).toEqual({ valid: true });
  });

  it('accepts lower case and surrounding spaces as the same code', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toEqual({ valid: true });
  });

  it('gives a different reason for each kind of failure', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({ valid: false, reason: '长度应为 18 位，实际 17 位' });
    expect(checkUscc('91350100M0001O0Y43')).toEqual({
      valid: false,
      reason: '第 14 位字符“O”不在允许的字符集内（不使用 I、O、S、V、Z）',
    });
    expect(checkUscc('9135A100M000100Y43')).toEqual({ valid: false, reason: '第 3–8 位行政区划码应为数字' });
    // M000100Y: 22×3 + 1×5 + 34×2 = 139, 139 mod 11 = 7, check 11 − 7 = 4.
    expect(checkUscc('91350100M000100Y53')).toEqual({
      valid: false,
      reason: '第 9–17 位组织机构代码校验位错误（应为 4）',
    });
    expect(checkUscc('91350100M000100Y44')).toEqual({ valid: false, reason: '第 18 位校验码错误（应为 3，实际 4）' });
  });

  it('computes GB 11714 organisation-code check characters, including X and 0', () => {
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4');
    // 6 × 2 = 12 ≡ 1 (mod 11) → 11 − 1 = 10, written X; a sum ≡ 0 gives 11, written 0.
    expect(orgCodeCheckCharacter('00000006')).toBe('X');
    expect(orgCodeCheckCharacter('00000000')).toBe('0');
  });
});

describe('USCC codes never assigned', () => {
  it('refuses 000000000000000000 and other codes of one repeated character, though their check characters compute', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    expect(orgCodeCheckCharacter('00000000')).toBe('0');
    expect(checkUscc('000000000000000000')).toEqual({
      valid: false,
      reason: '18 位都是“0”，不是登记机关赋予的代码',
    });
    expect(checkUscc('111111111111111111').valid).toBe(false);
  });

  it('refuses a registration authority or institution category that GB 32100 does not define', () => {
    const withCheck = (first8: string, org8: string) => {
      const first17 = `${first8}${org8}${orgCodeCheckCharacter(org8)}`;
      return first17 + usccCheckCharacter(first17);
    };
    expect(checkUscc(withCheck('00371102', 'MA3C7X8P'))).toEqual({
      valid: false,
      reason: '第 1 位登记管理部门代码“0”不存在（应为 1–9、A、N 或 Y）',
    });
    expect(checkUscc(withCheck('94371102', 'MA3C7X8P'))).toEqual({
      valid: false,
      reason: '第 2 位机构类别代码“4”不适用于登记管理部门代码“9”（应为 1、2、3 之一）',
    });
    for (const prefix of ['91', '92', '93', '11', '12', '52', '53', 'Y1', 'N2'])
      expect(checkUscc(withCheck(`${prefix}371102`, 'MA3C7X8P')), prefix).toEqual({ valid: true });
  });
});
