/** Shown while the first route's code downloads; plain markup so the entry chunk stays small. */
export function BootScreen() {
  return (
    <div className="boot" role="status">
      Đang tải…
    </div>
  );
}
