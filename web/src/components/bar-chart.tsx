import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

// Only the parts a bar chart uses, so the bundle carries no other chart type.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/**
 * A bar chart drawn by chart.js. The canvas is an image to assistive technology, so its label
 * carries the gist and the table beside it carries every number.
 */
export function BarChart(props: { id: string; title: string; labels: string[]; values: number[]; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: props.labels, datasets: [{ label: props.title, data: props.values, backgroundColor: '#1f5fa8' }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0, color: '#1d2733' } }, x: { ticks: { color: '#1d2733' } } },
      },
    });
    return () => chart.current?.destroy();
  }, [props.labels.join('|'), props.values.join('|'), props.title]);
  return (
    <figure class="chart">
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} id={props.id} role="img" aria-label={props.summary} />
      </div>
    </figure>
  );
}
