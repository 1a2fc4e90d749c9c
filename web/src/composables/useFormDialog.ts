import { ElMessage, type FormInstance } from 'element-plus';
import { ref, type Ref, type TemplateRef, useTemplateRef, watch } from 'vue';
import { whileBusy } from '@/api/notify';

export interface FormDialogOptions<R> {
  /** Runs each time the dialog opens, e.g. to fill the form; the form's old validation messages are cleared after it. */
  onOpen?: () => void;
  /**
   * Sends the form; called only once the form's rules pass. Returning `undefined` stops quietly
   * (for fields the rules already require but TypeScript still sees as optional).
   */
  save: () => Promise<R> | undefined;
  /** The success message, read after the request succeeded; leave out for none. */
  success?: string | (() => string);
  /** Whether the dialog closes after success; default `true`. */
  close?: boolean;
  /** Runs last after success, e.g. `emit('saved')`. */
  onSuccess?: (result: R) => void;
}

export interface FormDialog {
  /** The dialog's `<el-form>`, found by its `ref="formRef"`; only needed for extra calls such as `clearValidate()`. */
  formRef: TemplateRef<FormInstance>;
  /** True while the request is under way: bind to the submit button's `loading`. */
  saving: Ref<boolean>;
  /** Validates the form, sends it, shows the success message, closes the dialog and calls `onSuccess`; a failure is shown with `notifyError`. */
  submit: () => Promise<void>;
}

/**
 * The flow shared by the form dialogs; the dialog's `<el-form>` must carry `ref="formRef"`.
 * On open: `onOpen()`, then clear old validation messages.
 * On submit: validate → `saving` on → `save()` → success message → close (`open = false`) → `onSuccess`;
 * a failed request shows its Chinese message (`notifyError`) and leaves the dialog open.
 */
export function useFormDialog<R>(open: Ref<boolean>, options: FormDialogOptions<R>): FormDialog {
  const formRef = useTemplateRef<FormInstance>('formRef');
  const saving = ref(false);
  const { onOpen, save, success, close = true, onSuccess } = options;

  if (onOpen) {
    watch(open, (visible) => {
      if (!visible) return;
      onOpen();
      formRef.value?.clearValidate();
    });
  }

  async function submit(): Promise<void> {
    if (!(await formRef.value?.validate().catch(() => false))) return;
    await whileBusy(saving, async () => {
      const pending = save();
      if (pending === undefined) return;
      const result = await pending;
      const message = typeof success === 'function' ? success() : success;
      if (message) ElMessage.success(message);
      if (close) open.value = false;
      onSuccess?.(result);
    });
  }

  return { formRef, saving, submit };
}
