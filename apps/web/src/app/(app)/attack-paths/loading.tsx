export default function AttackPathsLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Attack paths</h1>
      <p className="muted" role="status">
        Loading attack paths…
      </p>
    </div>
  );
}
