export default function TrendsLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Trends</h1>
      <p className="muted" role="status">
        Loading posture trends…
      </p>
    </div>
  );
}
