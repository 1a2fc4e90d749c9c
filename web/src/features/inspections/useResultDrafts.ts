import { ElMessage } from 'element-plus';
import { computed, reactive, ref } from 'vue';
import { ApiError } from '@/api/http';
import { notifyError } from '@/api/notify';
import { type CheckEntry, type CheckResult, inspectionApi, type InspectionView } from './api';
import { enqueueResults, isTransient, pendingFor, pendingResults } from './outbox';

type Draft = { result: CheckResult | undefined; notes: string };

const savedDraft = (c: CheckEntry): Draft => ({ result: c.result ?? undefined, notes: c.notes });
const differs = (a: Draft, b: Draft) => a.result !== b.result || a.notes.trim() !== b.notes.trim();

/** The server's problems with a batch (`results.<n>.…`, n the position in the request), by check item. */
function problemsOf(error: ApiError, sent: readonly { checkItemId: number }[]): Record<number, string> {
  const byItem: Record<number, string> = {};
  for (const d of error.details) {
    const n = /^results\.(\d+)\./.exec(d.field)?.[1];
    const entry = n === undefined ? undefined : sent[Number(n)];
    if (entry) byItem[entry.checkItemId] = d.message;
  }
  return byItem;
}

/**
 * One task as the inspector records it: the server's view, the draft of every check item of their department
 * (the result chosen and the note written), which drafts changed since the last save and which wait on the
 * phone, and the one 保存 that sends the department's items together (kept on the phone when the connection drops).
 */
export function useResultDrafts(taskNo: () => string) {
  const view = ref<InspectionView | null>(null);
  const drafts = reactive<Record<number, Draft>>({});
  /** Per check item: why it was not saved (the server's reason, or a note without a result). */
  const problems = ref<Record<number, string>>({});
  const saving = ref(false);

  const mine = computed(() => view.value?.departments.find((d) => d.id === view.value?.myDepartmentId) ?? null);
  const queuedOf = (c: CheckEntry) => pendingResults(taskNo()).find((e) => e.checkItemId === c.checkItemId);

  /** Takes the server's view; a draft the inspector is still editing is kept, one waiting on the phone is shown as saved there. */
  function adopt(v: InspectionView): void {
    const before = new Map(view.value?.departments.flatMap((d) => d.checks.map((c) => [c.checkItemId, c])) ?? []);
    const queued = new Map(pendingResults(taskNo()).map((e) => [e.checkItemId, e]));
    view.value = v;
    for (const d of v.departments)
      for (const c of d.checks) {
        const draft = drafts[c.checkItemId];
        const old = before.get(c.checkItemId);
        if (draft && old && differs(draft, savedDraft(old))) continue;
        const q = queued.get(c.checkItemId);
        drafts[c.checkItemId] = q ? { result: q.result, notes: q.notes } : savedDraft(c);
      }
  }

  /** Another task is opened in the same page: nothing of the previous one is kept. */
  function reset(): void {
    view.value = null;
    problems.value = {};
    for (const id of Object.keys(drafts)) delete drafts[Number(id)];
  }

  /** Saved on the phone, not yet on the server. */
  const isUnsent = (c: CheckEntry) => {
    const q = queuedOf(c);
    return q !== undefined && differs(q, savedDraft(c)) && !differs(q, drafts[c.checkItemId]!);
  };
  /** Changed since the last save (on the server, or on the phone while offline). */
  const isChanged = (c: CheckEntry) => {
    const d = drafts[c.checkItemId];
    return d !== undefined && differs(d, queuedOf(c) ?? savedDraft(c));
  };
  const changedCount = computed(() => mine.value?.checks.filter(isChanged).length ?? 0);
  /** Items and photos waiting on the phone. */
  const unsentCount = computed(
    () =>
      (mine.value?.checks.filter(isUnsent).length ?? 0) + pendingFor(taskNo()).filter((e) => e.kind === 'photo').length,
  );

  /** One 保存 for the department: every item with a result chosen, in one request (the server keeps what did not change). */
  async function saveAll(): Promise<void> {
    const d = mine.value;
    if (!d) return;
    const noResult = d.checks.filter((c) => !drafts[c.checkItemId]!.result && drafts[c.checkItemId]!.notes.trim());
    problems.value = Object.fromEntries(noResult.map((c) => [c.checkItemId, '已写说明，请选择检查结果后再保存']));
    const entries = d.checks
      .filter((c) => drafts[c.checkItemId]!.result)
      .map((c) => ({
        checkItemId: c.checkItemId,
        result: drafts[c.checkItemId]!.result!,
        notes: drafts[c.checkItemId]!.notes.trim(),
      }));
    if (!entries.length) return void ElMessage.warning('请先选择检查结果');
    const skipped = noResult.length ? `；${noResult.length} 项未选择结果，未保存` : '';
    saving.value = true;
    try {
      adopt(await inspectionApi.recordAll(taskNo(), entries));
      ElMessage.success(`已保存 ${entries.length} 项${skipped}`);
    } catch (error) {
      if (!isTransient(error)) {
        if (error instanceof ApiError) problems.value = { ...problems.value, ...problemsOf(error, entries) };
        return notifyError(error);
      }
      enqueueResults(taskNo(), entries);
      ElMessage.warning(`网络异常，结果已保存在本机，恢复后自动发送${skipped}`);
    } finally {
      saving.value = false;
    }
  }

  return {
    view,
    mine,
    drafts,
    problems,
    saving,
    adopt,
    reset,
    isUnsent,
    isChanged,
    changedCount,
    unsentCount,
    saveAll,
  };
}
