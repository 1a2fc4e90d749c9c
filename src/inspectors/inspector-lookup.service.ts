// Which inspector a signed-in user is, for the inspections they record and the tasks they see.
export { inspectorOfUser } from './inspector.repository';
