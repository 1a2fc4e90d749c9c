import type { ImportJobView } from '@server/imports/import.schemas';
import { onBeforeUnmount, shallowRef } from 'vue';
import { notifyError } from '@/api/notify';
import { importApi } from './api';

const POLL_MS = 500;

/** Follows one import job: `watch(id)` polls GET /api/imports/:id every 500 ms until it is no longer running. */
export function useImportJob(onFinished: (job: ImportJobView) => void) {
  const job = shallowRef<ImportJobView | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => clearTimeout(timer);

  async function poll(id: string): Promise<void> {
    try {
      job.value = await importApi.get(id);
    } catch (error) {
      notifyError(error);
      return;
    }
    if (job.value.status === 'running') timer = setTimeout(() => void poll(id), POLL_MS);
    else onFinished(job.value);
  }

  function watchJob(id: string): void {
    stop();
    job.value = null;
    void poll(id);
  }

  /** Forgets the job (the page switched to another register). */
  function reset(): void {
    stop();
    job.value = null;
  }

  onBeforeUnmount(stop);
  return { job, watchJob, reset };
}
