import { z } from 'zod';
import { idCardProblem } from './id-card';

/** 18-digit 公民身份号码 checked by GB 11643 (only its masked form is ever stored). */
export const idCardNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = idCardProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const phoneNumber = z
  .string()
  .trim()
  .regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, '电话应为 11 位手机号或带区号的固定电话');
