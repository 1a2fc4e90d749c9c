import { type Component, defineAsyncComponent } from 'vue';

/**
 * Sections other features add to the subject page (features never import each other; the router composes them).
 * Each is rendered with the props `subjectId` and `subject` ({ uscc, name }) below the page's own sections.
 */
export const subjectSections: { key: string; component: Component }[] = [
  {
    key: 'credit-records',
    component: defineAsyncComponent(() => import('@/features/credit-records/SubjectCreditRecords.vue')),
  },
];
