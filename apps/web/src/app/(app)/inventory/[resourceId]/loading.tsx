export default function ResourceLoading() {
  return (
    <div className="stack" aria-busy="true">
      <p className="muted" role="status">
        Loading the resource…
      </p>
    </div>
  );
}
