"use client";

import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/**
 * False in the server render and while React hydrates, true once this part of the page is
 * interactive. A control rendered before hydration looks alive but has no handler yet: a click
 * or a typed value there is lost (seen on a loaded machine, where hydration takes seconds).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * Disables every form control inside it until its part of the page has hydrated, so a user
 * (or a browser test) never acts on a control whose handler is not attached yet. Renders a
 * borderless `<fieldset>` that takes no room in the layout.
 */
export function HydrationGate(props: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset
      className="hydration-gate"
      disabled={!hydrated}
      aria-busy={hydrated ? undefined : true}
    >
      {props.children}
    </fieldset>
  );
}
