"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createConnectionAction } from "./actions";

export function CreateConnectionForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState(createConnectionAction, null);
  useEffect(() => {
    if (state?.ok && state.data) router.push(`/settings/connections/${state.data.id}`);
  }, [state, router]);
  return (
    <form action={action} aria-label="New connection">
      {state && !state.ok ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">Name</label>
        <input id="name" name="name" required maxLength={100} placeholder="Acme production organization" />
      </div>
      <div className="field">
        <label htmlFor="managementRoleArn">Management-account role ARN</label>
        <input id="managementRoleArn" name="managementRoleArn" required placeholder="arn:aws:iam::123456789012:role/GuardrailOrgReader" />
      </div>
      <div className="field">
        <label htmlFor="memberRoleName">Member scanner role name</label>
        <input id="memberRoleName" name="memberRoleName" defaultValue="GuardrailScanner" />
      </div>
      <div className="field">
        <label htmlFor="regions">Regions (empty = every enabled region)</label>
        <input id="regions" name="regions" placeholder="us-east-1, eu-west-1" />
      </div>
      <div className="field">
        <label htmlFor="scheduleCron">Schedule (cron, UTC)</label>
        <input id="scheduleCron" name="scheduleCron" defaultValue="0 */6 * * *" />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create connection"}
      </button>
    </form>
  );
}
