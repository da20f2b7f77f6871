export default function InventoryLoading() {
  return (
    <div className="stack" aria-busy="true">
      <h1>Inventory</h1>
      <p className="muted" role="status">
        Loading resources…
      </p>
    </div>
  );
}
