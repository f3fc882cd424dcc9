// A timesheet (docs/openapi.yaml: Sheet) for the hours after a job (issue 12).
import type { Sheet } from '../hours';

export function sheet(extra: Partial<Sheet> = {}): Sheet {
  return {
    id: 501,
    job_id: 77,
    role: 'worker',
    place: 1,
    first_name: 'Ayşe',
    unit: 'minutes',
    state: 'proposed',
    proposed: 135,
    confirmed: null,
    reason: null,
    due_at: '2026-12-04T12:00:00+01:00',
    dispute_reason: null,
    approved: null,
    decision_note: null,
    max_minutes: 180,
    steps: [{ step: 'propose', role: 'system', at: '2026-12-01T12:00:00+01:00', value: 135, text: null }],
    ...extra,
  };
}
