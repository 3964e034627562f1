// The chaos run's targets (issue 21), checked against the figures it counted. Pure, so that the verdict is tested
// without a run: each failed target is named in the report's last line.

/**
 * @param {{
 *   inbound: { accepted: number, stored: number },
 *   outbound: { requested: number, sent: number, failedWithReason: number },
 *   duplicates: { count: number, allowed: number },
 *   drained: boolean,
 *   fuzz: { crashes: number, storedFromInvalid: number, sent: number, expected: number },
 *   chaos: { done: string[], planned: string[] },
 * }} figures
 * @returns {{ pass: boolean, failures: string[], line: string }}
 */
export function verdict(figures) {
  const failures = [];
  const { inbound, outbound, duplicates, fuzz, chaos } = figures;
  if (inbound.stored !== inbound.accepted)
    failures.push(`inbound stored ${inbound.stored} of ${inbound.accepted} accepted`);
  const settled = outbound.sent + outbound.failedWithReason;
  if (settled !== outbound.requested)
    failures.push(
      `outbound ${outbound.requested - settled} of ${outbound.requested} neither sent nor failed with a reason`,
    );
  if (duplicates.count > duplicates.allowed)
    failures.push(`${duplicates.count} duplicate sends (at most ${duplicates.allowed})`);
  if (!figures.drained) failures.push('the backlog did not drain');
  if (fuzz.sent !== fuzz.expected) failures.push(`fuzzer sent ${fuzz.sent} of ${fuzz.expected} bodies`);
  if (fuzz.crashes > 0) failures.push(`${fuzz.crashes} crashes under the fuzzer`);
  if (fuzz.storedFromInvalid > 0) failures.push(`${fuzz.storedFromInvalid} rows stored from invalid fuzz bodies`);
  const missed = chaos.planned.filter((event) => !chaos.done.includes(event));
  if (missed.length > 0) failures.push(`faults not injected: ${missed.join(', ')}`);
  const pass = failures.length === 0;
  return { pass, failures, line: pass ? 'chaos: PASS' : `chaos: FAIL ${failures.join('; ')}` };
}
