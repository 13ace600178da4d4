/// <reference lib="dom" />
// The one adapter of Chart.js: bar and line charts for the console's 统计分析 tab. Each canvas carries
// role="img" and a Chinese label; the numbers are also in the table under it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

/** Colours with at least 3:1 contrast on white, told apart by more than hue (dashes on lines). */
const COLOURS = ["#9f1d20", "#0a4fa8", "#1e6b30", "#7a4a00", "#5b2a86"];

export interface ChartSeries {
  label: string;
  values: number[];
}

export interface DrawChartOptions {
  kind: "bar" | "line";
  /** Shown above the chart. */
  title: string;
  /** What the chart shows, read out by screen readers. */
  label: string;
  categories: string[];
  series: ChartSeries[];
  /** Horizontal bars (long category names such as rule ids). */
  horizontal?: boolean;
  /** Values are shares 0–1, shown as percentages. */
  percent?: boolean;
}

export interface DrawnChart {
  element: HTMLElement;
  destroy(): void;
}

export function drawChart(options: DrawChartOptions): DrawnChart {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", options.label);
  // Fallback content names what is drawn, for a browser without canvas.
  canvas.textContent =
    options.categories.length > 0 ? `${options.label}：${options.categories.join("、")}` : options.label;
  const figure = document.createElement("figure");
  figure.className = "chart";
  const caption = document.createElement("figcaption");
  caption.textContent = options.title;
  const box = document.createElement("div");
  box.className = "chart-canvas";
  figure.append(caption, box);
  if (options.categories.length === 0) {
    const empty = document.createElement("p");
    empty.className = "muted";
    empty.textContent = "此区间没有数据。";
    box.replaceWith(empty);
    return { element: figure, destroy: () => undefined };
  }
  box.append(canvas);
  const chart = new Chart(canvas, {
    type: options.kind,
    data: {
      labels: options.categories,
      datasets: options.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: COLOURS[index % COLOURS.length],
        borderColor: COLOURS[index % COLOURS.length],
        borderDash: options.kind === "line" && index > 0 ? [6, 3 * index] : undefined,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? "y" : "x",
      plugins: { legend: { display: options.series.length > 1 } },
      scales: {
        [options.horizontal ? "x" : "y"]: {
          beginAtZero: true,
          ...(options.percent
            ? { max: 1, ticks: { callback: (value: string | number) => `${Math.round(Number(value) * 100)}%` } }
            : { ticks: { precision: 0 } }),
        },
      },
    },
  });
  return { element: figure, destroy: () => chart.destroy() };
}
