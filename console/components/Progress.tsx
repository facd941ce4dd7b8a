/** Long work in words and a bar: "3 of 12 parts", "2 pages, 20,000 answers". */
import { h } from 'preact';

export function Progress({ label, value, max }: { label: string; value?: number; max?: number }) {
  return (
    <div class="progress" role="status">
      <span>{label}</span>
      <progress value={value} max={max} aria-label={label} />
    </div>
  );
}
