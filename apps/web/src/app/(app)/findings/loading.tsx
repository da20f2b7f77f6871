export default function FindingsLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Findings</h1>
      <p className="muted" role="status">
        Loading findings…
      </p>
    </div>
  );
}
