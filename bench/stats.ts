// Summaries of timing samples: the benchmark reports medians and worst cases, never means.

/** A set of samples (milliseconds unless the field says otherwise) and its summary. */
export interface Summary {
  n: number
  median: number
  worst: number
  best: number
  /** The samples, in the order measured, rounded to 0.01. */
  samples: number[]
}

const round2 = (v: number) => Math.round(v * 100) / 100

/** Median (mean of the middle two for an even count), worst (max) and best (min). */
export function summarise(samples: number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, worst: NaN, best: NaN, samples: [] }
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return {
    n: samples.length,
    median: round2(median),
    worst: round2(sorted.at(-1)!),
    best: round2(sorted[0]!),
    samples: samples.map(round2),
  }
}

/** `1,234 ms` / `12.3 ms` / `0.85 ms`: milliseconds with precision that fits the size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value >= 100) return `${Math.round(value).toLocaleString('en')} ms`
  if (value >= 10) return `${value.toFixed(1)} ms`
  return `${value.toFixed(2)} ms`
}

/** Bytes as `15,912 B`. */
export function bytes(value: number): string {
  return `${Math.round(value).toLocaleString('en')} B`
}

/** Megabytes (10^6) with one decimal. */
export function mb(value: number): string {
  return `${(value / 1e6).toFixed(1)} MB`
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
