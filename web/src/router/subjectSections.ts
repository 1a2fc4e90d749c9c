import { type Component, defineAsyncComponent } from 'vue';

/**
 * Sections other features add to the subject page (features never import each other; the router composes them).
 * Each is rendered with the props `subjectId` and `subject` (the SubjectView) below the page's own sections, in this
 * order, and may emit `changed` to reload the subject (e.g. after listing it as a key target).
 */
export const subjectSections: { key: string; component: Component }[] = [
  {
    key: 'risk',
    component: defineAsyncComponent(() => import('@/features/risk-assessment/SubjectRiskPanel.vue')),
  },
  {
    key: 'credit-history',
    component: defineAsyncComponent(() => import('@/components/credit/SubjectCreditHistory.vue')),
  },
  {
    key: 'key-targets',
    component: defineAsyncComponent(() => import('@/features/key-targets/SubjectKeyTargets.vue')),
  },
  {
    key: 'credit-measures',
    component: defineAsyncComponent(() => import('@/features/credit-measures/SubjectMeasures.vue')),
  },
  {
    key: 'credit-records',
    component: defineAsyncComponent(() => import('@/features/credit-records/SubjectCreditRecords.vue')),
  },
];
