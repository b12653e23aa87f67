/** Something that must work before the app can serve; /readyz runs every check. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}
