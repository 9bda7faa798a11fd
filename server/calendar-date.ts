const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether `text` is a date that exists, written `YYYY-MM-DD` (proleptic
 * Gregorian, years 0001–9999): "2024-02-29" is, "2025-02-30" and "2025-2-3"
 * are not. Dates in this form compare correctly as strings.
 */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Today in China Standard Time (UTC+8, no daylight saving), as `YYYY-MM-DD`: the day staff see on their calendars, and the day that decides what is due. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** `day` (`YYYY-MM-DD`) moved by `days` days (negative: earlier). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}
