import { z } from 'zod';
import { inspectionObjectKinds } from './inspection-object.table';

export const inspectionObjectInput = z.object({
  kind: z.enum(inspectionObjectKinds, { message: '对象类别应为 场所、车辆、项目、设备 或 其他' }),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100),
  identifier: z.string().trim().max(60).default(''),
  address: z.string().trim().max(200).default(''),
  divisionCode: z.string().regex(/^[0-9]{6}$/, '行政区划代码应为 6 位数字'),
  /** USCC of the market subject bearing legal responsibility. */
  responsibleUscc: z.string().trim().toUpperCase().min(1, '请填写承担法律责任的市场主体统一社会信用代码'),
  departmentId: z.number().int().positive(),
  note: z.string().trim().max(500).default(''),
  status: z.enum(['有效', '停用']).default('有效'),
});
export type InspectionObjectInput = z.infer<typeof inspectionObjectInput>;

export const inspectionObjectView = z.object({
  id: z.number(),
  kind: z.enum(inspectionObjectKinds),
  name: z.string(),
  identifier: z.string(),
  address: z.string(),
  divisionCode: z.string(),
  responsibleSubject: z.object({ id: z.number(), uscc: z.string(), name: z.string() }),
  departmentId: z.number(),
  departmentName: z.string(),
  note: z.string(),
  status: z.enum(['有效', '停用']),
});
export type InspectionObjectView = z.infer<typeof inspectionObjectView>;
