import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon';

export type Fact = {
  icon: IconName;
  label: string;
  value: ComponentChildren;
  /** A long text (an explanation): it gets the whole width. */
  long?: boolean;
};

/** Facts about one thing (a job), each as an icon and a label beside its value. */
export function Facts({ rows }: { rows: readonly Fact[] }) {
  return (
    <dl class="facts facts--icons">
      {rows.map((r) => (
        <div key={r.label} class="facts__row">
          <dt>
            <Icon name={r.icon} />
            {r.label}
          </dt>
          <dd class={r.long ? 'facts__long' : undefined}>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
