// The monthly upload and processing budget behind `minutesLeft` (designed here: BeatPass
// documents the field, not the numbers). Minutes per plan; null is no limit.
const MONTHLY_MINUTES: Record<string, number | null> = {
  free: 30,
  classic: 120,
  plus: 300,
  pro: null,
};

/** Whole minutes left this month, never negative; null when the plan has no minute limit. */
export function minutesLeft(plan: string | null, uploadedMs: number): number | null {
  // An unknown plan name counts as free; `??` would also turn Pro's null into the free budget.
  const key = plan !== null && Object.hasOwn(MONTHLY_MINUTES, plan) ? plan : 'free';
  const budget = MONTHLY_MINUTES[key];
  if (budget === null || budget === undefined) return null;
  return Math.max(0, Math.floor((budget * 60_000 - uploadedMs) / 60_000));
}
