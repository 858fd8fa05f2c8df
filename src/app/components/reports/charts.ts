// The statistics page's charts with Apache ECharts, only the parts drawn here (tree-shaken from
// echarts/core): line and bar charts, the funnel, axes, tooltip, legend, the canvas renderer.
// Imported only by StatsCharts.vue once the page is on screen.
import { BarChart, FunnelChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import type { ComposeOption, EChartsType } from 'echarts/core'
import { init, use } from 'echarts/core'
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([LineChart, BarChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

const font = { fontSize: 15 }

/** Draw `option` into `element` in the app's theme (ECharts' own dark theme when the app is dark). */
export function drawChart(element: HTMLElement, option: ChartOption, dark: boolean): EChartsType {
  const chart = init(element, dark ? 'dark' : undefined, { renderer: 'canvas' })
  chart.setOption({ backgroundColor: 'transparent', textStyle: font, animation: false, ...option })
  return chart
}

/** Lines of several series over months. */
export function trendOption(months: readonly string[], series: readonly { name: string; data: readonly number[] }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: font },
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: [...months], axisLabel: font },
    yAxis: { type: 'value', minInterval: 1, axisLabel: font },
    series: series.map((s) => ({ type: 'line', name: s.name, data: [...s.data], symbolSize: 8 })),
  }
}

/** The funnel's stages, widest first. */
export function funnelOption(stages: readonly { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'funnel', left: '10%', width: '80%', top: 8, bottom: 8, sort: 'none', minSize: '8%',
      // Dark text reads on every colour of both themes' palettes (white did not on yellow and green).
      label: { position: 'inside', fontSize: 15, formatter: '{b}  {c}', color: '#1f232b' },
      data: stages.map((stage) => ({ ...stage })),
    }],
  }
}

/** One figure per village as horizontal bars. */
export function comparisonOption(names: readonly string[], values: readonly number[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', axisLabel: font },
    yAxis: { type: 'category', data: [...names], inverse: true, axisLabel: font },
    series: [{ type: 'bar', name, data: [...values] }],
  }
}
