import { z } from 'zod';

/** Zod field builders for records received from other systems, with the Chinese message naming the field. */
export const oneOf = (label: string, values: readonly string[]) => `${label}应为 ${values.join('、')} 之一`;

export const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 个字`);

export const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label}应为文字` })
    .trim()
    .max(max, `${label}不超过 ${max} 个字`)
    .default('');

export const date = (label: string) =>
  z.iso.date({ message: `${label}应为 YYYY-MM-DD` }).refine((d) => d >= '1949-10-01' && d <= '2999-12-31', {
    message: `${label}不在有效范围内`,
  });
