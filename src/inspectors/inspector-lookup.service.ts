// What other capabilities ask of the inspector register: which inspector a signed-in user is (the
// inspections they record, the tasks they see) and who may be sent (task staffing, registrations).
export { candidateInspectors, inspectorOfUser } from './inspector.repository';
