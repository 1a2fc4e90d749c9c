import { type App, defineAsyncComponent } from 'vue';

/**
 * Panels a feature adds to another feature's page (web features do not import each other): registered here by name,
 * placed by the host page with one tag. The subject page shows the 联合奖惩 panel as <SubjectMeasures>.
 */
const SubjectMeasures = defineAsyncComponent(() => import('@/features/credit-measures/SubjectMeasures.vue'));

export function registerGlobalComponents(app: App): void {
  app.component('SubjectMeasures', SubjectMeasures);
}

declare module 'vue' {
  interface GlobalComponents {
    SubjectMeasures: typeof SubjectMeasures;
  }
}
