// Tag names for the scope descriptions other capabilities show (plan-text.ts scopeText), e.g. registrations.
export { tagNameMap } from './annual-plan.repository';
