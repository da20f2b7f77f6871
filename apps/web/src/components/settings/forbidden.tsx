/** Shown instead of a settings page the role may not open (the server refuses its actions too). */
export function Forbidden({ what }: { what: string }) {
  return (
    <div className="panel" role="alert" data-testid="forbidden">
      <h1>Not available for your role</h1>
      <p className="muted">Only an OWNER or ADMIN can open {what}. Ask one of them if you need a change.</p>
    </div>
  );
}
