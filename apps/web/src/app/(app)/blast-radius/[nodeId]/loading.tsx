export default function BlastRadiusLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Blast radius</h1>
      <p className="muted" role="status">
        Following every path in the access graph…
      </p>
    </div>
  );
}
