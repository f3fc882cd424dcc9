import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Icon } from './Icon';

describe('Icon', () => {
  it('marks the icons that point a way, so that a right-to-left page mirrors them', () => {
    const { container } = render(
      <div>
        <Icon name="back" />
        <Icon name="chevron" class="x" />
        <Icon name="signIn" />
        <Icon name="house" />
      </div>,
    );
    const classes = [...container.querySelectorAll('svg')].map((s) => s.getAttribute('class'));
    expect(classes).toEqual(['icon icon--directional', 'icon icon--directional x', 'icon icon--directional', 'icon']);
  });
});
