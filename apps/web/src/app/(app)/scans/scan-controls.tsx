"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { cancelScanAction, scanNowAction } from "./actions";

export function ScanNowButton({ connectionId, label }: { connectionId: string; label: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label={label}
      pendingLabel="Requesting…"
      run={async () => {
        const r = await scanNowAction(connectionId);
        if (r.ok && r.data) router.push(`/scans/${r.data.scanId}`);
        return r;
      }}
    />
  );
}

export function CancelScanButton({ scanId }: { scanId: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label="Cancel scan"
      pendingLabel="Cancelling…"
      secondary
      run={async () => {
        const r = await cancelScanAction(scanId);
        if (r.ok) router.refresh();
        return r;
      }}
    />
  );
}
