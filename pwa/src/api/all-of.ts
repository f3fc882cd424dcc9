/**
 * A list of every member of a union of strings, in the order given: `allOf<JobState>()([...])`
 * fails to type-check when a member is missing, so that a value added to docs/openapi.yaml (and
 * so to the generated type) cannot slip past a list the screens walk through.
 */
export function allOf<T extends string>() {
  return <const A extends readonly T[]>(list: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): readonly T[] =>
    list;
}
