import type { vLoading } from 'element-plus';

declare module 'vue' {
  interface GlobalDirectives {
    vLoading: typeof vLoading;
  }
}

export {};
