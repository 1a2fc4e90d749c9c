// What other capabilities (task staffing, registrations, the task list) ask of the inspector register.
export { candidateInspectors, inspectorOfUser } from './inspector.repository';
