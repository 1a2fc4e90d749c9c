import type {
  ChooseInspectorsInput,
  StaffingView,
  TaskOrigins,
  TaskView,
  WindowInput,
} from '@server/tasks/task.schemas';
import { http } from '@/api/http';

export type { StaffingView, TaskOrigins, TaskView };

const base = (taskNo: string) => `/api/tasks/${encodeURIComponent(taskNo)}`;

export const taskApi = {
  /** The draw rounds and special plans that have tasks the user may see (the list's filters). */
  origins: () => http.get<TaskOrigins>('/api/tasks/origins'),
  get: (taskNo: string) => http.get<TaskView>(base(taskNo)),
  /** Every inspector of each department with why they may not be sent, and the staffing record. */
  staffing: (taskNo: string) => http.get<StaffingView>(`${base(taskNo)}/staffing`),
  /** 指定: a department's own choice, every rule checked; a refusal lists the rules broken. */
  chooseInspectors: (taskNo: string, input: ChooseInspectorsInput) =>
    http.put<TaskView>(`${base(taskNo)}/inspectors`, input),
  /** 重新随机选派: staffs the missing departments and numbers again by the seeded rule. */
  restaff: (taskNo: string) => http.post<TaskView>(`${base(taskNo)}/restaff`),
  /** Moves the window of a non-draw task not yet scheduled. */
  changeWindow: (taskNo: string, input: WindowInput) => http.put<TaskView>(`${base(taskNo)}/window`, input),
};
