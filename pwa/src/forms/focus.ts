/** Moves focus to the first field marked invalid inside `root` (after the errors rendered).
 * Buttons that stand for a value (the home point, language chips) cannot carry aria-invalid;
 * they are marked data-invalid="true" instead. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
  if (el) {
    el.focus();
    return;
  }
  // No field to blame: the form's alert says what went wrong.
  root?.querySelector<HTMLElement>('[data-form-alert]')?.focus();
}
