// The visits a year's visit rules count, for the draw's history and a subject's register page.
export { loadDrawHistory, loadPlannedVisits } from './visit-rules.repository';
