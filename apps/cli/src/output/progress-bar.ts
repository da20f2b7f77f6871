/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = Boolean(stream.isTTY);
  let last = "";
  return {
    update(label: string, done: number, total: number) {
      if (!enabled) return;
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const line = `${label.padEnd(11)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\x1b[K`);
    },
    done() {
      if (enabled && last) stream.write("\r\x1b[K");
    },
  };
}
