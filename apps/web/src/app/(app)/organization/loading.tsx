export default function OrganizationLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Organization</h1>
      <p className="muted" role="status">
        Loading the organization…
      </p>
    </div>
  );
}
