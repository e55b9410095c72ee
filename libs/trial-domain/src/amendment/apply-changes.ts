/**
 * The amendment rule every view follows: a correction or an adverse-event update sets the fields
 * it names, and `null` clears a field. Kept in one module so that it is the one place to change.
 */
/** Applies changes where `null` clears a field. */
export const applyChanges = (
  fields: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...fields };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
};
