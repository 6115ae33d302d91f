/** The Spoke mark: a hub with spokes. Decorative wherever text next to it names Spoke. */
export function SpokeMark({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" fill="currentColor" opacity="0.14" />
      <g stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
        <path d="M12 12 12 4.5M12 12l6.5 3.8M12 12l-6.5 3.8" />
      </g>
      <circle cx="12" cy="12" r="3.2" fill="currentColor" />
    </svg>
  );
}
