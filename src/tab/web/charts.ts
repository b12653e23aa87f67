import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

/**
 * The year's charts (Chart.js: MIT, canvas, tree-shaken to the bar chart; loaded only when the year is
 * shown, so the table paints without it). A canvas says nothing to a screen reader: each chart carries a
 * summary as its label, and the page shows the same figures as a table.
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Distinguishable with common colour-vision deficiencies (Okabe-Ito), on white.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export function monthChart(canvas: HTMLCanvasElement, labels: string[], series: { label: string; data: number[] }[]): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: series.map((s, i) => ({ ...s, backgroundColor: PALETTE[i % PALETTE.length]! })) },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

export function shareChart(canvas: HTMLCanvasElement, labels: string[], shares: (number | null)[]): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: '%', data: shares.map((s) => (s === null ? 0 : Math.round(s * 1000) / 10)), backgroundColor: ['#0072B2', '#009E73'] },
      ],
    },
    options: {
      animation: false,
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
      plugins: { legend: { display: false } },
    },
  });
}
