import type { TemplateComponent } from '@aerostic/shared';

type ComponentOf<T extends TemplateComponent['type']> = Extract<TemplateComponent, { type: T }>;

/** A stored template's component of one type (HEADER, BODY, FOOTER or BUTTONS); Meta allows one of each. */
export function templateComponent<T extends TemplateComponent['type']>(
  components: readonly TemplateComponent[],
  type: T,
): ComponentOf<T> | undefined {
  return components.find((component): component is ComponentOf<T> => component.type === type);
}
