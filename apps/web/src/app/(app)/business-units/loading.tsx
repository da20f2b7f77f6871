export default function Loading() {
  return (
    <p className="muted" role="status">
      Loading business units…
    </p>
  );
}
