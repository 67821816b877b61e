// Server-rendered SVG of the score history: no chart library, no client JS.
export function HealthSparkline({ points }: { points: { date: string; overall_score: number }[] }) {
  if (points.length < 2) return <p className="muted">Not enough history yet.</p>;
  const w = 560;
  const h = 120;
  const x = (i: number) => (i / (points.length - 1)) * (w - 20) + 10;
  const y = (s: number) => h - 10 - (s / 100) * (h - 20);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.overall_score).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className="sparkline" role="img" aria-label={`Health from ${first.overall_score} on ${first.date} to ${last.overall_score} on ${last.date}`}>
      {[40, 60, 80].map((t) => (
        <line key={t} x1={10} x2={w - 10} y1={y(t)} y2={y(t)} className="band-line" />
      ))}
      <path d={path} className="score-line" fill="none" />
      <text x={w - 10} y={y(last.overall_score) - 6} textAnchor="end" className="label">
        {last.overall_score}
      </text>
    </svg>
  );
}
