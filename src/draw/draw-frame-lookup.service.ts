// The draw's view of the registers (sampling frame, round items), shared with the full check, special
// plans and registrations so that they select subjects exactly as the draw does.
export { loadFrameRegisters, loadRegisterSubjects, loadRoundItems, sectionOfDivision } from './draw-inputs.repository';
