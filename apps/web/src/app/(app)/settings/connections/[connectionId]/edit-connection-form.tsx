"use client";

import { useActionState } from "react";
import { updateConnectionAction } from "../actions";

export function EditConnectionForm(props: { connectionId: string; regions: string; scheduleCron: string; scheduleEnabled: boolean }) {
  const [state, action, pending] = useActionState(updateConnectionAction, null);
  return (
    <form action={action} aria-label="Scope and schedule">
      <input type="hidden" name="connectionId" value={props.connectionId} />
      {state && !state.ok ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <p className="alert info" role="status">
          Saved.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="regions">Regions (empty = every enabled region)</label>
        <input id="regions" name="regions" defaultValue={props.regions} />
      </div>
      <div className="field">
        <label htmlFor="scheduleCron">Schedule (cron, UTC)</label>
        <input id="scheduleCron" name="scheduleCron" defaultValue={props.scheduleCron} />
      </div>
      <div className="field">
        <label>
          <input type="checkbox" name="scheduleEnabled" defaultChecked={props.scheduleEnabled} /> Scan on this schedule
        </label>
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
