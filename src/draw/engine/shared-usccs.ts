/**
 * Credit codes for worker threads: usccs[from … to)'s UTF-8 bytes back to back in shared memory, the k-th from
 * usccStart[k]. A worker reads them without a copy of a string array in its own heap (10 M subjects: about 90 MB
 * shared instead of some 400 MB of strings).
 */
export function sharedUsccs(
  usccs: readonly string[],
  from = 0,
  to = usccs.length,
): { usccBytes: Uint8Array; usccStart: Int32Array } {
  const usccStart = new Int32Array(new SharedArrayBuffer((to - from + 1) * 4));
  for (let m = from; m < to; m += 1)
    usccStart[m - from + 1] = usccStart[m - from]! + Buffer.byteLength(usccs[m]!, 'utf8');
  const usccBytes = Buffer.from(new SharedArrayBuffer(usccStart[to - from]!));
  for (let m = from; m < to; m += 1) usccBytes.write(usccs[m]!, usccStart[m - from]!, 'utf8');
  return { usccBytes, usccStart };
}
