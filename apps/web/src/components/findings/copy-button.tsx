"use client";

import { useState } from "react";
import { useHydrated } from "@/components/hydration-gate";

/** Copies a remediation snippet to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const hydrated = useHydrated();
  return (
    <button
      className="button secondary"
      type="button"
      disabled={!hydrated}
      aria-label={`Copy the ${label} snippet`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2500);
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text" : "Copy"}
    </button>
  );
}
